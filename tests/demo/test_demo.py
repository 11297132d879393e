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
        path, _, fragment = link.partition("#")
        assert (out / path).is_file(), link
        if fragment:  # the section exists in the report
            assert f'id="{fragment}"' in (out / path).read_text(encoding="utf-8"), link
    # Both reports of an inspector and of the support link their « Évolution » section.
    evolution = [link for link in reports if "#" in link]
    assert {r.split("-")[0] for r in evolution} == {"rapports/indicateurs", "rapports/audit_anomalies"}
    for link in evolution:
        assert "Évolution" in (out / link.partition("#")[0]).read_text(encoding="utf-8")

    # Four weekly extractions, historised; the index's table shows what the history holds.
    dates = sorted(p.name for p in (out / "exports").iterdir() if p.is_dir())
    assert len(dates) == 4
    with duckdb.connect(str(out / "historique.duckdb"), read_only=True) as con:
        historised = [d.strftime("%Y-%m-%d") for (d,) in
                      con.execute("SELECT date_extraction FROM extractions ORDER BY 1").fetchall()]
        nouvelles = con.execute("SELECT count(*) FROM anomalies_suivi WHERE statut = 'nouvelle'").fetchone()[0]
        resolues = con.execute("SELECT count(*) FROM anomalies_suivi WHERE statut = 'resolue' "
                               "AND resolue_le = (SELECT max(date_extraction) FROM extractions)").fetchone()[0]
    assert historised == dates
    suivi = html.split("<h2>Suivi entre extractions</h2>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>(\d\d/\d\d/\d{4})</td><td>(\d+)</td><td>([^<]+)</td><td>([^<]+)</td>"
                      r"<td>([^<]+)</td></tr>", suivi)
    assert [r[0] for r in rows] == [f"{d[8:]}/{d[5:7]}/{d[:4]}" for d in dates]
    assert (int(rows[-1][2]), int(rows[-1][4])) == (nouvelles, resolues)

    with duckdb.connect(str(out / "lsu.duckdb"), read_only=True) as con:
        # The diagnosed pupil is one with anomalies.
        eleve = re.search(r"diagnostic_eleve-eleve-([^-]+)-", " ".join(reports)).group(1)
        assert con.execute("SELECT count(*) FROM anomalies WHERE eleve_id = ?", [eleve]).fetchone()[0] > 0
        # Every anomaly count shown in the index comes from the table.
        total = con.execute("SELECT count(*) FROM anomalies").fetchone()[0]
    assert f"Anomalies : {total} " in html
