"""Build the staging query of one table: typed columns and the first reason to reject each row.

Everything here comes from the contract (column names, types, codes) or from positions in the
file's header; no value read from the export is pasted into SQL.
"""
from __future__ import annotations

from dataclasses import dataclass

from lsu_analytics.contract import Table, quote

from .sqlfiles import render, snippets, sql


@dataclass(frozen=True)
class SourceColumn:
    ref: str  # SQL expression reading the column from the file
    text: bool = True  # stored as text (CSV always; Parquet string columns)
    duckdb_type: str = "VARCHAR"  # Parquet physical type, when not text


def _literal(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def typed_expr(col, src: SourceColumn, format_date: str, separateur_decimal: str) -> str:
    if not src.text:
        if src.duckdb_type == col.duckdb_type:
            return src.ref
        return f"TRY_CAST({src.ref} AS {col.duckdb_type})"
    key = {"decimal": "decimal" + separateur_decimal, "date": "date." + format_date,
           "timestamp": "timestamp." + format_date}.get(col.type, col.type)
    return render(snippets("types.sql")[key], v=src.ref, decimal=col.duckdb_type)


def stage_sql(table: Table, sources: dict[str, SourceColumn], reader: str, *, format_date: str,
              separateur_decimal: str) -> str:
    """`sources` maps contract column -> where it is in the file; absent columns load as NULL."""
    casts, typed, checks = [], [], []
    for k, col in enumerate(table.columns):
        v = f"v{k}"
        src = sources.get(col.name)
        if src is None:
            casts.append(f"CAST(NULL AS {col.duckdb_type}) AS {v}")
        else:
            expr = typed_expr(col, src, format_date, separateur_decimal)
            casts.append(f"{expr} AS {v}")
            if expr != src.ref:  # a conversion can fail: keep the raw value to tell "empty" from "unreadable"
                casts.append(f"{src.ref} AS r{k}")
                checks.append(f"WHEN r{k} IS NOT NULL AND {v} IS NULL THEN 'TYPE_INVALIDE:{col.name}'")
        if table.is_required(col):
            checks.append(f"WHEN {v} IS NULL THEN 'VALEUR_REQUISE_MANQUANTE:{col.name}'")
        if col.codes:
            codes = ", ".join(_literal(c) for c in col.codes)
            checks.append(f"WHEN {v} NOT IN ({codes}) THEN 'CODE_HORS_LISTE:{col.name}'")
        typed.append(v)
    erreur = ("CASE " + " ".join(checks) + " END") if checks else "CAST(NULL AS VARCHAR)"
    return sql("stage.sql", table=quote(table.name), columns=", ".join(quote(c) for c in table.column_names),
               typed=", ".join(typed), erreur=erreur, casts=", ".join(casts), reader=reader)
