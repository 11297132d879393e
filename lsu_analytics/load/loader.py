"""load_export: an export (folder or .zip) -> a fresh DuckDB database, swapped in only when complete."""
from __future__ import annotations

import os
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Callable

import duckdb

from lsu_analytics.contract import TABLES, create_schema
from lsu_analytics.database import connect

from .builds import build_folder, remove_stale_builds
from .disk import disk_full_message, is_disk_full
from .errors import LoadError
from .manifest import FileEntry, check_files
from .record import copy_history, record_load, record_manifest
from .result import LoadResult, TableResult
from .scan import scan_file
from .source import ZipLimits, export_folder
from .sqlfiles import run
from .table_load import FileContext, load_file

Progress = Callable[[str, int, int], None]  # (table just loaded, tables done, tables in all)


def _check_sha(entry: FileEntry, future: Future) -> None:
    try:
        actual = future.result().sha256
    except OSError as e:
        raise LoadError(f"{entry.fichier} : lecture impossible ({e.strerror}).") from None
    if actual != entry.sha256:
        raise LoadError(f"{entry.fichier} : son sha256 ne correspond pas à celui du manifeste ; le fichier a été "
                        "modifié ou tronqué après l'export. Réexportez-le.")


def _new_chargement_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def load_export(source: Path, db: Path, progress: Progress | None = None, *,
                zip_limits: ZipLimits | None = None) -> LoadResult:
    """Load the export `source` (folder or .zip) into the DuckDB file `db`, replacing it atomically.

    `progress(table, done, total)` is called once before the first table ("", 0, 18) and after each one.
    Raises LoadError (French message naming the file) and leaves `db` as it was when anything fails.
    The caller holds the database lock: the builds left beside `db` by killed loads are removed.
    """
    source, db = Path(source), Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(db.parent)
    try:
        return _build(source, db, progress, zip_limits)
    except (LoadError, OSError, duckdb.Error) as e:
        if is_disk_full(e):  # wherever the write failed (extraction, transcoding, DuckDB): one message
            raise LoadError(disk_full_message(source, db.parent.resolve())) from None
        raise


def _build(source: Path, db: Path, progress: Progress | None, zip_limits: ZipLimits | None) -> LoadResult:
    t0, debut = perf_counter(), datetime.now()
    chargement_id = _new_chargement_id(debut)
    with build_folder(db.parent) as workdir:
        with export_folder(source, workdir, zip_limits) as export:
            folder, manifest = export.path, export.manifest
            check_files(manifest, export.present)
            new_db = workdir / "nouvelle.duckdb"
            # Memory, threads and spill folder: the settings in force (lsu_analytics/database/settings.py).
            con = connect(new_db, preserve_insertion_order=True)  # rowid = rank in the file
            run(con, "SET enable_progress_bar = false")  # the CLI draws its own
            pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chargement")  # sha256, lignes rejetées
            try:
                scans = {t: pool.submit(scan_file, folder / e.fichier) for t, e in manifest.fichiers.items()}
                create_schema(con)
                copy_history(con, db)
                ctx = FileContext(manifest, chargement_id, workdir, pool, scans=scans)
                tables: dict[str, TableResult] = {}
                if progress:
                    progress("", 0, len(TABLES))
                for done, table in enumerate(TABLES.values(), start=1):
                    entry = manifest.fichiers.get(table.name)
                    if entry is None:
                        tables[table.name] = TableResult(table.name, None, 0, 0, 0)
                    else:
                        try:
                            tables[table.name] = load_file(con, table, entry, folder / entry.fichier, ctx)
                        except LoadError:
                            _check_sha(entry, scans[table.name])  # a damaged file is the real cause
                            raise
                        _check_sha(entry, scans[table.name])
                    if progress:
                        progress(table.name, done, len(TABLES))
                ctx.flush_rejects(con)
                absentes = [t.table for t in tables.values() if t.fichier is None]
                if absentes:
                    ctx.avertissements.append(f"table(s) absente(s) de l'export, créée(s) vide(s) : {', '.join(absentes)}.")
                result = LoadResult(chargement_id, source, db, tables, 0.0, ctx.avertissements)
                record_manifest(con, manifest, chargement_id)
                fin = datetime.now()
                result.duree_s = perf_counter() - t0
                record_load(con, manifest, chargement_id=chargement_id, debut=debut, fin=fin, source=source,
                            lignes_manifeste=result.lignes_manifeste, chargees=result.chargees,
                            rejetees=result.rejetees)
                run(con, "CHECKPOINT")
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
                con.close()
            os.replace(new_db, db)  # atomic: readers see the old database or the new one, never half of one
            Path(f"{db}.wal").unlink(missing_ok=True)  # a stale log of the old database must not replay here
    result.duree_s = perf_counter() - t0
    return result
