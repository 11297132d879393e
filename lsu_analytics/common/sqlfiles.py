"""Read a `.sql` file shipped inside a package (the one way SQL reaches Python)."""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_sql(package: str, name: str) -> str:
    """The text of `name` (e.g. "sql/stage.sql") inside `package` (pass `__package__`)."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")
