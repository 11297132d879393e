"""What can go wrong with an LSU import file: a refusal (exception) or a problem (reported, with its line)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERREUR = "erreur"  # the file is invalid: LSU would refuse it as a whole; not loaded
AVERTISSEMENT = "avertissement"  # read and loaded, but worth a look


class XmlImportError(Exception):
    """A file refused outright (hostile, unreadable, not found). The message is in French and
    names the file, the line when known, and what to do."""

    def __init__(self, path: Path | str, quoi: str, faire: str, ligne: int | None = None):
        self.path = Path(path)
        self.ligne = ligne
        self.quoi = quoi
        self.faire = faire
        where = f"{self.path}" + (f", ligne {ligne}" if ligne else "")
        super().__init__(f"{where} : {quoi} {faire}")


@dataclass(frozen=True)
class Problem:
    """One finding about a file, always with its line (0 when the whole file is concerned)."""
    ligne: int
    severite: str  # ERREUR or AVERTISSEMENT
    source: str  # "XSD" or "structure"
    message: str

    def __str__(self) -> str:
        return f"ligne {self.ligne} : [{self.source}] {self.message}"
