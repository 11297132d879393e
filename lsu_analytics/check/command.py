"""`lsu-analytics check`: the rules, then anomalies.csv / anomalies.parquet, then (a step of its own)
Great Expectations and its Data Docs."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lsu_analytics.common.atomic import remove_stale
from lsu_analytics.contract.vocabulary import severites_au_moins
from lsu_analytics.database import connect
from lsu_analytics.gx import GxResult
from lsu_analytics.rules import RulesError, RulesRun, run_rules
from lsu_analytics.history.colonnes import check_history
from lsu_analytics.history.errors import HistoryError
from lsu_analytics.rules.outputs import write_outputs
from lsu_analytics.rules.runner import Progress

from .gx_step import run_gx_step
from .outputs import outputs_json, record_outputs


@dataclass
class CheckResult:
    run: RulesRun
    out: Path
    csv_path: Path
    parquet_path: Path
    duree_anomalies_s: float  # open the database -> anomalies table, CSV and Parquet written
    duree_sorties_s: float  # of which anomalies.csv + anomalies.parquet
    gx: GxResult | None = None
    gx_note: str | None = "couche Great Expectations non demandée"  # why there are no Data Docs, in French
    duree_gx_s: float = 0.0  # GX validation + Data Docs, after the anomalies

    @property
    def duree_s(self) -> float:
        return self.duree_anomalies_s + self.duree_gx_s

    @property
    def data_docs_index(self) -> Path | None:
        return self.gx.data_docs_index if self.gx is not None else None

    def nb_at_least(self, severite: str) -> int:
        """Anomalies whose severity is `severite` or worse."""
        worse = severites_au_moins(severite)
        return sum(n for s, n in self.run.par_severite().items() if s in worse)


def default_out(db: Path) -> Path:
    return Path(db).resolve().parent / "controles"


def _connect(db: Path) -> duckdb.DuckDBPyConnection:
    if not Path(db).is_file():
        raise RulesError(f"base introuvable : {db} ; charger d'abord un export avec `lsu-analytics load`.")
    try:
        con = connect(db)
    except duckdb.Error as e:
        raise RulesError(f"impossible d'ouvrir la base {db} ({e}) ; vérifier qu'aucun autre programme "
                         "ne l'utilise.") from None
    con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would garble the rich display
    return con


def check(db: Path, out: Path | None = None, rule_ids: Iterable[str] | None = None,
          seuils: Mapping[str, int] | None = None, progress: Progress | None = None, gx: bool = True,
          on_anomalies: Callable[[CheckResult], None] | None = None, gx_later: bool = False,
          historique: Path | None = None) -> CheckResult:
    """The whole `check` on a loaded database. The rules run once, in DuckDB; anomalies.csv and
    anomalies.parquet are written from the `anomalies` table (then `on_anomalies(result)`), and only
    then, if `gx`, Great Expectations validates the database and writes the Data Docs (it never
    recomputes a rule). `out` defaults to `controles/` beside the database. `gx_later`: the caller runs
    the GX step itself afterwards (a pipeline, beside its reports): `gx` is then ignored."""
    gx = gx and not gx_later
    start = time.perf_counter()
    db = Path(db)
    out = Path(out) if out is not None else default_out(db)
    con = _connect(db)
    try:
        if historique is not None:
            try:
                check_history(con, historique)
            except HistoryError as e:  # before the rules: nothing checked, nothing written
                raise RulesError(f"--historique : {e} Rien n'a été contrôlé ni écrit.") from None
        run = run_rules(con, rule_ids=rule_ids, seuils=seuils, progress=progress)
        t_out = time.perf_counter()
        try:
            out.mkdir(parents=True, exist_ok=True)
            remove_stale(out)
            csv_path, parquet_path = write_outputs(con, [r.rule for r in run.results], out,
                                                   historique=historique)
        except HistoryError as e:  # `check --historique`: a history that is not one, or of another perimeter
            raise RulesError(f"--historique : {e}") from None
        except OSError as e:
            record_outputs(con, run.controle_id, outputs_json(out, False, "non produits"))
            raise RulesError(f"impossible d'écrire les sorties dans {out} ({e}) ; les sorties précédentes sont "
                             "intactes ; vérifier le dossier --out et la place disque.") from None
        record_outputs(con, run.controle_id, outputs_json(out, True, "en attente" if gx or gx_later else "non demandés"))
        duree_sorties = time.perf_counter() - t_out
    finally:
        con.close()  # GX opens the database itself, read-only
    result = CheckResult(run=run, out=out, csv_path=csv_path, parquet_path=parquet_path,
                         duree_anomalies_s=time.perf_counter() - start, duree_sorties_s=duree_sorties)
    if on_anomalies is not None:
        on_anomalies(result)
    if gx:
        t_gx = time.perf_counter()
        try:
            result.gx = run_gx_step(db, out, run.rule_ids, progress)
        except BaseException:
            record_outputs(db, run.controle_id, outputs_json(out, True, "échec"))
            raise
        result.gx_note = None
        result.duree_gx_s = time.perf_counter() - t_gx
        record_outputs(db, run.controle_id, outputs_json(out, True, "produits"))
    return result
