"""The default step table: what each step of a run calls in the rest of lsu_analytics.

A test substitutes its own functions (same signatures) through `run_pipeline(..., steps={...})`.
Report functions run in a fresh process: they must be module-level functions.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from . import database


def charger(source: Path, db: Path) -> dict:
    """Load the export into the database (`lsu-analytics load`)."""
    from lsu_analytics.load import load_export

    result = load_export(source, db)
    return _public_fields(result, ("lignes_chargees", "lignes_rejetees", "lignes_manifeste", "chargement_id",
                                   "duree_s"))


def controler(db: Path, out: Path, regles: tuple[str, ...] | None, seuils: dict) -> dict:
    """Run the rules and the expectations (`lsu-analytics check`), writing their outputs under `out`."""
    from lsu_analytics.rules import check

    check(db, out, rule_ids=list(regles) if regles else None, seuils=seuils or None)
    return {"anomalies": database.anomaly_counts(db)}


def calculer_indicateurs(db: Path, seuil_secret: int) -> dict:
    """Fill the `indicateurs` table."""
    from lsu_analytics.indicators import compute_indicateurs

    con = duckdb.connect(str(db))
    try:
        compute_indicateurs(con, seuil_secret=seuil_secret)
    finally:
        con.close()
    return database.indicator_summary(db)


def perimetres(db: Path, niveau: str) -> list[str]:
    """Codes of the perimeters of a level that the loaded export covers."""
    return database.perimeter_codes(db, niveau)


def rendre_rapport(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    """Render one notebook (in its own process; the notebook opens the database read-only)."""
    from lsu_analytics.reports import render_report

    result = render_report(notebook, db, params, out_dir)
    return {"html": str(result.html), "ipynb": str(result.ipynb)}


DEFAULT_STEPS = {
    "chargement": charger,
    "controles": controler,
    "indicateurs": calculer_indicateurs,
    "perimetres": perimetres,
    "rapport": rendre_rapport,
}


def _public_fields(obj, names: tuple[str, ...]) -> dict:
    # Only counts and ids: the load result may hold more, and run.json must carry no pupil data.
    out = {}
    for n in names:
        v = getattr(obj, n, None)
        if isinstance(v, (int, float, str)) and not isinstance(v, bool):
            out[n] = v
    return out
