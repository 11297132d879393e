"""Realistic LSU export generator (shared/spec/export-contract.md), with known rule violations.

`generate_export` writes the 18 tables, `manifest.json` and `verite_terrain.json` (the anomalies and
rejections the toolkit must find). Everything is computed set-wise in DuckDB from hash(seed, key).

Streaming: the reference data (establishments, calendars, classes) comes from passes that only count
pupils; then pupils are built by blocks (params.ELEVES_PAR_BLOC), each block injecting its own share of
violations among its own pupils and appending its rows to the files. Memory and temporary disk follow the
block, not the export. The rules about classes and periods are injected once, at the end, from what every
block left (stats_classes.sql). An export of at most one block is the one the unblocked generator wrote.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb

from lsu_analytics.database import ENV_MEMORY_LIMIT, current_settings, duckdb_config

from .blocs import PUPIL_TABLES, REFERENCE_TABLES, build_block, first_rows_as_tables, keep_first_rows
from .injections import add_rejected_rows, inject_export
from .params import GenerationParams
from .referentiel import build_referentiel
from .sqlfiles import run_sql, set_variables
from .verite import perimetre_of, write_verite
from .writer import append_rows, close_files, open_files, write_manifest

__all__ = ["generate_export", "GenerationParams"]

# Without --memory-limit the generator holds at most this much: DuckDB keeps its tables in memory up to the
# limit and writes the rest into the spill folder (the output does not depend on it: same seed, same bytes).
MEMORY_DEFAULT = 2 * 1024 ** 3


def generate_export(out: Path, pupils: int, seed: int, encoding: str = "utf-8", date_format: str = "iso",
                    fmt: str = "csv", millesime: int = 2025, *, date_extraction: datetime | None = None,
                    etape: int = 0, nb_etapes: int = 1, **blocs) -> Path:
    """Write a complete export of `pupils` pupils into the folder `out` (created if needed); return it.

    `date_extraction`, `etape` and `nb_etapes` place it among successive extractions (see extractions.py).
    `blocs` (eleves_par_bloc, eleves_par_passe) overrides the sizes of params.py, for tests.
    """
    params = GenerationParams(pupils=pupils, seed=seed, millesime=millesime, encoding=encoding,
                              date_format=date_format, fmt=fmt, date_extraction_forcee=date_extraction,
                              etape=etape, nb_etapes=nb_etapes, **blocs)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    settings = current_settings()
    if not os.environ.get(ENV_MEMORY_LIMIT):
        settings = replace(settings, memory_bytes=min(settings.memory_bytes, MEMORY_DEFAULT))
    with tempfile.TemporaryDirectory(prefix="lsu-generate-", dir=settings.temp_directory) as work:
        con = duckdb.connect(config={**duckdb_config(None, settings), "temp_directory": work,
                                     "preserve_insertion_order": True})
        try:
            con.execute("SET enable_progress_bar = false")
            set_variables(con, params.variables())
            run_sql(con, "macros.sql")
            run_sql(con, "verite_init.sql")
            build_referentiel(con, params)
            files = open_files(con, out, params, Path(work))
            for i, block in enumerate(params.blocs()):
                build_block(con, params, block)
                keep_first_rows(con, first_block=i == 0)
                append_rows(con, files, PUPIL_TABLES, first=i == 0)
            set_variables(con, params.variables())
            first_rows_as_tables(con)
            inject_export(con)
            add_rejected_rows(con)
            append_rows(con, files, REFERENCE_TABLES, first=True)
            written = close_files(con, files)
            write_manifest(out, params, written, perimetre_of(con))
            write_verite(con, out, params, written)
        finally:
            con.close()
    return out
