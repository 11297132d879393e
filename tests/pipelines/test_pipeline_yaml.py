"""Pipeline YAML: the examples are valid; mistakes get a French message naming the file, line and fix."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.pipelines import PipelineSpecError, load_pipeline_spec

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["hebdomadaire.yaml", "departements.yaml"])
def test_example_pipelines_are_valid(name):
    spec = load_pipeline_spec(REPO / "pipelines" / name)
    assert spec.rapports
    assert spec.base.is_absolute() and spec.sortie.is_absolute()


def test_hebdomadaire_example_describes_the_weekly_run():
    spec = load_pipeline_spec(REPO / "pipelines" / "hebdomadaire.yaml")
    assert spec.source.kind == "plus_recent"
    assert spec.source.path == REPO / "reports" / "exports"  # relative to the YAML's folder
    assert [(r.notebook, r.niveau, r.codes) for r in spec.rapports] == [
        ("indicateurs", "academie", None), ("audit_anomalies", "departement", None)]
    assert spec.controles.echec_si == "critique"


def _errors(tmp_path, text: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PipelineSpecError) as e:
        load_pipeline_spec(path)
    return e.value.errors


GOOD_HEAD = "source:\n  dossier: x\nbase: b.duckdb\nsortie: out\n"


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    (msg,) = _errors(tmp_path, GOOD_HEAD + "rapports:\n  - notebook: indicateurs\n\tperimetres: academie\n")
    assert str(tmp_path / "p.yaml") in msg
    assert "ligne 7" in msg and "tabulation" in msg


def test_unknown_key_suggests_the_right_one_with_its_line(tmp_path):
    errors = _errors(tmp_path, "source:\n  dossier: x\nbase: b.duckdb\nsorti: out\n")
    assert any("ligne 4" in m and "« sorti »" in m and "« sortie »" in m for m in errors)


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + (
        "controles:\n"
        "  echec_si: grave\n"                                # line 6
        "rapports:\n"
        "  - notebook: indicateur\n"                         # line 8
        "  - notebook: audit_anomalies\n"
        "    perimetres: region\n"                           # line 10
        "  - notebook: indicateurs\n"
        "    perimetres: {niveau: departement, codes: [38]}\n"  # line 12
    ))
    joined = "\n".join(errors)
    assert len(errors) == 4, joined
    assert "ligne 6" in joined and "echec_si" in joined
    assert "ligne 8" in joined and "vouliez-vous dire « indicateurs »" in joined
    assert "ligne 10" in joined and "region" in joined
    assert "ligne 12" in joined and "guillemets" in joined


def test_missing_required_keys(tmp_path):
    errors = _errors(tmp_path, "nom: x\n")
    assert {"source", "base", "sortie"} == {k for k in ("source", "base", "sortie")
                                            if any(f"« {k}: »" in m for m in errors)}


def test_pupil_diagnosis_needs_an_explicit_request(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + "rapports:\n  - notebook: diagnostic_eleve\n    eleves: [E1]\n")
    assert any("ligne 6" in m and "donnees_personnelles: oui" in m for m in errors)
    path = tmp_path / "ok.yaml"
    path.write_text(GOOD_HEAD + "rapports:\n  - notebook: diagnostic_eleve\n    eleves: [E1]\n"
                    "    donnees_personnelles: oui\n", encoding="utf-8")
    (r,) = load_pipeline_spec(path).rapports
    assert r.donnees_personnelles and r.eleves == ("E1",)


def test_cli_run_on_invalid_yaml_exits_2_with_the_line(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(GOOD_HEAD + "parallelisme: beaucoup\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["pipeline", "run", str(path)])
    assert result.exit_code == 2
    assert "ligne 5" in result.output and "parallelisme" in result.output


def test_cli_check_accepts_a_valid_pipeline(write_pipeline):
    result = CliRunner().invoke(app, ["pipeline", "check", str(write_pipeline())])
    assert result.exit_code == 0, result.output
    assert "Pipeline valide" in result.output and "2026-03-15" in result.output


def test_cli_check_refuses_parameters_the_notebook_does_not_take(write_pipeline):
    path = write_pipeline("rapports:\n"
                          "  - notebook: audit_anomalies\n    perimetres: departement\n"
                          "    parametres: {severite_min: grave}\n"
                          "  - notebook: indicateurs\n    perimetres: academie\n    parametres: {annee: 2025}\n")
    result = CliRunner().invoke(app, ["pipeline", "check", str(path)])
    assert result.exit_code == 2
    assert "ligne 9" in result.output and "severite_min" in result.output and "critique" in result.output
    assert "ligne 12" in result.output and "« annee »" in result.output and "millesime" in result.output


def test_duplicate_key_and_empty_file(tmp_path):
    (msg,) = _errors(tmp_path, GOOD_HEAD + "base: autre.duckdb\n")
    assert "ligne 5" in msg and "« base » apparaît deux fois" in msg
    (msg,) = _errors(tmp_path, "# rien\n")
    assert "vide" in msg and "hebdomadaire.yaml" in msg


def test_unknown_rule_and_threshold_list_the_known_ones(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + "controles:\n  regles: [PER-01, PER-99]\n  seuils: {jours_parametrge: 45}\n")
    joined = "\n".join(errors)
    assert "ligne 6" in joined and "PER-99" in joined and "HIS-02" in joined
    assert "ligne 7" in joined and "jours_parametrage (défaut 30)" in joined
