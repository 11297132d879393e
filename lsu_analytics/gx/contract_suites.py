"""Expectation Suites derived from the contract declaration (contract/tables.py), one per table.

Nothing here lists a column: every expectation comes from a `Table`/`Column`
attribute (types, required values, codes, patterns, ranges, PK, `checks`).
"""
from __future__ import annotations

import re

import great_expectations.expectations as gxe
from great_expectations import ExpectationSuite
from great_expectations.expectations import Expectation

from lsu_analytics.contract import CONTRACT_VERSION, TABLES, Column, Table

from .column_types import column_types_expectation
from .primary_key import primary_key_expectation

# "a <= b" / "a < b" in Table.checks.
_CHECK = re.compile(r"^\s*(\w+)\s*(<=|<)\s*(\w+)\s*$")


def suite_name(table: str) -> str:
    return table


def build_suites() -> dict[str, ExpectationSuite]:
    """One suite per export table, in contract order; not attached to any GX context."""
    return {name: contract_suite(table) for name, table in TABLES.items()}


def contract_suite(table: Table) -> ExpectationSuite:
    return ExpectationSuite(
        name=suite_name(table.name),
        expectations=contract_expectations(table),
        meta={"contrat": CONTRACT_VERSION, "table": table.name, "source": "lsu_analytics.contract.tables"},
    )


def contract_expectations(table: Table) -> list[Expectation]:
    t = table.name
    exps: list[Expectation] = [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(table.column_names), exact_match=True,
            description=f"{t} : exactement les colonnes du contrat ({', '.join(table.column_names)}).",
        ),
        # One expectation for every column's type (column_types.py: 1 instead of ~7 per table).
        column_types_expectation(
            {c.name: sql_type_name(c) for c in table.columns},
            description=f"{t} : types du contrat ("
                        + ", ".join(f"{c.name} {c.duckdb_type}" for c in table.columns) + ").",
        ),
    ]
    for col in table.columns:
        exps.extend(_column_expectations(table, col))
    exps.extend(_key_expectations(table))
    exps.extend(_check_expectation(table, check) for check in table.checks)
    return exps


def _column_expectations(table: Table, col: Column) -> list[Expectation]:
    where = f"{table.name}.{col.name}"
    exps: list[Expectation] = []
    if table.is_required(col):
        exps.append(gxe.ExpectColumnValuesToNotBeNull(
            column=col.name, description=f"{where} : valeur requise (clé primaire ou étrangère).",
        ))
    if col.codes is not None:
        codes = ", ".join(str(c) for c in col.codes)
        exps.append(gxe.ExpectColumnValuesToBeInSet(
            column=col.name, value_set=list(col.codes), description=f"{where} : un code parmi {{{codes}}}.",
        ))
    if col.pattern is not None:
        exps.append(gxe.ExpectColumnValuesToMatchRegex(
            column=col.name, regex=col.pattern,
            description=f"{where} : format `{col.pattern}`" + (f" ({col.notes})." if col.notes else "."),
        ))
    if col.min is not None or col.max is not None:
        exps.append(gxe.ExpectColumnValuesToBeBetween(
            column=col.name, min_value=_number(col.min), max_value=_number(col.max),
            description=f"{where} : {_range_text(col)}.",
        ))
    return exps


def _key_expectations(table: Table) -> list[Expectation]:
    if not table.pk:
        return []
    # A key with a NULL part is reported by the not-null expectations, not as a duplicate (as GX
    # skips NULLs). Same count as ExpectColumnValuesToBeUnique / ExpectCompoundColumnsToBeUnique
    # (ignore_row_if="any_value_is_missing"), from hashes first (primary_key.py).
    if len(table.pk) == 1:
        description = f"{table.name}.{table.pk[0]} : clé primaire unique."
    else:
        description = f"{table.name} : clé primaire ({', '.join(table.pk)}) unique (lignes à clé incomplète ignorées)."
    # A composite key whose last column references no table ends with a code (discipline, domain, index):
    # few values per group, checked as bits (primary_key.py); a key ending with a reference (inscriptions:
    # classe_id) by hashes.
    ends_with_code = len(table.pk) > 1 and table.column(table.pk[-1]).fk is None
    return [primary_key_expectation(list(table.pk), description=description, ends_with_code=ends_with_code)]


def _check_expectation(table: Table, check: str) -> Expectation:
    match = _CHECK.match(check)
    if not match:
        raise ValueError(f"contract/tables.py, table {table.name} : contrôle « {check} » illisible ; "
                         "écrire « colonne_a <= colonne_b » ou « colonne_a < colonne_b ».")
    left, op, right = match.groups()
    for name in (left, right):
        table.column(name)  # KeyError names table.column if the check refers to an unknown column
    # A NULL on either side (e.g. date_sortie NULL = still enrolled) is not a violation.
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=right, column_B=left, or_equal=(op == "<="), ignore_row_if="either_value_is_missing",
        description=f"{table.name} : {left} {op} {right} (lignes où l'une des deux est vide ignorées).",
    )


def sql_type_name(col: Column) -> str:
    """SQLAlchemy type class name of a contract column (DECIMAL(6,2) -> DECIMAL)."""
    return col.duckdb_type.split("(")[0]


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _range_text(col: Column) -> str:
    if col.min is not None and col.max is not None:
        return f"entre {_number(col.min)} et {_number(col.max)}"
    if col.min is not None:
        return f">= {_number(col.min)}"
    return f"<= {_number(col.max)}"
