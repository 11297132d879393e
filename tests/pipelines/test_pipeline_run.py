"""A whole run with small stand-in steps: run.json, index.html, idempotence, failures and exit codes."""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

import pipeline_fakes as fakes
from lsu_analytics.pipelines import PipelineImpossible, load_pipeline_spec, run_pipeline

VERSION_KEYS = {"lsu_analytics", "duckdb", "great_expectations", "papermill", "python"}


def run(path: Path, steps=None, **kw):
    console = Console(record=True, width=200, file=open("/dev/null", "w"))
    outcome = run_pipeline(load_pipeline_spec(path), steps={**fakes.FAKE_STEPS, **(steps or {})},
                           console=console, **kw)
    return outcome, console.export_text()


def steps_by_id(record: dict) -> dict:
    return {s["id"]: s for s in record["etapes"]}


def test_run_json_records_inputs_versions_steps_and_products(write_pipeline, exports, tmp_path):
    path = write_pipeline()
    outcome, log = run(path)
    assert outcome.exit_code == 0
    assert "3 ligne(s) chargée(s), 0 rejetée(s)" in log and "3 anomalie(s) (1 critique, 2 mineure)" in log
    assert outcome.run_dir.parent == tmp_path / "runs"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d{4}", outcome.run_dir.name)
    record = json.loads((outcome.run_dir / "run.json").read_text(encoding="utf-8"))
    assert record == json.loads(json.dumps(outcome.record, default=str))
    assert record["issue"] == "reussi" and record["code_sortie"] == 0
    assert set(record["versions"]) == VERSION_KEYS
    assert record["versions"]["duckdb"] == duckdb.__version__
    assert record["debut"] <= record["fin"] and record["duree_s"] >= 0

    # Inputs and their sha256, checked against the files themselves.
    assert record["entrees"]["pipeline"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    export = record["entrees"]["export"]
    assert export["chemin"] == str((exports / "2026-03-15").resolve()) and export["type"] == "dossier"
    files = {f["nom"]: f["sha256"] for f in export["fichiers"]}
    assert set(files) == {"manifest.json", "etablissements.csv"}
    for name, sha in files.items():
        assert sha == hashlib.sha256((exports / "2026-03-15" / name).read_bytes()).hexdigest()
    assert record["export"]["millesime_courant"] == 2025

    steps = steps_by_id(record)
    assert [s["type"] for s in record["etapes"][:3]] == ["chargement", "controles", "indicateurs"]
    # One report per academy (08, 10) and per department (038, 069, 073) of the export.
    assert sorted(k for k in steps if k.startswith("rapport:")) == [
        "rapport:audit_anomalies:departement-038", "rapport:audit_anomalies:departement-069",
        "rapport:audit_anomalies:departement-073", "rapport:indicateurs:academie-08",
        "rapport:indicateurs:academie-10"]
    for s in record["etapes"]:
        assert s["statut"] == "reussi", s
        assert s["duree_s"] is not None and s["debut"]
        for p in s["produits"]:
            assert (outcome.run_dir / p).is_file(), p
    assert steps["controles"]["produits"] == ["controles/anomalies.csv"]
    assert record["anomalies"]["par_severite"] == {"critique": 1, "mineure": 2}
    ind = steps["rapport:indicateurs:academie-08"]
    assert ind["parametres"] == {"niveau_perimetre": "academie", "code_perimetre": "08", "millesime": 2025}
    assert steps["rapport:audit_anomalies:departement-073"]["parametres"]["severite_min"] == "majeure"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("href", "src", "action", "data") and v]


def test_index_links_every_report_and_needs_no_network(write_pipeline):
    outcome, _ = run(write_pipeline())
    text = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(text)
    for url in parser.urls:
        assert not re.match(r"^(https?:|//|ftp:)", url), url
        assert (outcome.run_dir / url).exists(), url
    assert "http://" not in text and "https://" not in text and "@import" not in text
    reports = [s for s in outcome.record["etapes"] if s["type"] == "rapport"]
    for s in reports:
        html = next(p for p in s["produits"] if p.endswith(".html"))
        assert html in parser.urls
    assert "run.json" in parser.urls
    assert text.count("réussi") >= len(outcome.record["etapes"])


