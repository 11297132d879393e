"""`lsu-analytics bench rapports --db PATH [--tous]`: the national reports of a checked database, and with
--tous every academy's indicateurs report and every department's audit, rendered as a pipeline renders
them (reports in parallel within the cores, one kept kernel per worker)."""
from __future__ import annotations

import json
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
    cellules_s: float = 0.0  # the notebook's cells (queries, tables, charts), from papermill's timings
    imports_s: float = 0.0  # of which its first cell: imports and connection (long in a fresh kernel)
    cpu_s: float = 0.0  # CPU seconds of the rendering process and of its kernel for this report


def _cellules(ipynb: Path) -> tuple[float, float]:
    """(all cells, the first cell after the parameters) in seconds, as papermill timed them."""
    cells = json.loads(Path(ipynb).read_text(encoding="utf-8"))["cells"]
    durees = [(c["metadata"].get("tags", []), c["metadata"].get("papermill", {}).get("duration") or 0.0)
              for c in cells if c["cell_type"] == "code"]
    premiere = next((d for tags, d in durees if not {"parameters", "injected-parameters"} & set(tags)), 0.0)
    return sum(d for _, d in durees), premiere


def _rendu(notebook: str, niveau: str, code: str, duree_s: float, value: dict | None, erreur: str | None) -> Rendu:
    if value is None:
        return Rendu(notebook, niveau, code, duree_s, False, erreur=(erreur or "")[:200])
    cellules, imports = _cellules(value["ipynb"])
    return Rendu(notebook, niveau, code, duree_s, True, Path(value["html"]).stat().st_size, None, cellules, imports,
                 value["cpu_s"])


def _cpu_processus(pid: int | None) -> float:
    """CPU seconds (user + system) of a live process, read from /proc; 0 if there is none."""
    if pid is None:
        return 0.0
    try:
        champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _cpu_rendu() -> float:
    """This process's CPU seconds, with its finished children (a fresh kernel, once stopped) and its kept
    kernel (alive, so read from /proc). The report workers are not children of the bench (fork server):
    each measures itself."""
    from lsu_analytics.reports import kernel

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system + _cpu_processus(kernel.shared_kernel_pid())


