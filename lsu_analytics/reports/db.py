"""Read-only access to the LSU database for the reports, and the .sql files they run."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.contract import create_macros, visibilite_rows
from lsu_analytics.database import connect as connect_duckdb

from .errors import ReportError, ReportParamError


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the database read-only: a report never writes into it."""
    path = Path(db)
    if not path.is_file():
        raise ReportParamError(
            f"base introuvable : {path}. Donnez le chemin d'une base DuckDB produite par "
            "`lsu-analytics load` (option --db)."
        )
    try:
        con = connect_duckdb(path, read_only=True)
    except duckdb.Error as exc:
        raise ReportError(
            f"impossible d'ouvrir la base {path} en lecture seule ({exc}). Vérifiez que c'est une base "
            "DuckDB et qu'aucun autre programme ne l'a ouverte en écriture."
        ) from exc
    con.execute("SET VARIABLE visibilite = ?", [visibilite_rows()])
    con.execute(sql_text("commun/macros.sql"))
    create_macros(con)  # the contract's own (annee_scolaire…), temporary like the reports' macros
    return con


def sql_text(name: str) -> str:
    return read_sql(__package__, f"sql/{name}")


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run sql/<name> with its named parameters ($nom) bound, never pasted into the text."""
    return con.execute(sql_text(name), params).df()


def scalar(con: duckdb.DuckDBPyConnection, name: str, **params):
    row = con.execute(sql_text(name), params).fetchone()
    return None if row is None else row[0]


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(scalar(con, "commun/table_existe.sql", table=table))
