"""Pipeline YAML: the examples are valid; mistakes get a French message naming the file, line and fix."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.pipelines import PipelineSpecError, load_pipeline_spec

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["hebdomadaire.yaml", "departements.yaml", "national.yaml"])
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


# --- history and notifications (issue 9) ---

NOTIF = ("historique: hist/historique.duckdb\n"
         "notifications:\n"
         "  courriel:\n"
         "    serveur: smtp.example.org\n"
         "    port: 587\n"
         "    starttls: oui\n"
         "    expediteur: lsu@example.org\n"
         "    destinataires: [support-lsu@example.org, ien@example.org]\n"
         "    utilisateur_env: LSU_SMTP_UTILISATEUR\n"
         "    mot_de_passe_env: LSU_SMTP_MOT_DE_PASSE\n"
         "  webhook:\n"
         "    url_env: LSU_WEBHOOK_URL\n")


def test_history_and_notifications_are_read(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(GOOD_HEAD + NOTIF, encoding="utf-8")
    spec = load_pipeline_spec(path)
    assert spec.historique == tmp_path / "hist" / "historique.duckdb"
    c = spec.notifications.courriel
    assert (c.serveur, c.port, c.starttls, c.destinataires) == ("smtp.example.org", 587, True,
                                                                ("support-lsu@example.org", "ien@example.org"))
    assert (c.utilisateur_env, c.mot_de_passe_env) == ("LSU_SMTP_UTILISATEUR", "LSU_SMTP_MOT_DE_PASSE")
    assert spec.notifications.webhook.url_env == "LSU_WEBHOOK_URL"


def test_a_secret_in_the_yaml_is_refused_with_its_line(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + NOTIF.replace("    mot_de_passe_env: LSU_SMTP_MOT_DE_PASSE\n",
                                                         "    mot_de_passe: hunter2\n"))
    assert any("ligne 14" in m and "mettrait un secret" in m and "mot_de_passe_env" in m for m in errors), errors
    assert not any("hunter2" in m for m in errors)


def test_notification_mistakes_each_with_their_line(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + (
        "notifications:\n"
        "  courriel:\n"
        "    serveur: smtp://smtp.example.org\n"           # line 7
        "    port: 70000\n"                                 # line 8
        "    starttls: non\n"
        "    expediteur: lsu\n"                             # line 10
        "    destinataires: [support-lsu@example.org, x]\n"  # line 11
        "    utilisateur_env: LSU_USER\n"
        "    mot_de_passe_env: mon mot de passe\n"          # line 13
        "  webhook:\n"
        "    url: chat.example.org/hooks/1\n"))             # line 15
    expected = {7: "nom d'hôte", 8: "entre 1 et 65535", 10: "adresse d'expéditeur invalide",
                11: "adresse de destinataire invalide", 13: "NOM d'une variable", 15: "https://"}
    for line, text in expected.items():
        assert any(f"ligne {line}," in m and text in m for m in errors), (line, errors)


def test_password_without_starttls_is_refused(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + NOTIF.replace("starttls: oui", "starttls: non"))
    assert any("ligne 10" in m and "en clair" in m for m in errors), errors


def test_history_needs_every_rule_and_its_own_file(tmp_path):
    errors = _errors(tmp_path, GOOD_HEAD + "historique: b.duckdb\ncontroles:\n  regles: [PER-01]\n")
    assert any("ligne 7" in m and "toutes les règles" in m for m in errors), errors
    assert any("ligne 5" in m and "un autre fichier que « base »" in m for m in errors), errors


def test_planification_example_is_valid(tmp_path):
    """The complete example of docs/planification.md, history and notifications included, is a valid pipeline."""
    doc = (REPO / "docs" / "planification.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "exemple.yaml"
    path.write_text(example, encoding="utf-8")
    spec = load_pipeline_spec(path)
    assert spec.historique is not None and spec.notifications.courriel.mot_de_passe_env == "LSU_SMTP_MOT_DE_PASSE"
    assert spec.notifications.webhook.url_env == "LSU_WEBHOOK_URL"
