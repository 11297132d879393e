"""A load killed with kill -9 leaves its build folder; the next load removes it, never a live one's."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

from load_exports import ETABLISSEMENTS, Export

from lsu_analytics.load import load_export

# A load that stops once its build folder exists: it says "pret" on its stdout (the handshake, read by
# the test: no sleep, no polling) and waits for ever.
_BLOCKED_LOAD = """
import sys, threading
from pathlib import Path
import lsu_analytics.load.loader as loader
def blocked(*args):
    print("pret", flush=True)
    threading.Event().wait()
loader.export_folder = blocked
loader.load_export(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _export(tmp_path, name="export"):
    e = Export(tmp_path / name)
    e.csv("etablissements.csv", ETABLISSEMENTS)
    return e.manifest()


def _start_blocked(export, db):
    proc = subprocess.Popen([sys.executable, "-c", _BLOCKED_LOAD, str(export), str(db)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "pret", "the blocked load died before its handshake"
    return proc


def _builds(folder):
    return sorted(p.name for p in folder.glob(".chargement-*"))


def test_the_next_load_removes_the_build_of_a_killed_load(tmp_path):
    export, db = _export(tmp_path), tmp_path / "bases" / "lsu.duckdb"
    db.parent.mkdir()
    proc = _start_blocked(export, db)
    assert len(_builds(db.parent)) == 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(_builds(db.parent)) == 1  # left behind by kill -9
    load_export(export, db)
    assert _builds(db.parent) == []


def test_a_live_load_keeps_its_build(tmp_path):
    export, folder = _export(tmp_path), tmp_path / "bases"
    folder.mkdir()
    proc = _start_blocked(export, folder / "autre.duckdb")
    try:
        live = _builds(folder)
        assert len(live) == 1
        load_export(export, folder / "lsu.duckdb")  # same folder, another database: the live build stays
        assert _builds(folder) == live
    finally:
        proc.kill()
        proc.wait()
