"""What changed between two extractions of a history: anomalies by status and severity, indicators that moved.

Used by `lsu-analytics historique`, the reports and the notification of a scheduled run.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from . import store
from .errors import HistoryError
from .sqlfiles import run, sql
from .statuts import STATUTS


@contextmanager
def open_history(historique: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Read-only connection to a history database, with the temp view `statuts_extractions` (sql/vues.sql)."""
    con = store.connect(Path(historique), read_only=True)
    try:
        if store.is_empty(con):
            raise HistoryError(f"l'historique {historique} est vide : historisez une extraction avec "
                               "`lsu-analytics historiser`.")
        run(con, "vues")
        yield con
    finally:
        con.close()


@dataclass(frozen=True)
class ResumeExtraction:
    date_extraction: datetime
    millesime_courant: int
    nb_anomalies: int
    nouvelles: int
    reapparues: int
    persistantes: int
    resolues: int  # present in the previous extraction, absent from this one
    historise_le: datetime
    manifeste_sha256: str


def resume_extractions(con) -> list[ResumeExtraction]:
    """Every extraction of the history, oldest first, with what changed since the one before it."""
    return [ResumeExtraction(*row) for row in con.execute(sql("resume_extractions")).fetchall()]


@dataclass(frozen=True)
class Variation:
    indicateur: str
    niveau_scolaire: str | None
    periode: int | None
    millesime: int
    valeur_avant: float
    valeur_apres: float
    variation: float  # valeur_apres - valeur_avant (a rate: 0.05 = 5 points)


@dataclass(frozen=True)
class Changements:
    """Extraction `date_extraction` against the one before it (`precedente`, None for the first)."""
    date_extraction: datetime
    precedente: datetime | None
    perimetre_niveau: str
    perimetre_code: str
    nb_anomalies: int
    # {statut: {severite: nb}} for the four statuses of statuts.STATUTS (empty dict when none)
    par_statut: dict[str, dict[str, int]] = field(default_factory=dict)
    indicateurs: list[Variation] = field(default_factory=list)  # largest moves first

    def total(self, statut: str) -> int:
        return sum(self.par_statut.get(statut, {}).values())


def changements_depuis_precedente(con, date_extraction: datetime | None = None, *, nb_indicateurs: int = 10,
                                  niveau: str | None = None, code: str | None = None) -> Changements:
    """What changed at `date_extraction` (default: the latest) since the extraction before it.

    Indicators are those of the history's perimeter unless `niveau`/`code` name another perimeter.
    """
    dates = [r[0] for r in con.execute("SELECT date_extraction FROM extractions ORDER BY 1").fetchall()]
    if not dates:
        raise HistoryError("l'historique ne contient aucune extraction : historisez-en une avec "
                           "`lsu-analytics historiser`.")
    date = date_extraction or dates[-1]
    if date not in dates:
        raise HistoryError(f"l'extraction du {date:%d/%m/%Y %H:%M} n'est pas dans l'historique ; extractions : "
                           f"{', '.join(f'{d:%d/%m/%Y %H:%M}' for d in dates)}.")
    i = dates.index(date)
    precedente = dates[i - 1] if i else None
    perim_niveau, perim_code, nb = con.execute(
        "SELECT perimetre_niveau, perimetre_code, nb_anomalies FROM extractions WHERE date_extraction = ?",
        [date]).fetchone()
    par_statut: dict[str, dict[str, int]] = {s: {} for s in STATUTS}
    for statut, severite, n in con.execute(sql("statuts_severite"), [date]).fetchall():
        par_statut[statut][severite] = n
    variations: list[Variation] = []
    if precedente is not None:
        rows = con.execute(sql("indicateurs_variations"),
                           [date, precedente, niveau or perim_niveau, code or perim_code, nb_indicateurs]).fetchall()
        variations = [Variation(*r) for r in rows]
    return Changements(date, precedente, perim_niveau, perim_code, nb, par_statut, variations)


def changements(historique: Path, date_extraction: datetime | None = None, **kwargs) -> Changements:
    """`changements_depuis_precedente` on the history database at `historique` (opened read-only)."""
    with open_history(historique) as con:
        return changements_depuis_precedente(con, date_extraction, **kwargs)
