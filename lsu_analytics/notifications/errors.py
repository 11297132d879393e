"""Errors of the notification layer."""
from __future__ import annotations


class NotificationError(Exception):
    """A notification could not be delivered; the message (French) names the server and what to do."""
