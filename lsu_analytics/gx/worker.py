"""Great Expectations in a process of its own, started at the beginning of `check`.

Importing GX takes ~2.5 s of pure Python. In a thread of the check's own process it
slows the rules down (DuckDB's Python client takes the GIL back between its tasks):
3 s of rules became 6 s at 250,000 pupils. A separate interpreter imports GX on the
other core while the rules run; once they are stored, it validates the suites
(itself in two processes, split.py) and sends back its progress and the GxResult.

A new interpreter (`python -m lsu_analytics.gx.worker`), not a fork: it inherits no
thread pool or DuckDB instance of the caller, and does not re-run the caller's
script (multiprocessing's spawn would import its main module again). Requests and
answers travel through two pipes of their own (stdout stays free for anything
GX may print).
"""
from __future__ import annotations

import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable

from .result import GxError, GxResult

Progress = Callable[[str, int, int], None]


class GxWorker:
    """A worker process importing GX from its start; `validate()` once, then it ends."""

    def __init__(self) -> None:
        request_r, request_w = os.pipe()
        answer_r, answer_w = os.pipe()
        try:
            self._process = subprocess.Popen([sys.executable, "-m", __name__, str(request_r), str(answer_w)],
                                             pass_fds=(request_r, answer_w), stdin=subprocess.DEVNULL)
        finally:
            os.close(request_r)
            os.close(answer_w)
        self._requests = Connection(request_w, readable=False)
        self._answers = Connection(answer_r, writable=False)
        self._asked = False

    def validate(self, db: Path, out_dir: Path, rule_ids: list[str] | None = None,
                 progress: Progress | None = None, *, processes: int = 2) -> GxResult:
        """lsu_analytics.gx.run.validate in the worker; its progress is reported here, in this thread."""
        self._asked = True
        try:
            self._requests.send({"db": str(db), "out_dir": str(out_dir), "rule_ids": rule_ids,
                                 "processes": processes})
        except OSError:
            pass  # it died: said below, with its exit code
        while True:
            try:
                kind, payload = self._answers.recv()
            except EOFError:
                code = self._process.wait()
                raise GxError(f"le processus Great Expectations s'est arrêté (code {code}) ; relancer "
                              "`lsu-analytics check`.") from None
            if kind == "progres":
                if progress:
                    progress(*payload)
            elif kind == "ok":
                return payload
            elif kind == "erreur_gx":
                raise GxError(payload)
            else:
                raise GxError(f"la couche Great Expectations a échoué ({payload}) ; relancer `lsu-analytics check`.")

    def close(self) -> None:
        """End the worker (at once if it was never asked anything) and reap it; idempotent."""
        if not self._asked and self._process.poll() is None:
            self._process.terminate()
        self._requests.close()
        self._answers.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def _serve(requests: Connection, answers: Connection) -> None:
    try:
        from . import run  # the reason for this process: GX is imported while the caller runs the rules
    except BaseException as e:  # told once the caller asks
        failure: BaseException | None = e
    else:
        failure = None
    try:
        request = requests.recv()
    except EOFError:  # the caller gave up (its rules failed)
        return
    if failure is not None:
        answers.send(("erreur", f"import de Great Expectations impossible : {type(failure).__name__} : {failure}"))
        return
    try:
        result = run.validate(Path(request["db"]), Path(request["out_dir"]), rule_ids=request["rule_ids"],
                              progress=lambda *step: answers.send(("progres", step)),
                              processes=request["processes"])
    except GxError as e:
        answers.send(("erreur_gx", str(e)))
    except BaseException as e:
        answers.send(("erreur", f"{type(e).__name__} : {e}"))
    else:
        answers.send(("ok", result))


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
    # Its work is written and sent: skip the interpreter's teardown of GX's objects (~0.8 s), which the
    # caller would wait for.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
