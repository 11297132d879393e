"""Parameters are checked before anything runs; hostile values are refused and leave the base intact."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from lsu_analytics.reports import NOTEBOOKS, ReportParamError, render_report, validate_params

HOSTILE = ["08'; DROP TABLE eleves; --", "../../etc", "08\" OR 1=1 --", "'; COPY eleves TO '{tmp}/fuite.csv'; --"]


def _eleves(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM eleves").fetchone()[0]


def test_notebooks_declared_with_their_parameters():
    assert set(NOTEBOOKS) == {"indicateurs", "audit_anomalies", "diagnostic_eleve"}
    assert NOTEBOOKS["indicateurs"].param_names == ("millesime", "niveau_perimetre", "code_perimetre",
                                                    "historique")
    assert NOTEBOOKS["audit_anomalies"].param_names == ("niveau_perimetre", "code_perimetre", "severite_min",
                                                        "historique")
    assert NOTEBOOKS["diagnostic_eleve"].param_names == ("eleve_id", "ine")
    assert NOTEBOOKS["diagnostic_eleve"].donnees_personnelles
    for spec in NOTEBOOKS.values():
        assert spec.path.is_file(), spec.path


def test_defaults_come_from_the_manifest(report_db):
    p = validate_params("indicateurs", report_db, {})
    assert p == {"db": str(report_db.resolve()), "millesime": 2025, "niveau_perimetre": "academie",
                 "code_perimetre": "08", "historique": None}
    assert validate_params("audit_anomalies", report_db, {})["severite_min"] == "info"


def test_cli_strings_are_typed(report_db):
    p = validate_params("indicateurs.ipynb", report_db, {"millesime": "2025", "niveau_perimetre": "departement",
                                                         "code_perimetre": "038"})
    assert p["millesime"] == 2025 and p["code_perimetre"] == "038"
    assert validate_params("indicateurs", report_db, {"niveau_perimetre": "national"})["code_perimetre"] == "FR"


@pytest.mark.parametrize("notebook, params, expected", [
    ("indicateurs", {"millesime": "deux mille"}, "doit être un entier"),
    ("indicateurs", {"millesime": 1999}, "Millésimes permis : 2025"),
    ("indicateurs", {"niveau_perimetre": "region", "code_perimetre": "84"},
     "Valeurs permises : national, academie, departement, circonscription, etablissement"),
    ("indicateurs", {"niveau_perimetre": "academie", "code_perimetre": "99"}, "Codes permis pour academie : 02, 08"),
    ("indicateurs", {"code_perimetre": "08"}, "sans niveau_perimetre"),
    ("indicateurs", {"perimetre": "08"}, "Paramètres permis : millesime"),
    ("indicateurs", {"db": "/autre.duckdb"}, "La base se donne avec --db"),
    ("audit_anomalies", {"severite_min": "grave"}, "Valeurs permises : critique, majeure, mineure, info"),
    ("audit_anomalies", {"niveau_perimetre": "etablissement", "code_perimetre": "0000000X"},
     "0130001D, 0380001A, 0380002B, 0730001C"),
    ("diagnostic_eleve", {}, "exactement un des deux"),
    ("diagnostic_eleve", {"eleve_id": "E01", "ine": "01ABCDEFGH1"}, "exactement un des deux"),
    ("diagnostic_eleve", {"eleve_id": "E99"}, "aucun élève d'identifiant « E99 »"),
    ("diagnostic_eleve", {"ine": "123"}, "11 lettres ou chiffres"),
    ("../../etc/passwd", {}, "Notebooks disponibles : indicateurs, audit_anomalies, diagnostic_eleve"),
])
def test_wrong_parameters_get_a_french_error_listing_what_is_allowed(report_db, notebook, params, expected):
    with pytest.raises(ReportParamError) as err:
        validate_params(notebook, report_db, params)
    assert expected in str(err.value)


def test_ine_resolves_to_eleve_id_and_is_never_echoed(report_db):
    p = validate_params("diagnostic_eleve", report_db, {"ine": "03abcdefgh3"})
    assert p["eleve_id"] == "E03" and p["ine"] is None
    with pytest.raises(ReportParamError) as err:
        validate_params("diagnostic_eleve", report_db, {"ine": "99ZZZZZZZZ9"})
    assert "99ZZZZZZZZ9" not in str(err.value)


def test_missing_base_and_empty_indicators(tmp_path, tiny_db):
    with pytest.raises(ReportParamError, match="base introuvable"):
        validate_params("indicateurs", tmp_path / "absente.duckdb", {})
    tiny_db.close()
    with pytest.raises(ReportParamError, match="table indicateurs est vide"):
        validate_params("indicateurs", tiny_db.path, {})


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_refused_and_the_base_is_intact(report_db, tmp_path, value):
    value = value.format(tmp=tmp_path)
    before = hashlib.sha256(report_db.read_bytes()).hexdigest()
    attempts = [("indicateurs", {"niveau_perimetre": "academie", "code_perimetre": value}),
                ("audit_anomalies", {"niveau_perimetre": "departement", "code_perimetre": value}),
                ("diagnostic_eleve", {"eleve_id": value}),
                ("audit_anomalies", {"severite_min": value}),
                (value, {})]
    for notebook, params in attempts:
        with pytest.raises(ReportParamError):
            render_report(notebook, report_db, params, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert not (tmp_path / "fuite.csv").exists()
    assert hashlib.sha256(report_db.read_bytes()).hexdigest() == before
    assert _eleves(report_db) == 12


def test_cli_refuses_a_wrong_parameter_in_french(report_db, tmp_path):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["rapport", "indicateurs", "--db", str(report_db), "-p", "niveau_perimetre=academie",
                              "-p", "code_perimetre=99", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "Codes permis pour academie : 02, 08" in res.output
    res = runner.invoke(app, ["rapport", "indicateurs", "--db", str(report_db), "-p", "code_perimetre",
                              "--out", str(tmp_path)])
    assert res.exit_code == 2 and "écrivez -p NOM=VALEUR" in res.output
    res = runner.invoke(app, ["rapport", "bilan_secret", "--db", str(report_db), "--out", str(tmp_path)])
    assert res.exit_code == 2 and "Notebooks disponibles" in res.output
    assert list(tmp_path.iterdir()) == []
