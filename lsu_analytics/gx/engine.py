"""An exact SQLAlchemy engine for DuckDB, for Great Expectations.

Why it exists: with the stock `duckdb_engine` dialect every DBAPI cursor of a
connection shares that connection's single pending result (duckdb_engine issue
1087, GX issue 10738). GX returns a connection to the pool before reading the
result of its query (SqlAlchemyExecutionEngine.execute_query), so the pool's
reset or the next query overwrites it: counts come back wrong or empty.

Here each cursor is a DuckDB child connection (`DuckDBPyConnection.cursor()`)
that owns its result, so a result stays readable whatever runs next. The
dialect derives from duckdb_engine's and keeps `name == "duckdb"`; it is
registered under its own URL scheme (`duckdb+lsu_exact://`) with SQLAlchemy's
official dialect registry: nothing of duckdb_engine is patched.

Two more adaptations, both local to this dialect:
- column reflection reads DuckDB's information_schema (SQLAlchemy 2.1's
  PostgreSQL catalog query needs pg_collation, absent from DuckDB), and gives
  plain SQLAlchemy types (VARCHAR, INTEGER, DECIMAL...) that GX's
  ExpectColumnValuesToBeOfType compares by class;
- `dialect.dialect` names PostgreSQL's dialect class, as a SQLAlchemy dialect
  module does: GX then compiles regexes with `~` (a partial match in DuckDB, as
  in PostgreSQL; the contract's patterns are anchored anyway).
"""
from __future__ import annotations

import re
import weakref
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from duckdb_engine import ConnectionWrapper, CursorWrapper
from duckdb_engine import Dialect as DuckDBEngineDialect
from sqlalchemy.dialects import registry
from sqlalchemy.engine import reflection

from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.database import duckdb_config

DRIVER = "lsu_exact"
registry.register(f"duckdb.{DRIVER}", __name__, "ExactDuckDBDialect")


class OwnResultCursor(CursorWrapper):
    """A cursor on its own DuckDB child connection: its result is its own."""

    def __init__(self, child, connection_wrapper: ConnectionWrapper) -> None:
        super().__init__(child, connection_wrapper)
        self._child = child

    def close(self) -> None:
        self._child.close()


class OwnResultConnection(ConnectionWrapper):
    def __init__(self, duck) -> None:
        super().__init__(duck)
        self._duck = duck
        self._children: weakref.WeakSet = weakref.WeakSet()

    def cursor(self) -> OwnResultCursor:
        child = self._duck.cursor()
        self._children.add(child)
        return OwnResultCursor(child, self)

    def close(self) -> None:
        # Close the children too, so that the database file is released when the pool is disposed.
        for child in list(self._children):
            child.close()
        super().close()


class ExactDuckDBDialect(DuckDBEngineDialect):
    """duckdb_engine's dialect whose cursors keep their own result."""

    driver = DRIVER
    supports_statement_cache = False  # as duckdb_engine's; said here because SQLAlchemy asks each subclass

    def connect(self, *cargs: Any, **cparams: Any) -> OwnResultConnection:
        wrapper = super().connect(*cargs, **cparams)
        # duckdb_engine keeps the raw connection in a name-mangled attribute.
        return OwnResultConnection(wrapper._ConnectionWrapper__c)

    @property
    def dialect(self) -> type:
        # GX reads `<dialect module>.dialect` to pick its SQL for regexes and LIKE; DuckDB
        # speaks PostgreSQL's `~` / `!~`, so present PostgreSQL's default dialect class.
        return sa.dialects.postgresql.dialect

    @reflection.cache
    def get_columns(self, connection, table_name: str, schema: str | None = None, **kw: Any) -> list[dict]:
        rows = connection.exec_driver_sql(_sql("reflect_columns"), (str(table_name), schema)).fetchall()
        if not rows:
            raise sa.exc.NoSuchTableError(table_name)
        return [{"name": name, "type": sqlalchemy_type(data_type), "nullable": nullable, "default": default}
                for name, data_type, nullable, default in rows]

    @reflection.cache
    def get_pk_constraint(self, connection, table_name: str, schema: str | None = None, **kw: Any) -> dict:
        row = connection.exec_driver_sql(_sql("reflect_primary_key"), (str(table_name), schema)).fetchone()
        return {"constrained_columns": list(row[0]) if row else [], "name": None}


# DuckDB type name -> SQLAlchemy type (the class names are what suites write in `type_`).
_TYPES = {
    "VARCHAR": sa.VARCHAR, "INTEGER": sa.INTEGER, "BIGINT": sa.BIGINT, "SMALLINT": sa.SMALLINT,
    "BOOLEAN": sa.BOOLEAN, "DATE": sa.DATE, "TIMESTAMP": sa.TIMESTAMP, "DOUBLE": sa.DOUBLE,
    "FLOAT": sa.FLOAT, "TIME": sa.TIME,
}


def sqlalchemy_type(data_type: str) -> sa.types.TypeEngine:
    decimal = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", data_type)
    if decimal:
        return sa.DECIMAL(int(decimal[1]), int(decimal[2]))
    return _TYPES.get(data_type, sa.types.NullType)()


def _sql(name: str) -> str:
    return read_sql(__package__, f"sql/{name}.sql")


def connection_string(db: Path) -> str:
    """SQLAlchemy URL of a DuckDB file for the exact dialect."""
    return f"duckdb+{DRIVER}:///{Path(db).resolve()}"


def engine_kwargs(db: Path, read_only: bool = True, threads: int | None = None) -> dict:
    """`create_engine` keyword arguments (GX's `add_sql(kwargs=...)`): the settings in force
    (lsu_analytics/database), `threads` instead of theirs if given."""
    config = duckdb_config(db)
    if threads:
        config["threads"] = threads
    return {"connect_args": {"read_only": read_only, "config": config}}
