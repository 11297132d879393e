"""GX's suites validated in two processes give what one process gives, Data Docs included."""
from __future__ import annotations

import os
import time

import pytest

from lsu_analytics.gx import run, split, validate
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


def _fail_in_child(monkeypatch, db, behaviour):
    """Make the forked child fail (behaviour) on its first suite; the parent stays sound."""
    sizes = run._table_sizes(db)
    child, _ = split.split_plan(run._plan([], sizes), sizes)
    victim, parent_pid = child[0][0].name, os.getpid()
    original = run._run_suite

    def sometimes_failing(context, source, suite, table, result_format):
        if suite.name == victim and os.getpid() != parent_pid:
            behaviour()
        return original(context, source, suite, table, result_format)

    monkeypatch.setattr(run, "_run_suite", sometimes_failing)  # inherited by the forked child


def _crash():
    raise RuntimeError("panne simulée")


def _hang():
    time.sleep(3600)  # as a fork that inherited a thread pool without its threads


@pytest.mark.parametrize("behaviour", [_crash, _hang, lambda: os._exit(3)], ids=["erreur", "silence", "mort"])
def test_when_the_second_process_fails_its_suites_are_validated_here(synthetic_run, tmp_path, monkeypatch,
                                                                     behaviour, caplog):
    db, reference, *_ = synthetic_run
    monkeypatch.setattr(split, "WAIT_MIN_S", 2.0)
    monkeypatch.setattr(split, "WAIT_FACTOR", 0.0)
    _fail_in_child(monkeypatch, db, behaviour)
    result = validate(db, tmp_path, processes=2)
    assert _outcomes(result) == _outcomes(reference)
    for suite in result.suites:
        assert list((result.data_docs_index.parent / "validations" / suite.name).rglob("*.html")), suite.name
    assert "validées dans le processus principal" in caplog.text
