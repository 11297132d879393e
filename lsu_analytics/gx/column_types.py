"""Every column of a table has its contract type: one expectation per table.

GX's ExpectColumnValuesToBeOfType checks one column; 125 of them cost GX's own Python
per expectation at each check, whatever the table size, for one metadata read per table. This expectation reads the same metric
(`table.column_types`, the engine's reflection) once and compares every column
with GX's own comparison (`compare_column_type`), so a mismatch is judged as
ExpectColumnValuesToBeOfType would judge it.
"""
from __future__ import annotations

from typing import ClassVar, Dict, Tuple

from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.expectations.type_comparison import compare_column_type

_TYPES = "table.column_types"


class ExpectTableColumnTypesToMatch(BatchExpectation):
    """Each column of `column_types` exists and has that SQLAlchemy type (class name, e.g. VARCHAR)."""

    column_types: Dict[str, str]

    metric_dependencies: ClassVar[Tuple[str, ...]] = (_TYPES,)
    success_keys: ClassVar[Tuple[str, ...]] = ("column_types",)
    args_keys: ClassVar[Tuple[str, ...]] = ("column_types",)

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None) -> dict:
        actual = {d["name"]: d["type"] for d in metrics[_TYPES]}
        mismatches = []
        for column, expected in self.column_types.items():
            if column not in actual:
                mismatches.append(f"{column} absente")
                continue
            ok, observed = compare_column_type(execution_engine, actual[column], expected)
            if not ok:
                mismatches.append(f"{column} : {observed} au lieu de {expected}")
        observed_value = "types conformes" if not mismatches else "; ".join(mismatches)
        return {"success": not mismatches,
                "result": {"observed_value": observed_value, "mismatches": mismatches}}


def column_types_expectation(column_types: dict[str, str], description: str) -> ExpectTableColumnTypesToMatch:
    return ExpectTableColumnTypesToMatch(column_types=dict(column_types), description=description)