def _normalised(record: dict) -> dict:
    text = json.dumps(record, sort_keys=True)
    text = re.sub(r'"(debut|fin)": "[^"]*"', r'"\1": "T"', text)
    text = re.sub(r'"duree_s": [0-9.]+', '"duree_s": 0', text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d{4}(-\d+)?", "RUN", text)
    out = json.loads(text)
    for s in out["etapes"]:
        if s["id"] == "chargement":
            s.update(statut="-", message=None, details={})
    return out


def _tables(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("anomalies", "indicateurs", "manifeste", "etablissements", "chargements")}
    finally:
        con.close()


def test_second_run_on_the_same_export_is_idempotent(write_pipeline, tmp_path):
    path = write_pipeline()
    first, _ = run(path)
    before = _tables(tmp_path / "base" / "lsu.duckdb")
    second, log = run(path)
    after = _tables(tmp_path / "base" / "lsu.duckdb")
    assert first.run_dir != second.run_dir
    assert steps_by_id(first.record)["chargement"]["statut"] == "reussi"
    assert steps_by_id(second.record)["chargement"]["statut"] == "ignore"
    assert "pas de rechargement" in log
    assert after == before  # same load (not redone), same anomalies, same indicators
    assert _normalised(second.record) == _normalised(first.record)
    def listing(d):
        return sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())

    assert listing(second.run_dir) == listing(first.run_dir)
    for rel in listing(first.run_dir):
        if rel.startswith(("rapports/", "controles/")):
            assert (second.run_dir / rel).read_bytes() == (first.run_dir / rel).read_bytes(), rel
    assert (tmp_path / "runs" / "dernier").resolve() == second.run_dir.resolve()


def test_changed_export_is_reloaded(write_pipeline, exports, tmp_path):
    path = write_pipeline()
    run(path)
    fakes.make_export(exports / "2026-03-22", date_extraction="2026-03-22T02:00:00",
                      etablissements=(("0380001A", "08", "038"),))
    outcome, _ = run(path)
    assert steps_by_id(outcome.record)["chargement"]["statut"] == "reussi"
    assert outcome.record["entrees"]["export"]["chemin"].endswith("2026-03-22")
    assert len(_tables(tmp_path / "base" / "lsu.duckdb")["chargements"]) == 2
    assert [k for k in steps_by_id(outcome.record) if k.startswith("rapport:indicateurs")] == [
        "rapport:indicateurs:academie-08"]


def test_a_database_loaded_by_someone_else_is_reloaded(write_pipeline, tmp_path):
    path = write_pipeline()
    run(path)
    fakes.charger(tmp_path / "exports" / "2026-03-15", tmp_path / "base" / "lsu.duckdb")  # e.g. `lsu-analytics load`
    outcome, _ = run(path)
    assert steps_by_id(outcome.record)["chargement"]["statut"] == "reussi"


def test_a_failed_report_does_not_stop_the_others(write_pipeline):
    outcome, log = run(write_pipeline(), steps={"rapport": fakes.rendre_sauf_073})
    assert outcome.exit_code == 1
    record = json.loads((outcome.run_dir / "run.json").read_text(encoding="utf-8"))
    assert record["issue"] == "echec"
    steps = steps_by_id(record)
    failed = [k for k, s in steps.items() if s["statut"] == "echec"]
    assert failed == ["rapport:audit_anomalies:departement-073"]
    assert "division par zéro" in steps[failed[0]]["message"]
    assert sum(s["statut"] == "reussi" for s in steps.values()) == len(steps) - 1
    assert "département 073" in log and "échec" in log
    index = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    assert "échec" in index and "division par zéro" in index


def test_a_crashed_report_process_fails_alone(write_pipeline):
    outcome, _ = run(write_pipeline(), steps={"rapport": fakes.rendre_plante_073})
    assert outcome.exit_code == 1
    steps = steps_by_id(outcome.record)
    crashed = steps["rapport:audit_anomalies:departement-073"]
    assert crashed["statut"] == "echec" and "code 9" in crashed["message"]
    assert all(s["statut"] == "reussi" for k, s in steps.items() if k != crashed["id"])


