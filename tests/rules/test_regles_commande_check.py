"""`check`: anomalies.csv / anomalies.parquet, exit codes, options (--regles, --seuil, --echec-si)."""
from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from typer.testing import CliRunner

from lsu_analytics import gx as gx_layer
from lsu_analytics.check import check
from lsu_analytics.check import command as command_module
from lsu_analytics.cli import app

from regles_helpers import COLLEGE, ECOLE


@pytest.fixture
def db_file(world):
    """A closed database file with anomalies of several severities (critique, majeure, info)."""
    world.etablissement()
    world.etablissement(COLLEGE, degre="2D", service_en_ligne_ouvert=False)  # SEL-01 (majeure)
    world.periodes()
    world.classe()
    world.eleve()
    world.inscription()
    world.bilan("B1", indice=4)  # PER-01 (critique)
    world.eleve("E2")
    world.inscription("E2")  # REC-01 (info)
    world.db.close()
    return world.db.path


@pytest.fixture
def no_gx():
    """The GX layer is slow and tested by its own suite; these tests check what `check` itself writes."""
    return {"gx": False}


def test_check_writes_csv_for_a_french_spreadsheet(db_file, tmp_path, no_gx):
    result = check(db_file, tmp_path / "out", **no_gx)
    raw = result.csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: accents display correctly in Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Règle", "Titre de la règle", "Sévérité", "UAI", "Académie", "Millésime",
                       "Identifiant élève", "Identifiant classe", "Objet", "Détail", "Date de l'événement",
                       "Clé de l'anomalie", "Établissement", "Circonscription", "Département", "Qui doit agir",
                       "Remédiation", "Rapport de diagnostic de l'élève"]
    body = [r[:9] for r in rows[1:]]
    # Academies by their official name (issue 10: names, not codes).
    assert body == [
        ["PER-01", "Bilan sur une période non définie", "critique", ECOLE, "Grenoble", "2025", "E1", "CL1", "B1"],
        ["REC-01", "Élève introuvable dans la recherche", "info", ECOLE, "Grenoble", "2025", "E2", "", ""],
        ["SEL-01", "Service en ligne non ouvert au 2D", "majeure", COLLEGE, "Grenoble", "", "", "", ""],
    ]
    assert all(r[9] for r in rows[1:])  # every row says what to do
    assert result.run.nb_anomalies == 3 and result.nb_at_least("critique") == 1
    assert result.data_docs_index is None and "non demandée" in result.gx_note


def test_check_writes_parquet_with_the_anomalies_columns(db_file, tmp_path, no_gx):
    result = check(db_file, tmp_path / "out", **no_gx)
    frame = pl.read_parquet(result.parquet_path)
    assert frame.columns[:11] == ["rule_id", "severite", "uai", "academie", "millesime", "eleve_id", "classe_id",
                                  "objet_id", "detail", "date_evenement", "cle"]
    assert frame.columns[11:] == ["titre", "etablissement", "circonscription", "departement", "departement_nom",
                                  "academie_nom", "acteur", "qui_doit_agir", "remediation", "rapport_diagnostic"]
    assert frame["rule_id"].to_list() == ["PER-01", "REC-01", "SEL-01"]
    assert frame["millesime"].to_list() == [2025, 2025, None]


