"""Delivery of a notification to real local servers: SMTP (plain, STARTTLS + login) and webhook (HTTP POST)."""
from __future__ import annotations

from datetime import datetime

import pytest

import servers
from lsu_analytics.notifications import NotificationError, RunSummary, compose, send_courriel, send_webhook
from lsu_analytics.notifications.message import Variation
from lsu_analytics.pipelines.spec import CourrielSpec, WebhookSpec

SUMMARY = RunSummary(
    pipeline="hebdomadaire", issue="reussi", code_sortie=0, index="/srv/lsu/runs/2026-03-16T0630/index.html",
    date_extraction=datetime(2026, 3, 15, 2), millesime=2025, perimetre="académie 08",
    anomalies={"total": 120, "par_severite": {"critique": 10, "majeure": 60, "mineure": 50}},
    precedente=datetime(2026, 3, 8, 2),
    par_statut={"nouvelle": {"critique": 2, "majeure": 5}, "reapparue": {"majeure": 1},
                "persistante": {"critique": 8, "majeure": 54, "mineure": 50}, "resolue": {"mineure": 7, "critique": 3}},
    indicateurs=(Variation("BP_VERROUILLES", "CM1", 2, 0.45, 0.623), Variation("EFFECTIF", "TOUS", None, 1200, 1187),
                 Variation("BP_VISES", "TOUS", 1, 0.5, None)),
    historique="/srv/lsu/historique.duckdb",
)


def courriel(server, **kw) -> CourrielSpec:
    return CourrielSpec(**{"serveur": "127.0.0.1", "port": server.port if server else servers.closed_port(),
                           "starttls": False, "expediteur": "lsu@example.org",
                           "destinataires": ("support-lsu@example.org", "ien@example.org"), "delai_s": 10.0, **kw})


def test_message_says_first_what_a_reader_needs():
    m = compose(SUMMARY)
    assert m.sujet.startswith("[LSU] hebdomadaire : réussi — extraction du 15/03/2026")
    assert "8 anomalie(s) nouvelle(s), 10 résolue(s)" in m.sujet  # new + reappeared; resolved
    lines = m.texte.splitlines()
    assert lines[0] == "Pipeline « hebdomadaire » : réussi (code de sortie 0)."
    critique = next(line for line in lines if line.strip().startswith("critique"))
    assert critique.split() == ["critique", "2", "0", "3", "8"]
    assert any("Bilans périodiques verrouillés" in line and "45,0 % → 62,3 % (+17,3 points)" in line
               and "CM1, période 2" in line for line in lines)
    assert any("Élèves inscrits" in line and "1\u202f200 → 1\u202f187 (−13)" in line for line in lines)
    assert any("s (secret)" in line for line in lines), "a masked value stays masked"
    assert "Rapports et détail du run : /srv/lsu/runs/2026-03-16T0630/index.html" in lines


def test_failed_run_message_names_the_failed_step():
    m = compose(RunSummary(pipeline="hebdomadaire", issue="echec", code_sortie=1, index="/x/index.html",
                           echecs=(("Chargement de l'export", "sha256 faux pour eleves.csv"),)))
    assert "ÉCHEC" in m.sujet
    assert "✗ Chargement de l'export : sha256 faux pour eleves.csv" in m.texte
    assert m.donnees["issue"] == "echec" and m.donnees["index"] == "/x/index.html"


def test_plain_smtp_delivers_the_message(smtp_server):
    result = send_courriel(courriel(smtp_server), compose(SUMMARY))
    (got,) = smtp_server.received
    assert got.rcpt_tos == ["support-lsu@example.org", "ien@example.org"]
    assert got.message["Subject"] == compose(SUMMARY).sujet
    assert "Anomalies depuis l'extraction précédente (du 08/03/2026 02:00)" in got.message.get_content()
    assert result == {"serveur": "127.0.0.1", "port": smtp_server.port, "starttls": False,
                      "destinataires": ["support-lsu@example.org", "ien@example.org"]}


def test_starttls_with_login_from_environment(tls_smtp_server, monkeypatch):
    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    monkeypatch.setenv("LSU_TEST_SMTP_PASS", "m0t-de-passe-tres-secret")
    spec = courriel(tls_smtp_server, starttls=True, utilisateur_env="LSU_TEST_SMTP_USER",
                    mot_de_passe_env="LSU_TEST_SMTP_PASS", certificat_ac=tls_smtp_server.ca)
    result = send_courriel(spec, compose(SUMMARY))
    (got,) = tls_smtp_server.received
    assert got.tls and got.login == "lsu-robot"
    assert "m0t-de-passe" not in repr(result)


