"""Uniqueness of a primary key (one column or several), as a fast SQL expectation.

GX's ExpectCompoundColumnsToBeUnique joins the whole table with its group counts
once per metric, and ExpectColumnValuesToBeUnique sorts the table in a window. This
expectation counts the same rows (rows of duplicated complete keys; keys with a NULL
part ignored) by grouping 64-bit hashes first (sql/primary_key_duplicates.sql), or, for a
composite key ending with a code (sql/primary_key_duplicates_code.sql), by grouping on the
other columns with the codes as bits; it asks for example keys only when there are duplicates
and the result format wants some (partial_unexpected_count > 0).
"""
from __future__ import annotations

from typing import ClassVar, List, Tuple

import great_expectations.expectations as gxe

from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.contract import quote

_QUERY = read_sql(__package__, "sql/primary_key_duplicates.sql")
_QUERY_CODE = read_sql(__package__, "sql/primary_key_duplicates_code.sql")
_ROW_COUNT = "unexpected_rows_query.row_count"
_ROWS = "unexpected_rows_query.table"


def duplicates_query(column_list: list[str], ends_with_code: bool = False) -> str:
    """`ends_with_code`: the key has several columns and its last one takes few values per group."""
    key = ", ".join(quote(c) for c in column_list)
    complete = " AND ".join(f"{quote(c)} IS NOT NULL" for c in column_list)
    query = _QUERY
    if ends_with_code and len(column_list) > 1:
        query = (_QUERY_CODE.replace("{group}", ", ".join(quote(c) for c in column_list[:-1]))
                 .replace("{code}", quote(column_list[-1])))
    lines = [line for line in query.splitlines() if not line.startswith("--")]
    return "\n".join(lines).replace("{key}", key).replace("{complete}", complete).strip()


class ExpectPrimaryKeyToBeUnique(gxe.UnexpectedRowsExpectation):
    """Rows whose key (`column_list`, all parts filled) is shared with another row."""

    column_list: List[str]
    metric_dependencies: ClassVar[Tuple[str, ...]] = (_ROW_COUNT, "table.row_count")

    def _examples_wanted(self, runtime_configuration) -> int:
        result_format = self._get_result_format(runtime_configuration=runtime_configuration)
        if not isinstance(result_format, dict):
            return 0
        if result_format.get("result_format") == "BOOLEAN_ONLY":
            return 0
        return int(result_format.get("partial_unexpected_count", 20))

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None) -> dict:
        unexpected, rows = metrics[_ROW_COUNT], metrics["table.row_count"]
        # The keys GX's diagnostic renderer reads for "N unexpected values found. x% of M total rows."
        result = {"observed_value": unexpected, "unexpected_count": unexpected, "element_count": rows,
                  "unexpected_percent": 100.0 * unexpected / rows if rows else 0.0}
        wanted = self._examples_wanted(runtime_configuration)
        if wanted and unexpected and execution_engine is not None:
            single = len(self.column_list) == 1  # a value, as GX lists for one column; else a tuple
            result["partial_unexpected_list"] = [
                row[self.column_list[0]] if single else tuple(row[c] for c in self.column_list)
                for row in self._example_rows(execution_engine, runtime_configuration)[:wanted]]
        return {"success": unexpected == 0, "result": result}

    def _example_rows(self, execution_engine, runtime_configuration) -> list[dict]:
        # Asked here, once duplicates are known to exist: a key without duplicates (the usual case)
        # costs no second pass over the table.
        from great_expectations.expectations.registry import get_metric_kwargs
        from great_expectations.validator.metric_configuration import MetricConfiguration
        kwargs = get_metric_kwargs(metric_name=_ROWS, configuration=self.configuration,
                                   runtime_configuration=runtime_configuration)
        metric = MetricConfiguration(metric_name=_ROWS, metric_domain_kwargs=kwargs["metric_domain_kwargs"],
                                     metric_value_kwargs=kwargs["metric_value_kwargs"])
        return execution_engine.resolve_metrics([metric])[metric.id] or []


def primary_key_expectation(column_list: list[str], description: str,
                            ends_with_code: bool = False) -> ExpectPrimaryKeyToBeUnique:
    return ExpectPrimaryKeyToBeUnique(column_list=list(column_list),
                                       unexpected_rows_query=duplicates_query(column_list, ends_with_code),
                                       description=description)
