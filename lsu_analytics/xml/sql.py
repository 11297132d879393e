"""The `.sql` files of this package."""
from __future__ import annotations

from importlib import resources


def sql(name: str) -> str:
    return resources.files(__package__).joinpath("sql", name).read_text(encoding="utf-8")
