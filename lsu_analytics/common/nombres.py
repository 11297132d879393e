"""Numbers in text a user reads (CLI, logs, run index, reports): French separators, one definition."""
from __future__ import annotations

NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before % or s


def entier(n: int) -> str:
    """1234567 -> '1 234 567'."""
    return f"{int(n):,}".replace(",", NNBSP)


def secondes(s: float) -> str:
    """12.34 -> '12,3 s'."""
    return f"{s:.1f}".replace(".", ",") + " s"
