"""run.json: what a run read, with which tools, and what each step did and produced."""
from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from lsu_analytics.common.nombres import entier
from lsu_analytics.contract.vocabulary import INE_DANS_TEXTE, SEVERITES

RUN_FORMAT = 1


def scrub(message: str | None, limit: int = 800) -> str | None:
    if message is None:
        return None
    message = INE_DANS_TEXTE.sub("[INE masqué]", message.strip())
    return message if len(message) <= limit else message[:limit] + " […]"


def summary(step_type: str, details: dict) -> str | None:
    """One French line on what a successful step did (counts only), for the log and the index."""
    d = details or {}
    if step_type == "chargement" and "lignes_chargees" in d:
        return f"{entier(d['lignes_chargees'])} ligne(s) chargée(s), {entier(d.get('lignes_rejetees', 0))} rejetée(s)"
    if step_type == "controles" and isinstance(d.get("anomalies"), dict):
        par = d["anomalies"].get("par_severite", {})
        detail = ", ".join(f"{entier(par[s])} {s}" for s in SEVERITES if par.get(s))
        return f"{entier(d['anomalies'].get('total', 0))} anomalie(s)" + (f" ({detail})" if detail else "")
    if step_type == "historisation" and "nb_extractions" in d:
        return f"extraction ajoutée à l'historique ({d['nb_extractions']} extraction(s))" + \
            (" ; elle y était déjà : remplacée" if d.get("extraction_remplacee") else "")
    if step_type == "notification" and d:
        return "envoyée" + (f" à {', '.join(d['destinataires'])}" if d.get("destinataires") else
                            f" ({d['hote']})" if d.get("hote") else "")
    if step_type == "indicateurs" and "lignes" in d:
        masked = f", {entier(d['lignes_masquees'])} masquée(s) (secret statistique)" if "lignes_masquees" in d else ""
        return f"{entier(d['lignes'])} ligne(s) d'indicateurs{masked}"
    return None


def tool_versions() -> dict[str, str]:
    out = {}
    for key, dist in (("lsu_analytics", "lsu-analytics"), ("duckdb", "duckdb"),
                      ("great_expectations", "great-expectations"), ("papermill", "papermill")):
        try:
            out[key] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[key] = "absent"
    out["python"] = platform.python_version()
    return out


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class StepRecord:
    id: str
    type: str  # chargement, controles, indicateurs, historisation, rapport, notification
    libelle: str  # French label for the log and the index
    depend_de: str | None = None
    statut: str = "non_execute"
    debut: str | None = None
    duree_s: float | None = None
    message: str | None = None
    produits: list[str] = field(default_factory=list)  # paths relative to the run folder
    details: dict = field(default_factory=dict)
    notebook: str | None = None
    perimetre: dict | None = None
    parametres: dict | None = None
    donnees_personnelles: bool = False

    def as_json(self) -> dict:
        d = {k: v for k, v in self.__dict__.items()}
        if self.type != "rapport":
            for k in ("notebook", "perimetre", "parametres", "donnees_personnelles"):
                d.pop(k)
        return d


def write_run_json(path: Path, record: dict) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
