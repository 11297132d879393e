"""The columns `statut`, `premiere_extraction`, `age_jours` of the anomalies CSV/Parquet (`check --historique`)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from lsu_analytics.contract import create_macros

from . import store
from .errors import HistoryError
from .sqlfiles import sql

KEY = ["rule_id", "uai", "millesime", "eleve_id", "classe_id", "objet_id"]
COLONNES = ("statut", "premiere_extraction", "age_jours")


def check_history(historique: Path) -> None:
    """Before a check: refuse a path that is not a history (an absent one is an empty history)."""
    historique = Path(historique)
    if historique.exists():
        con = store.connect(historique, read_only=True)
        con.close()


def _all_new(frame: pl.DataFrame, date) -> pl.DataFrame:
    return frame.with_columns(pl.lit("nouvelle").alias("statut"),
                              pl.lit(date).cast(pl.Datetime("us")).alias("premiere_extraction"),
                              pl.lit(0, dtype=pl.Int32).alias("age_jours"))


def with_history(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, historique: Path) -> pl.DataFrame:
    """`frame` (rows of `anomalies` on `con`, the checked database) with the three columns from the history.

    An absent or empty history makes every anomaly `nouvelle`, of age 0. A history of another perimeter is
    refused (HistoryError), as `historiser` would refuse this extraction.
    """
    historique = Path(historique)
    date, niveau, code = con.execute("SELECT date_extraction, perimetre_niveau, perimetre_code FROM manifeste"
                                     ).fetchone()
    if not historique.exists():
        return _all_new(frame, date)
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
            return _all_new(frame, date)
        if not set(store.HISTORY_TABLES) <= tables:
            raise HistoryError(f"{historique} n'est pas une base d'historique : donnez à --historique le chemin "
                               "d'une base créée par `lsu-analytics historiser`.")
        perimetres = con.execute("SELECT DISTINCT perimetre_niveau, perimetre_code FROM hl.extractions").fetchall()
        if perimetres and (niveau, code) not in perimetres:
            raise HistoryError(f"l'historique {historique} suit le périmètre {' '.join(perimetres[0])}, pas "
                               f"{niveau} {code} : donnez l'historique de ce périmètre.")
        create_macros(con)  # cle_anomalie(), the one definition of an anomaly key
        statuts = pl.from_arrow(con.sql(sql("statuts_courants"), params=[date]).to_arrow_table())
    finally:
        con.execute("DETACH hl")
    return frame.join(statuts, on=KEY, how="left", nulls_equal=True, maintain_order="left")
