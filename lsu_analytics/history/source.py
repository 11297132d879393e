"""The checked database to historise: read its extraction's identity and refuse it when it is not ready."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from .errors import HistoryError
from .sqlfiles import sql


@dataclass(frozen=True)
class Extraction:
    date_extraction: datetime
    millesime_courant: int
    perimetre_niveau: str
    perimetre_code: str
    manifeste_sha256: str
    nb_anomalies: int
    nb_indicateurs: int
    colonnes_indicateurs: tuple[tuple[str, str], ...]  # (name, DuckDB type) of its `indicateurs`


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' AND schema_name = 'main'").fetchall()}


def _manifeste(con, db: Path) -> tuple:
    rows = con.execute(sql("source_manifeste")).fetchall()
    if len(rows) != 1 or rows[0][0] is None:
        raise HistoryError(f"{db} : la table manifeste contient {len(rows)} ligne(s) au lieu d'une ; rechargez "
                           "l'export avec `lsu-analytics load`, puis check et indicateurs.")
    date_extraction, millesime, niveau, code, sha, manifeste_json = rows[0]
    if sha is None:
        # Loaded before the load recorded manifest.json's sha256: the manifest as stored identifies the export.
        sha = hashlib.sha256((manifeste_json or "").encode("utf-8")).hexdigest()
    return date_extraction, millesime, niveau, code, sha


def _rules_missing(con) -> tuple[list[str], list[str]]:
    """(rules of the catalogue never run on this database, rules run)."""
    from lsu_analytics.rules import RulesError, load_catalog

    try:
        catalogue = [r.id for r in load_catalog()]
    except RulesError as e:
        raise HistoryError(str(e)) from None
    ran = {r[0] for r in con.execute(sql("controles")).fetchall()}
    return [r for r in catalogue if r not in ran], sorted(ran)


def read_source(con, db: Path) -> Extraction:
    """Validate the database attached as `src` on `con`; HistoryError says what to run first."""
    tables = _tables(con)
    needed = {"manifeste", "chargements", "anomalies", "controles", "indicateurs"}
    if not needed <= tables:
        raise HistoryError(f"{db} n'est pas une base chargée par `lsu-analytics load` (tables absentes : "
                           f"{', '.join(sorted(needed - tables))}) ; donnez à --db la base d'un export chargé, "
                           "contrôlé et dont les indicateurs sont calculés.")
    date_extraction, millesime, niveau, code, sha = _manifeste(con, db)
    missing, ran = _rules_missing(con)
    if missing:
        if not ran:
            raise HistoryError(f"{db} n'a pas été contrôlée : lancez `lsu-analytics check --db {db}` (toutes les "
                               "règles), puis `lsu-analytics indicateurs --db {db}`, avant d'historiser.".replace(
                                   "{db}", str(db)))
        raise HistoryError(
            f"{db} n'a été contrôlée qu'avec une partie des règles (--regles : {', '.join(ran)}) ; il manque "
            f"{', '.join(missing)}. Historiser cette base ferait paraître résolues les anomalies des règles non "
            f"exécutées : relancez `lsu-analytics check --db {db}` sans --regles, puis historisez.")
    nb_indicateurs = con.execute("SELECT count(*) FROM src.indicateurs").fetchone()[0]
    if nb_indicateurs == 0:
        raise HistoryError(f"{db} n'a pas d'indicateurs (table indicateurs vide) : lancez "
                           f"`lsu-analytics indicateurs --db {db}`, puis historisez.")
    nb_anomalies = con.execute("SELECT count(*) FROM src.anomalies").fetchone()[0]
    colonnes = tuple(con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'src' "
        "AND table_name = 'indicateurs' ORDER BY column_index").fetchall())
    return Extraction(date_extraction, millesime, niveau, code, sha, nb_anomalies, nb_indicateurs, colonnes)


def attach(con, db: Path) -> None:
    db = Path(db)
    if not db.is_file():
        raise HistoryError(f"base introuvable : {db} ; chargez un export (`lsu-analytics load`), contrôlez-le "
                           "(`check`) et calculez ses indicateurs (`indicateurs`) avant d'historiser.")
    try:
        con.execute("ATTACH ? AS src (READ_ONLY)", [str(db)])
    except duckdb.Error as e:
        raise HistoryError(f"impossible d'ouvrir la base {db} ({str(e).splitlines()[0]}) ; vérifiez que c'est une "
                           "base chargée par `lsu-analytics load` et qu'aucun autre programme ne l'écrit.") from None
