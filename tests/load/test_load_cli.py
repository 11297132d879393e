"""`lsu-analytics load`: French summary, exit code 0 on success, 2 on failure without a traceback."""
from __future__ import annotations

from load_exports import ETABLISSEMENTS
from typer.testing import CliRunner

from lsu_analytics.cli import app


def test_load_resume(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS + [["0380009K", "X", "3D", "PU", "08", "038", None, "1"]])
    res = CliRunner().invoke(app, ["load", str(export.manifest()), "--db", str(tmp_path / "lsu.duckdb")],
                             env={"COLUMNS": "160"})
    assert res.exit_code == 0, res.output
    assert "etablissements" in res.output and "CODE_HORS_LISTE" in res.output
    assert "Export chargé" in res.output


def test_load_echec_code_2(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    export.files["etablissements.csv"]["lignes"] = 5
    res = CliRunner().invoke(app, ["load", str(export.manifest()), "--db", str(tmp_path / "lsu.duckdb")],
                             env={"COLUMNS": "160"})
    assert res.exit_code == 2
    assert "Échec du chargement" in res.output and "etablissements.csv" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "lsu.duckdb").exists()
