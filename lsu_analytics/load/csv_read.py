"""One CSV file into its table, whatever DuckDB's reader stumbles on: the cause, the file and the physical
line of a refusal, never a guess.

- A record longer than DuckDB's default line size is read again with the limit raised to
  MAX_LINE_SIZE; a record longer still is read as an empty stand-in of the same rank and rejected
  alone (`LIGNE_TROP_LONGUE`), never the whole export.
- A file mixing LF and CRLF line endings (or with a blank CRLF line) is rewritten with LF and read again.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import duckdb
import numpy as np

from lsu_analytics.database import resource_error_message

from . import csv_errors, newlines
from .disk import raise_if_disk_full
from .errors import LoadError
from .lines import locate_records

MIB = 1 << 20
DUCKDB_LINE_SIZE = 2_000_000  # DuckDB's default: enough for every real record, and the cheapest
MAX_LINE_SIZE = 256 * MIB  # a record up to this loads (about its size again in memory); longer: rejected
MAX_TOO_LONG = 100  # records over MAX_LINE_SIZE rejected one by one; more: the file is not an export
_DIALECTE = ("", "Vérifiez qu'il respecte le dialecte du contrat (séparateur « ; », guillemets « \" », autant de "
                 "champs que l'en-tête).")


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


class CsvRead:
    """`insert(read)` calls `read(path, max_line_size)` (which runs the INSERT) until it succeeds, and
    returns the path finally read; `too_long` lists the ranks read as stand-ins."""

    def __init__(self, fichier: str, path: Path, width: int, workdir: Path):
        self.fichier, self.path, self.width, self.workdir = fichier, path, width, workdir
        self.too_long: list[int] = []
        self.line_size = DUCKDB_LINE_SIZE
        self._lf = False
        self._copies = 0

    def insert(self, read: Callable[[Path, int], object]) -> Path:
        while True:
            try:
                read(self.path, self.line_size)
                return self.path
            except duckdb.Error as e:
                raise_if_disk_full(e, self.workdir)
                if resource_error_message(e):  # memory ran out, not the file's fault
                    raise LoadError(f"{self.fichier} : {resource_error_message(e)}") from None
                self._recover(csv_errors.parse(str(e)))

    def _recover(self, failure: csv_errors.CsvFailure) -> None:
        if failure.kind == csv_errors.LINE_SIZE and self.line_size < MAX_LINE_SIZE:
            self.line_size = MAX_LINE_SIZE
        elif failure.kind == csv_errors.LINE_SIZE and failure.rank is not None \
                and len(self.too_long) < MAX_TOO_LONG and failure.rank not in self.too_long:
            self._stand_in(failure.rank, failure.numbers[1] if len(failure.numbers) > 1 else None)
        elif failure.kind not in (csv_errors.LINE_SIZE, csv_errors.ENCODING) and not self._lf \
                and newlines.scan(self.path).crlf:  # mixed endings: DuckDB may see a bad state, quote or count
            lf = self._copy_path("lf")
            newlines.to_lf(self.path, lf)
            self._replace(lf)
            self._lf = True
        else:
            raise self._error(failure)

    def _copy_path(self, what: str) -> Path:
        self._copies += 1
        return self.workdir / f"{self.fichier}.{what}-{self._copies}"

    def _replace(self, new: Path) -> None:
        if self.path.parent == self.workdir and self.path.name.startswith(f"{self.fichier}."):
            self.path.unlink(missing_ok=True)  # an earlier working copy
        self.path = new

    def _stand_in(self, rank: int, size: int | None) -> None:
        """Copy the file with record `rank` replaced by a quoted note and empty fields, same line count."""
        _, starts, ends = locate_records(self.path, np.array([rank]))
        start, end = int(starts[0]), int(ends[0])
        with open(self.path, "rb") as src:
            src.seek(start)
            breaks, left = 0, end - start
            while left > 0:
                block = src.read(min(left, 1 << 24))
                breaks += block.count(b"\n")
                left -= len(block)
            cr = False
            if end > start:
                src.seek(end - 1)
                cr = src.read(1) == b"\r"
        note = (f"[ligne de {_n(size or end - start)} octets non recopiée : au-delà de la limite de "
                f"{MAX_LINE_SIZE // MIB} Mio par ligne]").encode()
        stand_in = b'"' + note + b"\n" * breaks + b'"' + b";" * (self.width - 1) + (b"\r" if cr else b"")
        copy = self._copy_path("long")
        with open(self.path, "rb") as src, open(copy, "wb") as dst:
            _copy_range(src, dst, start)
            dst.write(stand_in)
            src.seek(end)
            shutil.copyfileobj(src, dst, 1 << 24)
        self._replace(copy)
        self.too_long.append(rank)

    def _line(self, failure: csv_errors.CsvFailure) -> int | None:
        if failure.record == 1:
            return 1
        if failure.rank is None:
            return None
        lines, _, _ = locate_records(self.path, np.array([failure.rank]))
        return int(lines[0]) or None

    def _error(self, failure: csv_errors.CsvFailure) -> LoadError:
        # Only the position and the cause: DuckDB's "Original Line" may hold personal data.
        line = self._line(failure)
        cause, advice = _DIALECTE
        if failure.kind == csv_errors.COLUMNS:
            expected, found = failure.numbers
            cause = f"{found} champs au lieu des {expected} de l'en-tête"
            advice = "Un « ; » dans un texte doit être entre guillemets. " + advice
        elif failure.kind == csv_errors.UNTERMINATED_QUOTE:
            cause = "guillemet non fermé"
            advice = "Le champ irait jusqu'à la fin du fichier ; un guillemet dans un texte s'écrit « \"\" ». " + advice
        elif failure.kind == csv_errors.ENCODING:
            cause = "octets qui ne sont pas de l'UTF-8"
            advice = "Le fichier n'est pas dans l'encodage déclaré par le manifeste : réexportez-le."
        elif failure.kind == csv_errors.LINE_SIZE:
            cause = f"plus de {MAX_TOO_LONG} lignes dépassent {MAX_LINE_SIZE // MIB} Mio"
            advice = "Ce n'est pas un export LSU : réexportez-le."
        elif failure.kind == csv_errors.INVALID_STATE:
            line = newlines.scan(self.path).lone_line
            if line is not None:
                cause = "retour chariot (CR) seul, hors guillemets"
                advice = "Une ligne se termine par LF ou CRLF : réexportez le fichier."
            else:
                cause = "le lecteur CSV n'a pas pu le découper en lignes, sans donner de position"
        else:
            cause = failure.first_line or "cause non précisée par DuckDB"
        where = f"{self.fichier}, ligne {line}" if line else self.fichier
        return LoadError(f"{where} : fichier illisible ({cause}). {advice}")


def _copy_range(src, dst, length: int) -> None:
    while length > 0:
        block = src.read(min(length, 1 << 24))
        if not block:
            break
        dst.write(block)
        length -= len(block)
