"""`lsu-analytics bench check`: time to anomalies vs the rules' SQL alone, and GX measured beside it.

One database: generate and load an export, then for each run: the rules' SQL alone directly in DuckDB,
and the complete check in a child process (its peak RSS is its own VmHWM), which reports separately the
time to anomalies (database opened -> `anomalies` table, CSV and Parquet written) and the Great
Expectations step (validation + Data Docs), which starts only after.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lsu_analytics.common.memory import children_peak_rss_kib, peak_rss_kib
from lsu_analytics.rules import RulesError, load_catalog
from lsu_analytics.rules.runner import bind_variables, resolve_seuils

# Target (issue 8): time to anomalies <= 1.2 x the rules' SQL alone.
TARGET_RATIO = 1.2
TARGET_RSS_GIB = 4.0


@dataclass
class CheckRun:
    rules_sql_s: float  # the rules' SQL alone, run directly in DuckDB just before this check
    anomalies_s: float  # check: database opened -> anomalies table, CSV and Parquet written
    rules_s: float  # of which: the rules (SQL and bookkeeping)
    outputs_s: float  # of which: anomalies.csv and anomalies.parquet
    gx_s: float  # GX validation + Data Docs, after the anomalies
    process_s: float  # the whole child process, interpreter start and imports included
    rss_gib: float  # peak RSS of the check process

    @property
    def ratio(self) -> float:
        return self.anomalies_s / self.rules_sql_s if self.rules_sql_s else float("inf")


@dataclass
class BenchReport:
    pupils: int
    seed: int
    generate_s: float
    load_s: float
    nb_anomalies: int
    runs: list[CheckRun] = field(default_factory=list)

    def render(self) -> str:
        def verdict(ok: bool) -> str:
            return "OK" if ok else "au-delà de la cible"

        lines = [
            f"Banc d'essai de `check` : {self.pupils} élèves (graine {self.seed}), {self.nb_anomalies} anomalie(s)",
            f"  génération : {self.generate_s:.1f} s ; chargement : {self.load_s:.1f} s",
            "  exéc. | SQL des règles seul | jusqu'aux anomalies (dont règles, sorties) | ratio | GX + Data Docs "
            "| processus | pic RSS",
        ]
        for i, r in enumerate(self.runs, 1):
            lines.append(
                f"  {i:5d} | {r.rules_sql_s:17.1f} s | {r.anomalies_s:7.1f} s ({r.rules_s:.1f} s, {r.outputs_s:.1f} s)"
                f"{'':16} | {r.ratio:5.2f} | {r.gx_s:12.1f} s | {r.process_s:7.1f} s | {r.rss_gib:.2f} Gio")
        if self.runs:
            worst = max(r.ratio for r in self.runs)
            rss = max(r.rss_gib for r in self.runs)
            lines += [
                f"  ratio jusqu'aux anomalies / SQL des règles seul, le plus élevé : {worst:.2f}"
                f"  (cible ≤ {TARGET_RATIO} : {verdict(worst <= TARGET_RATIO)})",
                f"  pic RSS du check : {rss:.2f} Gio  (cible ≤ {TARGET_RSS_GIB:.0f} Gio : {verdict(rss <= TARGET_RSS_GIB)})",
            ]
        lines.append("Great Expectations est mesuré à part : il commence une fois les anomalies écrites. "
                     "Mesures bruitées si d'autres programmes tournent sur la machine.")
        return "\n".join(lines)


def rules_sql_alone(db: Path) -> float:
    """Seconds to run every rule's SELECT, materialised in a temporary table, on `db` (read-only)."""
    catalog = load_catalog()
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET enable_progress_bar = false")
        bind_variables(con, resolve_seuils(catalog, None))
        start = time.perf_counter()
        for rule in catalog:
            con.execute(f"CREATE OR REPLACE TEMP TABLE bench_regle AS {rule.sql}")
        return time.perf_counter() - start
    finally:
        con.close()


def _run_child(db: Path, out: Path) -> tuple[dict, float]:
    """Run check() in a child process; (its JSON summary, wall seconds)."""
    out.mkdir(parents=True, exist_ok=True)
    log_out, log_err = out.parent / "bench-stdout.txt", out.parent / "bench-stderr.txt"
    start = time.perf_counter()
    with log_out.open("wb") as fo, log_err.open("wb") as fe:
        proc = subprocess.run([sys.executable, "-m", "lsu_analytics.bench.check", str(db), str(out)],
                              stdout=fo, stderr=fe)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        lines = log_err.read_text(encoding="utf-8", errors="replace").strip().splitlines() or ["(sans message)"]
        raise RulesError("le check du banc d'essai a échoué : " + lines[-1])
    return json.loads(log_out.read_text(encoding="utf-8").strip().splitlines()[-1]), wall


def bench_check(pupils: int, seed: int = 1, workdir: Path | None = None, runs: int = 1,
                echo: Callable[[str], None] = print) -> BenchReport:
    from lsu_analytics.generate import generate_export
    from lsu_analytics.load import load_export

    with tempfile.TemporaryDirectory(prefix="lsu-bench-check-") as tmp:
        work = Path(workdir) if workdir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        echo(f"Génération d'un export de {pupils} élèves…")
        t = time.perf_counter()
        export = generate_export(work / "export", pupils=pupils, seed=seed)
        generate_s = time.perf_counter() - t
        echo("Chargement…")
        t = time.perf_counter()
        db = work / "lsu.duckdb"
        load_export(export, db)
        report = BenchReport(pupils=pupils, seed=seed, generate_s=generate_s, load_s=time.perf_counter() - t,
                             nb_anomalies=0)
        for i in range(1, runs + 1):
            echo(f"Exécution {i}/{runs} : SQL des règles seul…")
            sql_s = rules_sql_alone(db)
            echo(f"Exécution {i}/{runs} : check complet (processus séparé)…")
            summary, wall = _run_child(db, work / "controles")
            report.nb_anomalies = summary["nb_anomalies"]
            report.runs.append(CheckRun(rules_sql_s=sql_s, anomalies_s=summary["anomalies_s"],
                                        rules_s=summary["regles_s"], outputs_s=summary["sorties_s"],
                                        gx_s=summary["gx_s"], process_s=wall,
                                        rss_gib=summary["vmhwm_kib"] / 1024 ** 2))
    return report


def _child(db: str, out: str) -> None:
    from lsu_analytics.check import check

    result = check(Path(db), Path(out))
    print(json.dumps({"anomalies_s": result.duree_anomalies_s, "nb_anomalies": result.run.nb_anomalies,
                      "regles_s": (result.run.fin - result.run.debut).total_seconds(),
                      "sorties_s": result.duree_sorties_s, "gx_s": result.duree_gx_s,
                      "vmhwm_kib": max(peak_rss_kib(), children_peak_rss_kib())}))


if __name__ == "__main__":
    _child(*sys.argv[1:3])