def test_failed_load_stops_what_depends_on_it(write_pipeline):
    outcome, _ = run(write_pipeline(), steps={"chargement": fakes.charger_en_echec})
    assert outcome.exit_code == 1
    steps = steps_by_id(outcome.record)
    assert steps["chargement"]["statut"] == "echec" and "export complet" in steps["chargement"]["message"]
    assert {s["statut"] for k, s in steps.items() if k != "chargement"} == {"non_execute"}
    assert (outcome.run_dir / "index.html").is_file()


def test_critical_anomalies_give_exit_code_3_when_asked(write_pipeline):
    path = write_pipeline(controles="controles:\n  echec_si: critique\n")
    outcome, _ = run(path)
    assert outcome.exit_code == 3 and outcome.record["issue"] == "anomalies"
    outcome, _ = run(path, steps={"controles": fakes.controler_sans_critique})
    assert outcome.exit_code == 0
    # echec_si: jamais (the default): anomalies are reported, not a failure.
    outcome, _ = run(write_pipeline(name="jamais.yaml"))
    assert outcome.exit_code == 0 and outcome.record["anomalies"]["par_severite"]["critique"] == 1


def test_explicit_codes_and_a_code_absent_from_the_export(write_pipeline):
    outcome, _ = run(write_pipeline(
        "rapports:\n  - notebook: indicateurs\n    perimetres: {niveau: departement, codes: [\"038\", \"999\"]}\n"))
    assert outcome.exit_code == 1
    steps = steps_by_id(outcome.record)
    assert steps["rapport:indicateurs:departement-038"]["statut"] == "reussi"
    absent = steps["rapport:indicateurs:departement-999"]
    assert absent["statut"] == "echec" and "999" in absent["message"] and "ligne 9 du pipeline" in absent["message"]
    # The same for a notebook that reads the establishments rather than the indicators.
    outcome, _ = run(write_pipeline(
        "rapports:\n  - notebook: audit_anomalies\n    perimetres: {niveau: academie, codes: [\"10\", \"99\"]}\n",
        name="audit.yaml"))
    steps = steps_by_id(outcome.record)
    assert steps["rapport:audit_anomalies:academie-10"]["statut"] == "reussi"
    assert "n'existe pas" in steps["rapport:audit_anomalies:academie-99"]["message"]


def test_pupil_reports_are_flagged_and_leave_no_pupil_id(write_pipeline):
    outcome, log = run(write_pipeline(
        "rapports:\n  - notebook: diagnostic_eleve\n    donnees_personnelles: oui\n"
        "    eleves: [ELV77001, ELV77002]\n"), steps={"rapport": fakes.rendre_bavard})
    record_text = (outcome.run_dir / "run.json").read_text(encoding="utf-8")
    index = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    journal = (outcome.run_dir / "journal.txt").read_text(encoding="utf-8") if (outcome.run_dir / "journal.txt").exists() else ""
    for text in (record_text, index, log, journal):
        assert "ELV77001" not in text and "ELV77002" not in text and "1234567890A" not in text
    reports = [s for s in outcome.record["etapes"] if s["type"] == "rapport"]
    assert len(reports) == 2 and all(s["donnees_personnelles"] for s in reports)
    assert all(s["statut"] == "echec" and "KeyError" in s["message"] for s in reports)
    assert "données personnelles" in index


def test_pupil_report_success_is_marked_personal_in_the_index(write_pipeline):
    outcome, _ = run(write_pipeline(
        "rapports:\n  - notebook: indicateurs\n    perimetres: national\n"
        "  - notebook: diagnostic_eleve\n    donnees_personnelles: oui\n    eleves: [ELV77001]\n"))
    assert outcome.exit_code == 0
    index = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if "diagnostic_eleve" in line and "<tr>" in line)
    assert "données personnelles" in row
    row = next(line for line in index.splitlines() if "<td>national</td>" in line)
    assert "données personnelles" not in row
    # The pupil's id reached the notebook, and only the notebook.
    html = next(p for s in outcome.record["etapes"] if s.get("notebook") == "diagnostic_eleve" for p in s["produits"]
                if p.endswith(".html"))
    assert "ELV77001" in (outcome.run_dir / html).read_text(encoding="utf-8")
    assert "ELV77001" not in (outcome.run_dir / "run.json").read_text(encoding="utf-8")


