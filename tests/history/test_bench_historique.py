"""bench historique: the generator's K successive extractions, each loaded, checked and historised."""
from __future__ import annotations

import json

import duckdb

from lsu_analytics.generate import generate_export
from lsu_analytics.generate.extractions import extraction_dates
from lsu_analytics.history.bench import bench_historique


def test_bench_historises_the_generators_extractions(tmp_path):
    result = bench_historique(60, 3, seed=2, intervalle_jours=3, workdir=tmp_path / "w", rapports=False)
    dates = extraction_dates(2025, 3, 3)
    with duckdb.connect(str(tmp_path / "w" / "historique.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT date_extraction, nb_anomalies FROM extractions ORDER BY 1").fetchall()
    assert [r[0] for r in rows] == dates
    assert [r[1] for r in rows] == result.anomalies
    assert len(result.historiser_s) == 3 and result.taille_octets > 0
    # Extraction 1 is the generator's, at its date and rank: as many anomalies as its ground truth.
    alone = generate_export(tmp_path / "e1", pupils=60, seed=2, date_extraction=dates[1], etape=1, nb_etapes=3)
    truth = json.loads((alone / "verite_terrain.json").read_text(encoding="utf-8"))["anomalies"]
    assert result.anomalies[1] == len(truth)
    assert not any((tmp_path / "w" / "exports").iterdir()), "each export is removed once historised"
    assert "historiser, une extraction : médiane" in result.resume()
