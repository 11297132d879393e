"""The steps of a run, in order, and the report jobs a YAML's `rapports` expands to."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsu_analytics.contract.vocabulary import NIVEAU_PERIMETRE_LIBELLES, STATUTS_ETAPE_OK

from .record import StepRecord, scrub
from lsu_analytics.reports.notebooks import NOTEBOOKS

from .spec import PipelineSpec, RapportSpec

MASQUE = "(masqué)"


def fixed_steps() -> list[StepRecord]:
    """Load, check, indicators: one after the other, each needing the previous one; then the Great
    Expectations step, which only reads the checked database, beside the reports."""
    return [
        StepRecord("chargement", "chargement", "Chargement de l'export"),
        StepRecord("controles", "controles", "Contrôles (règles métier)", depend_de="chargement"),
        StepRecord("indicateurs", "indicateurs", "Calcul des indicateurs", depend_de="controles"),
        StepRecord("data_docs", "data_docs", "Attentes Great Expectations et Data Docs", depend_de="controles"),
    ]


@dataclass
class ReportJob:
    rec: StepRecord
    notebook: str
    params: dict  # what the notebook receives (may hold a pupil id: never written out)
    out_dir: Path


def expand_reports(spec: PipelineSpec, db: Path, run_dir: Path, perimetres_fn, statuts: dict[str, str],
                   millesime: int | None) -> tuple[list[StepRecord], list[ReportJob]]:
    """One StepRecord per report; a job for those that can run (their prerequisite step succeeded)."""
    records: list[StepRecord] = []
    jobs: list[ReportJob] = []
    used: set[str] = set()

    def unique(key: str) -> str:
        n, k = 1, key
        while k in used:
            n += 1
            k = f"{key}-{n}"
        used.add(k)
        return k

    for r in spec.rapports:
        traits = NOTEBOOKS[r.notebook]
        ready = statuts.get(traits.after) in STATUTS_ETAPE_OK
        if traits.par_perimetre:
            codes, problem = _codes(r, db, perimetres_fn, ready, traits.perimetres_de)
            if problem is not None:
                key = unique(f"{r.niveau}-{'tous' if r.codes is None else '-'.join(r.codes)}")
                rec = StepRecord(f"rapport:{r.notebook}:{key}", "rapport",
                                 f"{r.notebook} — {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} (ligne {r.line} du pipeline)",
                                 depend_de=traits.after, notebook=r.notebook, perimetre={"niveau": r.niveau,
                                 "code": None}, parametres=dict(r.parametres))
                rec.statut, rec.message = problem
                records.append(rec)
                continue
            for code, absent in codes:
                key = unique(f"{r.niveau}-{code}")
                params = {"niveau_perimetre": r.niveau, "code_perimetre": code}
                if "millesime" in traits.param_names and millesime is not None and "millesime" not in r.parametres:
                    params["millesime"] = millesime
                params.update(r.parametres)
                rec = StepRecord(f"rapport:{r.notebook}:{key}", "rapport",
                                 f"{r.notebook} — {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} {code}", depend_de=traits.after,
                                 notebook=r.notebook, perimetre={"niveau": r.niveau, "code": code},
                                 parametres=dict(params), donnees_personnelles=r.donnees_personnelles)
                records.append(rec)
                if absent:
                    rec.statut = "echec"
                    what = "n'a pas d'indicateurs (aucun élève inscrit ?)" if traits.perimetres_de == "indicateurs" \
                        else "n'existe pas"
                    rec.message = (f"le périmètre {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} {code} {what} dans l'export chargé ; "
                                   f"corrigez « perimetres » (ligne {r.line} du pipeline).")
                elif ready:
                    jobs.append(ReportJob(rec, r.notebook, params, run_dir / "rapports" / r.notebook / key))
                else:
                    rec.message = f"non exécuté : l'étape « {traits.after} » a échoué."
            continue
        for i, eleve in enumerate(r.eleves, start=1):
            key = unique(f"eleve-{i}")
            params = {"eleve_id": eleve, **r.parametres}
            shown = {k: (MASQUE if k == "eleve_id" else v) for k, v in params.items()}
            rec = StepRecord(f"rapport:{r.notebook}:{key}", "rapport", f"{r.notebook} — élève n° {i} de la liste",
                             depend_de=traits.after, notebook=r.notebook, parametres=shown,
                             donnees_personnelles=True)
            records.append(rec)
            if ready:
                jobs.append(ReportJob(rec, r.notebook, params, run_dir / "rapports" / r.notebook / key))
            else:
                rec.message = f"non exécuté : l'étape « {traits.after} » a échoué."
    return records, jobs


def _codes(r: RapportSpec, db: Path, perimetres_fn, ready: bool, source: str):
    """[(code, absent_from_export)] or a (statut, message) problem."""
    if not ready:
        if r.codes is not None:
            return [(c, False) for c in r.codes], None
        return None, ("non_execute", "non exécuté : une étape préalable a échoué (périmètres inconnus).")
    try:
        available = perimetres_fn(db, r.niveau, source)
    except Exception as e:  # noqa: BLE001 - reported in run.json, the other reports go on
        return None, ("echec", scrub(f"liste des périmètres {r.niveau} illisible : {e}"))
    if r.codes is None:
        if not available:
            return None, ("echec", f"aucun périmètre de niveau {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} dans l'export chargé.")
        return [(c, False) for c in available], None
    return [(c, c not in available) for c in r.codes], None


def with_history(jobs: list[ReportJob], historique: Path) -> None:
    """Give the history database to the reports whose notebook declares a `historique` parameter."""
    from lsu_analytics.reports.notebooks import NOTEBOOKS as DECLARED

    for j in jobs:
        declared = DECLARED.get(j.notebook)
        if declared is not None and "historique" in declared.param_names and "historique" not in j.params:
            j.params["historique"] = str(historique)
            if j.rec.parametres is not None and not j.rec.donnees_personnelles:
                j.rec.parametres["historique"] = str(historique)
