"""Open DuckDB with the settings in force (settings.py); explain in French a run that does not fit."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from .settings import ENV_MEMORY_LIMIT, ENV_TEMP_DIRECTORY, DuckDbSettings, current_settings


def temp_folder(db: str | Path | None, settings: DuckDbSettings) -> Path:
    """Where this process's connection to `db` spills: its own folder (two processes on one database must
    not share DuckDB's spill files), the same for every connection of the process to that database
    (DuckDB refuses a second configuration for an open database). DuckDB creates it when it first spills
    and removes it at close."""
    base = settings.temp_directory
    if db is None or str(db) == ":memory:":
        return (base or Path(tempfile.gettempdir())) / f"lsu-duckdb-{os.getpid()}"
    db = Path(db).resolve()
    return (base or db.parent) / f".{db.name}.tmp-{os.getpid()}"


def duckdb_config(db: str | Path | None, settings: DuckDbSettings | None = None, **extra) -> dict:
    settings = settings or current_settings()
    return {"memory_limit": settings.memory_limit, "threads": settings.threads,
            "temp_directory": str(temp_folder(db, settings)), **extra}


def connect(db: str | Path | None = None, *, read_only: bool = False, settings: DuckDbSettings | None = None,
            **extra) -> duckdb.DuckDBPyConnection:
    """duckdb.connect with memory_limit, threads and temp_directory of the settings in force.

    `extra`: other DuckDB options of this use (e.g. preserve_insertion_order). Raises duckdb.Error.
    """
    target = ":memory:" if db is None else str(db)
    config = duckdb_config(db, settings, **extra)
    try:
        return duckdb.connect(target, read_only=read_only, config=config)
    except duckdb.ConnectionException as e:
        if "different configuration" not in str(e):
            raise
    # This process already holds the database open with other options (a notebook, a test, a caller's
    # connection): join that instance and set the limits that can change while it is open.
    con = duckdb.connect(target, read_only=read_only)
    con.execute(f"SET memory_limit = '{config['memory_limit']}'")
    con.execute(f"SET threads = {int(config['threads'])}")
    return con


def resource_error_message(error: BaseException, settings: DuckDbSettings | None = None) -> str | None:
    """French explanation when `error` is DuckDB running out of memory or temporary disk, else None."""
    text = str(error)
    lowered = text.lower()
    try:
        settings = settings or current_settings()
    except ValueError:
        settings = None
    limit = settings.describe() if settings else "réglages DuckDB invalides"
    if isinstance(error, duckdb.OutOfMemoryException) or "out of memory" in lowered:
        if "max_temp_directory_size" in lowered or "temporary directory" in lowered and "full" in lowered:
            return (f"DuckDB manque de place dans son dossier temporaire ({limit}) : libérez de l'espace disque "
                    f"ou donnez un dossier sur un disque plus grand avec --temp-directory "
                    f"(variable {ENV_TEMP_DIRECTORY}).")
        return (f"DuckDB n'a pas pu tenir dans la mémoire permise ({limit}) et une partie du travail ne peut pas "
                f"être écrite sur disque : augmentez --memory-limit (variable {ENV_MEMORY_LIMIT}, par ex. 8GB) "
                "ou lancez la commande quand la machine est moins chargée.")
    if "no space left on device" in lowered or "disk is full" in lowered:
        return (f"Disque plein pendant l'exécution DuckDB ({limit}) : libérez de l'espace ou donnez un dossier "
                f"temporaire sur un autre disque avec --temp-directory (variable {ENV_TEMP_DIRECTORY}).")
    return None
