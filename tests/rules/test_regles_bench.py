"""`bench check`: the rules' SQL alone, the report, and (slow) the whole bench on a generated export."""
from __future__ import annotations

import pytest

from lsu_analytics.bench.check import BenchReport, CheckRun, bench_check, rules_sql_alone


def test_rules_sql_alone_runs_every_rule_read_only(world):
    world.etablissement()
    world.db.close()
    assert rules_sql_alone(world.db.path) > 0


def test_report_shows_time_to_anomalies_beside_gx_and_the_target():
    run = CheckRun(rules_sql_s=20, anomalies_s=22, rules_s=20.5, outputs_s=1.2, gx_s=30, process_s=56, rss_gib=2.5)
    report = BenchReport(pupils=250_000, seed=1, generate_s=100, load_s=50, nb_anomalies=1234, runs=[run, run])
    text = report.render()
    assert run.ratio == pytest.approx(1.1)
    assert "ratio jusqu'aux anomalies / SQL des règles seul, le plus élevé : 1.10  (cible ≤ 1.2 : OK)" in text
    assert "(cible ≤ 4 Gio : OK)" in text
    assert text.count("     30.0 s") == 2  # GX, one figure per run, beside the time to anomalies
    slow = BenchReport(**{**report.__dict__, "runs": [CheckRun(**{**run.__dict__, "anomalies_s": 30})]})
    assert "(cible ≤ 1.2 : au-delà de la cible)" in slow.render()


@pytest.mark.slow
def test_bench_check_end_to_end(tmp_path):
    report = bench_check(300, seed=2, workdir=tmp_path, runs=1, echo=lambda m: None)
    run = report.runs[0]
    assert run.rules_sql_s > 0 and run.anomalies_s >= run.rules_s > 0 and run.gx_s > 0
    assert run.rss_gib > 0  # the target (4 GiB) is the report's, printed beside the figure
    assert (tmp_path / "controles" / "anomalies.csv").is_file()
    assert (tmp_path / "controles" / "data_docs" / "index.html").is_file()


def test_peak_rss_is_read_from_proc():
    from lsu_analytics.common.memory import peak_rss_kib

    peak = peak_rss_kib()
    assert peak is not None and 10_000 < peak < 8 * 1024 ** 2  # this Python process: more than 10 MiB
