"""`historiser`: add the extraction of a checked database to a history database, in one transaction."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from lsu_analytics.pipelines.lock import DatabaseLock, LockBusyError

from lsu_analytics.contract import create_macros
from lsu_analytics.contract.nomenclatures import nom_perimetre

from . import store
from .errors import HistoryError, lock_message
from .source import Extraction, attach, read_source
from .sqlfiles import run

# Test hook (kill -9 and concurrency tests): with this variable set to a path, historiser writes that file once
# everything is written but not committed, then waits until `<path>.suite` exists.
PAUSE_ENV = "LSU_HISTORISER_PAUSE"


@dataclass(frozen=True)
class HistoriserResult:
    historique: Path
    extraction: Extraction
    cree: bool  # the history database was created by this run
    remplacee: bool  # the extraction was already in the history: replaced (same result as historising it once)
    nb_extractions: int  # in the history, after this run
    duree_s: float

    @property
    def date_extraction(self) -> datetime:
        return self.extraction.date_extraction


def _pause_for_tests() -> None:
    signal = os.environ.get(PAUSE_ENV)
    if not signal:
        return
    Path(signal).write_text(str(os.getpid()), encoding="utf-8")
    go = Path(signal + ".suite")
    while not go.exists():
        time.sleep(0.01)


def _date(d: datetime) -> str:
    return d.strftime("%d/%m/%Y %H:%M")


def _refuse_if_foreign(con, x: Extraction, historique: Path, forcer: bool) -> bool:
    """Perimeter and identity checks against what the history holds; True if `x` is already there."""
    perimetres = con.execute("SELECT DISTINCT perimetre_niveau, perimetre_code FROM extractions").fetchall()
    if perimetres and (x.perimetre_niveau, x.perimetre_code) not in perimetres:
        niveau, code = perimetres[0]
        raise HistoryError(
            f"l'historique {historique} suit le périmètre {nom_perimetre(niveau, code)} ; cette extraction est du "
            f"périmètre {nom_perimetre(x.perimetre_niveau, x.perimetre_code)}. Un historique suit un seul périmètre : donnez un autre "
            "chemin --historique pour ce périmètre.")
    row = con.execute("SELECT manifeste_sha256 FROM extractions WHERE date_extraction = ?",
                      [x.date_extraction]).fetchone()
    if row is None:
        return False
    if row[0] != x.manifeste_sha256 and not forcer:
        raise HistoryError(
            f"l'historique {historique} contient déjà l'extraction du {_date(x.date_extraction)} d'un autre export "
            f"(manifeste sha256 {row[0][:12]}… ; celui-ci : {x.manifeste_sha256[:12]}…). Si cet export la "
            "remplace (export corrigé), relancez avec --forcer ; sinon vérifiez la base donnée à --db.")
    return True


def historiser(db_path: Path, historique_path: Path, *, forcer: bool = False, attendre: float = 0.0
               ) -> HistoriserResult:
    """Add the extraction in `db_path` (loaded, checked with every rule, indicators computed) to the history
    database `historique_path` (created if absent). All or nothing, under the lock `<historique>.lock`.

    Historising an extraction already present replaces it; a different export with the same date_extraction
    is refused unless `forcer`. Raises HistoryError (French message saying what to do).
    """
    t0 = time.perf_counter()
    db_path, historique_path = Path(db_path), Path(historique_path)
    store.check_file(historique_path)
    if historique_path.resolve() == db_path.resolve():
        raise HistoryError(f"--historique {historique_path} est la base chargée elle-même : l'historique vit dans "
                           "son propre fichier ; donnez un autre chemin, par ex. historique.duckdb.")
    try:
        lock = DatabaseLock(historique_path.resolve(), attendre).__enter__()
    except LockBusyError as e:
        raise HistoryError(lock_message(e)) from None
    cree = not historique_path.exists()
    try:
        con = duckdb.connect()
        try:
            attach(con, db_path)
            x = read_source(con, db_path)
            store.connect(historique_path, read_only=False, con=con)
            create_macros(con)  # cle_anomalie(), the one definition of an anomaly key
            con.execute("BEGIN TRANSACTION")
            try:
                remplacee = False if store.is_empty(con) else _refuse_if_foreign(con, x, historique_path, forcer)
                store.ensure_schema(con, list(x.colonnes_indicateurs))
                params = [x.date_extraction]
                run(con, "supprimer_extraction", params)
                con.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [x.date_extraction, x.millesime_courant, x.perimetre_niveau, x.perimetre_code,
                             x.manifeste_sha256, datetime.now(), x.nb_anomalies])
                run(con, "ecrire_anomalies", params)
                run(con, "ecrire_indicateurs", params)
                run(con, "recalculer_suivi")
                nb = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
                _pause_for_tests()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        except BaseException as e:
            con.close()
            if cree:  # nothing committed: no empty history left behind
                for leftover in (historique_path, Path(f"{historique_path}.wal")):
                    leftover.unlink(missing_ok=True)
            if not isinstance(e, duckdb.Error):
                raise
            raise HistoryError(f"l'historisation dans {historique_path} a échoué ({str(e).splitlines()[0]}) ; "
                               "l'historique est resté tel qu'il était. Vérifiez l'espace disque et relancez."
                               ) from None
        finally:
            con.close()
    finally:
        lock.__exit__(None, None, None)
    return HistoriserResult(historique_path, x, cree, remplacee, nb, time.perf_counter() - t0)
