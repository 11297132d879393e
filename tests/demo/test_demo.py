"""`make demo` runs `lsu-analytics demo`: the whole chain must keep working end to end."""
from __future__ import annotations

import re

import duckdb
from typer.testing import CliRunner

from lsu_analytics.cli import app


def test_demo_produit_index_et_rapports(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--pupils", "200", "--seed", "3"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    index = out / "index.html"
    assert f"Ouvrir {index}" in result.output
    assert "Data Docs :" in result.output and "Export chargé" in result.output

    html = index.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    reports = [link for link in links if link.startswith("rapports/")]
    assert {r.split("-")[0] for r in reports} == {"rapports/indicateurs", "rapports/audit_anomalies",
                                                  "rapports/diagnostic_eleve"}
    for link in links:
        assert (out / link).is_file(), link

    with duckdb.connect(str(out / "lsu.duckdb"), read_only=True) as con:
        # The diagnosed pupil is one with anomalies.
        eleve = re.search(r"diagnostic_eleve-eleve-([^-]+)-", " ".join(reports)).group(1)
        assert con.execute("SELECT count(*) FROM anomalies WHERE eleve_id = ?", [eleve]).fetchone()[0] > 0
        # Every anomaly count shown in the index comes from the table.
        total = con.execute("SELECT count(*) FROM anomalies").fetchone()[0]
    assert f"Anomalies : {total} " in html
