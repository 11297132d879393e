"""The database lock of the commands that write a database (`load`, `check`, `indicateurs`).

Taken here, around the whole command, and not in `load_export()` / `check()` / `compute_indicateurs()`: a
pipeline run already holds it and calls those functions directly.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lsu_analytics.contract.vocabulary import Sortie

if TYPE_CHECKING:
    from lsu_analytics.pipelines.lock import DatabaseLock

ATTENDRE_HELP = ("Si une autre exécution (pipeline, load, check, indicateurs) utilise la base, attendre au plus "
                 "ce nombre de secondes (défaut : 0, refuser tout de suite).")


def attendre_option():
    return typer.Option(0.0, "--attendre", min=0, metavar="SECONDES", show_default=False, help=ATTENDRE_HELP)


@contextmanager
def database_lock(db: Path, attendre: float, *, creates: bool = False) -> Iterator[DatabaseLock | None]:
    """Hold `<db>.lock` for the block; busy -> French message on stderr, exit code 2, database untouched.

    `creates=False` (check, indicateurs): with neither the database nor its lock file, no lock is taken (no
    folder or lock file left behind) and the command itself says the database is missing. A lock file without
    a database may be a first load in progress: it is waited for like any other.
    """
    # Imported here: the pipelines package brings DuckDB, which a command refusing its arguments never needs.
    from lsu_analytics.pipelines.lock import DatabaseLock, LockBusyError  # noqa: PLC0415

    # Resolved like a pipeline's `base`, so both take the very same lock file.
    lock = DatabaseLock(db.resolve(), attendre)
    if not creates and not db.exists() and not lock.path.exists():
        yield None
        return
    if attendre:
        typer.echo(f"Attente du verrou {lock.path} (au plus {attendre:g} s)…", err=True)
    try:
        lock.__enter__()
    except LockBusyError as e:
        typer.echo(f"Erreur : {e}", err=True)
        typer.echo(f"La base {db} n'a pas été modifiée.", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from None
    try:
        yield lock
    finally:
        lock.__exit__(None, None, None)
