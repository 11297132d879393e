"""Turn the staged rejections of one file into `rejets` rows: line, French detail, raw line."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lsu_analytics.contract import Table, quote

from .csv_read import MAX_LINE_SIZE
from .lines import locate_by_line, locate_records, raw_text
from .manifest import Manifest
from .scan import FileScan
from .sqlfiles import run, sql

_FORMATS = {
    ("date", "iso"): "une date AAAA-MM-JJ", ("date", "fr"): "une date JJ/MM/AAAA",
    ("timestamp", "iso"): "une date-heure AAAA-MM-JJTHH:MM:SS",
    ("timestamp", "fr"): "une date-heure JJ/MM/AAAA HH:MM:SS",
}


def _expected(table: Table, colonne: str, manifest: Manifest) -> str:
    col = table.column(colonne)
    if col.type == "int":
        return "un nombre entier"
    if col.type == "decimal":
        return f"un nombre décimal écrit avec « {manifest.separateur_decimal} »"
    if col.type == "bool":
        return "un booléen (0/1, true/false, oui/non)"
    return _FORMATS.get((col.type, manifest.format_date), col.type)


def templates(table: Table, manifest: Manifest) -> pa.Table:
    """The French sentence of every (reason, column) that can occur in this table."""
    rows = []
    for col in table.columns:
        rows.append(("TYPE_INVALIDE", col.name,
                     f"« {col.name} » n'est pas lisible comme {_expected(table, col.name, manifest)}."))
        if table.is_required(col):
            role = "de la clé primaire" if col.name in table.pk else f"de clé étrangère vers {col.fk}"
            rows.append(("VALEUR_REQUISE_MANQUANTE", col.name,
                         f"« {col.name} » est vide alors que c'est une colonne {role}."))
        if col.codes:
            codes = ", ".join(str(c) for c in col.codes)
            rows.append(("CODE_HORS_LISTE", col.name,
                         f"« {col.name} » n'a pas une valeur de la liste {{{codes}}}."))
    rows.append(("LIGNE_TROP_LONGUE", None,
                 f"la ligne dépasse {MAX_LINE_SIZE >> 20} Mio : non chargée (la lire demanderait autant de mémoire). "
                 "Raccourcissez le texte en cause dans l'application source."))
    if table.pk:
        rows.append(("CLE_PRIMAIRE_EN_DOUBLE", table.pk[0] if len(table.pk) == 1 else None,
                     f"la clé primaire ({', '.join(table.pk)}) répète celle de la ligne %PREMIER%, "
                     "qui est gardée."))
    motif, colonne, detail = zip(*rows)
    return pa.table({"motif": motif, "colonne": colonne, "detail": detail})


def staged_rejects(con, table: Table, with_doublons: bool) -> pa.Table:
    doublons = ""
    if with_doublons:
        colonne = f"'{table.pk[0]}'" if len(table.pk) == 1 else "CAST(NULL AS VARCHAR)"
        doublons = sql("rejets_doublons.sql", colonne=colonne)
    return con.sql(sql("rejets_stage.sql", table=quote(table.name), doublons=doublons)).to_arrow_table()


def _csv_lines(path: Path, ords: np.ndarray, premiers: np.ndarray, scan: FileScan | None):
    ranks = np.unique(np.concatenate([ords, premiers[premiers >= 0]]))
    if scan is None:
        lines, starts, ends = locate_records(path, ranks)
    else:
        lines, starts, ends = locate_by_line(path, ranks, scan.newlines, scan.block)
    at = np.searchsorted(ranks, ords)
    premiere = np.where(premiers >= 0, lines[np.searchsorted(ranks, np.maximum(premiers, 0))], -1)
    return lines[at], premiere, raw_text(path, starts[at], ends[at])


def _parquet_lines(con, path: Path, ords: np.ndarray, premiers: np.ndarray, columns: list[str]):
    valeurs = ", ".join(f"coalesce(CAST({quote(c)} AS VARCHAR), '')" for c in columns)
    con.register("rangs_rejetes", pa.table({"ord": ords}))
    try:
        rebuilt = con.sql(sql("parquet_brut.sql", valeurs=valeurs), params=[str(path)]).to_arrow_table()
    finally:
        con.unregister("rangs_rejetes")
    # Both sorted by rank, one row each: aligned. Parquet's "line" is the rank, from 1.
    return ords + 1, np.where(premiers >= 0, premiers + 1, -1), rebuilt.column("ligne_brute")


def _rows(staged: pa.Table, lignes, premieres, brutes) -> pa.Table:
    return pa.table({"ligne": lignes, "colonne": staged.column("colonne"), "motif": staged.column("motif"),
                     "premiere_ligne": pa.array(premieres, mask=premieres < 0), "ligne_brute": brutes})


def _ranks(staged: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    return staged.column("ord").to_numpy(), staged.column("premier").fill_null(-1).to_numpy()


def csv_reject_rows(path: Path, staged: pa.Table, scan: FileScan | None = None) -> pa.Table:
    """Lines and raw text of a CSV file's rejections: numpy and file reads only, so it can run in a
    thread while DuckDB loads the next file. `scan`: the file's line breaks, when it has one record per
    line (only the blocks holding the rejected lines are read then)."""
    ords, premiers = _ranks(staged)
    return _rows(staged, *_csv_lines(path, ords, premiers, scan))


def parquet_reject_rows(con, path: Path, staged: pa.Table, columns: list[str]) -> pa.Table:
    ords, premiers = _ranks(staged)
    return _rows(staged, *_parquet_lines(con, path, ords, premiers, columns))


def count_by_motif(staged: pa.Table) -> dict[str, int]:
    return {c["values"]: c["counts"] for c in pc.value_counts(staged.column("motif")).to_pylist()}


def insert_rejects(con, rows: pa.Table, *, table: Table, fichier: str, manifest: Manifest,
                   chargement_id: str) -> None:
    con.register("nouveaux_rejets", rows)
    con.register("gabarits", templates(table, manifest))
    try:
        run(con, "SET VARIABLE chargement_id = ?", [chargement_id])
        run(con, "SET VARIABLE fichier = ?", [fichier])
        run(con, sql("insert_rejets.sql"))
    finally:
        con.unregister("nouveaux_rejets")
        con.unregister("gabarits")
