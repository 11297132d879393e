"""`lsu-analytics bench rapports --db PATH [--tous]`: the national reports of a checked database, and with
--tous every academy's indicateurs report and every department's audit, rendered as a pipeline renders
them (reports in parallel within the cores, one kept kernel per worker)."""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lsu_analytics.pipelines import database, steps
from lsu_analytics.pipelines.parallel import Job, run_parallel
from lsu_analytics.reports.render import render_report

CIBLE_NATIONAL_S = 60.0
CIBLE_TOUS_S = 15 * 60.0


@dataclass(frozen=True)
class Rendu:
    notebook: str
    niveau: str
    code: str
    duree_s: float
    ok: bool
    octets: int = 0  # size of the HTML page
    erreur: str | None = None


@dataclass
class BenchRapports:
    db: Path
    nationaux: list[Rendu] = field(default_factory=list)
    tous: list[Rendu] = field(default_factory=list)
    tous_s: float | None = None
    processus: int = 0

    def resume(self) -> str:
        def s(x: float) -> str:
            return f"{x:.1f} s".replace(".", ",")

        def ligne(r: Rendu) -> str:
            etat = f"{r.octets / 1e6:.2f} Mo".replace(".", ",") if r.ok else f"ÉCHEC ({r.erreur})"
            return f"  {r.notebook:<16} {r.niveau:<12} {r.code:<8} {s(r.duree_s):>9}  {etat}"

        out = [f"Base : {self.db}", "Rapports nationaux (un kernel neuf chacun, comme `lsu-analytics rapport`) :"]
        out += [ligne(r) + f" (cible {s(CIBLE_NATIONAL_S)})" for r in self.nationaux]
        if self.tous_s is not None:
            durees = [r.duree_s for r in self.tous]
            out.append(f"Tous les périmètres ({len(self.tous)} rapports, {self.processus} processus, un kernel gardé "
                       "par processus) :")
            out += [ligne(r) for r in self.tous]
            if durees:
                out.append(f"  par rapport : médiane {s(statistics.median(durees))}, maximum {s(max(durees))}, "
                           f"somme {s(sum(durees))}")
            echecs = sum(not r.ok for r in self.tous)
            out.append(f"Total (rendu de tous les rapports) : {s(self.tous_s)} (cible {s(CIBLE_TOUS_S)})"
                       + (f" ; {echecs} échec(s)" if echecs else ""))
        out.append("Machine partagée : mesures indicatives (voir la charge, `uptime`).")
        return "\n".join(out)


def _nationaux(db: Path, out: Path, echo) -> list[Rendu]:
    rendus = []
    for notebook in ("indicateurs", "audit_anomalies"):
        echo(f"Rendu du rapport {notebook} national…")
        t = time.perf_counter()
        try:
            r = render_report(notebook, db, {"niveau_perimetre": "national", "code_perimetre": "FR"}, out / notebook)
            rendus.append(Rendu(notebook, "national", "FR", time.perf_counter() - t, True, r.html.stat().st_size))
        except Exception as e:  # noqa: BLE001 - a benchmark reports any failure and goes on
            rendus.append(Rendu(notebook, "national", "FR", time.perf_counter() - t, False, erreur=str(e)[:200]))
    return rendus


def run_bench(db: Path, out: Path, *, tous: bool = False, parallelisme: int | None = None,
              echo: Callable[[str], None] = lambda _: None) -> BenchRapports:
    db = Path(db).resolve()
    result = BenchRapports(db)
    result.nationaux = _nationaux(db, out / "national", echo)
    if not tous:
        return result
    jobs, perimetres = [], {}
    for notebook, niveau, source in (("indicateurs", "academie", "indicateurs"),
                                     ("audit_anomalies", "departement", "etablissements")):
        for code in database.perimeter_codes(db, niveau, source):
            key = f"{notebook}:{niveau}-{code}"
            perimetres[key] = (notebook, niveau, code)
            jobs.append(Job(key, steps.rendre_rapport, (notebook, db, {"niveau_perimetre": niveau,
                                                                        "code_perimetre": code},
                                                         out / notebook / f"{niveau}-{code}")))
    result.processus = max(1, min(parallelisme or os.cpu_count() or 1, os.cpu_count() or 1))
    echo(f"Rendu de {len(jobs)} rapports sur {result.processus} processus…")
    t = time.perf_counter()
    outcomes = run_parallel(jobs, result.processus, at_worker_exit=steps.fin_de_processus)
    result.tous_s = time.perf_counter() - t
    for key, o in outcomes.items():
        notebook, niveau, code = perimetres[key]
        size = Path(o.value["html"]).stat().st_size if o.ok else 0
        result.tous.append(Rendu(notebook, niveau, code, o.duration_s, o.ok, size, None if o.ok else o.error))
    result.tous.sort(key=lambda r: (r.notebook != "indicateurs", r.code))
    return result
