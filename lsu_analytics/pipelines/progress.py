"""What a run prints as it goes (rich): one line per step, a progress bar for the reports on a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lsu_analytics.common.nombres import secondes

from .index_page import STATUT_LIBELLES
from .record import StepRecord, summary

SYMBOLS = {"reussi": "[green]✓[/]", "echec": "[red]✗[/]", "ignore": "[blue]=[/]", "non_execute": "[dim]–[/]"}


class RunProgress:
    def __init__(self, console: Console):
        self.console = console
        self._progress: Progress | None = None
        self._task = None

    def info(self, message: str) -> None:
        self.console.print(message, highlight=False)

    def step_start(self, rec: StepRecord) -> None:
        if self._progress is None:
            self.console.print(f"[dim]…[/] {rec.libelle}", highlight=False)

    def step_end(self, rec: StepRecord) -> None:
        duree = f" ({secondes(rec.duree_s)})" if rec.duree_s is not None else ""
        text = rec.message or (summary(rec.type, rec.details) if rec.statut == "reussi" else None)
        msg = f" — {text}" if text else ""
        line = f"{SYMBOLS.get(rec.statut, '?')} {rec.libelle} : {STATUT_LIBELLES.get(rec.statut, rec.statut)}{duree}"
        target = self._progress.console if self._progress else self.console
        target.print(line + msg, highlight=False, markup=True)
        if self._progress is not None and rec.type == "rapport":
            self._progress.advance(self._task)

    def reports_start(self, total: int, workers: int) -> None:
        self.info(f"Rendu de {total} rapport(s), {workers} à la fois.")
        if total and self.console.is_terminal:
            self._progress = Progress(TextColumn("Rapports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                      console=self.console, transient=True)
            self._task = self._progress.add_task("rapports", total=total)
            self._progress.start()

    def reports_end(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
