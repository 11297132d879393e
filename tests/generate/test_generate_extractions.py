"""generate --extractions K: successive extractions of one population and the truth of the statuses."""
from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import duckdb
import pytest
from typer.testing import CliRunner

from gen_helpers import SMALL, assert_truth_is_detected, detect_anomalies, load_export, read_json, truth_anomalies
from lsu_analytics.cli import app
from lsu_analytics.generate import generate_export
from lsu_analytics.generate.extractions import KEY, extraction_dates, statuses

DATES = ["2026-02-22", "2026-03-01", "2026-03-08", "2026-03-15"]


def _truth(extractions4) -> dict:
    return read_json(extractions4 / "verite_historique.json")


def test_one_complete_export_per_date(extractions4):
    assert sorted(p.name for p in extractions4.iterdir() if p.is_dir()) == DATES
    perimetres = set()
    for d in DATES:
        manifest = read_json(extractions4 / d / "manifest.json")
        assert manifest["date_extraction"] == f"{d}T02:00:00"
        assert manifest["millesime_courant"] == 2025
        assert set(manifest["fichiers"]) <= {p.name for p in (extractions4 / d).iterdir()}
        perimetres.add(json.dumps(manifest["perimetre"]))
    assert len(perimetres) == 1, "une même population, un même périmètre"
    assert [e["dossier"] for e in _truth(extractions4)["extractions"]] == DATES


def test_same_population_weeks_pass(extractions4):
    """Same pupils every week; more periodic reports locked and more family consultations as weeks pass."""
    counts = []
    for d in DATES:
        con = duckdb.connect()

        def count(table: str, where: str = "true", d=d, con=con) -> int:
            path = (extractions4 / d / f"{table}.csv").as_posix()
            return con.execute(f"SELECT count(*) FROM read_csv(?, delim=';', all_varchar=true) WHERE {where}",
                               [path]).fetchone()[0]

        eleves = count("eleves")
        verrous = count("bilans_periodiques", "date_verrou IS NOT NULL")
        familles = count("consultations", "profil = 'RESPONSABLE'")
        con.close()
        counts.append((eleves, verrous, familles))
    assert len({c[0] for c in counts}) == 1
    assert counts[-1][1] > counts[0][1] and counts[-1][2] > counts[0][2], counts


def test_truth_statuses_follow_each_extraction_truth(extractions4):
    """verite_historique.json is derived from each folder's verite_terrain.json, with every status at the latest."""
    present = [{k[:1] + k[1:2] + k[3:] for k in truth_anomalies(extractions4 / d)} for d in DATES]  # without academie
    truth = _truth(extractions4)["anomalies"]
    for row in truth:
        key = tuple(row[k] for k in KEY)
        assert row["presence"] == [key in p for p in present], key
    assert {tuple(r[k] for k in KEY) for r in truth} == set().union(*present)
    latest = Counter(r["statuts"][-1] for r in truth)
    assert all(latest[s] >= 2 for s in ("nouvelle", "reapparue", "persistante", "resolue")), latest
    # Anomalies are fixed and appear across rules, not only through one rule's identifiers.
    for s in ("nouvelle", "resolue"):
        assert len({r["rule_id"] for r in truth if r["statuts"][-1] == s}) >= 3, s


@pytest.mark.parametrize("d", DATES)
def test_each_truth_equals_independent_detection(extractions4, d):
    assert_truth_is_detected(extractions4 / d)


# Through the school year: before the first period ends (most pupils have no report yet: REC-01), around its
# end, the semesters' and trimesters' ends, June; and both edges of the window.
YEAR = [datetime(2025, 9, 8, 2), datetime(2025, 10, 6, 2), datetime(2025, 11, 24, 2), datetime(2025, 12, 8, 2),
        datetime(2026, 1, 26, 2), datetime(2026, 6, 8, 2), datetime(2026, 7, 5, 2)]


