"""Notify the recipients of a run (pipeline YAML `notifications`): one step per channel, after run.json is written.

What run.json keeps of a channel: server, port, recipients, webhook host; never a credential, never the
webhook's path (it often holds a token), never the names of the environment variables' values.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lsu_analytics.contract.nomenclatures import nom_perimetre

from .record import StepRecord
from .spec import NotificationsSpec, PipelineSpec

NB_INDICATEURS = 5


def notification_targets(n: NotificationsSpec) -> dict | None:
    out = {}
    if n.courriel is not None:
        c = n.courriel
        out["courriel"] = {"serveur": c.serveur, "port": c.port, "starttls": c.starttls, "expediteur": c.expediteur,
                           "destinataires": list(c.destinataires),
                           "authentification": "variables d'environnement" if c.utilisateur_env else "aucune"}
    if n.webhook is not None:
        out["webhook"] = {"url": "variable d'environnement" if n.webhook.url_env else _host(n.webhook.url)}
    return out or None


def notification_plan(n: NotificationsSpec) -> list[str]:
    """For `pipeline check`: each channel, and the environment variables it names that are not set here."""
    import os

    lines = []
    mail_vars = (n.courriel.utilisateur_env, n.courriel.mot_de_passe_env) if n.courriel else ()
    for name, channel, variables in (("par courriel", n.courriel, mail_vars),
                                     ("par webhook", n.webhook, (n.webhook.url_env,) if n.webhook else ())):
        if channel is None:
            continue
        where = (f"{channel.serveur}:{channel.port} → {', '.join(channel.destinataires)}" if name == "par courriel"
                 else (f"URL de la variable {channel.url_env}" if channel.url_env else _host(channel.url)))
        missing = [v for v in variables if v and not os.environ.get(v)]
        lines.append(f"{name} : {where}" + (f" — variable(s) non définie(s) dans cet environnement : "
                                            f"{', '.join(missing)} (à définir pour le service)" if missing else ""))
    return lines


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.rsplit("@", 1)[-1]


def notify_run(spec: PipelineSpec, record: dict, index: Path, send, call) -> list[StepRecord]:
    """Send the message on each channel of `spec.notifications` through `call(rec, send, canal, spec, message)`;
    return the step records (empty list when nothing is configured)."""
    channels = [(name, c) for name, c in (("courriel", spec.notifications.courriel),
                                          ("webhook", spec.notifications.webhook)) if c is not None]
    if not channels:
        return []
    from lsu_analytics.notifications import compose

    message = compose(run_summary(spec, record, index))
    steps = []
    for name, channel in channels:
        rec = StepRecord(f"notification:{name}", "notification",
                         "Notification par courriel" if name == "courriel" else "Notification par webhook")
        call(rec, send, name, channel, message)
        steps.append(rec)
    return steps


def run_summary(spec: PipelineSpec, record: dict, index: Path | None):
    """What the message says, from run.json and (when the run historised) the history database."""
    from lsu_analytics.notifications import RunSummary

    export = record.get("export") or {}
    perimetre = export.get("perimetre") or {}
    steps = record.get("etapes") or []
    echecs = tuple((s["libelle"], s.get("message") or "échec") for s in steps if s["statut"] == "echec")
    date = export.get("date_extraction")
    base = dict(pipeline=spec.nom, issue=record.get("issue") or "echec",
                code_sortie=1 if record.get("code_sortie") is None else record["code_sortie"],
                index=str(index) if index else None,
                date_extraction=datetime.fromisoformat(str(date)) if date else None,
                millesime=export.get("millesime_courant"),
                perimetre=nom_perimetre(perimetre.get("niveau"), perimetre.get("code")) if perimetre else None,
                echecs=echecs, anomalies=_anomalies(record.get("anomalies")),
                historique=str(spec.historique) if spec.historique else None)
    historised = next((s for s in steps if s["id"] == "historisation"), None)
    if spec.historique is None:
        return RunSummary(**base)
    if historised is None or historised["statut"] != "reussi":
        return RunSummary(**base, note_historique="Historisation non faite : pas de comparaison avec l'extraction "
                          "précédente.")
    try:
        return RunSummary(**base, **history_changes(spec.historique, base["date_extraction"]))
    except Exception as e:  # noqa: BLE001 - the message still goes out, saying the comparison is missing
        return RunSummary(**base, note_historique=f"Comparaison avec l'extraction précédente impossible : {e}")


def _anomalies(a: dict | None) -> dict | None:
    return {"total": a.get("total", 0), "par_severite": a.get("par_severite", {})} if a else None


def history_changes(historique: Path, date_extraction: datetime | None) -> dict:
    """Anomalies by status and severity since the previous extraction, and the indicators that moved most."""
    from lsu_analytics.history.changes import changements
    from lsu_analytics.notifications.message import Variation

    c = changements(historique, date_extraction, nb_indicateurs=NB_INDICATEURS)
    return {"precedente": c.precedente, "par_statut": c.par_statut,
            "indicateurs": tuple(Variation(v.indicateur, v.niveau_scolaire, v.periode, v.valeur_avant, v.valeur_apres)
                                 for v in c.indicateurs)}


def notify_impossible(spec: PipelineSpec, error: str, send, progress) -> None:
    """A run that could not start (export missing, database locked…): tell the recipients, log each channel."""
    if spec.notifications.courriel is None and spec.notifications.webhook is None:
        return
    from lsu_analytics.notifications import RunSummary, compose

    from .record import scrub

    message = compose(RunSummary(pipeline=spec.nom, issue="impossible", code_sortie=2, index=None,
                                 echecs=(("Démarrage du run", scrub(error)),)))
    for name, channel in (("courriel", spec.notifications.courriel), ("webhook", spec.notifications.webhook)):
        if channel is None:
            continue
        try:
            send(name, channel, message)
            progress.info(f"Notification ({name}) envoyée.")
        except Exception as e:  # noqa: BLE001 - the run is already impossible: say it and go on
            progress.info(f"[red]Notification ({name}) en échec[/] : {scrub(str(e))}")
