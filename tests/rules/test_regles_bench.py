"""`bench check`: the rules' SQL alone, the report, and (slow) the whole bench on a generated export."""
from __future__ import annotations

import pytest

from lsu_analytics.rules.bench import BenchReport, bench_check, rules_sql_alone


def test_rules_sql_alone_runs_every_rule_read_only(world):
    world.etablissement()
    world.db.close()
    assert rules_sql_alone(world.db.path) > 0


def test_report_states_targets_at_250000_pupils():
    report = BenchReport(pupils=250_000, seed=1, generate_s=100, load_s=50, check_s=45, check_rules_s=20,
                         check_outputs_s=1, check_gx_s=24, check_process_s=48, check_rss_gib=2.5, rules_sql_s=18,
                         nb_anomalies=1234, gx=True)
    text = report.render()
    assert report.ratio == pytest.approx(2.5)
    assert "check complet (règles+sorties+GX)  :     45.0 s  (cible ≤ 60 s : OK)" in text
    assert "ratio check / SQL des règles       :     2.50  (cible ≤ 3 : OK)" in text
    assert "(cible ≤ 4 Gio : OK)" in text
    slow = BenchReport(**{**report.__dict__, "check_s": 70.0})
    assert "(cible ≤ 60 s : au-delà de la cible)" in slow.render()


@pytest.mark.slow
def test_bench_check_end_to_end(tmp_path):
    report = bench_check(300, seed=2, workdir=tmp_path, echo=lambda m: None)
    assert report.rules_sql_s > 0 and report.check_s >= report.check_rules_s > 0
    assert 0 < report.check_rss_gib < 4
    assert (tmp_path / "controles" / "anomalies.csv").is_file()


def test_peak_rss_is_read_from_proc():
    from lsu_analytics.common.memory import peak_rss_kib

    peak = peak_rss_kib()
    assert peak is not None and 10_000 < peak < 8 * 1024 ** 2  # this Python process: more than 10 MiB
