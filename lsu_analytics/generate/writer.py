"""Write the 18 tables (CSV or Parquet) and the manifest.

Each piece of a table is written by DuckDB (`COPY ... TO`) in a fixed order (`_ord`), so the same parameters
give the same bytes. Rows that the loader must reject (`g_extra`) come after the table's own rows.
"""
from __future__ import annotations

import codecs
import hashlib
import json
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


def rows_query(table: Table, fmt: str) -> str:
    """SELECT of the table's own rows (of the current block, for a pupils' table), contract's column order."""
    if fmt == "csv":
        cols = ", ".join(f"{_csv_expr(c, quote(c.name))} AS {quote(c.name)}" for c in table.columns)
    else:
        cols = ", ".join(f"CAST({quote(c.name)} AS {c.duckdb_type}) AS {quote(c.name)}" for c in table.columns)
    return f"SELECT {cols} FROM {quote(table.name)} ORDER BY _ord"


def extra_query(table: Table, fmt: str) -> str:
    """SELECT of the rows the loader must reject (`g_extra`): they end the file."""
    if fmt == "csv":
        cols = ", ".join(f"{_csv_extra_expr(c)} AS {quote(c.name)}" for c in table.columns)
        only = ""
    else:
        cols = ", ".join(f"{_parquet_extra_expr(c)} AS {quote(c.name)}" for c in table.columns)
        only = " AND NOT csv_seulement"
    return f"SELECT {cols} FROM g_extra WHERE tbl = {_lit(table.name)}{only} ORDER BY ordre"


def _sql_path(path: Path) -> str:
    """A path as a SQL string literal (COPY TO takes no bound parameter); only our own work folder is used."""
    return "'" + path.as_posix().replace("'", "''") + "'"


CSV_OPTIONS = "FORMAT csv, DELIMITER ';', QUOTE '\"', ESCAPE '\"', NULLSTR ''"
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd"


class TableFile:
    """One table's file, written in pieces (the rows of each block, then the rows to reject) so that no
    table is ever whole in memory: a CSV piece is appended (transcoded in a stream if needed) and hashed
    on the way; Parquet pieces are joined into one file at the end."""

    def __init__(self, table: Table, params: GenerationParams, out: Path, workdir: Path):
        self.table = table
        self.fmt = params.fmt
        self.name = f"{table.name}.{params.fmt}"
        self.dest = out / self.name
        self.workdir = workdir
        self.encoding = params.encoding if params.fmt == "csv" else "utf-8"
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.digest = hashlib.sha256()
        self.lignes = 0
        self.newlines = 0
        self.pieces: list[Path] = []
        if self.fmt == "csv":
            self.dest.write_bytes(b"")

    def append(self, con, query: str, header: bool = False) -> None:
        piece = self.workdir / f"{len(self.pieces)}-{self.name}"
        options = f"{CSV_OPTIONS}, HEADER {str(header).lower()}" if self.fmt == "csv" else PARQUET_OPTIONS
        self.lignes += con.execute(f"COPY ({query}) TO {_sql_path(piece)} ({options})").fetchall()[0][0]
        if self.fmt == "csv":
            self._append_csv(piece)
            piece.unlink()
        else:
            self.pieces.append(piece)

    def _append_csv(self, piece: Path) -> None:
        with open(piece, "rb") as src, open(self.dest, "ab") as out:
            while chunk := src.read(CHUNK):
                # ASCII is the same in both encodings: no decoding needed.
                if self.encoding != "utf-8" and not chunk.isascii():
                    chunk = self.decoder.decode(chunk).encode(self.encoding)
                self.digest.update(chunk)
                self.newlines += chunk.count(b"\n")
                out.write(chunk)

    def close(self, con) -> WrittenFile:
        if self.fmt == "parquet":
            files = "[" + ", ".join(_sql_path(p) for p in self.pieces) + "]"
            names = ", ".join(quote(c.name) for c in self.table.columns)
            con.execute(
                f"COPY (SELECT {names} FROM read_parquet({files}, filename = true, file_row_number = true) "
                f"ORDER BY list_position({files}, filename), file_row_number) TO {_sql_path(self.dest)} "
                f"({PARQUET_OPTIONS})")
            for p in self.pieces:
                p.unlink()
            with open(self.dest, "rb") as f:
                while chunk := f.read(CHUNK):
                    self.digest.update(chunk)
        return WrittenFile(self.name, self.lignes, self.digest.hexdigest(), self.newlines)


def open_files(con, out: Path, params: GenerationParams, workdir: Path) -> dict[str, TableFile]:
    """A TableFile for every table of the contract; date formats of the CSV set."""
    date_fmt, ts_fmt = DATE_FORMATS[params.date_format]
    set_variables(con, {"fmt_date": date_fmt, "fmt_ts": ts_fmt})
    run_sql(con, "format.sql")
    # A previous export in the same folder (other format) must not leave files the manifest does not list.
    for table in TABLES.values():
        for ext in ("csv", "parquet"):
            (out / f"{table.name}.{ext}").unlink(missing_ok=True)
    return {name: TableFile(table, params, out, workdir) for name, table in TABLES.items()}


def append_rows(con, files: dict[str, TableFile], tables: tuple[str, ...], first: bool) -> None:
    """Rows of `tables` as they are now (a block's pupils, or the whole export's reference data)."""
    for name in tables:
        f = files[name]
        f.append(con, rows_query(f.table, f.fmt), header=first)


def close_files(con, files: dict[str, TableFile]) -> dict[str, WrittenFile]:
    """Append the rows to reject, finish every file; in the contract's order of tables."""
    written = {}
    for f in files.values():
        f.append(con, extra_query(f.table, f.fmt))
        w = f.close(con)
        written[w.name] = w
    return written


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
