"""The loaded tables of a DuckDB database as the Spark job's input: `<table>.parquet` and manifest.json.

The rows are those `lsu-analytics load` kept (rejected rows are not rules' input), so the Spark job sees
exactly what `check` sees. DuckDB writes each file by streaming (COPY ... TO).
"""
from __future__ import annotations

import json
from pathlib import Path

from lsu_analytics.contract import TABLES, quote
from lsu_analytics.database import connect


def _path_literal(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def write_tables(db: Path, folder: Path) -> Path:
    """Write the 18 tables of `db` and its manifest into `folder`; return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True)
    try:
        c, x, niveau, code = con.execute(
            "SELECT millesime_courant, date_extraction, perimetre_niveau, perimetre_code FROM manifeste").fetchone()
        for name in TABLES:
            con.execute(f"COPY {quote(name)} TO {_path_literal(folder / f'{name}.parquet')} "
                        "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    manifest = {"millesime_courant": c, "date_extraction": x.strftime("%Y-%m-%dT%H:%M:%S"),
                "perimetre": {"niveau": niveau, "code": code}, "source": str(Path(db).resolve())}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    return folder
