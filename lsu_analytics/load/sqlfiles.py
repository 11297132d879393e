"""The loader's SQL lives in `sql/*.sql`; identifiers taken from the contract are filled in by name."""
from __future__ import annotations

import re
from functools import cache

from lsu_analytics.common.sqlfiles import read_sql

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _text(name: str) -> str:
    return read_sql(__package__, f"sql/{name}")


def render(text: str, **parts: str) -> str:
    """Replace `{name}` with SQL fragments built from the contract (never with user values)."""
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], text)


def sql(name: str, **parts: str) -> str:
    return render(_text(name), **parts)


@cache
def snippets(name: str) -> dict[str, str]:
    """A .sql file of expressions, each introduced by a `-- name: x` line."""
    out: dict[str, str] = {}
    current = None
    for line in _text(name).splitlines():
        m = re.match(r"--\s*name:\s*(\S+)", line)
        if m:
            current = m.group(1)
            out[current] = ""
        elif current and not line.startswith("--"):
            out[current] += line.strip() + " "
    return {k: v.strip() for k, v in out.items()}


def run(con, query: str, params=None) -> list[tuple]:
    """Execute one or more `;`-terminated statements and drain their results (DuckDB 2.0 requires it)."""
    statements = [s for s in (p.strip() for p in re.split(r";\s*\n", query.strip().rstrip(";"))) if s]
    rows: list[tuple] = []
    for i, statement in enumerate(statements):
        rows = con.execute(statement, params if i == len(statements) - 1 else None).fetchall()
    return rows


def scalar(con, query: str, params=None):
    return run(con, query, params)[0][0]
