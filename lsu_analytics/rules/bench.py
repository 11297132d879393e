"""`lsu-analytics bench check`: time and peak memory of the whole check vs the rules' SQL alone.

One run, one database: generate and load an export, run the complete check (rules + outputs + GX)
in a child process (its peak RSS is its own VmHWM, reported by the child), then run the rules' SQL alone
directly in DuckDB on the same database (before and after the check, best of two), and compare.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lsu_analytics.common.memory import peak_rss_kib

from .catalog import load_catalog
from .errors import RulesError
from .runner import bind_variables, resolve_seuils

# Targets at 250 000 pupils.
TARGET_CHECK_S, TARGET_RATIO, TARGET_RSS_GIB = 60.0, 3.0, 4.0


@dataclass
class BenchReport:
    pupils: int
    seed: int
    generate_s: float
    load_s: float
    check_s: float  # check() itself: rules + outputs + GX
    check_rules_s: float  # of which: the rules (run_rules, SQL and bookkeeping)
    check_outputs_s: float  # of which: anomalies.csv and anomalies.parquet
    check_gx_s: float  # of which: the GX layer
    check_process_s: float  # the whole child process, interpreter start and imports included
    check_rss_gib: float  # upper bound of the peak RSS of the check and its subprocesses (see _run_child)
    rules_sql_s: float  # the rules' SQL alone, run directly in DuckDB
    nb_anomalies: int
    gx: bool

    @property
    def ratio(self) -> float:
        return self.check_s / self.rules_sql_s if self.rules_sql_s else float("inf")

    def render(self) -> str:
        def verdict(ok: bool) -> str:
            return "OK" if ok else "au-delà de la cible"

        at_target = self.pupils >= 250_000
        lines = [
            f"Banc d'essai de `check` : {self.pupils} élèves (graine {self.seed}), {self.nb_anomalies} anomalie(s)"
            f"{'' if self.gx else ' — couche GX absente'}",
            f"  génération                         : {self.generate_s:8.1f} s",
            f"  chargement                         : {self.load_s:8.1f} s",
            f"  check complet (règles+sorties+GX)  : {self.check_s:8.1f} s"
            + (f"  (cible ≤ {TARGET_CHECK_S:.0f} s : {verdict(self.check_s <= TARGET_CHECK_S)})" if at_target else ""),
            f"    dont règles                      : {self.check_rules_s:8.1f} s",
            f"    dont sorties CSV/Parquet         : {self.check_outputs_s:8.1f} s",
            f"    dont couche GX                   : {self.check_gx_s:8.1f} s",
            f"  processus check (démarrage inclus) : {self.check_process_s:8.1f} s",
            f"  pic RSS, check et sous-processus   : {self.check_rss_gib:8.2f} Gio (majorant)"
            + (f"  (cible ≤ {TARGET_RSS_GIB:.0f} Gio : {verdict(self.check_rss_gib <= TARGET_RSS_GIB)})"
               if at_target else ""),
            f"  SQL des règles seul (DuckDB)       : {self.rules_sql_s:8.1f} s  (meilleur de 2 exécutions)",
            f"  ratio check / SQL des règles       : {self.ratio:8.2f}"
            + (f"  (cible ≤ {TARGET_RATIO:.0f} : {verdict(self.ratio <= TARGET_RATIO)})" if at_target else ""),
            "Mesures bruitées si d'autres programmes tournent sur la machine.",
        ]
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


def _run_child(db: Path, out: Path) -> tuple[dict, float, float]:
    """Run check() in a child process; (its JSON summary, wall seconds, peak RSS in GiB)."""
    out.mkdir(parents=True, exist_ok=True)
    log_out, log_err = out / "bench-stdout.txt", out / "bench-stderr.txt"
    start = time.perf_counter()
    with log_out.open("wb") as fo, log_err.open("wb") as fe:
        # Not communicate()/wait(): wait4 must reap the child itself to get its own rusage.
        proc = subprocess.Popen([sys.executable, "-m", "lsu_analytics.rules.bench", str(db), str(out)],
                                stdout=fo, stderr=fe)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RulesError("le check du banc d'essai a échoué : "
                         + log_err.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1])
    summary = json.loads(log_out.read_text(encoding="utf-8").strip().splitlines()[-1])
    # The child's own VmHWM; ru_maxrss would also count the parent's memory (kept across fork + exec).
    # check() runs GX in a worker process, which forks once (gx/split.py): three processes may peak at
    # once, and the OS only gives the largest descendant's peak. Upper bound: check + 2 x that one.
    peak_kib = (summary.get("vmhwm_kib") or usage.ru_maxrss) + 2 * summary.get("enfants_maxrss_kib", 0)
    return summary, wall, peak_kib / 1024 ** 2


def bench_check(pupils: int, seed: int = 1, workdir: Path | None = None,
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
        load_s = time.perf_counter() - t
        # The rules' SQL alone before and after the check, best of the two: the machine is shared,
        # and the fastest run is the fairest denominator for the ratio.
        echo("SQL des règles seul (1/2)…")
        sql_s = rules_sql_alone(db)
        echo("Check complet (processus séparé)…")
        summary, wall, rss = _run_child(db, work / "controles")
        echo("SQL des règles seul (2/2)…")
        sql_s = min(sql_s, rules_sql_alone(db))
    return BenchReport(pupils=pupils, seed=seed, generate_s=generate_s, load_s=load_s, check_s=summary["duree_s"],
                       check_rules_s=summary["regles_s"], check_outputs_s=summary["sorties_s"],
                       check_gx_s=summary["gx_s"],
                       check_process_s=wall, check_rss_gib=rss, rules_sql_s=sql_s,
                       nb_anomalies=summary["nb_anomalies"], gx=summary["gx"])


def _child(db: str, out: str) -> None:
    from .command import check

    result = check(Path(db), Path(out))
    regles_s = (result.run.fin - result.run.debut).total_seconds()
    print(json.dumps({"duree_s": result.duree_s, "nb_anomalies": result.run.nb_anomalies, "regles_s": regles_s,
                      "sorties_s": result.duree_sorties_s, "gx_s": result.duree_gx_s,
                      "gx": result.gx is not None, "vmhwm_kib": peak_rss_kib(),
                      # ru_maxrss of the reaped subprocesses: the largest one (KiB on Linux).
                      "enfants_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))


if __name__ == "__main__":
    _child(*sys.argv[1:3])
