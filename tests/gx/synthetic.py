"""A DuckDB export filled by SQL with values that break every kind of contract expectation.

Each column's value is drawn from hash(row, column), and values of different columns differ: NULLs (required values), codes
outside their set, strings off their format, numbers off their range, colliding primary
keys and reversed column pairs all occur, mixed with valid values. Built from the
contract, so a new column or table is covered without editing this file (a new format
needs a valid example in VALID_EXAMPLES).
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from lsu_analytics.contract import TABLES, Column, Table, create_schema, quote
from lsu_analytics.contract.tables import INE_PATTERN, SESAM_PATTERN, UAI_PATTERN

ROWS = 2000

# A SQL expression (of h, a hash) matching each format of the contract.
VALID_EXAMPLES = {
    UAI_PATTERN: "lpad(({h} % 10000000)::VARCHAR, 7, '0') || 'A'",
    INE_PATTERN: "lpad(({h} % 100000000000)::VARCHAR, 11, '0')",
    SESAM_PATTERN: "lpad(({h} % 10000000)::VARCHAR, 7, '0')",
    r"^[0-9A-Z]{2}$": "lpad(({h} % 100)::VARCHAR, 2, '0')",
    r"^[0-9A-Z]{3}$": "lpad(({h} % 1000)::VARCHAR, 3, '0')",
}


def _literal(value) -> str:
    return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"


def _value(col: Column) -> str:
    """Expression of {h} (a hash) for one column, with some wrong values."""
    if col.codes is not None:
        codes = ", ".join(_literal(c) for c in col.codes)
        bad = "99" if isinstance(col.codes[0], int) else "'HORS_LISTE'"
        return f"CASE WHEN {{h}} % 13 = 0 THEN {bad} ELSE [{codes}][1 + {{h}} % {len(col.codes)}] END"
    if col.pattern is not None:
        valid = VALID_EXAMPLES[col.pattern]  # KeyError: add a valid example of the new format above
        return (f"CASE WHEN {{h}} % 11 = 0 THEN 'x{col.name}' || ({{h}} % 7) WHEN {{h}} % 11 = 1 THEN lower({valid}) || 'z' "
                f"ELSE {valid} END")
    if col.min is not None or col.max is not None:
        low = (col.min if col.min is not None else col.max - 20) - 1
        high = (col.max if col.max is not None else col.min + 20) + 1
        if col.type == "decimal":
            return f"{low} + ({{h}} % {int((high - low) * 100) + 1}) / 100"
        return f"{int(low)} + {{h}} % {int(high - low) + 1}"
    if col.personal and col.type == "date":
        return "DATE '2010-01-01' + ({h} % 700)::INTEGER"  # years apart from every other date
    return {
        "text": f"'{col.name}_' || {{h}}",  # values told apart from those of other columns
        "int": "({h} % 3000)::INTEGER",
        "bool": "{h} % 2 = 0",
        "date": "DATE '2024-01-01' + ({h} % 700)::INTEGER",
        "timestamp": "TIMESTAMP '2024-01-01 08:00:00' + to_minutes(({h} % 500000)::BIGINT)",
        "decimal": "({h} % 2000) / 100",
        "double": "({h} % 2000) / 7",
    }[col.type]


def _select(table: Table, rows: int = ROWS) -> str:
    exprs = []
    for col in table.columns:
        # h and n: two independent hashes of (row, table, column).
        h = f"(hash(i, '{table.name}.{col.name}') % 1000003)::BIGINT"
        if col.name in table.pk:
            # Small domains, so that primary keys collide.
            h = f"({h} % {rows * 9 // 10 if len(table.pk) == 1 else 6})"
        n = f"(hash(i, '{table.name}.{col.name}.null') % 17)"
        exprs.append(f"CASE WHEN {n} = 0 THEN NULL ELSE ({_value(col).replace('{h}', h)}) END")
    return f"INSERT INTO {quote(table.name)} SELECT {', '.join(exprs)} FROM range({rows}) AS r(i)"


def build(path: Path, rules=(), rows: dict[str, int] | None = None) -> Path:
    """Write the database at `path`; `anomalies` gets k rows for the k-th rule of `rules` (k from 0).

    `rows`: rows per table (default ROWS each)."""
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        for table in TABLES.values():
            con.execute(_select(table, (rows or {}).get(table.name, ROWS)))
        for k, rule in enumerate(rules):
            con.execute(
                "INSERT INTO anomalies (rule_id, severite, uai, academie, millesime, eleve_id, classe_id, objet_id, "
                "detail) "
                "SELECT ?, ?, 'U' || (i % 3), '08', 2025, 'E' || i, NULL, 'O' || i, "
                "'Anomalie de test ' || i FROM range(?) AS r(i)", [rule.id, rule.severite, k])
    finally:
        con.close()
    return path
