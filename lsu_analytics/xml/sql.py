"""The `.sql` files of this package."""
from __future__ import annotations

from lsu_analytics.common.sqlfiles import read_sql


def sql(name: str) -> str:
    return read_sql(__package__, f"sql/{name}")