@pytest.mark.parametrize("date", YEAR, ids=[d.strftime("%Y-%m-%d") for d in YEAR])
def test_truth_exact_through_the_school_year(tmp_path, date):
    folder = generate_export(tmp_path / "x", pupils=SMALL, seed=3, date_extraction=date, etape=2, nb_etapes=40)
    expected = assert_truth_is_detected(folder)
    if date < datetime(2025, 11, 1):  # first period not over: pupils with no report yet are in the truth
        assert sum(1 for a in expected if a[0] == "REC-01") > SMALL // 4


def test_statuses_as_history_md_defines_them():
    a, b, c, d = ("R", 1), ("R", 2), ("R", 3), ("R", 4)
    present = [{a: {}, b: {}}, {a: {}}, {a: {}, c: {}}, {b: {}, c: {}, d: {}}]
    rows = {r["objet_id"]: r for r in statuses([{(k[0], None, None, None, None, str(k[1])): {} for k in p}
                                                for p in present])}
    assert rows["1"]["statuts"] == ["nouvelle", "persistante", "persistante", "resolue"]
    assert rows["2"]["statuts"] == ["nouvelle", "resolue", "resolue", "reapparue"]
    assert rows["3"]["statuts"] == [None, None, "nouvelle", "persistante"]
    assert rows["4"]["statuts"] == [None, None, None, "nouvelle"]


def test_each_extraction_reproducible_alone(extractions4, tmp_path):
    """Deterministic per seed: an extraction is the one-extraction generator at its date and rank."""
    again = generate_export(tmp_path / "x", pupils=SMALL, seed=7, date_extraction=datetime(2026, 3, 1, 2),
                            etape=1, nb_etapes=4)
    for f in sorted((extractions4 / DATES[1]).iterdir()):
        assert (again / f.name).read_bytes() == f.read_bytes(), f.name


def test_single_extraction_is_plain_generate(small_export, tmp_path):
    from lsu_analytics.generate.extractions import generate_extractions

    (folder,) = generate_extractions(tmp_path / "k1", pupils=SMALL, seed=7, extractions=1, intervalle_jours=7)
    assert folder.name == "2026-03-15"
    for f in sorted(small_export.iterdir()):
        assert (folder / f.name).read_bytes() == f.read_bytes(), f.name


def test_dates_stay_in_the_school_year():
    assert extraction_dates(2025, 4, 7)[-1] == datetime(2026, 3, 15, 2)
    year = extraction_dates(2025, 40, 7)  # would start before the rentrée: starts on 8 September
    assert year[0] == datetime(2025, 9, 8, 2) and year[-1] == datetime(2026, 6, 8, 2)
    assert len(year) == 40 and len(set(year)) == 40
    with pytest.raises(ValueError, match="réduisez --extractions"):
        extraction_dates(2025, 44, 7)


def test_cli_refuses_impossible_series(tmp_path):
    result = CliRunner().invoke(app, ["generate", "--pupils", "100", "--seed", "1", "--out", str(tmp_path / "x"),
                                      "--extractions", "44", "--intervalle-jours", "7"])
    assert result.exit_code == 2
    assert "ne tiennent pas dans l'année scolaire" in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_a_school_year_of_weekly_extractions(tmp_path):
    """generate --extractions 40 --intervalle-jours 7: 8 September to 8 June, each truth exact, every status."""
    from lsu_analytics.generate.extractions import generate_extractions

    folders = generate_extractions(tmp_path / "annee", pupils=SMALL, seed=5, extractions=40, intervalle_jours=7)
    assert folders[0].name == "2025-09-08" and folders[-1].name == "2026-06-08"
    for folder in folders:
        con = load_export(folder)
        try:
            assert detect_anomalies(con) == truth_anomalies(folder), folder.name
        finally:
            con.close()
    truth = read_json(tmp_path / "annee" / "verite_historique.json")["anomalies"]
    assert len(truth[0]["statuts"]) == 40
    rec01 = [r for r in truth if r["rule_id"] == "REC-01"]
    # Pupils with no report in September are found again once their first period's report is written.
    assert sum(1 for r in rec01 if r["presence"][0] and not r["presence"][-1]) > SMALL // 4
    latest = Counter(r["statuts"][-1] for r in truth)
    assert all(latest[s] >= 1 for s in ("nouvelle", "persistante", "resolue")), latest
    assert any(s == "reapparue" for r in truth for s in r["statuts"])
