"""Run the generator's SQL files."""
from __future__ import annotations

from lsu_analytics.common import sqlfiles


def read_sql(name: str) -> str:
    return sqlfiles.read_sql(__package__, f"sql/{name}")


def run_sql(con, name: str) -> None:
    con.execute(read_sql(name))


def set_variables(con, variables: dict) -> None:
    for name, value in variables.items():
        if not name.isidentifier():
            raise ValueError(f"nom de variable invalide : {name!r}")
        con.execute(f"SET VARIABLE {name} = ?", [value])
