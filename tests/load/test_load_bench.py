"""`bench load` measures the loader and a bare DuckDB read of the same files, each in its own process."""
from __future__ import annotations

from load_exports import ETABLISSEMENTS

from lsu_analytics.bench.load import run_bench


def test_bench_sur_un_export_existant(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS + [["0380009K", "X", "3D", "PU", "08", "038", None, "1"]])
    r = run_bench(0, 0, tmp_path, export=export.manifest())
    assert (r.lignes, r.rejetees) == (3, 1)
    assert r.chargement_s > 0 and r.nu_s > 0 and r.ratio == r.chargement_s / r.nu_s
    assert r.rss_max > 10 * 2**20 and r.rss_max_nu > 10 * 2**20  # each child's own peak, in bytes
    assert not list(tmp_path.glob("lsu-bench-*"))
