"""Load one file of the export into its table; its bad rows go to `rejets`."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from lsu_analytics.contract import Table, quote
from lsu_analytics.database import resource_error_message

from .casts import SourceColumn, stage_sql
from .csv_read import CsvRead
from .errors import LoadError
from .header import read_header
from .manifest import FileEntry, Manifest
from .rejects import count_by_motif, csv_reject_rows, insert_rejects, parquet_reject_rows, staged_rejects
from .result import TableResult
from .scan import FileScan
from .sqlfiles import run, scalar, sql
from .transcode import transcode_to_utf8


@dataclass
class PendingRejects:
    table: Table
    fichier: str
    rows: Future | pa.Table  # see rejects.insert_rejects; a Future while lines are being located


@dataclass
class FileContext:
    manifest: Manifest
    chargement_id: str
    workdir: Path
    pool: ThreadPoolExecutor
    scans: dict[str, Future] = field(default_factory=dict)  # table -> FileScan of its file, being read
    avertissements: list[str] = field(default_factory=list)
    pending: list[PendingRejects] = field(default_factory=list)

    def scan_of(self, table: str, lues: int) -> FileScan | None:
        """The scan of the file as exported, when it is complete and shows one record per line."""
        future = self.scans.get(table)
        if future is None or not future.done() or future.exception() is not None:
            return None  # still being read (or unreadable: the sha256 check says so): scan the file
        scan = future.result()
        return scan if scan.one_record_per_line(lues) else None

    def flush_rejects(self, con) -> None:
        """Insert the rejections whose lines were being located in the background."""
        for p in self.pending:
            rows = p.rows.result() if isinstance(p.rows, Future) else p.rows
            insert_rejects(con, rows, table=p.table, fichier=p.fichier, manifest=self.manifest,
                           chargement_id=self.chargement_id)
        self.pending.clear()


def _match_columns(table: Table, names: list[str], fichier: str, ctx: FileContext) -> None:
    missing = [c for c in table.column_names if c not in names]
    required = [c for c in missing if c in table.required_columns]
    if required:
        raise LoadError(f"{fichier}, ligne 1 : la colonne requise « {required[0]} » manque dans l'en-tête "
                        f"(colonnes requises de {table.name} : {', '.join(table.required_columns)}). "
                        "Ajoutez-la au fichier.")
    if missing:
        ctx.avertissements.append(f"{fichier} : colonne(s) absente(s), chargée(s) vide(s) : {', '.join(missing)}.")
    extra = [n for n in names if n not in table.column_names]
    if extra:
        ctx.avertissements.append(f"{fichier} : colonne(s) hors contrat ignorée(s) : {', '.join(extra)}.")


def _unreadable(fichier: str, error: duckdb.Error) -> LoadError:
    """A Parquet file DuckDB cannot read (CSV files: see csv_read)."""
    resources = resource_error_message(error)
    if resources:  # the file may be fine: the machine's memory or disk is what ran out
        return LoadError(f"{fichier} : {resources}")
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return LoadError(f"{fichier} : fichier illisible ({first}). Réexportez-le au format Parquet du contrat.")


def _csv_sources(path: Path, table: Table, entry: FileEntry, ctx: FileContext):
    names = read_header(path, entry.fichier)
    _match_columns(table, names, entry.fichier, ctx)
    sources = {n: SourceColumn(f"c{i}") for i, n in enumerate(names) if n in table.column_names}
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(names))) + "}"
    return sources, columns, len(names)


def _parquet_sources(con, path: Path, table: Table, entry: FileEntry, ctx: FileContext):
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    except duckdb.Error as e:
        raise _unreadable(entry.fichier, e) from None
    names = [row[0] for row in described]
    _match_columns(table, names, entry.fichier, ctx)
    sources = {n: SourceColumn(quote(n), text=t == "VARCHAR", duckdb_type=t)
               for n, t, *_ in described if n in table.column_names}
    return sources, sql("read_parquet.sql"), names


def _insert(con, table: Table, entry: FileEntry, path: Path, ctx: FileContext) -> tuple[Path, list | None]:
    """Read the file into its table, with `_erreur`; return the path read and the Parquet columns."""
    m = ctx.manifest
    parquet_columns = None
    if entry.format == "csv":
        if m.encodage == "windows-1252":
            utf8 = ctx.workdir / f"{entry.fichier}.utf-8"
            transcode_to_utf8(path, utf8, entry.fichier)
            path = utf8
        sources, columns, width = _csv_sources(path, table, entry, ctx)
    else:
        sources, reader, parquet_columns = _parquet_sources(con, path, table, entry, ctx)
    run(con, f"ALTER TABLE {quote(table.name)} ADD COLUMN _erreur VARCHAR")

    def query(reader: str) -> str:
        return stage_sql(table, sources, reader, format_date=m.format_date, separateur_decimal=m.separateur_decimal)

    if entry.format == "csv":
        read = CsvRead(entry.fichier, path, width, ctx.workdir)
        path = read.insert(lambda p, max_line_size: run(
            con, query(sql("read_csv.sql", columns=columns, max_line_size=str(max_line_size))), [str(p)]))
        if read.too_long:
            run(con, sql("ligne_trop_longue.sql", table=quote(table.name),
                         rangs=", ".join(str(r) for r in read.too_long)))
        return path, None
    try:
        run(con, query(reader), [str(path)])
    except duckdb.Error as e:
        raise _unreadable(entry.fichier, e) from None
    return path, parquet_columns


def _find_doublons(con, table: Table) -> bool:
    if not table.pk:
        return False
    pk = ", ".join(quote(c) for c in table.pk)
    join = " AND ".join(f"s.{quote(c)} = c.{quote(c)}" for c in table.pk)
    run(con, sql("doublons.sql", table=quote(table.name), pk=pk, join=join))
    return scalar(con, "SELECT count(*) FROM doublons") > 0


def load_file(con, table: Table, entry: FileEntry, path: Path, ctx: FileContext) -> TableResult:
    name = quote(table.name)
    exported = path
    path, parquet_columns = _insert(con, table, entry, path, ctx)
    lues = scalar(con, f"SELECT count(*) FROM {name}")
    if lues != entry.lignes:
        raise LoadError(f"{entry.fichier} : {lues} lignes de données lues, le manifeste en annonce "
                        f"{entry.lignes}. Le fichier est incomplet ou le manifeste faux : réexportez-le.")
    doublons = _find_doublons(con, table)
    staged = staged_rejects(con, table, doublons)
    if staged.num_rows:
        if entry.format == "csv":
            # The scan's line breaks are those of the exported file, not of a transcoded or repaired copy.
            scan = ctx.scan_of(table.name, lues) if path == exported else None
            rows = ctx.pool.submit(csv_reject_rows, path, staged, scan)
        else:
            rows = parquet_reject_rows(con, path, staged, parquet_columns)
        ctx.pending.append(PendingRejects(table, entry.fichier, rows))
    ou_doublons = "OR rowid IN (SELECT ord FROM doublons)" if doublons else ""
    run(con, sql("purge.sql", table=name, ou_doublons=ou_doublons))
    chargees = scalar(con, f"SELECT count(*) FROM {name}")
    rejetees = staged.num_rows
    if chargees + rejetees != entry.lignes:  # the guarantee itself: never load a file that breaks it
        raise LoadError(f"{entry.fichier} : {chargees} lignes chargées + {rejetees} rejetées ≠ {entry.lignes} "
                        "annoncées par le manifeste.")
    par_motif = count_by_motif(staged) if staged.num_rows else {}
    return TableResult(table.name, entry.fichier, entry.lignes, chargees, rejetees, par_motif)
