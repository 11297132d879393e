"""Open a history database: created on the first historisation, refused when the file is something else."""
from __future__ import annotations

from pathlib import Path

import duckdb

from lsu_analytics.contract import SYSTEM_TABLES, create_table_sql, quote

from .errors import HistoryError
from .sqlfiles import run

# Every table a history database holds; a file with other tables is not one.
HISTORY_TABLES = ("extractions", "anomalies_cles", "anomalies_presence", "anomalies_suivi", "indicateurs_historique")


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main'").fetchall()}


def _not_history(path: Path, why: str) -> HistoryError:
    return HistoryError(f"{path} n'est pas une base d'historique ({why}) : donnez à --historique le chemin d'une "
                        "base d'historique existante, ou un chemin nouveau pour en créer une (l'historique vit "
                        "dans son propre fichier, jamais dans la base chargée par `lsu-analytics load`).")


def _is_duckdb_file(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(12)[8:12] == b"DUCK"


def check_file(path: Path) -> None:
    """Refuse a path that cannot be a history database (before any lock file is written beside it)."""
    if path.is_dir():
        raise _not_history(path, "c'est un dossier")
    if path.is_file() and path.stat().st_size and not _is_duckdb_file(path):
        # Checked before ATTACH: DuckDB would open some other files (e.g. .json) as an empty in-memory database.
        raise _not_history(path, "ce n'est pas un fichier DuckDB")


def connect(path: Path, *, read_only: bool, con: duckdb.DuckDBPyConnection | None = None,
            version_precedente: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection whose current database is the history at `path` (attached as `hist`), checked to be one.

    Read-only: the file must exist. Writing: an absent file is created empty; its tables are created by
    `ensure_schema` inside the historisation's transaction. `con` (e.g. with the checked database already
    attached and validated) is reused; otherwise an in-memory connection is opened. Read-only, a history
    written by an earlier version (without the columns added since) is refused unless `version_precedente`
    (the purge, which rewrites it with them).
    """
    path = Path(path)
    check_file(path)
    if read_only and not path.is_file():
        raise HistoryError(f"historique introuvable : {path} ; il se crée au premier "
                           "`lsu-analytics historiser --db BASE --historique CHEMIN`.")
    own = con is None
    con = con if con is not None else duckdb.connect()
    try:
        try:
            con.execute("SET enable_progress_bar = false")  # the CLI draws its own
        except duckdb.Error:
            pass  # in Jupyter (reports), DuckDB cannot even turn its widget bar off without ipywidgets
        try:
            con.execute(f"ATTACH ? AS hist{' (READ_ONLY)' if read_only else ''}", [str(path)])
        except duckdb.Error as e:
            message = str(e).splitlines()[0]
            if "lock" in message.lower():
                raise HistoryError(f"l'historique {path} est ouvert par un autre programme ({message}) ; "
                                   "fermez-le puis relancez.") from None
            raise _not_history(path, f"ce n'est pas un fichier DuckDB lisible : {message}") from None
        con.execute("USE hist")
        tables = _tables(con)
        if tables and not tables >= set(HISTORY_TABLES):
            manque = ", ".join(t for t in HISTORY_TABLES if t not in tables)
            raise _not_history(path, f"il y manque les tables {manque} ; il contient "
                                     f"{', '.join(sorted(tables)[:6])}")
        if tables and read_only and not version_precedente and not _has_added_columns(con):
            raise HistoryError(f"l'historique {path} a été écrit par une version précédente (sans l'académie des "
                               "anomalies) : relancez `lsu-analytics historiser` sur la dernière extraction (même "
                               "résultat, colonnes ajoutées), puis relisez-le.")
    except BaseException:
        if own:
            con.close()
        raise
    return con


def _has_added_columns(con) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
                       "AND table_name = 'anomalies_presence' AND column_name = 'academie'").fetchone()[0] == 1


def add_columns(con) -> None:
    """Give a history written by an earlier version the columns added since (sql/colonnes_ajoutees.sql)."""
    run(con, "colonnes_ajoutees")


def is_empty(con) -> bool:
    return not _tables(con)


def ensure_schema(con, source_indicateurs: list[tuple[str, str]]) -> None:
    """Create the tables of an empty history; add to `indicateurs_historique` the columns of the source's
    `indicateurs` it lacks (e.g. `motif_masque` once the source has it), so no column is dropped."""
    if is_empty(con):
        run(con, "schema")
        table = SYSTEM_TABLES["indicateurs"]
        con.execute(create_table_sql(table, "indicateurs_historique").replace(
            "(\n", "(\n  date_extraction TIMESTAMP NOT NULL,\n", 1))
    add_columns(con)
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = 'indicateurs_historique'").fetchall()}
    for name, type_ in source_indicateurs:
        if name not in have:
            con.execute(f"ALTER TABLE indicateurs_historique ADD COLUMN {quote(name)} {type_}")
