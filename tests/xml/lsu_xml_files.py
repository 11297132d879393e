"""Helpers of the XML tests: tiny hand-made import files (written by lsu_analytics.xml.writer, the package's
one XML writer) and the line an element is reported at."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lsu_analytics.contract import DOMAINES_SOCLE
from lsu_analytics.xml.writer import write_import


def bilan(eleve: str, periode: str, *, conseil: str = "2025-11-28", scolarite: str = "2025-09-02",
          acquis: Iterable[dict] | None = None, prof_princ: str | None = None) -> dict:
    acquis = list(acquis) if acquis is not None else [dict(discipline="DI_1", enseignants="ENS_1", moyenne="12/20")]
    return dict(eleve=eleve, periode=periode, conseil=conseil, scolarite=scolarite, verrou="2025-12-01T08:00:00",
                prof_princ=prof_princ, conseils="Continuer ainsi.", vie_scolaire=(0, 1, 0),
                acquis=[{"moyenne": None, "positionnement": None, "appreciation": "Bon travail.", **a} for a in acquis])


def cycle(eleve: str, cycle: int, millesime: int, socle: dict) -> dict:
    return dict(eleve=eleve, cycle=cycle, millesime=millesime, creation="2026-06-20", verrou="2026-06-21T08:00:00",
                socle={code: socle.get(code, 3) for code in DOMAINES_SOCLE})


def write_lsu(path: Path, *, uai: str = "0382032C", version: str = "3.0", prolog: str = "",
              eleves=(("EL_1", "6EME_1", "Nomun", "Prenomun"),),
              periodes=(("P_1", 2025, 1, 3),),
              disciplines=(("DI_1", "020700", "S"),),
              enseignants=(("ENS_1", "1001", "Profun", "Anne"),),
              bilans: Iterable[dict] = (), cycles: Iterable[dict] = ()) -> Path:
    """A tiny import file: one pupil, one period, one subject, one teacher unless told otherwise;
    `cycles` as dict(eleve, cycle, millesime, socle) with the unnamed domains at 3."""
    return write_import(path, uai=uai, responsable=("RESP_1", "Chef Un"), eleves=eleves, periodes=periodes,
                        disciplines=disciplines, enseignants=enseignants, bilans=bilans,
                        cycles=[cycle(**c) for c in cycles], version=version, prolog=prolog)


def line_of(path: Path, needle: str) -> int:
    """Line reported for the element whose start tag contains `needle`: libxml2 numbers an element
    by the line where its start tag ends (its `>`). Tests never hard-code a line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for index, text in enumerate(lines):
        if needle in text:
            rest = text[text.index(needle):]
            while ">" not in rest:
                index += 1
                rest = lines[index]
            return index + 1
    raise AssertionError(f"{needle!r} absent de {path}")
