"""Import files derived from a loaded export: the XML each school's software would have sent to LSU for
the bilans of the export (the tests and `bench import-xml` read them). Nothing is invented here; what the
XSD cannot hold is left out (docs/choix.md)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb

from lsu_analytics.contract import DOMAINES_SOCLE

from .sql import sql
from .writer import write_import

BATCH = 10_000


def largest_schools(con: duckdb.DuckDBPyConnection, n: int, millesime: int | None = None) -> list[str]:
    """The `n` schools whose import file of `millesime` (default: the export's current year) is the largest."""
    millesime = millesime or _millesime_courant(con)
    return [r[0] for r in con.execute(sql("fichier_etablissements.sql"), {"millesime": millesime, "n": n}).fetchall()]


def write_school_file(con: duckdb.DuckDBPyConnection, uai: str, path: Path, millesime: int | None = None) -> Path:
    """Write the import file of the school `uai` for `millesime` (default: the export's current year)."""
    con.execute("SET VARIABLE xml_uai = ?", [uai])
    con.execute("SET VARIABLE xml_millesime = ?", [millesime or _millesime_courant(con)])
    con.execute(sql("fichier_vues.sql"))
    responsable = con.execute(sql("fichier_entete.sql")).fetchone()
    eleves = con.execute("SELECT eleve_id, code_division, nom, prenom FROM xml_eleves ORDER BY eleve_id").fetchall()
    references = {"periode": [], "discipline": [], "enseignant": []}
    for quoi, ident, a, b, c in con.execute(sql("fichier_references.sql")).fetchall():
        references[quoi].append((ident, a, b, c) if quoi != "discipline" else (ident, a, b))
    return write_import(Path(path), uai=uai, responsable=responsable, eleves=eleves,
                        periodes=references["periode"], disciplines=references["discipline"],
                        enseignants=references["enseignant"], bilans=_bilans(con), cycles=_cycles(con))


def _millesime_courant(con) -> int:
    return con.execute("SELECT millesime_courant FROM manifeste").fetchone()[0]


def _rows(con, name: str) -> Iterator[tuple]:
    result = con.execute(sql(name))
    while rows := result.fetchmany(BATCH):
        yield from rows


def _bilans(con) -> Iterator[dict]:
    """One dict a periodic report, built from its consecutive subject rows."""
    current, bilan = None, None
    for (bilan_id, eleve, periode, conseil, scolarite, verrou, vie, discipline, enseignant, moyenne,
         positionnement, appreciation) in _rows(con, "fichier_bilans.sql"):
        if bilan_id != current:
            if bilan is not None:
                yield bilan
            current = bilan_id
            bilan = dict(eleve=eleve, periode=periode, conseil=conseil, scolarite=scolarite, verrou=verrou,
                         prof_princ=None, conseils="Synthèse.", vie_scolaire=(0, 1 if vie else 0, 0), acquis=[])
        bilan["acquis"].append(dict(discipline=discipline, enseignants=enseignant, moyenne=moyenne,
                                    positionnement=positionnement, appreciation="Appréciation." if appreciation else None))
    if bilan is not None:
        yield bilan


def _cycles(con) -> Iterator[dict]:
    for eleve, cycle, millesime, creation, verrou, socle in _rows(con, "fichier_cycles.sql"):
        positions = {d["code"]: d["positionnement"] for d in socle or ()}
        yield dict(eleve=eleve, cycle=cycle, millesime=millesime, creation=creation, verrou=verrou,
                   socle={code: positions.get(code, 0) for code in DOMAINES_SOCLE})
