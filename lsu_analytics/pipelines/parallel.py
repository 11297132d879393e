"""Run jobs in worker processes, at most N at a time (papermill starts kernels: one report per worker at once).

A worker runs one job after another, so what a job sets up once (a report's Jupyter kernel, with pandas and
Altair imported) serves the next ones. A job that crashes its worker or hangs fails alone: that worker is
stopped with everything it started, and a fresh one takes the remaining jobs.
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
    fn: Callable  # a module-level function (it is pickled by name into the worker)
    args: tuple
    alone: bool = False  # its worker ends after it (a job that leaves much memory behind, e.g. Great Expectations)


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
GOODBYE_S = 30.0  # an idle worker told to stop has this long to end its kernel and exit


def _worker(conn, sys_path: list[str], at_exit: str | None) -> None:
    # Own process group: a timeout stops the worker and what it started in its group. Its kernel has a session
    # of its own (jupyter_client) and ends as its parent dies (ipykernel watches it), within a second here.
    os.setpgrp()
    # The fork server does not carry the parent's sys.path: the functions are found by name, with it.
    sys.path[:0] = [p for p in sys_path if p not in sys.path]
    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            ref, args = task
            try:
                message = ("ok", _resolve(ref)(*args))
            except BaseException as e:  # noqa: BLE001 - everything is reported to the parent
                message = ("erreur", type(e).__name__, str(e) or traceback.format_exc(limit=1))
            conn.send(message)
    finally:
        conn.close()
        if at_exit:
            _resolve(at_exit)()


@dataclass
class _Slot:
    proc: Any
    conn: Any
    job: Job | None = None
    started: float = 0.0


def _stop(proc) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            proc.kill()  # not yet in its own group
        proc.join(2)
        if proc.exitcode is not None:
            return


def _say_goodbye(slot: _Slot) -> None:
    """Tell an idle worker to end: it stops its kernel and exits (see _join)."""
    try:
        slot.conn.send(None)
    except (OSError, ValueError):
        pass


def _join(slot: _Slot) -> None:
    slot.proc.join(GOODBYE_S)
    if slot.proc.exitcode is None:
        _stop(slot.proc)
    slot.conn.close()


def _context():
    # Not a plain fork: the parent has threads (rich) and maybe DuckDB handles. A fork server is a fresh,
    # thread-free process that imports this package once, then forks each worker quickly.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["lsu_analytics.pipelines.steps"])
        return ctx
    return mp.get_context("spawn")


def run_parallel(jobs: list[Job], max_workers: int, timeout_s: float | None = None,
                 on_start: Callable[[Job], None] | None = None,
                 on_done: Callable[[JobOutcome], None] | None = None,
                 at_worker_exit: Callable[[], None] | None = None) -> dict[str, JobOutcome]:
    """Run `jobs` in order on at most `max_workers` workers; `at_worker_exit` (a module-level function)
    runs in each worker as it ends normally (e.g. to stop the kernel it kept)."""
    ctx = _context()
    pending = deque(jobs)
    slots: list[_Slot] = []
    leaving: list[_Slot] = []  # told to end, joined at the end
    outcomes: dict[str, JobOutcome] = {}
    at_exit = _reference(at_worker_exit) if at_worker_exit else None

    def finish(slot: _Slot, outcome: JobOutcome) -> None:
        outcomes[outcome.key] = outcome
        slot.job = None
        if on_done:
            on_done(outcome)

    def retire(slot: _Slot, dismiss: bool) -> None:
        slots.remove(slot)
        if dismiss:
            _say_goodbye(slot)
            leaving.append(slot)
        else:
            _stop(slot.proc)
            slot.conn.close()

    # While jobs run, a stop signal only raises a flag: an exception in the middle of starting a process
    # would orphan it. The loop then stops every job and the signal's usual handler runs.
    stop: list[int] = []
    previous = _trap(STOP_SIGNALS, stop.append)
    try:
        while (pending or any(s.job for s in slots)) and not stop:
            for slot in [s for s in slots if s.job is None]:
                if not pending:
                    retire(slot, dismiss=True)  # nothing left for it
            while pending and len(slots) < max(1, max_workers) and not stop:
                here, there = ctx.Pipe(duplex=True)
                proc = ctx.Process(target=_worker, args=(there, list(sys.path), at_exit), name="lsu-rapports")
                proc.start()
                there.close()
                slots.append(_Slot(proc, here))
            for slot in slots:
                if slot.job is None and pending and not stop:
                    job = pending.popleft()
                    slot.job, slot.started = job, time.monotonic()
                    slot.conn.send((_reference(job.fn), job.args))
                    if on_start:
                        on_start(job)
            busy = [s for s in slots if s.job is not None]
            deadlines = [s.started + timeout_s for s in busy] if timeout_s else []
            wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else POLL_S
            ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=min(wait_s, POLL_S)))
            for slot in busy:
                job, elapsed = slot.job, time.monotonic() - slot.started
                if slot.conn in ready:
                    try:
                        message = slot.conn.recv()
                    except (EOFError, OSError):
                        message = None
                    if message is None:  # the worker died during the job
                        slot.proc.join()
                        retire(slot, dismiss=False)
                    elif job.alone:
                        retire(slot, dismiss=True)
                    finish(slot, _outcome(job.key, message, slot.proc.exitcode, elapsed))
                elif slot.proc.sentinel in ready:
                    slot.proc.join()
                    retire(slot, dismiss=False)
                    finish(slot, _outcome(job.key, None, slot.proc.exitcode, elapsed))
                elif timeout_s and elapsed >= timeout_s:
                    retire(slot, dismiss=False)
                    finish(slot, JobOutcome(job.key, False, error_type="DelaiDepasse",
                                            error=f"arrêté après {timeout_s:g} s (délai « delai_rapport_s » dépassé)",
                                            duration_s=elapsed))
    finally:
        for slot in list(slots):
            retire(slot, dismiss=slot.job is None and not stop)
        for slot in leaving:
            _join(slot) if not stop else _stop(slot.proc)
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
