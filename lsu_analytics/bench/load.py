"""`bench load`: the loader against a bare DuckDB read of the same files, each in its own process.

Each measurement runs in a child process so that its peak RSS is its own (not the generator's).
Run as `python -m lsu_analytics.bench.load load|nu EXPORT DB` it is that child and prints JSON.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from lsu_analytics.common.memory import peak_rss_kib
from lsu_analytics.contract import quote
from lsu_analytics.database import connect

from lsu_analytics.load.loader import load_export
from lsu_analytics.load.manifest import read_manifest
from lsu_analytics.load.sqlfiles import run, sql


def bare_read(export: Path, db: Path) -> float:
    """Seconds for DuckDB to read every file of the export into tables, type sniffing included."""
    manifest = read_manifest(export)
    db.unlink(missing_ok=True)
    t0 = perf_counter()
    con = connect(db)  # the loader's settings: same memory, same threads
    try:
        run(con, "SET enable_progress_bar = false")
        for entry in manifest.fichiers.values():
            # Types sniffed as usual; rows that do not fit them (the export's planted errors) are skipped.
            reader = "read_csv(?, delim = ';', ignore_errors = true)" if entry.format == "csv" else "read_parquet(?)"
            run(con, sql("bench_nu.sql", table=quote(entry.table), reader=reader), [str(export / entry.fichier)])
        run(con, "CHECKPOINT")
    finally:
        con.close()
    return perf_counter() - t0


def _child(mode: str, export: Path, db: Path) -> dict:
    if mode == "load":
        result = load_export(export, db)
        out = {"duree_s": result.duree_s, "lignes": result.lignes_manifeste, "chargees": result.chargees,
               "rejetees": result.rejetees}
    else:
        out = {"duree_s": bare_read(export, db)}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_s"] = usage.ru_utime + usage.ru_stime
    out["rss_max"] = peak_rss_kib() * 1024
    return out


def _run_child(mode: str, export: Path, db: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", __name__, mode, str(export), str(db)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        errors = [line for line in proc.stderr.splitlines() if "Error" in line] or proc.stderr.splitlines()[-1:]
        raise RuntimeError(f"mesure « {mode} » : {errors[-1] if errors else 'échec'}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


@dataclass
class BenchResult:
    eleves: int
    taille_octets: int
    generation_s: float
    chargement_s: float
    lignes: int
    rejetees: int
    rss_max: int
    nu_s: float
    rss_max_nu: int
    chargement_cpu_s: float = 0.0
    nu_cpu_s: float = 0.0
    repetitions: int = 1

    @property
    def lignes_par_s(self) -> float:
        return self.lignes / self.chargement_s if self.chargement_s else 0.0

    @property
    def ratio(self) -> float:
        return self.chargement_s / self.nu_s if self.nu_s else float("inf")

    @property
    def ratio_cpu(self) -> float:
        return self.chargement_cpu_s / self.nu_cpu_s if self.nu_cpu_s else float("inf")


def _best(runs: list[dict]) -> dict:
    # Shared machine: the fastest run is the least disturbed one; memory is the worst seen.
    best = dict(min(runs, key=lambda r: r["duree_s"]))
    best["cpu_s"] = min(r["cpu_s"] for r in runs)
    best["rss_max"] = max(r["rss_max"] for r in runs)
    return best


def measure(export: Path, workdir: Path, repetitions: int = 1) -> tuple[dict, dict]:
    """Load and bare read, alternated `repetitions` times so that both see the same machine load."""
    loads, bares = [], []
    for _ in range(repetitions):
        loads.append(_run_child("load", export, workdir / "charge.duckdb"))
        bares.append(_run_child("nu", export, workdir / "nu.duckdb"))
    return _best(loads), _best(bares)


def run_bench(pupils: int, seed: int, workdir: Path | None = None, export: Path | None = None,
              repetitions: int = 2) -> BenchResult:
    """Generate an export (or take `export`, already generated), then measure both reads of it."""
    from lsu_analytics.generate import generate_export  # imported only when benchmarking

    with tempfile.TemporaryDirectory(prefix="lsu-bench-", dir=workdir) as tmp:
        tmp = Path(tmp)
        t0 = perf_counter()
        if export is None:
            export = Path(generate_export(tmp / "export", pupils=pupils, seed=seed))
        generation = perf_counter() - t0
        size = sum(p.stat().st_size for p in export.iterdir() if p.is_file())
        loaded, bare = measure(export, tmp, repetitions)
    return BenchResult(pupils, size, generation, loaded["duree_s"], loaded["lignes"], loaded["rejetees"],
                       loaded["rss_max"], bare["duree_s"], bare["rss_max"], loaded["cpu_s"], bare["cpu_s"],
                       repetitions)


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))))
