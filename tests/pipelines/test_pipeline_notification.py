"""Notification of a scheduled run, end to end with stand-in steps and REAL local SMTP and HTTP servers."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rich.console import Console

import pipeline_fakes as fakes
from lsu_analytics.pipelines import PipelineImpossible, load_pipeline_spec, run_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "notifications"))
import servers  # noqa: E402

PASSWORD = "m0t-de-passe-tres-secret"


@pytest.fixture
def smtp(tmp_path, monkeypatch):
    cert = servers.self_signed_cert(tmp_path)
    s = servers.start_smtp(tls_cert=cert, credentials=("lsu-robot", PASSWORD))
    s.ca = cert[0]
    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    monkeypatch.setenv("LSU_TEST_SMTP_PASS", PASSWORD)
    yield s
    s.stop()


@pytest.fixture
def hook(monkeypatch):
    s = servers.start_http()
    monkeypatch.setenv("LSU_TEST_WEBHOOK", s.url)
    yield s
    s.stop()


def notifications(smtp_port: int, ca: Path, webhook: bool = True) -> str:
    return ("notifications:\n"
            "  courriel:\n"
            "    serveur: 127.0.0.1\n"
            f"    port: {smtp_port}\n"
            "    starttls: oui\n"
            f"    certificat_ac: {ca}\n"
            "    expediteur: lsu@example.org\n"
            "    destinataires: [support-lsu@example.org]\n"
            "    utilisateur_env: LSU_TEST_SMTP_USER\n"
            "    mot_de_passe_env: LSU_TEST_SMTP_PASS\n"
            "    delai_s: 10\n"
            + ("  webhook:\n    url_env: LSU_TEST_WEBHOOK\n" if webhook else ""))


def run(path: Path, steps=None):
    console = Console(record=True, width=200, file=open("/dev/null", "w"))
    outcome = run_pipeline(load_pipeline_spec(path), steps={**fakes.FAKE_STEPS, **(steps or {})}, console=console)
    return outcome, console.export_text()


def steps_by_id(record: dict) -> dict:
    return {s["id"]: s for s in record["etapes"]}


def test_successful_run_notifies_by_mail_and_webhook(write_pipeline, smtp, hook):
    outcome, _ = run(write_pipeline(extra=notifications(smtp.port, smtp.ca)))
    assert outcome.exit_code == 0
    steps = steps_by_id(outcome.record)
    assert steps["notification:courriel"]["statut"] == "reussi"
    assert steps["notification:webhook"]["statut"] == "reussi"
    (mail,) = smtp.received
    assert mail.tls and mail.login == "lsu-robot"
    body = mail.message.get_content()
    assert body.startswith("Pipeline « essai » : réussi (code de sortie 0).")
    assert f"Rapports et détail du run : {outcome.run_dir / 'index.html'}" in body
    assert "Anomalies de cette extraction : 3 (1 critique, 2 mineure)." in body
    (post,) = hook.posts
    assert post["json"]["issue"] == "reussi" and post["json"]["index"] == str(outcome.run_dir / "index.html")
    # run.json names the channels, never a credential nor the webhook's URL (it holds a token).
    text = (outcome.run_dir / "run.json").read_text(encoding="utf-8")
    assert PASSWORD not in text and "lsu-robot" not in text and "jeton-secret" not in text
    record = json.loads(text)
    assert record["parametres"]["notifications"]["courriel"]["destinataires"] == ["support-lsu@example.org"]
    assert record["parametres"]["notifications"]["webhook"] == {"url": "variable d'environnement"}
    assert "Notification par courriel" in (outcome.run_dir / "index.html").read_text(encoding="utf-8")


def test_failed_run_notifies_too(write_pipeline, smtp, hook):
    outcome, _ = run(write_pipeline(extra=notifications(smtp.port, smtp.ca)),
                     steps={"chargement": fakes.charger_en_echec})
    assert outcome.exit_code == 1
    (mail,) = smtp.received
    assert "ÉCHEC" in mail.message["Subject"]
    assert "✗ Chargement de l'export : etablissements.csv : 2 lignes lues" in mail.message.get_content()
    assert hook.posts[0]["json"]["issue"] == "echec"


def test_unreachable_servers_fail_only_the_notification_steps(write_pipeline, tmp_path, monkeypatch):
    port = servers.closed_port()
    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    monkeypatch.setenv("LSU_TEST_SMTP_PASS", PASSWORD)
    monkeypatch.setenv("LSU_TEST_WEBHOOK", f"http://127.0.0.1:{port}/hooks/jeton-secret-XYZ")
    outcome, log = run(write_pipeline(extra=notifications(port, servers.self_signed_cert(tmp_path)[0])))
    steps = steps_by_id(outcome.record)
    assert steps["notification:courriel"]["statut"] == "echec"
    assert f"serveur SMTP 127.0.0.1:{port} injoignable" in steps["notification:courriel"]["message"]
    assert steps["notification:webhook"]["statut"] == "echec"
    assert "injoignable" in steps["notification:webhook"]["message"]
    others = {k: s["statut"] for k, s in steps.items() if not k.startswith("notification")}
    assert set(others.values()) == {"reussi"}, others
    assert outcome.exit_code == 1, "the team was not told: the run says so"
    assert "Notification par courriel : échec" in log
    assert "jeton-secret" not in (outcome.run_dir / "run.json").read_text(encoding="utf-8")


def test_a_run_that_cannot_start_notifies(write_pipeline, exports, smtp, hook):
    path = write_pipeline(extra=notifications(smtp.port, smtp.ca))
    for d in exports.iterdir():
        (d / "manifest.json").unlink()
    with pytest.raises(PipelineImpossible):
        run(path)
    (mail,) = smtp.received
    assert "IMPOSSIBLE" in mail.message["Subject"]
    assert hook.posts[0]["json"]["code_sortie"] == 2


def test_check_shows_history_and_channels_with_unset_variables(write_pipeline, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app

    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    monkeypatch.delenv("LSU_TEST_SMTP_PASS", raising=False)
    monkeypatch.delenv("LSU_TEST_WEBHOOK", raising=False)
    path = write_pipeline(extra="historique: hist.duckdb\n" + notifications(2525, tmp_path / "ac.pem"))
    result = CliRunner().invoke(app, ["pipeline", "check", str(path)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert f"Historique : {tmp_path / 'hist.duckdb'} (créé au premier run)" in result.output
    assert "Notification par courriel : 127.0.0.1:2525 → support-lsu@example.org — variable(s) non définie(s) " \
           "dans cet environnement : LSU_TEST_SMTP_PASS" in result.output
    assert "Notification par webhook : URL de la variable LSU_TEST_WEBHOOK — variable(s) non définie(s)" \
        in result.output
