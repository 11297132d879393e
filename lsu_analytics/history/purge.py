"""`historique purger`: remove the extractions before a date and everything only they held (retention)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from lsu_analytics.pipelines.lock import DatabaseLock, LockBusyError

from . import store
from .errors import HistoryError, lock_message
from .sqlfiles import run


@dataclass(frozen=True)
class PurgeResult:
    supprimees: list[datetime]  # extractions removed
    restantes: int  # extractions kept
    cles_supprimees: int  # anomaly keys no extraction holds any more


def purger(historique: Path, avant: datetime, *, attendre: float = 0.0) -> PurgeResult:
    """Remove the extractions strictly before `avant`; statuses recomputed on what remains.

    The history is rewritten into a new file that replaces it atomically (os.replace): a kill leaves the old
    history whole, and no removed row stays readable in the file.
    """
    historique = Path(historique)
    try:
        lock = DatabaseLock(historique.resolve(), attendre).__enter__()
    except LockBusyError as e:
        raise HistoryError(lock_message(e)) from None
    neuf = historique.with_name(f".{historique.name}.purge-{os.getpid()}")
    try:
        for leftover in (neuf, Path(f"{neuf}.wal")):
            leftover.unlink(missing_ok=True)
        con = store.connect(historique, read_only=True, version_precedente=True)
        try:
            if store.is_empty(con):
                raise HistoryError(f"l'historique {historique} est vide : rien à purger.")
            supprimees = [r[0] for r in con.execute(
                "SELECT date_extraction FROM extractions WHERE date_extraction < ? ORDER BY 1", [avant]).fetchall()]
            if not supprimees:
                return PurgeResult([], con.execute("SELECT count(*) FROM extractions").fetchone()[0], 0)
            cles_avant = con.execute("SELECT count(*) FROM anomalies_cles").fetchone()[0]
            con.execute("ATTACH ? AS neuf", [str(neuf)])
            con.execute("COPY FROM DATABASE hist TO neuf (SCHEMA)")
            con.execute("USE neuf")
            store.add_columns(con)
            con.execute("USE hist")
            run(con, "purger", [avant])
            con.execute("USE neuf")
            run(con, "recalculer_suivi")
            restantes = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
            cles = con.execute("SELECT count(*) FROM anomalies_cles").fetchone()[0]
            con.execute("USE memory")
            con.execute("DETACH neuf")
        except duckdb.Error as e:
            raise HistoryError(f"la purge de {historique} a échoué ({str(e).splitlines()[0]}) ; l'historique est "
                               "resté tel qu'il était.") from None
        finally:
            con.close()
        os.replace(neuf, historique)
        Path(f"{historique}.wal").unlink(missing_ok=True)
        return PurgeResult(supprimees, restantes, cles_avant - cles)
    finally:
        for leftover in (neuf, Path(f"{neuf}.wal")):
            leftover.unlink(missing_ok=True)
        lock.__exit__(None, None, None)