def rendre_et_mesurer(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    """A pipeline's report step (steps.rendre_rapport, kept kernel), and the CPU seconds it cost."""
    avant = _cpu_rendu()
    value = steps.rendre_rapport(notebook, db, params, out_dir)
    return {**value, "cpu_s": _cpu_rendu() - avant}


@dataclass
class BenchRapports:
    db: Path
    nationaux: list[Rendu] = field(default_factory=list)
    tous: list[Rendu] = field(default_factory=list)
    tous_s: float | None = None
    processus: int = 0
    charge: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load average at the start and at the end

    def resume(self) -> str:
        def s(x: float) -> str:
            return f"{x:.1f} s".replace(".", ",")

        def ligne(r: Rendu) -> str:
            if not r.ok:
                return f"  {r.notebook:<16} {r.niveau:<12} {r.code:<8} {s(r.duree_s):>9}  ÉCHEC ({r.erreur})"
            taille = f"{r.octets / 1e6:.2f} Mo".replace(".", ",")
            return (f"  {r.notebook:<16} {r.niveau:<12} {r.code:<8} {s(r.duree_s):>9} {s(r.cellules_s):>9} "
                    f"{s(r.imports_s):>9} {s(r.duree_s - r.cellules_s):>9} {s(r.cpu_s):>9}  {taille}")

        entete = (f"  {'notebook':<16} {'niveau':<12} {'code':<8} {'total':>9} {'cellules':>9} {'imports':>9} "
                  f"{'autre':>9} {'CPU':>9}  page")
        legende = ("  (cellules : requêtes, tableaux et graphiques du notebook, dont imports : sa première cellule, "
                   "imports et connexion ; autre : kernel, papermill, liste jointe de l'audit, export HTML ; "
                   "CPU : temps CPU du processus de rendu et de son kernel pour ce rapport)")
        out = [f"Base : {self.db}", "Rapports nationaux (un kernel neuf chacun, comme `lsu-analytics rapport`) :",
               entete]
        out += [ligne(r) + (f" (cible {s(CIBLE_NATIONAL_S)})" if r.notebook == "indicateurs" else "")
                for r in self.nationaux]
        if self.tous_s is not None:
            durees = [r.duree_s for r in self.tous]
            out.append(f"Tous les périmètres ({len(self.tous)} rapports, {self.processus} processus, un kernel gardé "
                       "par processus) :")
            out += [entete] + [ligne(r) for r in self.tous]
            if durees:
                out.append(f"  par rapport : médiane {s(statistics.median(durees))}, maximum {s(max(durees))}, "
                           f"somme {s(sum(durees))} ; CPU : somme {s(sum(r.cpu_s for r in self.tous))}")
            for notebook in ("indicateurs", "audit_anomalies"):
                faits = [r for r in self.tous if r.ok and r.notebook == notebook]
                if faits:
                    total, cellules, imports = (s(statistics.median(x)) for x in zip(
                        *((r.duree_s, r.cellules_s, r.imports_s) for r in faits)))
                    autre = s(statistics.median(r.duree_s - r.cellules_s for r in faits))
                    out.append(f"  {notebook}, médianes : total {total}, cellules {cellules}, dont imports {imports}, "
                               f"autre {autre}")
            echecs = sum(not r.ok for r in self.tous)
            out.append(f"Total (rendu de tous les rapports) : {s(self.tous_s)} (cible {s(CIBLE_TOUS_S)})"
                       + (f" ; {echecs} échec(s)" if echecs else ""))
        debut, fin = (f"{c:.2f}".replace(".", ",") for c in self.charge)
        out += [legende, f"Charge moyenne de la machine (1 min) : {debut} au début, {fin} à la fin, pour "
                         f"{os.cpu_count()} cœur(s) ; temps écoulés sensibles à la charge, temps CPU moins."]
        return "\n".join(out)


def _nationaux(db: Path, out: Path, echo) -> list[Rendu]:
    rendus = []
    for notebook in ("indicateurs", "audit_anomalies"):
        echo(f"Rendu du rapport {notebook} national…")
        t, cpu = time.perf_counter(), _cpu_rendu()
        try:
            r = render_report(notebook, db, {"niveau_perimetre": "national", "code_perimetre": "FR"}, out / notebook)
            value, erreur = {"html": r.html, "ipynb": r.ipynb, "cpu_s": _cpu_rendu() - cpu}, None
        except Exception as e:  # noqa: BLE001 - a benchmark reports any failure and goes on
            value, erreur = None, str(e)
        rendus.append(_rendu(notebook, "national", "FR", time.perf_counter() - t, value, erreur))
    return rendus


def run_bench(db: Path, out: Path, *, tous: bool = False, parallelisme: int | None = None,
              echo: Callable[[str], None] = lambda _: None) -> BenchRapports:
    db = Path(db).resolve()
    result = BenchRapports(db, charge=(os.getloadavg()[0], 0.0))
    result.nationaux = _nationaux(db, out / "national", echo)
    if tous:
        _tous(result, db, out, parallelisme, echo)
    result.charge = (result.charge[0], os.getloadavg()[0])
    return result


def _tous(result: BenchRapports, db: Path, out: Path, parallelisme: int | None, echo) -> None:
    """Every academy's indicateurs report and every department's audit, as a pipeline renders them."""
    jobs, perimetres = [], {}
    for notebook, niveau, source in (("indicateurs", "academie", "indicateurs"),
                                     ("audit_anomalies", "departement", "etablissements")):
        for code in database.perimeter_codes(db, niveau, source):
            key = f"{notebook}:{niveau}-{code}"
            perimetres[key] = (notebook, niveau, code)
            jobs.append(Job(key, rendre_et_mesurer, (notebook, db, {"niveau_perimetre": niveau,
                                                                        "code_perimetre": code},
                                                         out / notebook / f"{niveau}-{code}")))
    result.processus = max(1, min(parallelisme or os.cpu_count() or 1, os.cpu_count() or 1))
    echo(f"Rendu de {len(jobs)} rapports sur {result.processus} processus…")
    t = time.perf_counter()
    outcomes = run_parallel(jobs, result.processus, at_worker_exit=steps.fin_de_processus)
    result.tous_s = time.perf_counter() - t
    for key, o in outcomes.items():
        result.tous.append(_rendu(*perimetres[key], o.duration_s, o.value if o.ok else None, o.error))
    result.tous.sort(key=lambda r: (r.notebook != "indicateurs", r.code))
