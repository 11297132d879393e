"""The history's SQL lives in `sql/*.sql`; a file may hold several `;`-terminated statements."""
from __future__ import annotations

import re

from lsu_analytics.common.sqlfiles import read_sql


def sql(name: str) -> str:
    return read_sql(__package__, f"sql/{name}.sql")


def run(con, name: str, params=None) -> list[tuple]:
    """Execute every statement of `sql/<name>.sql`, each with `params` if it uses `$1`…; rows of the last one."""
    rows: list[tuple] = []
    for statement in re.split(r";\s*\n", sql(name).strip().rstrip(";")):
        code = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--")).strip()
        if code:
            rows = con.execute(code, params if params is not None and "$" in code else None).fetchall()
    return rows
