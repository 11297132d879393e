"""What the reports read from a history: attached beside the report's (read-only) database."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from lsu_analytics.contract.nomenclatures import nom_perimetre

from . import store
from .errors import HistoryError
from .sqlfiles import run, sql

LIMITE = 20


def valider(historique: str | Path, perimetre: tuple[str, str] | None = None) -> Path:
    """The history a report is given: a history database with at least one extraction, of `perimetre`
    (the report's export perimeter) when given. HistoryError says what to do."""
    path = Path(historique).expanduser().resolve()
    con = store.connect(path, read_only=True)
    try:
        if store.is_empty(con):
            raise HistoryError(f"l'historique {path} est vide : historisez une extraction avec "
                               "`lsu-analytics historiser`.")
        perimetres = con.execute("SELECT DISTINCT perimetre_niveau, perimetre_code FROM extractions").fetchall()
    finally:
        con.close()
    if not perimetres:
        raise HistoryError(f"l'historique {path} ne contient aucune extraction.")
    if perimetre is not None and tuple(perimetre) not in perimetres:
        raise HistoryError(f"l'historique {path} suit le périmètre {nom_perimetre(*perimetres[0])}, pas celui de "
                           f"la base ({nom_perimetre(*perimetre)}) : donnez l'historique de cet export.")
    return path


def attacher(con: duckdb.DuckDBPyConnection, historique: str | Path) -> None:
    """Attach the history read-only to a report's connection (after the report's macros)."""
    try:
        con.execute("ATTACH ? AS hist (READ_ONLY)", [str(historique)])
    except duckdb.Error as e:
        raise HistoryError(f"l'historique {historique} ne peut pas être lu ({str(e).splitlines()[0]}) ; relancez "
                           "le rapport quand aucune historisation n'est en cours.") from None
    run(con, "rapport_vues")
    run(con, "vues")
    run(con, "rapport_macros")


def extractions(con) -> list[datetime]:
    return [r[0] for r in con.execute("SELECT date_extraction FROM extractions ORDER BY 1").fetchall()]


def derniere_et_precedente(con) -> tuple[datetime, datetime | None]:
    dates = extractions(con)
    return dates[-1], (dates[-2] if len(dates) > 1 else None)


def query(con, name: str, **params) -> pd.DataFrame:
    return con.execute(sql(name), params).df()


def evolution_perimetre(con, niveau: str, code: str, millesime: int) -> pd.DataFrame:
    return query(con, "rapport_evolution_perimetre", niveau=niveau, code=code, millesime=millesime)


def sous_perimetres(con, niveau: str, code: str, millesime: int) -> pd.DataFrame:
    last, prev = derniere_et_precedente(con)
    return query(con, "rapport_sous_perimetres", niveau=niveau, code=code, millesime=millesime, l=last, p=prev)


def statuts(con, niveau: str, code: str, severite_min: str) -> pd.DataFrame:
    last, _ = derniere_et_precedente(con)
    return query(con, "rapport_statuts", niveau=niveau, code=code, severite_min=severite_min, l=last)


def regles_dans_le_temps(con, niveau: str, code: str, severite_min: str) -> pd.DataFrame:
    return query(con, "rapport_regles_dans_le_temps", niveau=niveau, code=code, severite_min=severite_min)


def plus_anciennes(con, niveau: str, code: str, severite_min: str, limite: int = LIMITE) -> pd.DataFrame:
    last, _ = derniere_et_precedente(con)
    return query(con, "rapport_plus_anciennes", niveau=niveau, code=code, severite_min=severite_min, l=last,
                 limite=limite)


def etablissements(con, niveau: str, code: str, severite_min: str, limite: int = LIMITE) -> pd.DataFrame:
    last, _ = derniere_et_precedente(con)
    return query(con, "rapport_etablissements", niveau=niveau, code=code, severite_min=severite_min, l=last,
                 limite=limite)
