"""Run jobs in separate processes, at most N at a time (papermill starts kernels: one process per report).

Each job gets its own process, so one that crashes or hangs fails alone: the others go on.
"""
from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable


@dataclass(frozen=True)
class Job:
    key: str
    fn: Callable  # a module-level function (it is pickled by name into a fresh process)
    args: tuple


@dataclass(frozen=True)
class JobOutcome:
    key: str
    ok: bool
    value: Any = None
    error_type: str | None = None
    error: str | None = None
    duration_s: float = 0.0


def _reference(fn: Callable) -> str:
    if "<" in fn.__qualname__:
        raise ValueError(f"{fn.__qualname__} : une étape de rapport doit être une fonction de module")
    return f"{fn.__module__}:{fn.__qualname__}"


def _resolve(ref: str) -> Callable:
    module, _, name = ref.partition(":")
    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
POLL_S = 0.3  # how soon a stop request is acted on


def _child(conn, ref: str, sys_path: list[str], args) -> None:
    # Own process group: a timeout then stops the kernels this job started too.
    os.setpgrp()
    # The fork server does not carry the parent's sys.path: the function is found by name, with it.
    sys.path[:0] = [p for p in sys_path if p not in sys.path]
    try:
        conn.send(("ok", _resolve(ref)(*args)))
    except BaseException as e:  # noqa: BLE001 - everything is reported to the parent
        conn.send(("erreur", type(e).__name__, str(e) or traceback.format_exc(limit=1)))
    finally:
        conn.close()


def _stop(proc) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            proc.kill()  # not yet in its own group
        proc.join(2)
        if proc.exitcode is not None:
            return


def _context():
    # Not a plain fork: the parent has threads (rich) and maybe DuckDB handles. A fork server is a fresh,
    # thread-free process that imports this package once, then forks each job quickly.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["lsu_analytics.pipelines.steps"])
        return ctx
    return mp.get_context("spawn")


def run_parallel(jobs: list[Job], max_workers: int, timeout_s: float | None = None,
                 on_start: Callable[[Job], None] | None = None,
                 on_done: Callable[[JobOutcome], None] | None = None) -> dict[str, JobOutcome]:
    ctx = _context()
    pending = deque(jobs)
    running: dict[str, tuple] = {}  # key -> (job, proc, conn, started, message)
    outcomes: dict[str, JobOutcome] = {}

    def finish(key: str, outcome: JobOutcome) -> None:
        outcomes[key] = outcome
        running.pop(key)
        if on_done:
            on_done(outcome)

    # While jobs run, a stop signal only raises a flag: an exception in the middle of starting a process
    # would orphan it. The loop then stops every job and the signal's usual handler runs.
    stop: list[int] = []
    previous = _trap(STOP_SIGNALS, stop.append)
    try:
        while (pending or running) and not stop:
            while pending and len(running) < max(1, max_workers) and not stop:
                job = pending.popleft()
                recv_end, send_end = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(send_end, _reference(job.fn), list(sys.path), job.args),
                                   name=f"lsu-{job.key}")
                proc.start()
                running[job.key] = [job, proc, recv_end, time.monotonic(), None]
                send_end.close()
                if on_start:
                    on_start(job)
            deadlines = [r[3] + timeout_s for r in running.values()] if timeout_s else []
            wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else POLL_S
            wait_s = min(wait_s, POLL_S)
            watched = [r[1].sentinel for r in running.values()] + [r[2] for r in running.values() if r[4] is None]
            ready = set(wait(watched, timeout=wait_s))
            for key, entry in list(running.items()):
                job, proc, conn, started, message = entry
                if conn in ready and message is None:
                    try:
                        entry[4] = message = conn.recv()
                    except (EOFError, OSError):
                        entry[4] = message = ("mort",)
                elapsed = time.monotonic() - started
                if proc.sentinel in ready or (message is not None and proc.exitcode is not None):
                    proc.join()
                    conn.close()
                    finish(key, _outcome(key, message, proc.exitcode, elapsed))
                elif timeout_s and elapsed >= timeout_s:
                    _stop(proc)
                    conn.close()
                    finish(key, JobOutcome(key, False, error_type="DelaiDepasse",
                                           error=f"arrêté après {timeout_s:g} s (délai « delai_rapport_s » dépassé)",
                                           duration_s=elapsed))
    finally:
        for _job, proc, conn, *_ in running.values():
            _stop(proc)
            conn.close()
        _restore(previous)
    if stop:
        _redeliver(stop[0], previous)
    return outcomes


def _trap(signals, record) -> dict:
    if threading.current_thread() is not threading.main_thread():
        return {}  # only the main thread may set handlers; a run in a thread is stopped by its owner
    return {sig: signal.signal(sig, lambda signum, _frame: record(signum)) for sig in signals}


def _restore(previous: dict) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def _redeliver(signum: int, previous: dict) -> None:
    handler = previous.get(signum, signal.SIG_DFL)
    if callable(handler):
        handler(signum, None)  # e.g. the CLI's SIGTERM handler: sys.exit(143); Python's SIGINT one
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    if handler != signal.SIG_IGN:
        raise SystemExit(128 + signum)


def _outcome(key: str, message, exitcode: int | None, elapsed: float) -> JobOutcome:
    if message and message[0] == "ok":
        return JobOutcome(key, True, value=message[1], duration_s=elapsed)
    if message and message[0] == "erreur":
        return JobOutcome(key, False, error_type=message[1], error=message[2], duration_s=elapsed)
    return JobOutcome(key, False, error_type="ProcessusInterrompu",
                      error=f"le processus du rapport s'est arrêté sans résultat (code {exitcode})", duration_s=elapsed)
