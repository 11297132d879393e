"""Two runs on the same database at once: the second refuses (or waits), nothing is corrupted."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# A pipeline run in its own process, with the stand-in steps (the load takes a few seconds).
SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from pathlib import Path
import pipeline_fakes as fakes
from lsu_analytics.pipelines import PipelineImpossible, load_pipeline_spec, run_pipeline
steps = dict(fakes.FAKE_STEPS, chargement=fakes.charger_lent)
try:
    outcome = run_pipeline(load_pipeline_spec(Path(sys.argv[1])), attente_s=float(sys.argv[2]), steps=steps)
except PipelineImpossible as e:
    print("IMPOSSIBLE:", e, file=sys.stderr)
    sys.exit(2)
print(outcome.run_dir)
sys.exit(outcome.exit_code)
"""


def _start(path: Path, wait_s: float, duree: str = "4") -> subprocess.Popen:
    env = dict(os.environ, LSU_TEST_DUREE_CHARGEMENT=duree)
    return subprocess.Popen([sys.executable, "-c", SCRIPT.format(here=str(HERE)), str(path), str(wait_s)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_holder(lock: Path, pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if json.loads(lock.read_text() or "{}").get("pid") == pid:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    raise AssertionError("le premier run n'a jamais pris le verrou")


def test_second_run_refuses_then_one_that_waits_succeeds(write_pipeline, tmp_path):
    path = write_pipeline("rapports:\n  - notebook: indicateurs\n    perimetres: academie\n")
    db = tmp_path / "base" / "lsu.duckdb"
    lock = Path(str(db) + ".lock")

    first = _start(path, 0)
    _wait_for_holder(lock, first.pid)
    refused = _start(path, 0, duree="0")
    waiting = _start(path, 60, duree="0")

    out_refused, err_refused = refused.communicate(timeout=60)
    assert refused.returncode == 2, err_refused
    assert "utilisée par une autre exécution de lsu-analytics" in err_refused
    assert f"processus {first.pid}" in err_refused and "--attendre" in err_refused
    assert refused.returncode == 2 and first.poll() is None  # refused while the first still ran

    out_first, err_first = first.communicate(timeout=120)
    out_waiting, err_waiting = waiting.communicate(timeout=120)
    assert first.returncode == 0, err_first
    assert waiting.returncode == 0, err_waiting

    # Two finished runs, one per folder; the refused one left nothing behind.
    runs = sorted(p for p in (tmp_path / "runs").iterdir() if not p.is_symlink())
    assert [str(p) for p in runs] == sorted([out_first.strip(), out_waiting.strip()])
    records = [json.loads((p / "run.json").read_text(encoding="utf-8")) for p in runs]
    assert [r["issue"] for r in records] == ["reussi", "reussi"]
    # The one that waited found the export already loaded by the first.
    assert sorted(next(s for s in r["etapes"] if s["id"] == "chargement")["statut"] for r in records) == [
        "ignore", "reussi"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM chargements").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM etablissements").fetchone() == (3,)
        assert con.execute("SELECT count(*) FROM indicateurs").fetchone() == (6,)
    finally:
        con.close()


STOPPABLE = """
import signal, sys
sys.path.insert(0, {here!r})
from pathlib import Path
import pipeline_fakes as fakes
from lsu_analytics.pipelines import load_pipeline_spec, run_pipeline
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # as `lsu-analytics pipeline run` does
run_pipeline(load_pipeline_spec(Path(sys.argv[1])), steps=dict(fakes.FAKE_STEPS, rapport=fakes.rendre_lent))
"""


def test_sigterm_stops_reports_writes_run_json_and_frees_the_lock(write_pipeline, tmp_path):
    import signal

    path = write_pipeline("rapports:\n  - notebook: indicateurs\n    perimetres: academie\n")
    proc = subprocess.Popen([sys.executable, "-c", STOPPABLE.format(here=str(HERE)), str(path)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Stop the run as systemd would, as soon as the report processes are being started (handshake: their
    # folders exist): the signal lands while they start, they must be stopped all the same.
    deadline = time.monotonic() + 60
    while not list((tmp_path / "runs").glob("*/rapports/indicateurs/*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    (run_dir,) = [p for p in (tmp_path / "runs").iterdir() if not p.is_symlink()]
    record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert record["issue"] == "interrompu" and record["code_sortie"] == 143
    reports = [s for s in record["etapes"] if s["type"] == "rapport"]
    assert reports and all(s["statut"] != "reussi" for s in reports)
    assert "interrompu" in (run_dir / "index.html").read_text(encoding="utf-8")
    # The lock is free: a new run starts at once.
    again = _start(path, 0, duree="0")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err


def test_sigterm_while_reports_run_kills_their_processes(write_pipeline, tmp_path):
    import signal

    path = write_pipeline("rapports:\n  - notebook: indicateurs\n    perimetres: academie\n")
    proc = subprocess.Popen([sys.executable, "-c", STOPPABLE.format(here=str(HERE)), str(path)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while len(list((tmp_path / "runs").glob("*/rapports/indicateurs/*/pid"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    pids = [int(p.read_text()) for p in (tmp_path / "runs").glob("*/rapports/indicateurs/*/pid")]
    assert len(pids) == 2
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 143
    for pid in pids:
        with open(f"/proc/{pid}/stat") if os.path.exists(f"/proc/{pid}/stat") else open(os.devnull) as f:
            state = f.read().split(") ")[-1][:1]
        assert state in ("", "Z"), f"processus de rapport {pid} encore vivant"
