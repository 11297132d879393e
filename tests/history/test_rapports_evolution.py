"""The « Évolution » sections of the indicators and audit reports, rendered with a history."""
from __future__ import annotations

import html as htmllib
import re
import subprocess
import sys

import pytest
from history_helpers import anomalie, indicateur, make_extraction

from lsu_analytics.history import historiser

D1, D2, D3 = "2026-03-01 02:00:00", "2026-03-08 02:00:00", "2026-03-15 02:00:00"
ETABLISSEMENTS = [("0380001A", "Collège Stendhal", "08", "038"), ("0730001C", "Collège du Lac", "08", "073")]
# BP_SAISIS of academy 08, period 1, at each extraction; department 073 is masked at D2.
TAUX = {D1: (10, 40), D2: (20, 40), D3: (30, 40)}


def _indicateurs(date):
    num, den = TAUX[date]
    rows = [indicateur("BP_SAISIS", num, den, periode=1), indicateur("BP_VERROUILLES", 5, 10, periode=1),
            indicateur("BP_VISES", 1, 10, periode=1), indicateur("EFFECTIF", 40, None, periode=None),
            indicateur("ANOMALIES_PER-01", 1, None, periode=None)]
    rows.append(indicateur("BP_SAISIS", num // 2, den // 2, niveau="departement", code="038", periode=1))
    rows.append(indicateur("BP_SAISIS", 7, 20, niveau="departement", code="073", periode=1, masque=date == D2))
    return rows


ANOMALIES = {
    D1: [anomalie("PER-01", "0380001A", eleve_id="EL1"), anomalie("HIS-02", "0730001C", eleve_id="EL2")],
    D2: [anomalie("PER-01", "0380001A", eleve_id="EL1")],
    D3: [anomalie("PER-01", "0380001A", eleve_id="EL1"), anomalie("HIS-02", "0730001C", eleve_id="EL2"),
         anomalie("VIS-01", "0730001C", classe_id="CL9", severite="majeure")],
}


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evolution")
    h = tmp / "historique.duckdb"
    db = None
    for i, date in enumerate((D1, D2, D3)):
        db = make_extraction(tmp / f"x{i}.duckdb", date, ANOMALIES[date], _indicateurs(date),
                             etablissements=ETABLISSEMENTS)
        historiser(db, h)
    return tmp, db, h


def _render(tmp, db, h, notebook, *params):
    out = tmp / f"rendu-{notebook}-{len(params)}"
    cmd = [sys.executable, "-c", "from lsu_analytics.cli import main; main()", "rapport", notebook, "--db", str(db),
           "--out", str(out), *params]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return htmllib.unescape(next(out.glob("*.html")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(history):
    tmp, db, h = history
    return {
        "indicateurs": _render(tmp, db, h, "indicateurs", "-p", f"historique={h}"),
        "audit": _render(tmp, db, h, "audit_anomalies", "-p", f"historique={h}"),
    }


def _table_after(page: str, caption: str) -> str:
    start = page.index(caption)
    return page[start:page.index("</table>", start)]


def test_indicators_evolution_shows_the_rates_of_each_extraction(pages):
    page = pages["indicateurs"]
    assert "<h2>Évolution</h2>" in page and "<svg" in page[page.index("<h2>Évolution</h2>"):]
    table = _table_after(page, "Taux par extraction")
    for date, (num, den) in TAUX.items():
        assert f"{num / den * 100:.1f}".replace(".", ",") in table
        assert f"{date[8:10]}/{date[5:7]}/{date[:4]}" in table


def test_sub_perimeters_least_moved_first_and_masked_stay_masked(pages):
    table = _table_after(pages["indicateurs"], "Évolution depuis l'extraction précédente")
    cells = [re.sub(r"<[^>]+>", "|", row) for row in table.split("<tr>")[2:]]
    # 073 was masked at D2: its change is « s », listed after 038 (+25 points).
    assert "Département 038" in cells[0] and "+25,0" in cells[0]
    assert "Département 073" in cells[1] and "|s|" in cells[1]


def test_audit_evolution_counts_statuses_and_lists_changes(pages):
    page = pages["audit"]
    statuts = _table_after(page, "Anomalies par statut")
    rows = {r.split("</td>")[0].split(">")[-1]: re.findall(r">(\d+)<", r) for r in statuts.split("<tr>")[2:]}
    # D3 against D2: VIS-01 new, HIS-02 back, PER-01 persisting, nothing fixed.
    assert rows["Nouvelles"][-1] == "1" and rows["Réapparues"][-1] == "1"
    assert rows["Persistantes"][-1] == "1" and rows["Résolues"][-1] == "0"
    anciennes = _table_after(page, "anomalies ouvertes les plus anciennes")
    assert "PER-01" in anciennes and ">14<" in anciennes  # open since D1: 14 days
    etab = _table_after(page, "Par établissement")
    assert "0730001C" in etab and "0380001A" not in etab


def test_without_history_the_reports_have_no_evolution_section(history):
    tmp, db, h = history
    assert "Évolution" not in _render(tmp, db, h, "audit_anomalies")


def test_a_wrong_history_parameter_is_refused(history):
    tmp, db, h = history
    cmd = [sys.executable, "-c", "from lsu_analytics.cli import main; main()", "rapport", "indicateurs", "--db",
           str(db), "-p", f"historique={db}", "--out", str(tmp / "refus")]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 2
    assert "n'est pas une base d'historique" in result.stderr
