"""The default step table: what each step of a run calls in the rest of lsu_analytics.

A test substitutes its own functions (same signatures) through `run_pipeline(..., steps={...})`.
Each returns a small JSON-able dict (counts, ids, paths; never pupil data) that goes into run.json;
`liens` (label -> path) are shown in index.html. Report functions run in a worker process: they must be
module-level functions.
"""
from __future__ import annotations

import sys
from pathlib import Path

from lsu_analytics.database import connect

from . import database


def charger(source: Path, db: Path) -> dict:
    """Load the export into the database (`lsu-analytics load`)."""
    from lsu_analytics.load import load_export

    r = load_export(source, db)
    return {"chargement_id": r.chargement_id, "lignes_manifeste": r.lignes_manifeste, "lignes_chargees": r.chargees,
            "lignes_rejetees": r.rejetees, "rejets_par_motif": r.rejets_par_motif,
            "avertissements": len(r.avertissements)}


def controler(db: Path, out: Path, regles: tuple[str, ...] | None, seuils: dict, data_docs: bool = True) -> dict:
    """Run the rules (`lsu-analytics check`), writing anomalies.csv / .parquet under `out`; the Great
    Expectations step (`valider_data_docs`) runs afterwards, beside the reports."""
    from lsu_analytics.check import check

    r = check(db, out, rule_ids=list(regles) if regles else None, seuils=seuils or None, gx=False,
              gx_later=data_docs)
    run = r.run
    liens = {"anomalies (CSV)": str(r.csv_path), "anomalies (Parquet)": str(r.parquet_path)}
    par_regle = {res.rule.id: res.nb_anomalies for res in run.results}
    regles = [{k: v for k, v in r.items() if k != "duree_s"} for r in run.summary()]
    return {"controle_id": run.controle_id,
            "anomalies": {"total": run.nb_anomalies, "par_severite": run.par_severite(), "par_regle": par_regle,
                          "regles": regles},
            "seuils": run.seuils, "liens": liens}


def valider_data_docs(db: Path, out: Path, controle_id: str | None, regles: tuple[str, ...] | None) -> dict:
    """Great Expectations on the checked database and its Data Docs under `out/data_docs/` (in a process
    of its own, beside the reports: it only reads the database)."""
    from lsu_analytics.check import run_gx_step

    r = run_gx_step(db, out, list(regles) if regles else None)
    return {"controle_id": controle_id, "succes": r.success, "suites": len(r.suites),
            "suites_en_echec": [s.name for s in r.suites if not s.success],
            "liens": {"Data Docs Great Expectations": str(r.data_docs_index)}}


def calculer_indicateurs(db: Path, seuil_secret: int) -> dict:
    """Fill the `indicateurs` table (after the checks: ANOMALIES_* count their rows)."""
    from lsu_analytics.indicators import compute_indicateurs

    con = connect(db)
    try:
        r = compute_indicateurs(con, seuil_secret=seuil_secret)
    finally:
        con.close()
    return {"millesime": r.millesime, "lignes": r.lignes, "lignes_masquees": r.lignes_masquees,
            "seuil_secret": r.seuil_secret, **database.indicator_summary(db)}


def historiser_extraction(db: Path, historique: Path, attente_s: float = 0.0) -> dict:
    """Add the checked extraction to the history database (`lsu-analytics historiser`)."""
    from lsu_analytics.history import historiser

    r = historiser(db, historique, attendre=attente_s)
    return {"historique": str(historique), "date_extraction": r.date_extraction.isoformat(),
            "nb_extractions": r.nb_extractions, "historique_cree": r.cree, "extraction_remplacee": r.remplacee}


def perimetres(db: Path, niveau: str, source: str) -> list[str]:
    """Codes of the perimeters of a level that the loaded export covers (source: see reports.notebooks.NotebookSpec.perimetres_de)."""
    return database.perimeter_codes(db, niveau, source)


def rendre_rapport(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    """Render one notebook (in a report worker; the notebook opens the database read-only)."""
    from lsu_analytics.reports import render_report

    # The worker renders report after report in the kernel it keeps (started once, emptied each time).
    result = render_report(notebook, db, params, out_dir, shared_kernel=True)
    return {"html": str(result.html), "ipynb": str(result.ipynb)}


def fin_de_processus() -> None:
    """Run by each report worker as it ends: stop the Jupyter kernel it kept, if it started one."""
    kernel = sys.modules.get("lsu_analytics.reports.kernel")
    if kernel is not None:
        kernel.stop_shared_kernel()


def notifier(canal: str, spec, message) -> dict:
    """Deliver the run's notification on one channel ("courriel" or "webhook")."""
    from lsu_analytics.notifications import send_courriel, send_webhook

    return (send_courriel if canal == "courriel" else send_webhook)(spec, message)


DEFAULT_STEPS = {
    "chargement": charger,
    "controles": controler,
    "data_docs": valider_data_docs,
    "indicateurs": calculer_indicateurs,
    "historisation": historiser_extraction,
    "notification": notifier,
    "perimetres": perimetres,
    "rapport": rendre_rapport,
}
