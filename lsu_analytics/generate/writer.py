"""Write the 18 tables (CSV or Parquet) and the manifest.

Each table is written by DuckDB (`COPY ... TO`) in a fixed order, so the same parameters give the same
bytes. Rows that the loader must reject (`g_extra`) come after the table's own rows.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from lsu_analytics.contract import TABLES, quote
from lsu_analytics.contract.tables import CONTRACT_VERSION, Column, Table

from .params import GenerationParams
from .sqlfiles import run_sql, set_variables

CHUNK = 1 << 22
DATE_FORMATS = {"iso": ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"), "fr": ("%d/%m/%Y", "%d/%m/%Y %H:%M:%S")}


@dataclass(frozen=True)
class WrittenFile:
    name: str
    lignes: int
    sha256: str
    newlines: int  # physical line breaks (CSV only), to number rejected rows


def _csv_expr(col: Column, src: str) -> str:
    if col.type == "bool":
        return f"fmt_bool({src})"
    if col.type == "date":
        return f"fmt_date({src})"
    if col.type == "timestamp":
        return f"fmt_ts({src})"
    if col.type == "text":
        return f"CAST({src} AS VARCHAR)"
    return f"CAST(CAST({src} AS {col.duckdb_type}) AS VARCHAR)"


def _csv_extra_expr(col: Column) -> str:
    v = f"vals[{_lit(col.name)}]"
    if col.type == "date":
        return f"refmt_date({v})"
    if col.type == "timestamp":
        return f"refmt_ts({v})"
    return v


def _parquet_extra_expr(col: Column) -> str:
    v = f"vals[{_lit(col.name)}]"
    if col.type == "bool":
        return f"bool_of({v})"
    return f"CAST({v} AS {col.duckdb_type})"


def _lit(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def export_query(table: Table, fmt: str) -> str:
    """SELECT of the table's rows then its extra rows, every column in the contract's order."""
    cols = table.columns
    if fmt == "csv":
        base = ", ".join(f"{_csv_expr(c, quote(c.name))} AS {quote(c.name)}" for c in cols)
        extra = ", ".join(f"{_csv_extra_expr(c)} AS {quote(c.name)}" for c in cols)
        extra_filter = ""
    else:
        base = ", ".join(f"CAST({quote(c.name)} AS {c.duckdb_type}) AS {quote(c.name)}" for c in cols)
        extra = ", ".join(f"{_parquet_extra_expr(c)} AS {quote(c.name)}" for c in cols)
        extra_filter = " AND NOT csv_seulement"
    names = ", ".join(quote(c.name) for c in cols)
    return (
        f"SELECT {names} FROM ("
        f"SELECT 0 AS _part, _ord, {base} FROM {quote(table.name)} "
        f"UNION ALL SELECT 1, ordre, {extra} FROM g_extra WHERE tbl = {_lit(table.name)}{extra_filter}"
        ") ORDER BY _part, _ord"
    )


def _finalize(tmp: Path, dest: Path, encoding: str) -> tuple[str, int]:
    """Move (transcoding in a stream if needed) tmp to dest; return sha256 and the count of line breaks."""
    digest = hashlib.sha256()
    newlines = 0
    if encoding == "utf-8":
        shutil.move(tmp, dest)
        with open(dest, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
                newlines += chunk.count(b"\n")
        return digest.hexdigest(), newlines
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(tmp, "rb") as src, open(dest, "wb") as out:
        while True:
            chunk = src.read(CHUNK)
            final = not chunk
            if chunk.isascii():  # ASCII is the same in both encodings: no decoding needed
                data = chunk
            else:
                data = decoder.decode(chunk, final).encode(encoding)
            if final:
                data += decoder.decode(b"", True).encode(encoding)
            digest.update(data)
            newlines += data.count(b"\n")
            out.write(data)
            if final:
                break
    tmp.unlink()
    return digest.hexdigest(), newlines


def _sql_path(path: Path) -> str:
    """A path as a SQL string literal (COPY TO takes no bound parameter); only our own work folder is used."""
    return "'" + path.as_posix().replace("'", "''") + "'"


def write_tables(con, out: Path, params: GenerationParams, workdir: Path) -> dict[str, WrittenFile]:
    """Write every table into `out`, through a temporary file in `workdir`."""
    date_fmt, ts_fmt = DATE_FORMATS[params.date_format]
    set_variables(con, {"fmt_date": date_fmt, "fmt_ts": ts_fmt})
    run_sql(con, "format.sql")
    # A previous export in the same folder (other format) must not leave files the manifest does not list.
    for table in TABLES.values():
        for ext in ("csv", "parquet"):
            (out / f"{table.name}.{ext}").unlink(missing_ok=True)
    written: dict[str, WrittenFile] = {}
    for table in TABLES.values():
        name = f"{table.name}.{params.fmt}"
        dest = out / name
        tmp = workdir / name
        query = export_query(table, params.fmt)
        if params.fmt == "csv":
            options = "FORMAT csv, HEADER true, DELIMITER ';', QUOTE '\"', ESCAPE '\"', NULLSTR ''"
        else:
            options = "FORMAT parquet, COMPRESSION zstd"
        con.execute(f"COPY ({query}) TO {_sql_path(tmp)} ({options})")
        enc = params.encoding if params.fmt == "csv" else "utf-8"
        sha, newlines = _finalize(tmp, dest, enc)
        lignes = _count_rows(con, table, params.fmt)
        written[name] = WrittenFile(name, lignes, sha, newlines)
    return written


def _count_rows(con, table: Table, fmt: str) -> int:
    base = con.execute(f"SELECT count(*) FROM {quote(table.name)}").fetchall()[0][0]
    extra = con.execute(
        "SELECT count(*) FROM g_extra WHERE tbl = ? AND (? = 'csv' OR NOT csv_seulement)", [table.name, fmt]
    ).fetchall()[0][0]
    return base + extra


def write_manifest(out: Path, params: GenerationParams, written: dict[str, WrittenFile], perimetre: dict) -> Path:
    manifest = {
        "contrat": CONTRACT_VERSION,
        "millesime_courant": params.millesime,
        "date_extraction": params.date_extraction.strftime("%Y-%m-%dT%H:%M:%S"),
        "perimetre": perimetre,
        "encodage": params.encoding,
        "format_date": params.date_format,
        "separateur_decimal": ".",
        "fichiers": {w.name: {"lignes": w.lignes, "sha256": w.sha256} for w in written.values()},
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
