"""`lsu-analytics bench indicateurs`: time to fill `indicateurs`, and to render the indicateurs report."""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lsu_analytics.common.nombres import entier
from lsu_analytics.database import connect
from lsu_analytics.reports import db as reports_db
from lsu_analytics.reports.render import render_report

CIBLE_S = 30.0


@dataclass(frozen=True)
class BenchRapport:
    pupils: int
    preparation_s: float
    indicateurs_s: float
    rendu_s: float
    academie: str
    html: Path
    secret: tuple[str, ...] = ()  # bilan du secret statistique du calcul mesuré (SecretRun.resume)

    def resume(self) -> str:
        def s(x: float) -> str:
            return f"{x:.1f} s".replace(".", ",")
        return "\n".join([
            f"Élèves inscrits en C : {entier(self.pupils)}",
            f"Préparation (génération, chargement, contrôles) : {s(self.preparation_s)}",
            f"Remplissage de la table indicateurs : {s(self.indicateurs_s)} (cible {s(CIBLE_S)})",
            *self.secret,
            f"Rendu du rapport indicateurs (académie {self.academie}) : {s(self.rendu_s)} (cible {s(CIBLE_S)})",
            "Machine partagée : mesures indicatives.",
        ])


def run_bench(pupils: int, *, seed: int = 1, workdir: Path | None = None, db: Path | None = None,
              echo: Callable[[str], None] = lambda _: None) -> BenchRapport:
    """Generate, load and check an export of `pupils` pupils (or reuse the loaded database `db`, whose
    `indicateurs` table is then recomputed), then time `indicateurs` and one academy's report."""
    from lsu_analytics.generate import generate_export
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.rules import run_rules

    with tempfile.TemporaryDirectory(prefix="lsu-bench-rapport-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if db is None:
            db = work / "bench-rapport.duckdb"
            db.unlink(missing_ok=True)
            echo("Génération de l'export…")
            export = generate_export(work / "export", pupils, seed)
            echo("Chargement…")
            load_export(export, db)
        with connect(db) as con:
            if con.execute("SELECT count(*) FROM controles").fetchone()[0] == 0:
                echo("Contrôles (règles métier)…")
                run_rules(con)
            pupils = con.execute("SELECT count(DISTINCT eleve_id) FROM inscriptions "
                                 "WHERE millesime = (SELECT millesime_courant FROM manifeste)").fetchone()[0]
            preparation = time.perf_counter() - t0
            echo("Indicateurs…")
            t1 = time.perf_counter()
            run = compute_indicateurs(con)
            indicateurs = time.perf_counter() - t1
        with reports_db.connect(db) as con:
            academie = reports_db.scalar(con, "commun/plus_grande_academie.sql")
        echo(f"Rendu du rapport indicateurs de l'académie {academie}…")
        t2 = time.perf_counter()
        result = render_report("indicateurs", db, {"niveau_perimetre": "academie", "code_perimetre": academie},
                               work / "rapports")
        rendu = time.perf_counter() - t2
        html = result.html if workdir else Path(result.html.name)
    return BenchRapport(pupils, preparation, indicateurs, rendu, academie, html,
                        tuple(run.secret.resume(run.seuil_secret)))
