"""End to end on a small generated export (300 pupils), with the real load, checks and indicators."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

import pipeline_fakes as fakes
from lsu_analytics.generate import generate_export
from lsu_analytics.pipelines import load_pipeline_spec, run_pipeline
from lsu_analytics.rules import load_catalog


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    drop = tmp_path_factory.mktemp("depot")
    generate_export(drop / "2026-03-15", pupils=300, seed=7)
    return drop


def _pipeline(tmp_path: Path, drop: Path, rapports: str, data_docs: str) -> Path:
    path = tmp_path / "reel.yaml"
    path.write_text(f"nom: reel\nsource:\n  plus_recent_dans: {drop}\nbase: base/lsu.duckdb\nsortie: runs\n"
                    f"controles:\n  echec_si: jamais\n  data_docs: {data_docs}\n{rapports}", encoding="utf-8")
    return path


def _run(path: Path, steps=None):
    return run_pipeline(load_pipeline_spec(path), steps=steps, console=Console(file=open("/dev/null", "w")))


def _results(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("anomalies", "indicateurs", "manifeste", "rejets")}
    finally:
        con.close()


def _steps(outcome) -> dict:
    return {s["id"]: s for s in outcome.record["etapes"]}


def test_real_load_check_indicators_then_idempotent_rerun(generated, tmp_path):
    path = _pipeline(tmp_path, generated, "rapports:\n  - notebook: indicateurs\n    perimetres: academie\n", "non")
    db = tmp_path / "base" / "lsu.duckdb"
    # The reports are stand-ins here (a notebook takes a minute on a busy machine: see the slow test).
    first = _run(path, steps={"rapport": fakes.rendre})
    steps = _steps(first)
    assert first.exit_code == 0, [(s["id"], s["message"]) for s in first.record["etapes"]]
    load = steps["chargement"]["details"]
    assert load["lignes_chargees"] + load["lignes_rejetees"] == load["lignes_manifeste"] > 0
    assert set(steps["controles"]["details"]["anomalies"]["par_regle"]) == {r.id for r in load_catalog()}
    assert "controles/anomalies.csv" in steps["controles"]["produits"]
    index = (first.run_dir / "index.html").read_text(encoding="utf-8")
    for r in steps["controles"]["details"]["anomalies"]["regles"]:
        assert (f"<td>{r['id']}</td>" in index) == (r["nb_anomalies"] > 0), r["id"]
    assert steps["indicateurs"]["details"]["lignes"] > 0
    con = duckdb.connect(str(db), read_only=True)
    academies = [a for (a,) in con.execute("SELECT DISTINCT academie FROM etablissements ORDER BY 1").fetchall()]
    con.close()
    assert sorted(k for k in steps if k.startswith("rapport:")) == [f"rapport:indicateurs:academie-{a}"
                                                                   for a in academies]
    before = _results(db)

    second = _run(path, steps={"rapport": fakes.rendre})
    assert second.exit_code == 0
    assert _steps(second)["chargement"]["statut"] == "ignore"
    after = _results(db)
    for table in before:
        assert after[table] == before[table], table
    assert _steps(second)["controles"]["details"]["anomalies"] == steps["controles"]["details"]["anomalies"]
    assert (second.run_dir / "controles" / "anomalies.csv").read_bytes() == \
        (first.run_dir / "controles" / "anomalies.csv").read_bytes()


@pytest.mark.slow
def test_real_pipeline_with_data_docs_and_notebooks(generated, tmp_path):
    path = _pipeline(tmp_path, generated, (
        "rapports:\n"
        "  - notebook: indicateurs\n    perimetres: national\n"
        "  - notebook: audit_anomalies\n    perimetres: departement\n    parametres: {severite_min: majeure}\n"),
        "oui")
    outcome = _run(path)
    steps = _steps(outcome)
    assert outcome.exit_code == 0, [(s["id"], s["message"]) for s in outcome.record["etapes"]]
    # Great Expectations is a step of its own, run beside the reports once the anomalies are written.
    assert steps["data_docs"]["statut"] == "reussi"
    assert "Data Docs Great Expectations" in steps["data_docs"]["details"]["liens"]
    assert (outcome.run_dir / "controles" / "data_docs" / "index.html").is_file()
    con = duckdb.connect(str(tmp_path / "base" / "lsu.duckdb"), read_only=True)
    sorties = json.loads(con.execute("SELECT sorties FROM controles").fetchone()[0])
    con.close()
    assert sorties["anomalies.csv"] and sorties["data_docs"] == "produits"
    reports = [s for s in outcome.record["etapes"] if s["type"] == "rapport"]
    assert len(reports) >= 2 and all(s["statut"] == "reussi" for s in reports)
    index = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["'](https?:)?//""", index)
    for s in reports:
        for p in s["produits"]:
            assert (outcome.run_dir / p).is_file()
        html = next(p for p in s["produits"] if p.endswith(".html"))
        assert f'href="{html}"' in index
    record = json.loads((outcome.run_dir / "run.json").read_text(encoding="utf-8"))
    assert record["versions"]["great_expectations"] != "absent"

    db = tmp_path / "base" / "lsu.duckdb"
    before = _results(db)
    again = _run(path)
    assert again.exit_code == 0 and _steps(again)["chargement"]["statut"] == "ignore"
    after = _results(db)
    for table in before:
        assert after[table] == before[table], table


def test_every_academy_and_every_department_gets_its_report_linked_from_the_index(generated, tmp_path):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app
    from lsu_analytics.reports.offline import remote_references

    path = _pipeline(tmp_path, generated, (
        "rapports:\n"
        "  - notebook: indicateurs\n    perimetres: academie\n"
        "  - notebook: audit_anomalies\n    perimetres: departement\n"), "non")
    assert CliRunner().invoke(app, ["pipeline", "check", str(path)]).exit_code == 0
    outcome = _run(path)
    assert outcome.exit_code == 0, [(s["id"], s["message"]) for s in outcome.record["etapes"]]
    con = duckdb.connect(str(tmp_path / "base" / "lsu.duckdb"), read_only=True)
    expected = {("indicateurs", a) for (a,) in con.execute(
        "SELECT DISTINCT code_perimetre FROM indicateurs WHERE niveau_perimetre = 'academie'").fetchall()}
    expected |= {("audit_anomalies", d) for (d,) in con.execute(
        "SELECT DISTINCT departement FROM etablissements").fetchall()}
    con.close()
    reports = [s for s in outcome.record["etapes"] if s["type"] == "rapport"]
    assert {(s["notebook"], s["perimetre"]["code"]) for s in reports} == expected and len(expected) >= 4
    assert all(s["statut"] == "reussi" for s in reports)
    index = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    for s in reports:
        html = next(p for p in s["produits"] if p.endswith(".html"))
        assert f'href="{html}"' in index
        page = (outcome.run_dir / html).read_text(encoding="utf-8")
        assert remote_references(page) == [] and "Traceback" not in page
        links = re.findall(r'href="([^"/]+\.(?:csv|parquet))"', page)  # the audit's complete list
        assert len(links) == (2 if s["notebook"] == "audit_anomalies" else 0)
        assert all((outcome.run_dir / html).with_name(link).is_file() for link in links)
