"""Successive extractions of one population (`generate --extractions K --intervalle-jours D`).

A layer over the one-extraction generator: extraction e is `generate_export` at its own date (so, week after
week, more periodic reports are written, locked and seen by families) and at its own rank `etape`, which makes
some injected violations absent (fixed, not yet there, or gone once and back: sql/inj_etapes.sql). Each
folder, named by date, is a complete export with its manifest and its `verite_terrain.json`;
`verite_historique.json` gives each anomaly key's status at each extraction, as ../shared/spec/history.md
defines them (relative to that extraction and the one before it).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .params import GenerationParams

KEY = ("rule_id", "uai", "millesime", "eleve_id", "classe_id", "objet_id")
NOUVELLE, REAPPARUE, PERSISTANTE, RESOLUE = "nouvelle", "reapparue", "persistante", "resolue"
VERITE_HISTORIQUE = "verite_historique.json"


@dataclass(frozen=True)
class Window:
    """Dates an extraction of millésime C may take: the school year, from a week after the rentrée (1 or 2
    September: every first period has begun) to the first days of July. The ground truth follows the date
    (sql/verite_date_*.sql: before the first period ends, pupils with no report yet are REC-01)."""
    first: datetime
    last: datetime


def window(millesime: int) -> Window:
    return Window(datetime(millesime, 9, 8, 2, 0, 0), datetime(millesime + 1, 7, 5, 2, 0, 0))


def extraction_dates(millesime: int, extractions: int, intervalle_jours: int) -> list[datetime]:
    """The K dates, D days apart. The last is the one-extraction generator's date (mid-March of C+1);
    when that leaves the first before the window (8 September of C), the series starts on that day instead:
    40 weekly extractions run from 8 September to 8 June."""
    if extractions < 1:
        raise ValueError(f"--extractions doit valoir au moins 1 (reçu {extractions}).")
    if intervalle_jours < 1:
        raise ValueError(f"--intervalle-jours doit valoir au moins 1 (reçu {intervalle_jours}).")
    w = window(millesime)
    span = timedelta(days=intervalle_jours * (extractions - 1))
    last = GenerationParams(pupils=50, seed=0, millesime=millesime).date_extraction
    first = max(last - span, w.first)
    if first + span > w.last:
        raise ValueError(
            f"{extractions} extractions tous les {intervalle_jours} jours ne tiennent pas dans l'année scolaire "
            f"{millesime}-{millesime + 1} (du {w.first:%d/%m/%Y} au {w.last:%d/%m/%Y}) : réduisez --extractions "
            "ou --intervalle-jours.")
    return [first + timedelta(days=intervalle_jours * e) for e in range(extractions)]


def iter_extractions(out: Path, pupils: int, seed: int, extractions: int, intervalle_jours: int,
                     **options) -> Iterator[Path]:
    """Write the K extractions into `out/<AAAA-MM-JJ>/` one at a time, yielding each folder once written (a
    caller may process it and remove it before the next one is generated)."""
    from . import generate_export

    dates = extraction_dates(options.get("millesime", 2025), extractions, intervalle_jours)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for e, date in enumerate(dates):
        yield generate_export(out / date.strftime("%Y-%m-%d"), pupils=pupils, seed=seed,
                              date_extraction=date, etape=e, nb_etapes=extractions, **options)


def generate_extractions(out: Path, pupils: int, seed: int, extractions: int, intervalle_jours: int,
                         **options) -> list[Path]:
    """Write K extractions into `out/<AAAA-MM-JJ>/` and `out/verite_historique.json`; return the folders."""
    millesime = options.get("millesime", 2025)
    dates = extraction_dates(millesime, extractions, intervalle_jours)
    folders = list(iter_extractions(out, pupils, seed, extractions, intervalle_jours, **options))
    present = [_keys(f / "verite_terrain.json") for f in folders]
    verite = {
        "graine": seed,
        "eleves": pupils,
        "millesime_courant": millesime,
        "intervalle_jours": intervalle_jours,
        "extractions": [{"dossier": f.name, "date_extraction": d.strftime("%Y-%m-%dT%H:%M:%S")}
                        for f, d in zip(folders, dates)],
        "anomalies": statuses(present),
    }
    (Path(out) / VERITE_HISTORIQUE).write_text(json.dumps(verite, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    return folders


def _keys(path: Path) -> dict[tuple, dict]:
    """The anomaly keys of one extraction's truth, each with its row."""
    rows = json.loads(path.read_text(encoding="utf-8"))["anomalies"]
    return {tuple(r[k] for k in KEY): r for r in rows}


def statuses(present: list[dict[tuple, dict]]) -> list[dict]:
    """Each key ever present, with `statuts[e]`: its status when extraction e is the latest (None before it
    first appears), and `presence[e]`."""
    keys = sorted({k for p in present for k in p}, key=lambda k: tuple("" if v is None else str(v) for v in k))
    rows = []
    for key in keys:
        seen = [key in p for p in present]
        statuts: list[str | None] = []
        for e in range(len(present)):
            before = seen[:e]
            if seen[e]:
                if e > 0 and seen[e - 1]:
                    statuts.append(PERSISTANTE)
                elif any(before):
                    statuts.append(REAPPARUE)
                else:
                    statuts.append(NOUVELLE)
            else:
                statuts.append(RESOLUE if any(before) else None)
        row = next(p[key] for p in reversed(present) if key in p)
        rows.append({**dict(zip(KEY, key)), "academie": row.get("academie"),
                     "presence": seen, "statuts": statuts})
    return rows
