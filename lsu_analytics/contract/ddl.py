"""DuckDB DDL derived from the contract declaration."""
from __future__ import annotations

from lsu_analytics.common.sqlfiles import read_sql

from .system import SYSTEM_TABLES
from .tables import TABLES, Table


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: Table, name: str | None = None) -> str:
    # No PRIMARY KEY/FOREIGN KEY constraints: the loader enforces PKs itself (first
    # valid row kept, the rest in `rejets`) and dangling FKs are loaded on purpose (REF-01).
    cols = ",\n  ".join(f"{quote(c.name)} {c.duckdb_type}" for c in table.columns)
    return f"CREATE TABLE {quote(name or table.name)} (\n  {cols}\n)"


def create_schema(con, *, system: bool = True) -> None:
    """Create the 18 export tables (and the toolkit's own tables) in an empty database."""
    for t in TABLES.values():
        con.execute(create_table_sql(t))
    if system:
        for t in SYSTEM_TABLES.values():
            con.execute(create_table_sql(t))


def create_macros(con) -> None:
    """The contract's SQL functions (annee_scolaire), as temporary macros of this connection."""
    con.execute(read_sql(__package__, "macros.sql"))
