"""`check`: the rules, then anomalies.csv / anomalies.parquet, then the Great Expectations layer."""
from __future__ import annotations

import importlib
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lsu_analytics.contract.vocabulary import severites_au_moins

from .errors import RulesError
from .outputs import write_outputs
from .runner import Progress, RulesRun, run_rules


@dataclass
class CheckResult:
    run: RulesRun
    out: Path
    csv_path: Path
    parquet_path: Path
    gx: object | None  # lsu_analytics.gx.GxResult, when the GX layer ran
    gx_note: str | None  # why the GX layer did not run, in French
    duree_s: float  # whole check: rules + outputs + GX
    duree_sorties_s: float = 0.0  # anomalies.csv + anomalies.parquet
    duree_gx_s: float = 0.0

    @property
    def data_docs_index(self) -> Path | None:
        return getattr(self.gx, "data_docs_index", None)

    def nb_at_least(self, severite: str) -> int:
        """Anomalies whose severity is `severite` or worse."""
        worse = severites_au_moins(severite)
        return sum(n for s, n in self.run.par_severite().items() if s in worse)


def default_out(db: Path) -> Path:
    return Path(db).resolve().parent / "controles"


# Keeps the check under the 4 GiB RSS target at 250 000 pupils (DuckDB spills beyond it).
MEMORY_LIMIT = "3GB"


def _connect(db: Path) -> duckdb.DuckDBPyConnection:
    if not Path(db).is_file():
        raise RulesError(f"base introuvable : {db} ; charger d'abord un export avec `lsu-analytics load`.")
    try:
        con = duckdb.connect(str(db), config={"memory_limit": MEMORY_LIMIT})
    except duckdb.Error as e:
        raise RulesError(f"impossible d'ouvrir la base {db} ({e}) ; vérifier qu'aucun autre programme ne l'utilise.") from None
    con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would garble the rich display
    return con


def _gx_worker():
    """A GX worker process, importing GX from now on (lsu_analytics/gx/worker.py); None without GX."""
    try:
        importlib.import_module("lsu_analytics.gx")  # light: fails at once if GX is not installed
        return importlib.import_module("lsu_analytics.gx.worker").GxWorker()
    except (ImportError, OSError):
        return None  # _gx_validate() says why GX is unavailable, or validates in this process


def _gx_validate(worker=None):
    """The GX layer's validate (in `worker` if there is one) if GX is installed, else (None, reason).

    A GxError (French message for the user) becomes a RulesError, so the CLI prints it as is.
    """
    try:
        gx = importlib.import_module("lsu_analytics.gx")
    except ImportError as e:
        return None, f"couche Great Expectations indisponible ({e})"
    validate = worker.validate if worker is not None else getattr(gx, "validate", None)
    if validate is None:
        return None, "couche Great Expectations indisponible (lsu_analytics.gx.validate absent)"
    gx_error = getattr(gx, "GxError", None)
    if gx_error is None:
        return validate, None

    def validate_or_explain(*args, **kwargs):
        try:
            return validate(*args, **kwargs)
        except gx_error as e:
            raise RulesError(f"couche Great Expectations : {e}") from None

    return validate_or_explain, None


def check(db: Path, out: Path | None = None, rule_ids: Iterable[str] | None = None,
          seuils: Mapping[str, int] | None = None, progress: Progress | None = None,
          gx: bool = True) -> CheckResult:
    """The whole `check` command on a loaded database.

    The rules run once, in DuckDB; the outputs and the GX layer read the `anomalies` table they
    filled (GX never recomputes a rule). `out` defaults to `controles/` beside the database.
    """
    start = time.perf_counter()
    db = Path(db)
    out = Path(out) if out is not None else default_out(db)
    worker = None
    try:
        con = _connect(db)
        try:
            # Once the database is open (no process for nothing): GX's import (~2.5 s) runs in its own
            # process while DuckDB runs the rules here.
            worker = _gx_worker() if gx else None
            run = run_rules(con, rule_ids=rule_ids, seuils=seuils, progress=progress)
            t_out = time.perf_counter()
            try:
                csv_path, parquet_path = write_outputs(con, [r.rule for r in run.results], out)
            except OSError as e:
                raise RulesError(f"impossible d'écrire les sorties dans {out} ({e}) ; vérifier le dossier --out.") from None
            duree_sorties = time.perf_counter() - t_out
        finally:
            con.close()  # GX opens the database itself
        gx_result, gx_note = None, "couche Great Expectations non demandée"
        t_gx = time.perf_counter()
        if gx:
            validate, gx_note = _gx_validate(worker)
            if validate is not None:
                # Two processes for the suites: GX's validation is single-threaded Python (gx/split.py).
                gx_result = validate(db, out, rule_ids=run.rule_ids, progress=progress, processes=2)
    finally:
        if worker is not None:
            worker.close()
    return CheckResult(run=run, out=out, csv_path=csv_path, parquet_path=parquet_path, gx=gx_result,
                       gx_note=None if gx_result is not None else gx_note, duree_s=time.perf_counter() - start,
                       duree_sorties_s=duree_sorties, duree_gx_s=time.perf_counter() - t_gx)
