"""The rules suite: one expectation per catalogue rule, restricted on demand, never recomputing a rule."""
from __future__ import annotations

import pytest

from lsu_analytics.gx import GxError
from lsu_analytics.gx.rule_suite import RULES_TABLE, rules_suite, select_rules


def test_one_expectation_per_rule_reading_anomalies(catalog):
    suite = rules_suite(catalog)
    assert [e.meta["rule_id"] for e in suite.expectations] == [r.id for r in catalog]
    for rule, e in zip(catalog, suite.expectations):
        query = e.unexpected_rows_query
        assert "FROM {batch}" in query and f"rule_id = '{rule.id}'" in query
        assert rule.sql not in query  # reads the rule's rows, does not run the rule again
    assert suite.meta["table"] == RULES_TABLE


def test_restriction_keeps_catalogue_order(catalog):
    wanted = [catalog[3].id, catalog[0].id]
    assert [r.id for r in select_rules(catalog, wanted)] == [catalog[0].id, catalog[3].id]
    assert select_rules(catalog, None) == list(catalog)


def test_unknown_rule_is_named(catalog):
    with pytest.raises(GxError, match="XYZ-99"):
        select_rules(catalog, ["XYZ-99"])


def test_results_keep_the_shown_examples_and_the_full_count(catalog):
    from lsu_analytics.gx.rule_suite import EXAMPLE_ROWS, rule_expectation
    e = rule_expectation(catalog[0])
    rows = [{"rule_id": catalog[0].id, "eleve_id": i} for i in range(200)]  # GX's fetch, capped at 200
    metrics = {"unexpected_rows_query.table": rows, "unexpected_rows_query.row_count": 5000}
    validation = e._validate(metrics, {"result_format": "COMPLETE"})
    assert validation["result"]["observed_value"] == 5000 and validation["success"] is False
    assert validation["result"]["details"]["unexpected_rows"] == rows[:EXAMPLE_ROWS]
