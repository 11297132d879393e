"""The folder where a load builds the new database, beside it: marked with its owner, so that a build
left by a killed load (kill -9, power cut) is removed by the next load, never one still running."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PREFIX = ".chargement-"
OWNER = "proprietaire.json"


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _alive(owner: dict) -> bool:
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    started = _start_time(pid)
    return started is None or owner.get("debut") in (None, started)


def remove_stale_builds(folder: Path) -> list[Path]:
    """Remove the builds of `folder` whose load is dead. Call it holding the database lock."""
    removed = []
    for path in folder.glob(f"{PREFIX}*"):
        try:
            owner = json.loads((path / OWNER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not marked (older version, or being created right now): left alone
        if not _alive(owner if isinstance(owner, dict) else {}):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextmanager
def build_folder(folder: Path) -> Iterator[Path]:
    """A fresh build folder in `folder`, marked with this process, removed on exit."""
    with tempfile.TemporaryDirectory(prefix=PREFIX, dir=folder) as tmp:
        path = Path(tmp)
        (path / OWNER).write_text(json.dumps({"pid": os.getpid(), "debut": _start_time(os.getpid())}),
                                  encoding="utf-8")
        yield path
