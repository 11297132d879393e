"""`lsu-analytics bench historique`: one historiser's time, the history's size after K extractions, and the
render time of both reports with that history.

The K extractions are the generator's (`generate --extractions K --intervalle-jours D`), produced one at a time:
each is generated, loaded, checked with every rule, its indicators computed, historised, then removed.
"""
from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lsu_analytics.common.nombres import entier, secondes

from .historiser import historiser

CIBLE_HISTORISER_S = 10.0
CIBLE_TAILLE_OCTETS = 1.5 * 1024 ** 3
CIBLE_RAPPORT_S = 30.0
ETAPES = ("génération", "chargement", "règles", "indicateurs")


@dataclass
class BenchHistorique:
    pupils: int
    extractions: int
    intervalle_jours: int
    anomalies: list[int] = field(default_factory=list)  # per extraction
    lignes_indicateurs: list[int] = field(default_factory=list)  # per extraction
    preparation_s: dict[str, list[float]] = field(default_factory=lambda: {e: [] for e in ETAPES})
    historiser_s: list[float] = field(default_factory=list)
    taille_octets: int = 0
    rendus_s: dict[str, float] = field(default_factory=dict)
    rendus_sans_s: dict[str, float] = field(default_factory=dict)  # same report without history, same run

    def resume(self) -> str:
        t = self.historiser_s
        prep = " ; ".join(f"{e} {secondes(statistics.median(d))}" for e, d in self.preparation_s.items() if d)
        lines = [
            f"Élèves : {entier(self.pupils)} ; extractions : {self.extractions} du générateur, tous les "
            f"{self.intervalle_jours} jours (generate --extractions) ; anomalies par extraction : de "
            f"{entier(min(self.anomalies))} à {entier(max(self.anomalies))} ; lignes d'indicateurs par extraction : de "
            f"{entier(min(self.lignes_indicateurs))} à {entier(max(self.lignes_indicateurs))}.",
            f"Préparation d'une extraction (médianes) : {prep}.",
            f"historiser, une extraction : médiane {secondes(statistics.median(t))}, max {secondes(max(t))}, "
            f"première {secondes(t[0])}, dernière {secondes(t[-1])} (cible {secondes(CIBLE_HISTORISER_S)})",
            f"Taille de l'historique après {self.extractions} extractions : "
            f"{self.taille_octets / 1024 ** 2:.1f} Mio".replace(".", ",")
            + f" (cible {CIBLE_TAILLE_OCTETS / 1024 ** 3:.1f} Gio)".replace(".", ","),
        ]
        for nom, duree in self.rendus_s.items():
            sans = self.rendus_sans_s.get(nom)
            ratio = f" ; sans historique {secondes(sans)}, rapport {duree / sans:.2f}".replace(".", ",") if sans else ""
            lines.append(f"Rendu du rapport {nom} (dernière extraction) avec l'historique : {secondes(duree)} "
                         f"(cible {secondes(CIBLE_RAPPORT_S)}){ratio}")
        lines.append("Machine partagée : mesures indicatives.")
        return "\n".join(lines)


def bench_historique(pupils: int, extractions: int, *, seed: int = 1, intervalle_jours: int = 7,
                     workdir: Path | None = None, rapports: bool = True,
                     echo: Callable[[str], None] = lambda _: None) -> BenchHistorique:
    from lsu_analytics.generate.extractions import extraction_dates, iter_extractions
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.reports.render import render_report
    from lsu_analytics.rules import run_rules

    extraction_dates(2025, extractions, intervalle_jours)  # an impossible series fails before any work
    result = BenchHistorique(pupils, extractions, intervalle_jours)
    with tempfile.TemporaryDirectory(prefix="lsu-bench-historique-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        base, historique = work / "base.duckdb", work / "historique.duckdb"
        for leftover in (historique, Path(f"{historique}.wal")):
            leftover.unlink(missing_ok=True)
        series = iter_extractions(work / "exports", pupils, seed, extractions, intervalle_jours)
        for k in range(extractions):
            prep = result.preparation_s
            t = time.perf_counter()
            folder = next(series)
            prep["génération"].append(time.perf_counter() - t)
            t = time.perf_counter()
            load_export(folder, base)
            prep["chargement"].append(time.perf_counter() - t)
            with duckdb.connect(str(base)) as con:
                t = time.perf_counter()
                run_rules(con)
                prep["règles"].append(time.perf_counter() - t)
                t = time.perf_counter()
                compute_indicateurs(con)
                prep["indicateurs"].append(time.perf_counter() - t)
                result.anomalies.append(con.execute("SELECT count(*) FROM anomalies").fetchone()[0])
                result.lignes_indicateurs.append(con.execute("SELECT count(*) FROM indicateurs").fetchone()[0])
            shutil.rmtree(folder)
            t = time.perf_counter()
            historiser(base, historique)
            result.historiser_s.append(time.perf_counter() - t)
            echo(f"Extraction {k + 1}/{extractions} ({folder.name}) : {result.anomalies[-1]} anomalies, "
                 f"historisée en {result.historiser_s[-1]:.1f} s")
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
