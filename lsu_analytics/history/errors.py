"""Errors of the history layer: the message (French) says what to do."""
from __future__ import annotations


class HistoryError(Exception):
    """Refusal or failure of `historiser`, `historique` or `historique purger`; nothing was changed."""


def lock_message(e: Exception) -> str:
    """The lock's message (written for a loaded database) said of a history database."""
    return str(e).replace("la base", "l'historique", 1).replace("est utilisée", "est utilisé", 1)
