"""Validate the suites in two processes: GX's validation is single-threaded Python.

After the rules, the machine's second core would sit idle while GX walks its
suites one by one (~5 s at 250,000 pupils, two thirds of it Python). The process
forks once: the child validates about half of the suites (by estimated cost) on
its own read-only engine and renders their Data Docs pages in a directory of its
own, then sends its outcomes through a pipe; the parent validates the rest, then
moves the child's pages beside its own.

Fork, not spawn: the child inherits the imported GX (~2.5 s to import again).
The caller must hold no open DuckDB connection in this process (the child would
inherit an instance without its threads): `check` closes its own before.
"""
from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from typing import Callable, Sequence

from .result import GxError, SuiteOutcome

# run_part(plan_part, docs_dir, progress) -> outcomes of that part, Data Docs pages in docs_dir.
RunPart = Callable[[list, Path, Callable[[str], None] | None], list[SuiteOutcome]]

# Estimated seconds of one suite at 250,000 pupils: GX's Python per expectation, DuckDB per row.
_PER_EXPECTATION_S, _PER_ROW_S = 0.01, 1e-7


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
        own = run_part(own_part, docs_dir, progress)
        try:
            status, payload = receiver.recv()
        except EOFError:  # the child died without a word
            child.join()
            status, payload = "erreur", f"processus arrêté, code {child.exitcode}"
    finally:
        receiver.close()
        child.join()
    if status != "ok":
        raise GxError(f"la validation Great Expectations de {', '.join(s.name for s, _, _ in child_part)} a échoué "
                      f"dans le second processus ({payload}) ; relancer `lsu-analytics check`.")
    _move_pages(child_docs, docs_dir)
    by_name = {o.name: o for o in own + payload}
    return [by_name[suite.name] for suite, _, _ in plan]


def _child(sender, run_part: RunPart, part: Sequence, docs_dir: Path) -> None:
    try:
        outcomes = run_part(list(part), docs_dir, None)
    except BaseException as e:  # told to the parent, which raises it in French
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