def test_missing_export_makes_the_pipeline_impossible(write_pipeline, exports, tmp_path):
    for p in (exports / "2026-03-15").iterdir():
        p.unlink()
    with pytest.raises(PipelineImpossible, match="aucun export"):
        run(write_pipeline())
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


def test_zip_source(write_pipeline, exports, tmp_path):
    import shutil
    archive = shutil.make_archive(str(tmp_path / "export"), "zip", exports / "2026-03-15")
    path = tmp_path / "zip.yaml"
    path.write_text(write_pipeline().read_text().replace("plus_recent_dans: exports", "zip: export.zip"))
    spec = load_pipeline_spec(path)
    seen = []
    outcome = run_pipeline(spec, steps={**fakes.FAKE_STEPS,
                                        "chargement": lambda src, db: seen.append(src) or fakes.charger(
                                            exports / "2026-03-15", db)},
                           console=Console(file=open("/dev/null", "w")))
    assert seen == [Path(archive)]
    (f,) = outcome.record["entrees"]["export"]["fichiers"]
    assert f["nom"] == "export.zip" and f["sha256"] == hashlib.sha256(Path(archive).read_bytes()).hexdigest()


def test_check_lists_the_perimeters_of_the_current_database(write_pipeline):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app

    path = write_pipeline()
    before = CliRunner().invoke(app, ["pipeline", "check", str(path)])
    assert before.exit_code == 0 and "connus après le chargement" in before.output
    run(path)
    after = CliRunner().invoke(app, ["pipeline", "check", str(path)])
    assert after.exit_code == 0, after.output
    assert "2 rapport(s) (08, 10)" in after.output and "3 rapport(s) (038, 069, 073)" in after.output


def test_reports_never_run_more_at_once_than_allowed(write_pipeline):
    outcome, _ = run(write_pipeline(extra="parallelisme: 1\n"), steps={"rapport": fakes.rendre_chronometre})
    assert outcome.exit_code == 0 and outcome.record["machine"]["processus_rapports"] == 1
    spans = sorted(json.loads(p.read_text()) for p in outcome.run_dir.glob("rapports/*/*/temps.json"))
    assert len(spans) == 5
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # one after the other


def test_a_report_over_its_time_limit_is_stopped_alone(write_pipeline):
    outcome, _ = run(write_pipeline(extra="delai_rapport_s: 3\n"), steps={"rapport": fakes.rendre_lent_073})
    assert outcome.exit_code == 1
    steps = steps_by_id(outcome.record)
    late = steps["rapport:audit_anomalies:departement-073"]
    assert late["statut"] == "echec" and "delai_rapport_s" in late["message"]
    dossier = outcome.run_dir / "rapports/audit_anomalies/departement-073"
    assert not list(dossier.glob("*.html"))  # stopped before its render, which comes after a minute's wait
    pid = int((dossier / "pid").read_text())
    assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] == "Z"
    assert [k for k, s in steps.items() if s["statut"] != "reussi"] == [late["id"]]


def test_cli_run_refuses_a_locked_database_with_exit_code_2(write_pipeline, tmp_path):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app
    from lsu_analytics.pipelines.lock import DatabaseLock

    path = write_pipeline()
    with DatabaseLock(tmp_path / "base" / "lsu.duckdb"):
        result = CliRunner().invoke(app, ["pipeline", "run", str(path), "--attendre", "1"])
    assert result.exit_code == 2
    assert "utilisée par une autre exécution de lsu-analytics" in result.output and "après 1 s d'attente" in result.output
    assert not (tmp_path / "runs").exists()
