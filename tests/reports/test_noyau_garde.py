"""Reports rendered one after another in a kept kernel (a pipeline's worker) read as in a fresh kernel:
the previous report's variables are gone, a kernel that died is replaced, the worker's end stops it."""
from __future__ import annotations

import os
import re
import signal

import pytest

from lsu_analytics.reports import kernel, render_report


@pytest.fixture
def kept():
    yield kernel
    kernel.stop_shared_kernel()


def _pid(km) -> int:
    return km.provisioner.process.pid


def _names(km) -> set[str]:
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive("", user_expressions={"n": "sorted(n for n in dir() if not n.startswith('_'))"},
                                       timeout=60)
    finally:
        kc.stop_channels()
    return set(eval(reply["content"]["user_expressions"]["n"]["data"]["text/plain"]))  # a list literal


def _page(result) -> str:
    # Without the random id papermill gives its injected-parameters cell.
    return re.sub(r"cell-id=[0-9a-f-]+", "", result.html.read_text(encoding="utf-8"))


def test_reports_in_a_kept_kernel_read_as_in_a_fresh_one(export_db, kept, tmp_path):
    params = {"niveau_perimetre": "national", "code_perimetre": "FR"}
    fresh = render_report("indicateurs", export_db, params, tmp_path / "neuf")
    render_report("audit_anomalies", export_db, params, tmp_path / "garde-1", shared_kernel=True)
    km = kernel._kernel
    pid = _pid(km)
    again = render_report("indicateurs", export_db, params, tmp_path / "garde-2", shared_kernel=True)
    assert kernel._kernel is km and _pid(km) == pid  # one kernel for both reports
    assert _page(again) == _page(fresh)
    # The audit's variables (e.g. its list of anomalies `lignes`) are gone before the next report runs.
    kernel.shared_kernel()
    assert not {"lignes", "etabs", "regles", "liste_csv", "p", "con"} & _names(km)


def test_a_kernel_that_died_is_replaced(export_db, kept, tmp_path):
    params = {"niveau_perimetre": "national", "code_perimetre": "FR"}
    render_report("indicateurs", export_db, params, tmp_path / "1", shared_kernel=True)
    pid = _pid(kernel._kernel)
    os.kill(pid, signal.SIGKILL)
    kernel._kernel.provisioner.process.wait()
    result = render_report("indicateurs", export_db, params, tmp_path / "2", shared_kernel=True)
    assert result.html.is_file() and _pid(kernel._kernel) != pid
    # A pipeline's worker stops its kernel as it ends.
    from lsu_analytics.pipelines.steps import fin_de_processus

    process = kernel._kernel.provisioner.process
    fin_de_processus()
    assert kernel._kernel is None and process.poll() is not None
