"""GX in a worker process (check's layout): same results as in-process, progress relayed, errors in French."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from lsu_analytics.gx import GxError
from lsu_analytics.gx.worker import GxWorker

PACKAGE_IMPORT = """
import sys
import lsu_analytics.gx, lsu_analytics.gx.worker, lsu_analytics.rules.command
print("great_expectations" in sys.modules)
"""


def _outcomes(result):
    return [(s.name, s.success, [(e.type, e.column, e.unexpected_count, e.success, e.observed)
                                 for e in s.expectations]) for s in result.suites]


def test_the_worker_validates_like_this_process_and_relays_progress(synthetic_run, tmp_path):
    db, reference, _, reference_calls = synthetic_run
    worker = GxWorker()
    calls = []
    try:
        result = worker.validate(db, tmp_path, progress=lambda *a: calls.append(a), processes=1)
    finally:
        worker.close()
    assert _outcomes(result) == _outcomes(reference)
    assert result.data_docs_index.is_file()
    assert calls == reference_calls  # same steps, reported in this process
    assert worker._process.returncode == 0


def test_an_error_of_the_gx_layer_comes_back_as_such(tmp_path):
    worker = GxWorker()
    try:
        with pytest.raises(GxError, match="base DuckDB introuvable"):
            worker.validate(tmp_path / "absente.duckdb", tmp_path)
    finally:
        worker.close()


def test_a_worker_that_dies_is_an_error_in_french(synthetic_run, tmp_path):
    db, *_ = synthetic_run
    worker = GxWorker()
    try:
        os.kill(worker._process.pid, signal.SIGKILL)
        worker._process.wait()
        with pytest.raises(GxError, match=r"s'est arrêté \(code -9\)"):
            worker.validate(db, tmp_path)
    finally:
        worker.close()


def test_a_worker_never_asked_is_stopped_at_once():
    # check's rules failed: the worker is still importing GX, nobody waits for it.
    worker = GxWorker()
    start = time.perf_counter()
    worker.close()
    assert time.perf_counter() - start < 5
    assert worker._process.returncode is not None
    worker.close()  # idempotent


def test_the_checking_process_itself_does_not_import_great_expectations():
    # The whole point: GX's import happens in the worker, not beside the rules.
    out = subprocess.run([sys.executable, "-c", PACKAGE_IMPORT], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
