"""GX's suites validated in two processes give what one process gives, Data Docs included."""
from __future__ import annotations

import pytest

from lsu_analytics.gx import GxError, run, split, validate
from lsu_analytics.gx.contract_suites import build_suites

pytestmark = pytest.mark.skipif(not split.available(), reason="fork indisponible")


def _outcomes(result):
    return [(s.name, s.table, s.success, [(e.type, e.column, e.unexpected_count, e.element_count, e.success,
                                           e.observed, e.error) for e in s.expectations]) for s in result.suites]


def test_two_processes_give_the_same_outcomes_and_every_page(synthetic_run, tmp_path):
    db, reference, *_ = synthetic_run
    calls = []
    result = validate(db, tmp_path, processes=2, progress=lambda *a: calls.append(a))
    assert _outcomes(result) == _outcomes(reference)
    docs = result.data_docs_index.parent
    for suite in result.suites:
        assert list((docs / "validations" / suite.name).rglob("*.html")), suite.name
        assert (docs / "expectations" / f"{suite.name}.html").is_file(), suite.name
    assert not docs.with_name("data_docs.partie").exists()
    index = result.data_docs_index.read_text(encoding="utf-8")
    assert index.count(">résultats</a>") == len(result.suites)
    assert calls[-1] == ("GX Data Docs", len(result.suites) + 1, len(result.suites) + 1)


def test_split_balances_the_suites_and_keeps_the_last_one_in_the_parent():
    suites = build_suites()
    plan = [(s, name, {}) for name, s in suites.items()]
    sizes = {name: 100_000 for name in suites} | {"acquis": 9_000_000, "modifications": 4_000_000}
    child, parent = split.split_plan(plan, sizes)
    assert sorted(n for _, n, _ in child + parent) == sorted(suites)
    assert parent[-1] is plan[-1]
    names = {n for _, n, _ in child}
    assert ("acquis" in names) != ("modifications" in names)  # the two largest on different sides


def test_a_failure_in_the_second_process_is_an_error_in_french(synthetic_run, tmp_path, monkeypatch):
    db, *_ = synthetic_run
    child, _ = split.split_plan(run._plan([], run._table_sizes(db)), run._table_sizes(db))
    victim = child[0][0].name
    original = run._run_suite

    def failing(context, source, suite, table, result_format):
        if suite.name == victim:
            raise RuntimeError("panne simulée")
        return original(context, source, suite, table, result_format)

    monkeypatch.setattr(run, "_run_suite", failing)  # inherited by the forked child
    with pytest.raises(GxError, match="second processus.*panne simulée"):
        validate(db, tmp_path, rules=[], processes=2)
