"""Mesure du calcul des indicateurs à grand volume (commande `lsu-analytics bench indicateurs`)."""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lsu_analytics.database import connect

from lsu_analytics.contract import DOMAINES_SOCLE, create_schema

from lsu_analytics.indicators.compute import IndicateursRun, compute_indicateurs, sql_text


@dataclass
class BenchIndicateurs:
    eleves: int
    source: str            # 'synthetique' (tables SQL) ou 'export' (générateur + chargeur)
    preparation_s: float   # construction de la base (hors mesure)
    volumes: dict[str, int]
    run: IndicateursRun


def _volumes(con) -> dict[str, int]:
    tables = ("inscriptions", "bilans_periodiques", "bilans_cycle", "attestations", "anomalies")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def build_synthetic(con, eleves: int) -> None:
    """Remplit une base vide (schéma du contrat) d'un export synthétique de `eleves` élèves en C."""
    create_schema(con)
    con.execute("SET VARIABLE bench_eleves = ?", [int(eleves)])
    con.execute("SET VARIABLE ind_domaines = ?", [list(DOMAINES_SOCLE)])
    con.execute(sql_text("synthetique"))


def build_from_export(db: Path, eleves: int, seed: int, workdir: Path) -> None:
    """Génère un export réaliste puis le charge (générateur et chargeur du projet)."""
    from lsu_analytics.generate import generate_export
    from lsu_analytics.load import load_export

    export = workdir / "export"
    generate_export(export, eleves, seed)
    load_export(export, db)


def run_bench(eleves: int, *, seed: int = 1, workdir: Path | None = None, synthetique: bool = True,
              seuil_secret: int = 4) -> BenchIndicateurs:
    with tempfile.TemporaryDirectory(prefix="lsu-bench-ind-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "bench-indicateurs.duckdb"
        db.unlink(missing_ok=True)
        debut = time.perf_counter()
        if synthetique:
            with connect(db) as con:
                build_synthetic(con, eleves)
        else:
            build_from_export(db, eleves, seed, work)
        preparation = time.perf_counter() - debut
        with connect(db) as con:
            run = compute_indicateurs(con, seuil_secret=seuil_secret)
            volumes = _volumes(con)
    return BenchIndicateurs(eleves, "synthetique" if synthetique else "export", preparation, volumes, run)
