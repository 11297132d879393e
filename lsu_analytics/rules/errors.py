"""Errors of the rules layer; their message is French and tells the user what to do."""
from __future__ import annotations


class RulesError(Exception):
    """The rules could not run (catalogue, options or database); `str(e)` is meant for the user."""


class UnknownRuleError(RulesError):
    pass


class UnknownThresholdError(RulesError):
    pass
