"""One run at a time per database: an advisory `fcntl.flock` on `<db>.lock`.

Taken by pipeline runs and by the commands that write a database (`load`, `check`, `indicateurs`), in
their CLI layer: the functions they call never take it, so a pipeline holding it can call them."""
from __future__ import annotations

import fcntl
import json
import os
import time
from datetime import datetime
from pathlib import Path


class LockBusyError(Exception):
    """Another run holds the database; the message says who and what to do."""


class DatabaseLock:
    """Context manager. `wait_s` = 0 refuses at once; otherwise retries until `wait_s` seconds have passed."""

    def __init__(self, db: Path, wait_s: float = 0.0, poll_s: float = 0.5):
        self.path = Path(str(db) + ".lock")
        self.wait_s = wait_s
        self.poll_s = poll_s
        self._fd: int | None = None

    def __enter__(self) -> DatabaseLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self._holder()
                    os.close(fd)
                    waited = f", encore après {self.wait_s:g} s d'attente" if self.wait_s else ""
                    raise LockBusyError(
                        f"la base {str(self.path)[:-5]} est utilisée par une autre exécution de lsu-analytics "
                        f"(pipeline, load, check ou indicateurs{holder}){waited} (verrou {self.path}). "
                        "Relancez plus tard, ou attendez qu'elle se libère avec --attendre SECONDES "
                        "(ou « verrou: attente_s: » dans le pipeline).") from None
                time.sleep(min(self.poll_s, max(0.0, deadline - time.monotonic())))
        # Who holds it, for the message the next run will print (the lock is the flock, not this text).
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "depuis": datetime.now().astimezone().isoformat(
            timespec="seconds")}).encode())
        self._fd = fd
        return self

    def _holder(self) -> str:
        try:
            info = json.loads(self.path.read_text() or "{}")
            return f" : processus {info['pid']}, depuis {info['depuis']}"
        except (OSError, ValueError, KeyError):
            return ""

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
