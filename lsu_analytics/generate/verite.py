"""Ground truth file `verite_terrain.json`: expected anomalies and rejections."""
from __future__ import annotations

import json
from pathlib import Path

from .params import GenerationParams
from .sqlfiles import run_sql
from .writer import WrittenFile


def perimetre_of(con) -> dict:
    academies = [r[0] for r in con.execute("SELECT DISTINCT academie FROM etablissements ORDER BY 1").fetchall()]
    if len(academies) == 1:
        return {"niveau": "academie", "code": academies[0]}
    return {"niveau": "national", "code": "FR"}


def _anomalies(con) -> list[dict]:
    run_sql(con, "verite_academie.sql")
    cur = con.execute(
        "SELECT rule_id, uai, academie, millesime, eleve_id, classe_id, objet_id FROM verite "
        # Every column: PER-03 and PER-04 name a periodicity of one establishment in several years.
        "ORDER BY rule_id, objet_id NULLS FIRST, uai NULLS FIRST, eleve_id NULLS FIRST, classe_id NULLS FIRST, "
        "millesime NULLS FIRST, academie NULLS FIRST"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _rejets(con, params: GenerationParams, written: dict[str, WrittenFile]) -> list[dict]:
    """Line of each extra row: they end the file, so count back from its last line.

    CSV: physical line (1 = header, a quoted line break counts). Parquet: the row's rank, from 1.
    """
    rows = con.execute(
        "SELECT tbl, ordre, colonne, motif, csv_seulement, "
        "list_sum([len(v) - len(replace(v, chr(10), '')) FOR v IN map_values(vals) IF v IS NOT NULL]) "
        "FROM g_extra ORDER BY tbl, ordre"
    ).fetchall()
    rejets = []
    by_table: dict[str, list] = {}
    for r in rows:
        if params.fmt == "parquet" and r[4]:
            continue
        by_table.setdefault(r[0], []).append(r)
    for tbl, extras in by_table.items():
        w = written[f"{tbl}.{params.fmt}"]
        heights = [1 + (r[5] or 0) for r in extras]
        if params.fmt == "csv":
            last_line = w.newlines  # the file ends with a line break
        else:
            last_line = w.lignes  # Parquet has no text line: the row's rank, from 1
            heights = [1] * len(extras)
        line = last_line - sum(heights) + 1
        for r, h in zip(extras, heights):
            rejets.append({"fichier": w.name, "ligne": line, "colonne": r[2], "motif": r[3]})
            line += h
    return sorted(rejets, key=lambda d: (d["fichier"], d["ligne"]))


def write_verite(con, out: Path, params: GenerationParams, written: dict[str, WrittenFile]) -> Path:
    verite = {
        "graine": params.seed,
        "eleves": params.pupils,
        "millesime_courant": params.millesime,
        "anomalies": _anomalies(con),
        "rejets": _rejets(con, params, written),
    }
    path = out / "verite_terrain.json"
    path.write_text(json.dumps(verite, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
