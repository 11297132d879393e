"""Validate the suites in two processes: GX's validation is single-threaded Python.

After the rules, the machine's second core would sit idle while GX walks its
suites one by one (~5 s at 250,000 pupils, two thirds of it Python). The process
forks once: the child validates about half of the suites (by estimated cost) on
its own read-only engine and renders their Data Docs pages in a directory of its
own, then sends its outcomes through a pipe; the parent validates the rest, then
moves the child's pages beside its own.

Fork, not spawn: the child inherits the imported GX (~2.5 s to import again).
The caller must hold no open DuckDB connection in this process (the child would
inherit an instance without its threads): `check` closes its own before. A fork
can still inherit a library's thread pool without its threads (polars does that);
so if the child fails, dies or stays silent far longer than the parent took for
its own half, its suites are validated again here: the check is slower, never
wrong nor stuck.
"""
from __future__ import annotations

import logging
import multiprocessing
import shutil
import time
from pathlib import Path
from typing import Callable, Sequence

from .result import SuiteOutcome

# run_part(plan_part, docs_dir, progress) -> outcomes of that part, Data Docs pages in docs_dir.
RunPart = Callable[[list, Path, Callable[[str], None] | None], list[SuiteOutcome]]

_log = logging.getLogger(__name__)

# Estimated seconds of one suite at 250,000 pupils: GX's Python per expectation, DuckDB per row.
_PER_EXPECTATION_S, _PER_ROW_S = 0.01, 1e-7
# How long the parent waits for the child once its own half is done: its time x factor, at least the minimum.
WAIT_FACTOR, WAIT_MIN_S = 5.0, 60.0


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def split_plan(plan: list, sizes: dict[str, int]) -> tuple[list, list]:
    """(child's part, parent's part), each in plan order, of about the same estimated cost.

    The last suite (the rules suite, if any) stays with the parent, which finishes the Data Docs.
    """
    def cost(item) -> float:
        suite, table, _ = item
        return len(suite.expectations) * _PER_EXPECTATION_S + sizes.get(table, 0) * _PER_ROW_S

    parent, child = [len(plan) - 1], []
    loads = [cost(plan[-1]), 0.0]  # parent, child
    for i in sorted(range(len(plan) - 1), key=lambda i: -cost(plan[i])):
        side = 0 if loads[0] <= loads[1] else 1
        (parent if side == 0 else child).append(i)
        loads[side] += cost(plan[i])
    return [plan[i] for i in sorted(child)], [plan[i] for i in sorted(parent)]


def validate_in_two(plan: list, sizes: dict[str, int], docs_dir: Path, run_part: RunPart,
                    progress: Callable[[str], None] | None = None) -> list[SuiteOutcome]:
    """Every suite of `plan` validated, the outcomes in plan order; Data Docs pages all in `docs_dir`."""
    child_part, own_part = split_plan(plan, sizes)
    child_docs = docs_dir.with_name(docs_dir.name + ".partie")
    if child_docs.exists():
        shutil.rmtree(child_docs)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, run_part, child_part, child_docs),
                            name="lsu-gx-suites", daemon=True)
    child.start()
    sender.close()
    try:
        started = time.perf_counter()
        own = run_part(own_part, docs_dir, progress)
        patience = max(WAIT_MIN_S, WAIT_FACTOR * (time.perf_counter() - started))
        status, payload = _answer(receiver, child, patience)
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()
    if status == "ok":
        _move_pages(child_docs, docs_dir)
        theirs = payload
    else:  # see the module's docstring: the same suites, here, once more
        _log.warning("second processus Great Expectations : %s ; ses %d suites sont validées dans le processus "
                     "principal.", payload, len(child_part))
        if child_docs.exists():
            shutil.rmtree(child_docs)
        theirs = run_part(child_part, child_docs, progress)
        _move_pages(child_docs, docs_dir)
    by_name = {o.name: o for o in own + theirs}
    return [by_name[suite.name] for suite, _, _ in plan]


def _answer(receiver, child, patience: float) -> tuple[str, object]:
    """("ok", outcomes) from the child, or ("erreur", why) if it failed, died or stayed silent."""
    if not receiver.poll(patience):
        return "erreur", f"pas de réponse après {patience:.0f} s"
    try:
        return receiver.recv()
    except EOFError:  # it died without a word
        child.join()
        return "erreur", f"processus arrêté, code {child.exitcode}"


def _child(sender, run_part: RunPart, part: Sequence, docs_dir: Path) -> None:
    try:
        outcomes = run_part(list(part), docs_dir, None)
    except BaseException as e:  # told to the parent, which validates these suites itself
        sender.send(("erreur", f"{type(e).__name__} : {e}"))
    else:
        sender.send(("ok", outcomes))
    finally:
        sender.close()


def _move_pages(source: Path, target: Path) -> None:
    """The child's suite pages (validations/, expectations/) into the parent's site; the rest is the same."""
    for section in ("validations", "expectations"):
        for entry in sorted((source / section).glob("*")):
            destination = target / section / entry.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(entry), str(destination))
    shutil.rmtree(source)
