"""Notification of a scheduled run: what a reader needs first, by e-mail (SMTP) and/or webhook (JSON POST).

`compose(summary)` writes the message (French); `send_courriel` / `send_webhook` deliver it and raise
`NotificationError` (French message: what failed and what to do) on any failure.
"""
from .errors import NotificationError
from .message import Message, RunSummary, compose
from .smtp import send_courriel
from .webhook import send_webhook

__all__ = ["Message", "NotificationError", "RunSummary", "compose", "send_courriel", "send_webhook"]
