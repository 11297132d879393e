"""Realistic LSU export generator (shared/spec/export-contract.md), with known rule violations.

`generate_export` writes the 18 tables, `manifest.json` and `verite_terrain.json` (the anomalies and
rejections the toolkit must find). Everything is computed set-wise in DuckDB from hash(seed, key).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb

from lsu_analytics.database import ENV_MEMORY_LIMIT, current_settings, duckdb_config

from .bilans import build_bilans
from .consultations import build_consultations
from .eleves import build_eleves
from .injections import inject_violations
from .journal import build_journal
from .params import GenerationParams
from .referentiel import build_referentiel
from .sqlfiles import run_sql, set_variables
from .verite import perimetre_of, write_verite
from .writer import write_manifest, write_tables

__all__ = ["generate_export", "GenerationParams"]

# Without --memory-limit the generator holds at most this much: DuckDB keeps its tables in memory up to the
# limit and writes the rest into the spill folder, so the peak does not grow with the pupils (the output
# does not depend on it: same seed, same bytes).
MEMORY_DEFAULT = 2 * 1024 ** 3


def generate_export(out: Path, pupils: int, seed: int, encoding: str = "utf-8", date_format: str = "iso",
                    fmt: str = "csv", millesime: int = 2025, *, date_extraction: datetime | None = None,
                    etape: int = 0, nb_etapes: int = 1) -> Path:
    """Write a complete export of `pupils` pupils into the folder `out` (created if needed); return it.

    `date_extraction`, `etape` and `nb_etapes` place it among successive extractions (see extractions.py).
    """
    params = GenerationParams(pupils=pupils, seed=seed, millesime=millesime, encoding=encoding,
                              date_format=date_format, fmt=fmt, date_extraction_forcee=date_extraction,
                              etape=etape, nb_etapes=nb_etapes)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    settings = current_settings()
    if not os.environ.get(ENV_MEMORY_LIMIT):
        settings = replace(settings, memory_bytes=min(settings.memory_bytes, MEMORY_DEFAULT))
    with tempfile.TemporaryDirectory(prefix="lsu-generate-", dir=settings.temp_directory) as spill:
        con = duckdb.connect(config={**duckdb_config(None, settings), "temp_directory": spill,
                                     "preserve_insertion_order": True})
        try:
            con.execute("SET enable_progress_bar = false")
            set_variables(con, params.variables())
            run_sql(con, "macros.sql")
            run_sql(con, "verite_init.sql")
            build_referentiel(con)
            build_eleves(con)
            build_bilans(con)
            build_journal(con)
            build_consultations(con)
            inject_violations(con)
            written = write_tables(con, out, params, Path(spill))
            write_manifest(out, params, written, perimetre_of(con))
            write_verite(con, out, params, written)
        finally:
            con.close()
    return out


