"""The columns `statut`, `premiere_extraction`, `age_jours` of the anomalies CSV/Parquet (`check --historique`)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from lsu_analytics.contract import create_macros
from lsu_analytics.contract.nomenclatures import nom_perimetre

from . import store
from .errors import HistoryError
from .sqlfiles import sql

COLONNES = ("statut", "premiere_extraction", "age_jours")
TABLE = "sortie_statuts"  # temporary table of the checked database's connection, read by rules/outputs.py


def check_history(con: duckdb.DuckDBPyConnection, historique: Path) -> None:
    """Before a check's rules (nothing written yet): refuse a history that is absent, is not one, or follows
    another perimeter than the database on `con`. An empty history is accepted (every anomaly is new)."""
    historique = Path(historique)
    if not historique.exists():
        raise HistoryError(f"historique introuvable : {historique} ; il se crée avec `lsu-analytics historiser "
                           f"--db BASE --historique {historique}` (check avant ou après historiser donne les mêmes "
                           "colonnes) ; vérifiez le chemin, ou contrôlez sans --historique.")
    niveau, code = _perimetre(con)
    hcon = store.connect(historique, read_only=True)
    try:
        if not store.is_empty(hcon):
            _same_perimeter(hcon.execute("SELECT DISTINCT perimetre_niveau, perimetre_code FROM extractions"
                                         ).fetchall(), niveau, code, historique)
    finally:
        hcon.close()


def _perimetre(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    try:
        return con.execute("SELECT perimetre_niveau, perimetre_code FROM manifeste").fetchone()
    except duckdb.Error:
        raise HistoryError("la base n'a pas de manifeste : chargez d'abord un export avec `lsu-analytics load`."
                           ) from None


def _same_perimeter(perimetres: list[tuple[str, str]], niveau: str, code: str, historique: Path) -> None:
    if perimetres and (niveau, code) not in perimetres:
        raise HistoryError(f"l'historique {historique} suit le périmètre {nom_perimetre(*perimetres[0])}, "
                           f"pas {nom_perimetre(niveau, code)} : donnez l'historique de ce périmètre.")


def statuts_table(con: duckdb.DuckDBPyConnection, historique: Path | None) -> None:
    """Fill the temporary table `sortie_statuts` of `con` (the checked database): the three columns of each
    anomaly key from the history, computed in DuckDB (never a frame in Python).

    Without a history, or with an absent or empty one, the table is empty: the outputs then make every anomaly
    `nouvelle`, first seen at this extraction, of age 0. A history of another perimeter is refused
    (HistoryError), as `historiser` would refuse this extraction.
    """
    con.execute(sql("statuts_aucun"))
    if historique is None or not Path(historique).exists():
        return
    historique = Path(historique)
    date, niveau, code = con.execute("SELECT date_extraction, perimetre_niveau, perimetre_code FROM manifeste"
                                     ).fetchone()
    store.check_file(historique)
    try:
        con.execute("ATTACH ? AS hl (READ_ONLY)", [str(historique)])
    except duckdb.Error as e:
        raise HistoryError(f"l'historique {historique} ne peut pas être lu ({str(e).splitlines()[0]}) ; "
                           "relancez quand aucune historisation n'est en cours.") from None
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'hl'")
                  .fetchall()}
        if not tables:
            return
        if not set(store.HISTORY_TABLES) <= tables:
            raise HistoryError(f"{historique} n'est pas une base d'historique : donnez à --historique le chemin "
                               "d'une base créée par `lsu-analytics historiser`.")
        _same_perimeter(con.execute("SELECT DISTINCT perimetre_niveau, perimetre_code FROM hl.extractions"
                                    ).fetchall(), niveau, code, historique)
        create_macros(con)  # cle_anomalie(), the one definition of an anomaly key
        con.execute(f"INSERT INTO {TABLE} BY NAME SELECT * FROM (\n{sql('statuts_courants')}\n)", [date])
    finally:
        con.execute("DETACH hl")
