"""`bench chaine`: the whole chain load -> check -> indicateurs on one export, against a bare DuckDB read.

Each step runs in its own process (`python -m lsu_analytics.bench.chaine STEP ...`) with its own DuckDB
spill folder, so that its wall time, CPU time, peak RSS and peak temporary disk are its own. The check of the
chain goes up to the anomalies (table, CSV, Parquet); Great Expectations (validation and Data Docs), a
consumer of the checked database since issue 8, is measured as a step of its own, outside the chain's total
and ratio. The bare read is DuckDB's `read_csv` of the same files, every column as text, nothing checked:
the floor of any load. Same settings (memory_limit, threads) for every step.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lsu_analytics.common.memory import children_peak_rss_kib, peak_rss_kib

STEPS = ("chargement", "controle", "indicateurs")  # the chain, in this order
GX_STEP = "gx"  # after the chain, outside its total
KEY = ("rule_id", "uai", "academie", "millesime", "eleve_id", "classe_id", "objet_id")
GIB = 1024 ** 3


@dataclass
class StepFigures:
    nom: str
    mur_s: float
    cpu_s: float
    rss_octets: int  # the step's process, plus its largest child (GX) when it has one
    temp_octets: int  # peak size of its DuckDB spill folder
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Tour:
    """One chain then one bare read, run one after the other: their ratio holds when the machine drifts."""
    chaine_s: float
    chaine_cpu_s: float
    nue_s: float
    nue_cpu_s: float

    @property
    def ratio(self) -> float:
        return self.chaine_s / self.nue_s if self.nue_s else float("inf")

    @property
    def ratio_cpu(self) -> float:
        return self.chaine_cpu_s / self.nue_cpu_s if self.nue_cpu_s else float("inf")


@dataclass
class ChainReport:
    eleves: int | None
    export: Path
    taille_octets: int
    reglages: str
    generation: StepFigures | None
    etapes: list[StepFigures]
    gx: StepFigures | None
    lecture_nue: StepFigures | None  # None: not measured (--sans-lecture-nue)
    exact: bool | None  # anomalies == the generator's ground truth (None: no ground truth)
    ecarts: list[str] = field(default_factory=list)
    charge: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load average at the start and at the end
    base: Path | None = None  # the loaded, checked database kept after the run
    tours: list[Tour] = field(default_factory=list)  # every chain / bare read pair, the first one included

    @property
    def chaine_s(self) -> float:
        return sum(s.mur_s for s in self.etapes)

    @property
    def ratio(self) -> float | None:
        if self.lecture_nue is None:
            return None
        return self.chaine_s / self.lecture_nue.mur_s if self.lecture_nue.mur_s else float("inf")

    def render(self) -> str:
        def num(x: float, digits: int = 1) -> str:
            return f"{x:,.{digits}f}".replace(",", "\u202f").replace(".", ",")

        def row(s: StepFigures, note: str = "") -> str:
            return (f"  {s.nom:<22}{num(s.mur_s):>9}{num(s.cpu_s):>9}{num(s.rss_octets / GIB, 2):>10}"
                    f"{num(s.temp_octets / 1024 ** 2, 0):>12}{note}")

        who = f", {num(self.eleves, 0)} élèves" if self.eleves else ""
        lines = [f"Chaîne complète sur {self.export} ({num(self.taille_octets / 1024 ** 2, 0)} Mio{who})",
                 f"Réglages DuckDB : {self.reglages}",
                 f"  {'étape':<22}{'mur (s)':>9}{'CPU (s)':>9}{'RSS (Gio)':>10}{'temp. (Mio)':>12}"]
        if self.generation:
            lines.append(row(self.generation, "   (hors chaîne)"))
        lines += [row(s) for s in self.etapes]
        total = StepFigures("chaîne (somme)", self.chaine_s, sum(s.cpu_s for s in self.etapes),
                            max(s.rss_octets for s in self.etapes), max(s.temp_octets for s in self.etapes))
        lines.append(row(total, "   (RSS, temp. : le plus grand pic)"))
        if self.gx:
            lines.append(row(self.gx, "   (hors chaîne : consommateur de la base contrôlée)"))
        if self.lecture_nue is not None:
            lines.append(row(self.lecture_nue, "   (plancher)"))
            lines.append(f"Ratio chaîne / lecture nue : {num(self.ratio, 2)} (cible ≤ 1,5 à 1 000 000 élèves) ; "
                         f"ratio des temps CPU : {num(total.cpu_s / self.lecture_nue.cpu_s, 2)} ; GX non compris")
            if len(self.tours) > 1:
                ratios = [t.ratio for t in self.tours]
                lines.append(f"Sur {len(self.tours)} tours (chaîne puis lecture nue, l'une après l'autre) : ratio "
                             f"{' ; '.join(num(r, 2) for r in ratios)} ; médiane {num(statistics.median(ratios), 2)} "
                             f"(de {num(min(ratios), 2)} à {num(max(ratios), 2)}) ; médiane des ratios CPU "
                             f"{num(statistics.median(t.ratio_cpu for t in self.tours), 2)}.")
        else:
            lines.append("Lecture nue non mesurée : pas de ratio.")
        controle = next((s for s in self.etapes if s.nom == "controle"), None)
        if controle and controle.details:
            d = controle.details
            lines.append(f"Dont contrôle : règles {num(d['regles_s'])} s, sorties {num(d['sorties_s'])} s ; "
                         f"{num(d['nb_anomalies'], 0)} anomalie(s).")
        if self.gx and self.gx.details and controle and controle.details.get("regles_s"):
            lines.append(f"GX : {num(self.gx.mur_s / controle.details['regles_s'], 2)} fois le temps SQL des règles "
                         f"(validation {num(self.gx.details['validation_s'])} s, Data Docs compris).")
        if self.exact is not None:
            lines.append("Anomalies = vérité terrain du générateur : " + ("oui" if self.exact else "NON"))
            lines += [f"  {e}" for e in self.ecarts[:10]]
        lines.append(f"Charge moyenne de la machine (1 min) : {num(self.charge[0], 2)} au début, "
                     f"{num(self.charge[1], 2)} à la fin, pour {os.cpu_count()} cœur(s) ; temps écoulés sensibles à "
                     "la charge, temps CPU, mémoire et disque moins.")
        lines.append("RSS : pic du processus de l'étape.")
        if self.base:
            lines.append(f"Base chargée, contrôlée, indicateurs calculés, gardée : {self.base}")
        return "\n".join(lines)


def _folder_size(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass  # DuckDB removed it meanwhile
    return total


def _run_step(step: str, args: list[str], temp: Path) -> StepFigures:
    """Run one step in a child process; sample its spill folder for the peak temporary disk."""
    temp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LSU_DUCKDB_TEMP_DIRECTORY": str(temp)}
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _folder_size(temp))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", __name__, step, *args], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage (its children included once reaped)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"étape « {step} » en échec : {lines[-1] if lines else 'sans message'}")
        result = json.loads(out.read().decode("utf-8").strip().splitlines()[-1])
    rss = result.pop("vmhwm_kib") * 1024 + result.pop("enfants_maxrss_kib", 0) * 1024
    return StepFigures(step, wall, usage.ru_utime + usage.ru_stime, rss, peak[0], result)


def _bare_read(export: Path, db: Path) -> dict:
    from lsu_analytics.contract import quote
    from lsu_analytics.database import connect
    from lsu_analytics.load.manifest import read_manifest

    manifest = read_manifest(export)
    con = connect(db)
    try:
        con.execute("SET enable_progress_bar = false")
        for entry in manifest.fichiers.values():
            path = str(export / entry.fichier)
            reader = ("read_csv(?, delim = ';', quote = '\"', escape = '\"', header = true, all_varchar = true)"
                      if entry.format == "csv" else "read_parquet(?)")
            con.execute(f"CREATE OR REPLACE TABLE {quote(entry.table)} AS SELECT * FROM {reader}", [path])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {}


def _child(step: str, export: Path, db: Path, out: Path, controle_id: str | None = None) -> dict:
    if step == "generation":
        from lsu_analytics.generate import generate_export

        pupils, seed = int(out.name.split("-")[0]), int(out.name.split("-")[1])
        generate_export(export, pupils=pupils, seed=seed)
        result = {}
    elif step == "chargement":
        from lsu_analytics.load import load_export

        r = load_export(export, db)
        result = {"chargees": r.chargees, "rejetees": r.rejetees}
    elif step == "controle":
        from lsu_analytics.check import check

        r = check(db, out, gx_later=True)  # GX: a step of its own (below), as in a pipeline
        result = {"regles_s": r.run.duree_sql_s, "sorties_s": r.duree_sorties_s, "nb_anomalies": r.run.nb_anomalies,
                  "controle_id": r.run.controle_id}
    elif step == GX_STEP:
        from lsu_analytics.check import record_outputs
        from lsu_analytics.check.gx_step import run_gx_step
        from lsu_analytics.check.outputs import outputs_json

        result = {"validation_s": run_gx_step(db, out).duration_s}
        record_outputs(db, controle_id, outputs_json(out, True, "produits"))
    elif step == "indicateurs":
        from lsu_analytics.database import connect
        from lsu_analytics.indicators import compute_indicateurs

        con = connect(db)
        try:
            result = {"lignes": compute_indicateurs(con).lignes}
        finally:
            con.close()
    else:
        result = _bare_read(export, db)
    result["vmhwm_kib"] = peak_rss_kib()
    result["enfants_maxrss_kib"] = children_peak_rss_kib()
    return result


def _compare_truth(export: Path, db: Path) -> tuple[bool | None, list[str]]:
    truth_path = export / "verite_terrain.json"
    if not truth_path.is_file():
        return None, []
    import duckdb

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    expected = Counter(tuple(a.get(k) for k in KEY) for a in truth["anomalies"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = Counter(con.execute(f"SELECT {', '.join(KEY)} FROM anomalies").fetchall())
    finally:
        con.close()
    ecarts = []
    for rule_id in sorted({k[0] for k in expected} | {k[0] for k in found}):
        missing = sum(n for k, n in (expected - found).items() if k[0] == rule_id)
        extra = sum(n for k, n in (found - expected).items() if k[0] == rule_id)
        if missing or extra:
            ecarts.append(f"{rule_id} : {missing} attendue(s) non trouvée(s), {extra} non attendue(s)")
    return not ecarts, ecarts


def _pair(etapes: list[StepFigures], nue: StepFigures) -> Tour:
    return Tour(sum(s.mur_s for s in etapes), sum(s.cpu_s for s in etapes), nue.mur_s, nue.cpu_s)


def _tour(args: list[str], export: Path, work: Path, n: int) -> Tour:
    """The chain once more, then the bare read once more: one more pair of the same run."""
    etapes = [_run_step(step, args, work / f"temp-{step}-{n}") for step in STEPS]
    return _pair(etapes, _bare_read_step(export, work, n))


def _bare_read_step(export: Path, work: Path, n: int) -> StepFigures:
    nue = _run_step("lecture_nue", [str(export), str(work / "nu.duckdb"), str(work)], work / f"temp-nue-{n}")
    nue.nom = "lecture nue"
    (work / "nu.duckdb").unlink()  # as large as the export: not kept a moment longer
    return nue


def run_chain(pupils: int | None, export: Path | None, seed: int = 1, workdir: Path | None = None,
              echo=print, base: Path | None = None, gx: bool = True, lecture_nue: bool = True,
              tours: int = 1) -> ChainReport:
    """`base`: keep the loaded, checked database there (its anomalies.csv/.parquet and Data Docs in
    `<base>-controles/` beside it) instead of deleting it with the work folder. `tours` > 1 (with the bare
    read): the chain and the bare read run again, one after the other, that many times in all, so that the
    ratio is a median of pairs rather than one draw of a noisy machine."""
    from lsu_analytics.database import current_settings

    settings = current_settings()
    charge = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="lsu-bench-chaine-", dir=workdir) as tmp:
        work = Path(tmp)
        generation = None
        if export is None:
            export = work / "export"
            echo(f"Génération d'un export de {pupils} élèves…")
            generation = _run_step("generation", [str(export), str(work / "x"), str(work / f"{pupils}-{seed}")],
                                   work / "temp-generation")
        export = Path(export)
        size = sum(p.stat().st_size for p in export.iterdir() if p.is_file())
        db = Path(base).resolve() if base else work / "lsu.duckdb"
        out = db.with_name(f"{db.stem}-controles") if base else work / "controles"
        args = [str(export), str(db), str(out)]
        etapes = []
        for step in STEPS:
            echo(f"Étape {step}…")
            etapes.append(_run_step(step, args, work / f"temp-{step}"))
        exact, ecarts = _compare_truth(export, db)
        figures_gx = None
        if gx:
            echo("Great Expectations (hors chaîne)…")
            controle_id = etapes[STEPS.index("controle")].details["controle_id"]
            figures_gx = _run_step(GX_STEP, [*args, controle_id], work / "temp-gx")
            figures_gx.nom = "GX + Data Docs"
        nue, paires = None, []
        if lecture_nue:
            echo("Lecture nue…")
            nue = _bare_read_step(export, work, 1)
            paires.append(_pair(etapes, nue))
            for n in range(2, tours + 1):
                echo(f"Tour {n} sur {tours} : chaîne puis lecture nue…")
                paires.append(_tour(args, export, work, n))
    return ChainReport(pupils, export, size, settings.describe(), generation, etapes, figures_gx, nue, exact, ecarts,
                       charge=(charge, os.getloadavg()[0]), base=db if base else None, tours=paires)


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), *sys.argv[5:])))
