"""The errors of the reports, importable without the reporting stack (a refusal is instant)."""
from __future__ import annotations


class ReportError(Exception):
    """A report cannot be produced; the message (French) says what to do."""


class ReportParamError(ReportError, ValueError):
    """A report parameter is wrong; the message (French) lists what is allowed."""
