"""Import Great Expectations in the background, while the rules run in DuckDB.

Importing GX costs ~2.5 s of pure Python (lean_import.py). DuckDB releases the GIL while it runs
the rules' SQL, so on a machine with two cores that import can overlap with it.
`wait()` returns once the import has ended (at once when `preload()` was never
called); an import error is raised again there, in the caller's thread.
"""
from __future__ import annotations

import importlib
import threading

_lock = threading.Lock()
_thread: threading.Thread | None = None
_error: BaseException | None = None


def preload() -> None:
    """Start importing the GX layer in a daemon thread (idempotent, returns at once)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import, name="lsu-gx-preload", daemon=True)
            _thread.start()


def wait() -> None:
    """Wait for `preload()`'s import, if any; raise its ImportError here."""
    thread = _thread
    if thread is not None:
        thread.join()
    if _error is not None:
        raise _error


def _import() -> None:
    global _error
    try:
        importlib.import_module("lsu_analytics.gx.run")  # great_expectations, suites, engine
    except BaseException as e:  # re-raised by wait(), in the thread that needs the layer
        _error = e
