"""GX counts what direct DuckDB SQL counts, for every expectation of every suite."""
from __future__ import annotations

import duckdb
import pytest

import oracle
from lsu_analytics.contract import TABLES
from lsu_analytics.gx import build_suites

ROW_EXPECTATIONS = {
    "expect_column_values_to_not_be_null", "expect_column_values_to_be_in_set",
    "expect_column_values_to_match_regex", "expect_column_values_to_be_between",
    "expect_primary_key_to_be_unique",
    "expect_column_pair_values_a_to_be_greater_than_b",
}


def assert_contract_counts_exact(db, result) -> int:
    """Every contract expectation: GX's unexpected_count = the direct SQL count. Returns the number checked."""
    suites = build_suites()
    checked = 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        for name, suite in suites.items():
            outcome = result.suite(name)
            assert [e.description for e in outcome.expectations] == [e.description for e in suite.expectations]
            rows = oracle.row_count(con, name)
            for e in outcome.expectations:
                where = f"{name} / {e.type} / {e.column}"
                assert e.error is None, f"{where} : {e.error}"
                if e.type in ROW_EXPECTATIONS:
                    expected = oracle.unexpected_count(con, name, e.type, e.kwargs)
                    assert e.unexpected_count == expected, where
                    assert e.success == (expected == 0), where
                    assert e.element_count == rows, where
                elif e.type == "expect_table_column_types_to_match":
                    wrong = {c for c, t in e.kwargs["column_types"].items()
                             if (oracle.column_type(con, name, c) or "").split("(")[0] != t}
                    assert e.success == (not wrong), where
                elif e.type == "expect_table_columns_to_match_set":
                    assert e.success == (oracle.column_names(con, name) == set(e.kwargs["column_set"])), where
                else:
                    pytest.fail(f"{where} : type d'attente sans référence SQL dans tests/gx/oracle.py")
                checked += 1
    finally:
        con.close()
    return checked


def assert_rule_counts_exact(db, result, rule_ids) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        outcomes = result.suite("regles").expectations
        assert [e.rule_id for e in outcomes] == list(rule_ids)
        for e in outcomes:
            assert e.error is None, e.rule_id
            assert e.unexpected_count == oracle.rule_count(con, e.rule_id), e.rule_id
            assert e.success == (e.unexpected_count == 0)
    finally:
        con.close()


def test_contract_expectations_count_like_sql(synthetic_run):
    db, result, *_ = synthetic_run
    checked = assert_contract_counts_exact(db, result)
    assert checked == sum(len(s.expectations) for s in build_suites().values())
    assert [s.name for s in result.suites][:18] == list(TABLES)


def test_synthetic_export_breaks_every_kind_of_expectation(synthetic_run):
    # Otherwise the equality above could hold with zeros everywhere.
    _, result, *_ = synthetic_run
    broken = {e.type for s in result.suites for e in s.expectations if e.unexpected_count}
    assert ROW_EXPECTATIONS <= broken
    assert not result.success


def test_rule_expectations_count_rows_of_anomalies(synthetic_run, catalog):
    db, result, *_ = synthetic_run
    assert_rule_counts_exact(db, result, [r.id for r in catalog])
    counts = [e.unexpected_count for e in result.suite("regles").expectations]
    assert counts[0] == 0 and counts[-1] == len(catalog) - 1  # the synthetic export's k rows for rule k


def test_rule_expectation_describes_the_rule(synthetic_run, catalog):
    _, result, *_ = synthetic_run
    for rule, e in zip(catalog, result.suite("regles").expectations):
        assert e.type == "expect_rule_anomalies"
        assert rule.id in e.description and rule.titre in e.description and rule.remediation in e.description


def test_progress_reports_every_suite_then_the_data_docs(synthetic_run):
    _, result, _, calls = synthetic_run
    labels = [label for label, _, _ in calls]
    assert labels[:len(result.suites)] == [f"GX {s.name}" for s in result.suites]
    assert [done for _, done, _ in calls] == list(range(len(calls)))
    assert calls[-1][1] == calls[-1][2] == len(result.suites) + 1


def test_counts_stay_exact_without_example_values(synthetic_run, tmp_path, monkeypatch):
    # Tables above EXAMPLES_MAX_ROWS get no offending values (cost); their counts must not change.
    from lsu_analytics.gx import run, validate
    db, result, *_ = synthetic_run
    monkeypatch.setattr(run, "EXAMPLES_MAX_ROWS", 0)
    sizes = run._table_sizes(db)
    assert all(fmt["partial_unexpected_count"] == 0 for _, table, fmt in run._plan([], sizes) if sizes[table] > 0)
    counts_only = validate(db, tmp_path, rules=[])
    assert assert_contract_counts_exact(db, counts_only) == sum(len(s.expectations) for s in build_suites().values())
    assert [e.unexpected_count for s in counts_only.suites for e in s.expectations] == \
        [e.unexpected_count for s in result.suites[:18] for e in s.expectations]


def test_column_types_expectation_names_each_wrong_or_missing_column(tmp_path):
    # One expectation per table covers every column's type (gx/column_types.py): it must still say which.
    from lsu_analytics.contract import create_schema
    from lsu_analytics.gx import validate
    db = tmp_path / "lsu.duckdb"
    con = duckdb.connect(str(db))
    create_schema(con)
    con.execute("ALTER TABLE acquis ALTER moyenne_eleve TYPE VARCHAR")
    con.execute("ALTER TABLE acquis DROP COLUMN nb_elements_programme")
    con.close()
    result = validate(db, tmp_path / "controles", rules=[])
    (types,) = [e for e in result.suite("acquis").expectations if e.type == "expect_table_column_types_to_match"]
    assert not types.success
    assert types.observed == "moyenne_eleve : VARCHAR au lieu de DECIMAL; nb_elements_programme absente"
    (other,) = [e for e in result.suite("classes").expectations if e.type == "expect_table_column_types_to_match"]
    assert other.success and other.observed == "types conformes"
