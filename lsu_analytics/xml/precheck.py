"""`precheck`: what LSU would refuse in a file, given a loaded export (read only, never modified)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from .content import ImportContent
from .errors import XmlImportError
from .sql import sql

REFUS = "refus"
AVERTISSEMENT = "avertissement"
_NEEDED = ("classes", "periodes", "personnels", "manifeste")


@dataclass(frozen=True)
class Motif:
    code: str  # ANNEE_ANTERIEURE, CLASSE_INTROUVABLE, PARAMETRAGE_INCOHERENT, PERIODES_NON_PARAMETREES,
    #            DATES_PERIODE (refusals) or ENSEIGNANT_INCONNU (warning)
    severite: str  # REFUS or AVERTISSEMENT
    detail: str  # French, names no pupil


@dataclass(frozen=True)
class Verdict:
    """One bilan of the file, designated by the file's ids (never by a pupil's name)."""
    bilan_id: str
    type_bilan: str  # "periodique" or "cycle"
    eleve_ref: str
    periode_ref: str | None
    cycle: int | None
    ligne: int
    motifs: tuple[Motif, ...]

    @property
    def refuse(self) -> bool:
        return any(m.severite == REFUS for m in self.motifs)

    @property
    def statut(self) -> str:
        if self.refuse:
            return "refusé"
        return "importé, avec avertissement" if self.motifs else "importable"

    @property
    def designation(self) -> str:
        return f"{self.eleve_ref} · " + (self.periode_ref if self.type_bilan == "periodique"
                                           else f"cycle {self.cycle}")


def precheck(content: ImportContent, db_path: Path) -> list[Verdict]:
    """Apply LSU's import pre-checks to every bilan of the file, against the export in `db_path`."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise XmlImportError(db_path, "base introuvable.", "Donnez avec --db une base où un export a été chargé.")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise XmlImportError(db_path, f"base illisible ({exc}).",
                             "Donnez avec --db une base DuckDB créée par lsu-analytics.") from None
    try:
        present = {row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        missing = [t for t in _NEEDED if t not in present]
        if missing:
            raise XmlImportError(db_path, f"tables absentes : {', '.join(missing)}.",
                                 "Chargez d'abord un export dans cette base (lsu-analytics load).")
        for name, frame in content.extras.items():
            con.register(name, frame)
        rows = con.execute(sql("precheck.sql")).fetchall()
    finally:
        con.close()
    return [Verdict(bilan_id, type_bilan, eleve_ref, periode_ref, cycle, ligne,
                    tuple(Motif(m["code"], m["severite"], m["detail"]) for m in (motifs or ())))
            for bilan_id, type_bilan, eleve_ref, periode_ref, cycle, ligne, motifs in rows]
