"""The message of a run's notification: outcome, anomalies new and resolved by severity since the previous
extraction, the indicators that moved most, and where the index is. Counts and codes only, never pupil data."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lsu_analytics.contract.vocabulary import SEVERITES

ISSUES = {
    "reussi": "réussi",
    "anomalies": "réussi, avec des anomalies au-delà du seuil echec_si",
    "echec": "ÉCHEC",
    "interrompu": "INTERROMPU",
    "impossible": "IMPOSSIBLE (rien n'a été exécuté)",
}
COUNTS = ("EFFECTIF", "TRANSFERTS_MANQUANTS")  # plain counts (indicators.md); ANOMALIES_* too, the rest are ratios


@dataclass(frozen=True)
class Variation:
    indicateur: str
    niveau_scolaire: str | None
    periode: int | None
    valeur_avant: float | None
    valeur_apres: float | None


@dataclass(frozen=True)
class RunSummary:
    pipeline: str
    issue: str  # a key of ISSUES
    code_sortie: int
    index: str | None  # path of the run's index.html
    date_extraction: datetime | None = None
    millesime: int | None = None
    perimetre: str | None = None  # "académie 08"
    echecs: tuple[tuple[str, str], ...] = ()  # (step label, message) of the failed steps
    anomalies: dict | None = None  # {"total": n, "par_severite": {sev: n}} of this extraction
    precedente: datetime | None = None  # the previous extraction of the history, if any
    # {statut: {severite: n}} since the previous extraction; None without a history
    par_statut: dict[str, dict[str, int]] | None = None
    indicateurs: tuple[Variation, ...] = ()  # largest moves first
    historique: str | None = None  # path of the history database
    note_historique: str | None = None  # why there is no comparison (no history, failed historisation…)
    extras: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Message:
    sujet: str
    texte: str
    donnees: dict  # the same, structured, for a webhook


def _date(d: datetime | None) -> str:
    return d.strftime("%d/%m/%Y %H:%M") if d else "?"


def _nombre(x: float) -> str:
    return f"{x:,.1f}".replace(",", "\u202f").replace(".", ",")


def _is_count(name: str) -> bool:
    return name in COUNTS or name.startswith("ANOMALIES")


def _label(name: str) -> str:
    try:
        from lsu_analytics.reports.labels import INDICATEURS
    except Exception:  # noqa: BLE001 - the code is still readable without the label
        return name
    if name in INDICATEURS:
        return INDICATEURS[name]
    if name.startswith("ANOMALIES_"):
        return f"Anomalies {name.removeprefix('ANOMALIES_')}"
    return name


def _valeur(name: str, v: float | None) -> str:
    if v is None:
        return "s (secret)"
    return _nombre(v).removesuffix(",0") if _is_count(name) else f"{_nombre(100 * v)} %"


def _ecart(name: str, avant: float | None, apres: float | None) -> str:
    if avant is None or apres is None:
        return ""
    d = apres - avant
    sign = "+" if d >= 0 else "−"
    if _is_count(name):
        return f" ({sign}{_nombre(abs(d)).removesuffix(',0')})"
    return f" ({sign}{_nombre(abs(100 * d))} points)"


def variation_line(v: Variation) -> str:
    where = ", ".join(x for x in (None if v.niveau_scolaire in (None, "TOUS") else v.niveau_scolaire,
                                  None if v.periode is None else f"période {v.periode}") if x)
    return (f"{_label(v.indicateur)} [{v.indicateur}]{f' ({where})' if where else ''} : "
            f"{_valeur(v.indicateur, v.valeur_avant)} → {_valeur(v.indicateur, v.valeur_apres)}"
            f"{_ecart(v.indicateur, v.valeur_avant, v.valeur_apres)}")


def _total(par_statut: dict, statut: str) -> int:
    return sum(par_statut.get(statut, {}).values())


def compose(s: RunSummary) -> Message:
    issue = ISSUES.get(s.issue, s.issue)
    lines = [f"Pipeline « {s.pipeline} » : {issue} (code de sortie {s.code_sortie})."]
    subject = f"[LSU] {s.pipeline} : {issue}"
    if s.date_extraction is not None:
        what = f"Extraction du {_date(s.date_extraction)}"
        if s.millesime is not None:
            what += f" (année scolaire {s.millesime}-{s.millesime + 1}"
            what += f", périmètre {s.perimetre})" if s.perimetre else ")"
        lines.append(what + ".")
        subject += f" — extraction du {s.date_extraction:%d/%m/%Y}"
    for label, message in s.echecs:
        lines.append(f"  ✗ {label} : {message}")
    if s.par_statut is not None:
        nouvelles = _total(s.par_statut, "nouvelle") + _total(s.par_statut, "reapparue")
        resolues = _total(s.par_statut, "resolue")
        if s.precedente is None:
            lines += ["", "Première extraction de l'historique : pas encore de comparaison "
                      f"({_total(s.par_statut, 'nouvelle')} anomalie(s) enregistrée(s))."]
        else:
            subject += f" : {nouvelles} anomalie(s) nouvelle(s), {resolues} résolue(s)"
            lines += ["", f"Anomalies depuis l'extraction précédente (du {_date(s.precedente)}) :",
                      f"  {'sévérité':<10} {'nouvelles':>10} {'réapparues':>11} {'résolues':>9} {'persistantes':>13}"]
            for sev in SEVERITES:
                row = [s.par_statut.get(st, {}).get(sev, 0)
                       for st in ("nouvelle", "reapparue", "resolue", "persistante")]
                lines.append(f"  {sev:<10} {row[0]:>10} {row[1]:>11} {row[2]:>9} {row[3]:>13}")
            lines.append(f"  {'total':<10} {_total(s.par_statut, 'nouvelle'):>10} "
                         f"{_total(s.par_statut, 'reapparue'):>11} {resolues:>9} "
                         f"{_total(s.par_statut, 'persistante'):>13}")
    elif s.anomalies is not None:
        par = s.anomalies.get("par_severite", {})
        detail = ", ".join(f"{par[sev]} {sev}" for sev in SEVERITES if par.get(sev))
        total = s.anomalies.get("total", 0)
        lines += ["", f"Anomalies de cette extraction : {total}" + (f" ({detail})" if detail else "") + "."]
    if s.note_historique:
        lines.append(s.note_historique)
    if s.indicateurs:
        lines += ["", f"Indicateurs qui ont le plus bougé ({s.perimetre or 'périmètre de l’historique'}) :"]
        lines += [f"  - {variation_line(v)}" for v in s.indicateurs]
    lines += ["", f"Rapports et détail du run : {s.index}" if s.index else "Aucun dossier de run n'a été créé."]
    if s.historique:
        lines.append(f"Historique : {s.historique}")
    donnees = {
        "pipeline": s.pipeline, "issue": s.issue, "code_sortie": s.code_sortie, "index": s.index,
        "date_extraction": s.date_extraction.isoformat() if s.date_extraction else None,
        "extraction_precedente": s.precedente.isoformat() if s.precedente else None,
        "perimetre": s.perimetre, "echecs": [{"etape": a, "message": b} for a, b in s.echecs],
        "anomalies": s.anomalies, "depuis_precedente": s.par_statut,
        "indicateurs": [{"indicateur": v.indicateur, "niveau_scolaire": v.niveau_scolaire, "periode": v.periode,
                         "avant": v.valeur_avant, "apres": v.valeur_apres} for v in s.indicateurs],
    }
    return Message(sujet=subject, texte="\n".join(lines) + "\n", donnees=donnees)