def test_wrong_password_is_refused_clearly(tls_smtp_server, monkeypatch):
    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    monkeypatch.setenv("LSU_TEST_SMTP_PASS", "faux")
    spec = courriel(tls_smtp_server, starttls=True, utilisateur_env="LSU_TEST_SMTP_USER",
                    mot_de_passe_env="LSU_TEST_SMTP_PASS", certificat_ac=tls_smtp_server.ca)
    with pytest.raises(NotificationError, match="authentification refusée.*LSU_TEST_SMTP_PASS") as e:
        send_courriel(spec, compose(SUMMARY))
    assert "faux" not in str(e.value)
    assert tls_smtp_server.received == []


def test_untrusted_certificate_is_refused(tls_smtp_server, monkeypatch):
    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    monkeypatch.setenv("LSU_TEST_SMTP_PASS", "m0t-de-passe-tres-secret")
    spec = courriel(tls_smtp_server, starttls=True, utilisateur_env="LSU_TEST_SMTP_USER",
                    mot_de_passe_env="LSU_TEST_SMTP_PASS")  # no certificat_ac: the self-signed cert is unknown
    with pytest.raises(NotificationError, match="certificat du serveur SMTP 127.0.0.1:.* refusé.*certificat_ac"):
        send_courriel(spec, compose(SUMMARY))
    assert tls_smtp_server.received == []


def test_starttls_demanded_from_a_server_without_it(smtp_server):
    with pytest.raises(NotificationError, match="ne propose pas STARTTLS"):
        send_courriel(courriel(smtp_server, starttls=True), compose(SUMMARY))


def test_missing_credential_variable_is_named(smtp_server, monkeypatch):
    monkeypatch.delenv("LSU_TEST_ABSENTE", raising=False)
    monkeypatch.setenv("LSU_TEST_SMTP_USER", "lsu-robot")
    spec = courriel(smtp_server, starttls=True, utilisateur_env="LSU_TEST_SMTP_USER",
                    mot_de_passe_env="LSU_TEST_ABSENTE")
    with pytest.raises(NotificationError, match="variable d'environnement LSU_TEST_ABSENTE .* n'est pas définie"):
        send_courriel(spec, compose(SUMMARY))


def test_unreachable_smtp_server():
    spec = courriel(None)
    with pytest.raises(NotificationError, match=rf"serveur SMTP 127.0.0.1:{spec.port} injoignable"):
        send_courriel(spec, compose(SUMMARY))


def test_webhook_posts_json_with_a_text_field(http_server):
    result = send_webhook(WebhookSpec(url=http_server.url), compose(SUMMARY))
    (post,) = http_server.posts
    assert post["path"] == "/hooks/jeton-secret-XYZ"
    assert post["content_type"].startswith("application/json")
    body = post["json"]
    assert body["text"].startswith("[LSU] hebdomadaire : réussi")
    assert body["depuis_precedente"]["nouvelle"] == {"critique": 2, "majeure": 5}
    assert body["index"] == SUMMARY.index and body["code_sortie"] == 0
    assert result == {"hote": f"127.0.0.1:{http_server.port}", "statut_http": 200}  # never the path (token)


def test_webhook_url_from_environment(http_server, monkeypatch):
    monkeypatch.setenv("LSU_TEST_WEBHOOK", http_server.url)
    send_webhook(WebhookSpec(url_env="LSU_TEST_WEBHOOK"), compose(SUMMARY))
    assert len(http_server.posts) == 1


def test_webhook_error_status_and_unreachable(http_server):
    http_server.status = 500
    with pytest.raises(NotificationError, match=r"webhook \(127.0.0.1:\d+\) a répondu 500"):
        send_webhook(WebhookSpec(url=http_server.url), compose(SUMMARY))
    port = servers.closed_port()
    with pytest.raises(NotificationError, match=rf"webhook \(127.0.0.1:{port}\) injoignable") as e:
        send_webhook(WebhookSpec(url=f"http://127.0.0.1:{port}/hooks/jeton"), compose(SUMMARY))
    assert "jeton" not in str(e.value)
