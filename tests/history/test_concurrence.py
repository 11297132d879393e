"""`historiser` is one transaction under `<historique>.lock`: kill -9 mid-way changes nothing, and two runs
at once never interleave. Handshake: LSU_HISTORISER_PAUSE makes a run signal a file before its COMMIT, then
wait for `<file>.suite`."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from history_helpers import anomalie, contents, make_extraction, rows

from lsu_analytics.history import historiser
from lsu_analytics.history.historiser import PAUSE_ENV

D1, D2, D3 = "2026-03-01 02:00:00", "2026-03-08 02:00:00", "2026-03-15 02:00:00"


def _start(db, h, *extra, pause=None):
    env = dict(os.environ)
    env.pop(PAUSE_ENV, None)
    if pause is not None:
        env[PAUSE_ENV] = str(pause)
    return subprocess.Popen([sys.executable, "-c", "from lsu_analytics.cli import main; main()", "historiser",
                             "--db", str(db), "--historique", str(h), *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def started():
    """Every run started by a test is killed at its end, even when an assertion failed."""
    procs = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _wait_for(path, proc, timeout=60.0):
    """Handshake: the run has written everything and waits before its COMMIT."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.stdout.read()
        assert time.monotonic() < deadline, "le processus n'a pas atteint le point d'arrêt"
        time.sleep(0.02)


def _history(tmp_path):
    h = tmp_path / "h.duckdb"
    historiser(make_extraction(tmp_path / "x1.duckdb", D1, [anomalie(eleve_id="EL1")]), h)
    return h


def test_kill_9_before_commit_leaves_the_history_as_it_was(tmp_path, started):
    h = _history(tmp_path)
    before = contents(h)
    pause = tmp_path / "pause"
    proc = _start(make_extraction(tmp_path / "x2.duckdb", D2, [anomalie(eleve_id="EL2")]), h, pause=pause)
    started.append(proc)
    _wait_for(pause, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert contents(h) == before  # the history opens and holds only the first extraction
    # and the next run is not blocked by the dead one's lock
    historiser(tmp_path / "x2.duckdb", h)
    assert len(rows(h, "SELECT * FROM extractions")) == 2


def test_kill_9_during_the_first_historisation_leaves_no_history(tmp_path, started):
    h = tmp_path / "h.duckdb"
    pause = tmp_path / "pause"
    proc = _start(make_extraction(tmp_path / "x1.duckdb", D1, [anomalie()]), h, pause=pause)
    started.append(proc)
    _wait_for(pause, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # An empty database file may remain: it is an empty history, the next run fills it.
    historiser(tmp_path / "x1.duckdb", h)
    assert rows(h, "SELECT count(*) FROM extractions") == [(1,)]


def test_two_runs_at_once_never_interleave(tmp_path, started):
    h = _history(tmp_path)
    x2 = make_extraction(tmp_path / "x2.duckdb", D2, [anomalie(eleve_id="EL2")])
    x3 = make_extraction(tmp_path / "x3.duckdb", D3, [anomalie(eleve_id="EL3")])
    pause = tmp_path / "pause"
    first = _start(x2, h, pause=pause)
    started.append(first)
    _wait_for(pause, first)
    # While the first holds the lock, a second run refuses at once (exit 2) before opening anything...
    refused = subprocess.run([sys.executable, "-c", "from lsu_analytics.cli import main; main()", "historiser",
                              "--db", str(x3), "--historique", str(h)], capture_output=True, text=True)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "utilisé par une autre exécution" in refused.stderr
    # ...or, with --attendre, waits for it and then runs on the committed history.
    second = _start(x3, h, "--attendre", "120")
    started.append(second)
    assert second.poll() is None
    (tmp_path / "pause.suite").touch()
    assert first.wait() == 0, first.stdout.read()
    assert second.wait() == 0, second.stdout.read()
    assert rows(h, "SELECT count(*) FROM extractions") == [(3,)]
    # Each run saw the other's committed work: statuses computed over the three extractions.
    statuts = dict(rows(h, "SELECT eleve_id, statut FROM anomalies_suivi"))
    assert statuts == {"EL1": "resolue", "EL2": "resolue", "EL3": "nouvelle"}
