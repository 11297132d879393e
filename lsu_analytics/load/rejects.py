"""Turn the staged rejections of one file into `rejets` rows: line, French detail, raw line."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from lsu_analytics.contract import Table, quote

from .lines import locate_records
from .manifest import Manifest
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


def detail(table: Table, motif: str, colonne: str | None, manifest: Manifest, premiere_ligne) -> str:
    if motif == "TYPE_INVALIDE":
        return f"« {colonne} » n'est pas lisible comme {_expected(table, colonne, manifest)}."
    if motif == "VALEUR_REQUISE_MANQUANTE":
        col = table.column(colonne)
        role = "de la clé primaire" if colonne in table.pk else f"de clé étrangère vers {col.fk}"
        return f"« {colonne} » est vide alors que c'est une colonne {role}."
    if motif == "CODE_HORS_LISTE":
        codes = ", ".join(str(c) for c in table.column(colonne).codes)
        return f"« {colonne} » n'a pas une valeur de la liste {{{codes}}}."
    return (f"la clé primaire ({', '.join(table.pk)}) répète celle de la ligne {premiere_ligne}, "
            "qui est gardée.")


def staged_rejects(con, table: Table, with_doublons: bool) -> pa.Table:
    doublons = ""
    if with_doublons:
        colonne = f"'{table.pk[0]}'" if len(table.pk) == 1 else "CAST(NULL AS VARCHAR)"
        doublons = sql("rejets_doublons.sql", colonne=colonne)
    return con.sql(sql("rejets_stage.sql", table=quote(table.name), doublons=doublons)).to_arrow_table()


def write_rejects(con, staged: pa.Table, *, table: Table, fichier: str, fmt: str, path: Path,
                  parquet_columns: list[str] | None, manifest: Manifest, chargement_id: str) -> dict[str, int]:
    """Insert the rejections of one file; return their count by reason."""
    if staged.num_rows == 0:
        return {}
    ords = staged.column("ord").to_numpy()
    premiers = staged.column("premier").to_pylist()
    motifs = staged.column("motif").to_pylist()
    colonnes = [c or None for c in staged.column("colonne").to_pylist()]
    if fmt == "csv":
        extra = np.array([p for p in premiers if p is not None], dtype=np.int64)
        ranks = np.unique(np.concatenate([ords, extra]))
        lines, raws = locate_records(path, ranks)
        line_of = dict(zip(ranks.tolist(), lines.tolist()))
        raw_of = dict(zip(ranks.tolist(), raws))
    else:
        line_of = None
        valeurs = ", ".join(f"coalesce(CAST({quote(c)} AS VARCHAR), '')" for c in parquet_columns)
        rebuilt = con.execute(sql("parquet_brut.sql", valeurs=valeurs), [str(path), ords.tolist()]).fetchall()
        raw_of = dict(rebuilt)

    def ligne(rank):
        return line_of[rank] if line_of is not None else rank + 1  # Parquet: the row's rank, from 1

    rows = {
        "chargement_id": [chargement_id] * staged.num_rows,
        "fichier": [fichier] * staged.num_rows,
        "ligne": [ligne(r) for r in ords.tolist()],
        "colonne": colonnes,
        "motif": motifs,
        "detail": [detail(table, m, c, manifest, None if p is None else ligne(p))
                   for m, c, p in zip(motifs, colonnes, premiers)],
        "ligne_brute": [raw_of.get(r) for r in ords.tolist()],
    }
    con.register("nouveaux_rejets", pa.table(rows))
    try:
        run(con, sql("insert_rejets.sql"))
    finally:
        con.unregister("nouveaux_rejets")
    counts: dict[str, int] = {}
    for m in motifs:
        counts[m] = counts.get(m, 0) + 1
    return counts
