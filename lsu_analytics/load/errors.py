"""The one error a load can end with: its message is French and names the file (and line/column)."""
from __future__ import annotations


class LoadError(Exception):
    """The export could not be loaded; the database that was there before is untouched."""
