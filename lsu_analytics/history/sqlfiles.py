"""The history's SQL lives in `sql/*.sql`; a file may hold several `;`-terminated statements."""
from __future__ import annotations

import re

from lsu_analytics.common.sqlfiles import read_sql


def sql(name: str) -> str:
    return read_sql(__package__, f"sql/{name}.sql")


def _used(code: str, params: list | None) -> list | None:
    """The positional parameters `code` uses ($1…$n: the first n), None if it uses none."""
    numbers = [int(n) for n in re.findall(r"\$(\d+)", code)]
    return list(params[:max(numbers)]) if params is not None and numbers else None


def run(con, name: str, params: list | None = None) -> list[tuple]:
    """Execute every statement of `sql/<name>.sql`, each with the `$1`… it uses; rows of the last one."""
    rows: list[tuple] = []
    for statement in re.split(r";\s*\n", sql(name).strip().rstrip(";")):
        code = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--")).strip()
        if code:
            rows = con.execute(code, _used(code, params)).fetchall()
    return rows