def test_check_csv_feeds_a_ticket_tool(db_file, tmp_path, no_gx):
    """One row per anomaly with its key, event date, where (names), who acts, what to do, the pupil's report."""
    result = check(db_file, tmp_path / "out")
    with open(result.csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    by_rule = {r["Règle"]: r for r in rows}
    assert len(rows) == result.run.nb_anomalies == 3
    per01, rec01, sel01 = by_rule["PER-01"], by_rule["REC-01"], by_rule["SEL-01"]
    assert per01["Date de l'événement"] == "2025-11-20 10:00:00"  # creation of the report
    assert sel01["Date de l'événement"] == "2026-03-15 02:00:00"  # no dated fact: the extraction
    assert (per01["Établissement"], per01["Département"], per01["Académie"]) == (f"Établissement {ECOLE}", "Isère",
                                                                               "Grenoble")
    assert per01["Qui doit agir"] == rec01["Qui doit agir"] == "Directeur d'école"  # a school (1D)
    assert rec01["Date de l'événement"] == "2025-09-01 00:00:00"  # the pupil's enrolment
    assert sel01["Qui doit agir"] == "Chef d'établissement"  # a collège
    assert "Paramétrage > Paramétrage des périodes" in per01["Remédiation"]
    assert per01["Rapport de diagnostic de l'élève"].startswith("diagnostics/diagnostic_eleve-eleve-E1-")
    assert per01["Rapport de diagnostic de l'élève"].endswith(".html")
    assert sel01["Rapport de diagnostic de l'élève"] == ""  # no pupil
    keys = [r["Clé de l'anomalie"] for r in rows]
    assert len(set(keys)) == 3 and all(len(k) == 32 for k in keys)
    # The same key as the table (and the history): a rerun gives the same keys.
    again = check(db_file, tmp_path / "out2")
    with open(again.csv_path, encoding="utf-8-sig", newline="") as f:
        assert [r["Clé de l'anomalie"] for r in csv.DictReader(f, delimiter=";")] == keys


def test_check_outputs_hold_no_personal_data(world, tmp_path, no_gx):
    """Neither the CSV nor the Parquet names a pupil, gives an INE or a birth date."""
    world.etablissement()
    world.periodes()
    world.classe()
    world.add("eleves", eleve_id="E1", ine="070123456AB", nom="Quilliec", prenom="Maëlys", date_naissance="2015-04-27")
    world.inscription()
    world.bilan("B1", indice=4)
    world.db.close()
    result = check(world.db.path, tmp_path / "out")
    assert result.run.nb_anomalies >= 1
    secrets = ("070123456AB", "Quilliec", "Maëlys", "2015-04-27", "27/04/2015")
    csv_text = result.csv_path.read_text(encoding="utf-8-sig")
    assert "E1" in csv_text and not [x for x in secrets if x in csv_text]
    frame = pl.read_parquet(result.parquet_path)  # compressed: look at the values, not the bytes
    assert frame.filter(pl.col("eleve_id") == "E1").height >= 1
    cells = " ".join(str(v) for row in frame.iter_rows() for v in row)
    assert not [x for x in secrets if x in cells]


def test_check_outputs_only_the_rules_that_ran(db_file, tmp_path, no_gx):
    check(db_file, tmp_path / "out", **no_gx)
    result = check(db_file, tmp_path / "out", rule_ids=["SEL-01"], **no_gx)
    assert pl.read_parquet(result.parquet_path)["rule_id"].to_list() == ["SEL-01"]


def test_check_default_output_folder_is_beside_the_database(db_file, no_gx):
    result = check(db_file, None, **no_gx)
    assert result.csv_path == db_file.parent / "controles" / "anomalies.csv"


def test_check_runs_the_gx_layer_when_present(db_file, tmp_path, monkeypatch):
    calls, ready = [], []

    def validate(db, out_dir, rule_ids=None, progress=None):
        # The anomalies are out before GX starts.
        calls.append((db, out_dir, rule_ids, sorted(p.name for p in out_dir.iterdir()), list(ready)))
        return type("GxResult", (), {"data_docs_index": out_dir / "data_docs" / "index.html"})()

    monkeypatch.setattr(gx_layer, "validate", validate)
    result = check(db_file, tmp_path / "out", rule_ids=["PER-01", "SEL-01"],
                   on_anomalies=lambda r: ready.append(r.run.nb_anomalies))
    # GX gets the database once the rules are stored, and the rules that ran (it reads `anomalies`).
    assert calls == [(db_file, tmp_path / "out", ["PER-01", "SEL-01"], ["anomalies.csv", "anomalies.parquet"], [2])]
    assert result.data_docs_index == tmp_path / "out" / "data_docs" / "index.html"


runner = CliRunner()


def _cli(*args):
    return runner.invoke(app, ["check", *map(str, args)], env={"COLUMNS": "200"})


def _cli_no_gx(*args):
    return _cli(*args, "--sans-data-docs")


def test_cli_summary_and_exit_0(db_file, tmp_path, no_gx):
    res = _cli_no_gx("--db", db_file, "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    for text in ("PER-01", "Bilan sur une période non définie", "critique", "SEL-01", "anomalies.csv",
                 "Data Docs non produits"):
        assert text in res.output


def test_cli_echec_si_critique_exits_3(db_file, tmp_path, no_gx):
    res = _cli_no_gx("--db", db_file, "--out", tmp_path / "out", "--echec-si", "critique")
    assert res.exit_code == 3, res.output
    assert "1 anomalie(s) de sévérité critique" in res.output
    res = _cli_no_gx("--db", db_file, "--out", tmp_path / "out", "--echec-si", "critique", "--regles", "SEL-01,REC-01")
    assert res.exit_code == 0, res.output
    res = _cli_no_gx("--db", db_file, "--out", tmp_path / "out", "--echec-si", "majeure", "--regles", "SEL-01")
    assert res.exit_code == 3, res.output


@pytest.mark.parametrize("args, message", [
    (["--regles", "PER-01,ABC-99"], "règle(s) inconnue(s) : ABC-99. Règles disponibles : PER-01, PER-02"),
    (["--seuil", "jours=4"], "seuil inconnu : « jours ». Seuils disponibles : jours_parametrage (défaut 30)"),
    (["--seuil", "jours_parametrage=beaucoup"], "n'est pas un nombre entier de jours"),
    (["--seuil", "jours_parametrage"], "écrire NOM=VALEUR"),
    (["--echec-si", "grave"], "--echec-si « grave » inconnu"),
])
def test_cli_option_errors_exit_2_in_french(db_file, tmp_path, no_gx, args, message):
    res = _cli_no_gx("--db", db_file, "--out", tmp_path / "out", *args)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_cli_missing_database_exits_2(tmp_path, no_gx):
    res = _cli_no_gx("--db", tmp_path / "absente.duckdb")
    assert res.exit_code == 2
    assert "base introuvable" in res.output and "lsu-analytics load" in res.output


def test_cli_threshold_changes_the_result(world, tmp_path, no_gx):
    world.etablissement()
    world.periodes(date_parametrage="2025-10-15 10:00:00")  # 44 days after 2025-09-01
    world.db.close()
    res = _cli_no_gx("--db", world.db.path, "--out", tmp_path / "a", "--regles", "PER-04")
    assert pl.read_parquet(tmp_path / "a" / "anomalies.parquet").height == 1
    res = _cli_no_gx("--db", world.db.path, "--out", tmp_path / "b", "--regles", "PER-04", "--seuil", "jours_parametrage=45")
    assert res.exit_code == 0, res.output
    assert pl.read_parquet(tmp_path / "b" / "anomalies.parquet").height == 0


def test_cli_unexpected_failure_exits_2_without_traceback(db_file, tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(command_module, "run_gx_step", boom)
    res = _cli("--db", db_file, "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert "les contrôles ont échoué (RuntimeError : panne simulée)" in res.output
    assert "Traceback" not in res.output


@pytest.mark.slow
def test_cli_with_the_real_gx_layer_writes_data_docs(db_file, tmp_path):
    res = _cli("--db", db_file, "--out", tmp_path / "out", "--echec-si", "critique")
    assert res.exit_code == 3, res.output
    index = tmp_path / "out" / "data_docs" / "index.html"
    assert index.is_file()
    assert f"Data Docs : {index}" in res.output.replace("\n", "")


def test_cli_gx_error_is_reported_in_french(db_file, tmp_path, monkeypatch):
    gx = pytest.importorskip("lsu_analytics.gx")
    if not hasattr(gx, "GxError"):
        pytest.skip("la couche GX ne déclare pas GxError")

    def failing_validate(*a, **k):
        raise gx.GxError("Data Docs impossibles à écrire dans /lecture-seule : choisir un autre --out.")

    monkeypatch.setattr(gx, "validate", failing_validate)
    res = _cli("--db", db_file, "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert ("Erreur : couche Great Expectations : Data Docs impossibles à écrire dans /lecture-seule : "
            "choisir un autre --out.") in res.output.replace("\n", "")
