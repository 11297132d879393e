"""`lsu-analytics check --historique` end to end through the CLI, on the generator's successive extractions:
the history is validated before any rule runs; the CSV's statut, premiere_extraction and age_jours follow the
generator's ground truth (verite_historique.json) for new, persistent and resolved-then-back anomalies."""
from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from history_helpers import make_extraction
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.contract.vocabulary import STATUT_ANOMALIE_LIBELLES
from lsu_analytics.history import historiser

runner = CliRunner()
KEY = ("rule_id", "uai", "millesime", "eleve_id", "classe_id", "objet_id")
CSV_KEY = ("Règle", "UAI", "Millésime", "Identifiant élève", "Identifiant classe", "Objet")


def _cli(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def semaines(tmp_path_factory):
    """Three weekly extractions, each loaded; the first two checked, computed and historised by the CLI."""
    from lsu_analytics.generate.extractions import generate_extractions

    out = tmp_path_factory.mktemp("check-historique")
    folders = generate_extractions(out / "exports", pupils=400, seed=11, extractions=3, intervalle_jours=7)
    dbs = []
    for folder in folders:
        db = out / f"{folder.name}.duckdb"
        assert _cli("load", folder, "--db", db).exit_code == 0
        dbs.append(db)
    h = out / "historique.duckdb"
    for db in dbs[:2]:
        for args in (("check", "--db", db, "--sans-data-docs"), ("indicateurs", "--db", db),
                     ("historiser", "--db", db, "--historique", h)):
            result = _cli(*args)
            assert result.exit_code == 0, result.output
    truth = json.loads((out / "exports" / "verite_historique.json").read_text(encoding="utf-8"))
    return out, dbs, h, truth


def _csv_rows(path: Path) -> dict[tuple, dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    keyed = {}
    for r in rows:
        key = tuple(None if r[c] == "" else r[c] for c in CSV_KEY)
        keyed[key[:2] + ((int(key[2]) if key[2] is not None else None),) + key[3:]] = r
    return keyed


def test_csv_columns_follow_the_generators_truth(semaines):
    out, dbs, h, truth = semaines
    result = _cli("check", "--db", dbs[2], "--sans-data-docs", "--historique", h, "--out", out / "controles")
    assert result.exit_code == 0, result.output
    rows = _csv_rows(out / "controles" / "anomalies.csv")
    dates = [datetime.fromisoformat(e["date_extraction"]) for e in truth["extractions"]]
    expected = {tuple(t[k] for k in KEY): t for t in truth["anomalies"] if t["presence"][2]}
    assert set(rows) == set(expected)
    seen = set()
    for key, t in expected.items():
        statut = t["statuts"][2]
        premiere = dates[t["presence"].index(True)]
        row = rows[key]
        assert row["Statut"] == STATUT_ANOMALIE_LIBELLES[statut], key
        assert row["Première extraction"] == premiere.strftime("%Y-%m-%d %H:%M:%S"), key
        assert int(row["Âge (jours)"]) == (dates[2] - premiere).days, key
        seen.add(statut)
    assert seen == {"nouvelle", "persistante", "reapparue"}, seen
    # A persistent anomaly first seen two weeks earlier is 14 days old; a new one, 0.
    assert any(r["Statut"] == "persistante" and r["Âge (jours)"] == "14" for r in rows.values())
    assert all(r["Âge (jours)"] == "0" for r in rows.values() if r["Statut"] == "nouvelle")


def _snapshot(db: Path, out: Path) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        controles = con.execute("SELECT count(*) FROM controles").fetchone()[0]
        anomalies = con.execute("SELECT count(*) FROM anomalies").fetchone()[0]
    return controles, anomalies, sorted(p.name for p in out.iterdir()) if out.exists() else None


def _refused(semaines, historique: Path, *attendus: str) -> None:
    out, dbs, _, _ = semaines
    sorties = out / "refus"
    before = _snapshot(dbs[2], sorties)
    result = _cli("check", "--db", dbs[2], "--sans-data-docs", "--historique", historique, "--out", sorties)
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    for attendu in attendus:
        assert attendu in text, text
    assert "Rien n'a été contrôlé ni écrit" in text
    assert _snapshot(dbs[2], sorties) == before, "no rule ran, no output written"


def test_an_absent_history_is_refused_before_the_rules(semaines, tmp_path):
    _refused(semaines, tmp_path / "faute-de-frappe.duckdb", "historique introuvable", "lsu-analytics historiser")
    assert not (tmp_path / "faute-de-frappe.duckdb").exists()


def test_a_file_that_is_not_a_history_is_refused_before_the_rules(semaines, tmp_path):
    texte = tmp_path / "notes.duckdb"
    texte.write_text("pas une base\n", encoding="utf-8")
    _refused(semaines, texte, "n'est pas une base d'historique")
    _, dbs, _, _ = semaines
    _refused(semaines, dbs[0], "n'est pas une base d'historique", "il y manque les tables")


def test_a_history_of_another_perimeter_is_refused_before_the_rules(semaines, tmp_path):
    autre = tmp_path / "grenoble.duckdb"
    historiser(make_extraction(tmp_path / "x.duckdb", "2026-03-01 02:00:00"), autre)
    _refused(semaines, autre, "suit le périmètre académie de Grenoble (08), pas national")
