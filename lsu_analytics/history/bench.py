"""`lsu-analytics bench historique`: one historiser's time, the history's size after K extractions, and the
render time of both reports with that history."""
from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .historiser import historiser
from .sqlfiles import run

CIBLE_HISTORISER_S = 10.0
CIBLE_TAILLE_OCTETS = 1.5 * 1024 ** 3
CIBLE_RAPPORT_S = 30.0


@dataclass
class BenchHistorique:
    pupils: int
    extractions: int
    anomalies: int  # in the base extraction
    lignes_indicateurs: int  # per extraction
    preparation_s: float
    historiser_s: list[float] = field(default_factory=list)
    taille_octets: int = 0
    rendus_s: dict[str, float] = field(default_factory=dict)
    rendus_sans_s: dict[str, float] = field(default_factory=dict)  # same report without history, same run
    source: str = "dérivées d'un export généré (docs/choix.md, « bench historique »)"

    def resume(self) -> str:
        def s(x: float) -> str:
            return f"{x:.1f} s".replace(".", ",")

        def n(x: int) -> str:
            return f"{x:,}".replace(",", "\u202f")

        t = self.historiser_s
        lines = [
            f"Élèves : {n(self.pupils)} ; extractions : {self.extractions} ({self.source}) ; "
            f"{n(self.anomalies)} anomalies et {n(self.lignes_indicateurs)} lignes d'indicateurs par extraction.",
            f"Préparation (génération, chargement, règles, indicateurs) : {s(self.preparation_s)}",
            f"historiser, une extraction : dernière {s(t[-1])}, médiane {s(statistics.median(t))}, "
            f"max {s(max(t))}, première {s(t[0])} (cible {s(CIBLE_HISTORISER_S)})",
            f"Taille de l'historique après {self.extractions} extractions : "
            f"{self.taille_octets / 1024 ** 2:.1f} Mio".replace(".", ",")
            + f" (cible {CIBLE_TAILLE_OCTETS / 1024 ** 3:.1f} Gio)".replace(".", ","),
        ]
        for nom, duree in self.rendus_s.items():
            sans = self.rendus_sans_s.get(nom)
            ratio = f" ; sans historique {s(sans)}, rapport {duree / sans:.2f}".replace(".", ",") if sans else ""
            lines.append(f"Rendu du rapport {nom} avec l'historique : {s(duree)} (cible {s(CIBLE_RAPPORT_S)}){ratio}")
        lines.append("Machine partagée : mesures indicatives.")
        return "\n".join(lines)


def _derive(base: Path, target: Path, k: int, total: int) -> None:
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        con.execute("ATTACH ? AS base (READ_ONLY)", [str(base)])
        run(con, "bench_extraction", [k, total])
    finally:
        con.close()


def bench_historique(pupils: int, extractions: int, *, seed: int = 1, workdir: Path | None = None,
                     rapports: bool = True, echo: Callable[[str], None] = lambda _: None) -> BenchHistorique:
    from lsu_analytics.generate import generate_export
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.reports.render import render_report
    from lsu_analytics.rules import run_rules

    with tempfile.TemporaryDirectory(prefix="lsu-bench-historique-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        base = work / "base.duckdb"
        if not base.exists():
            echo(f"Génération d'un export de {pupils} élèves…")
            export = generate_export(work / "export", pupils, seed)
            echo("Chargement…")
            load_export(export, base)
            with duckdb.connect(str(base)) as con:
                echo("Règles métier…")
                run_rules(con)
                echo("Indicateurs…")
                compute_indicateurs(con)
        with duckdb.connect(str(base), read_only=True) as con:
            nb_anomalies = con.execute("SELECT count(*) FROM anomalies").fetchone()[0]
            nb_indicateurs = con.execute("SELECT count(*) FROM indicateurs").fetchone()[0]
        result = BenchHistorique(pupils, extractions, nb_anomalies, nb_indicateurs, time.perf_counter() - t0)
        historique = work / "historique.duckdb"
        for leftover in (historique, Path(f"{historique}.wal")):
            leftover.unlink(missing_ok=True)
        extraction = work / "extraction.duckdb"
        for k in range(extractions):
            _derive(base, extraction, k, extractions)
            t = time.perf_counter()
            historiser(extraction, historique)
            result.historiser_s.append(time.perf_counter() - t)
            echo(f"Extraction {k + 1}/{extractions} historisée en {result.historiser_s[-1]:.1f} s")
        with duckdb.connect(str(historique)) as con:
            con.execute("CHECKPOINT")
        result.taille_octets = historique.stat().st_size
        if rapports:
            for notebook in ("indicateurs", "audit_anomalies"):
                echo(f"Rendu du rapport {notebook} sans puis avec l'historique…")
                t = time.perf_counter()
                render_report(notebook, base, {}, work / "rapports-sans")
                result.rendus_sans_s[notebook] = time.perf_counter() - t
                t = time.perf_counter()
                render_report(notebook, base, {"historique": str(historique)}, work / "rapports")
                result.rendus_s[notebook] = time.perf_counter() - t
    return result
