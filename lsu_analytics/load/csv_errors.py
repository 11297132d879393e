"""DuckDB's CSV errors, read for what they say: which record, and why.

Its message is: a first line (`CSV Error on Line: N`, N counting records with the header as 1), the
`Original Line` (raw data, possibly several physical lines: never repeated), the cause, advice, then the
reader's options (`file = ...`, `quote = "` ...: never searched, they name every option). The cause is
the last known sentence before the options, so data that happens to read like one is not taken for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LINE_SIZE, COLUMNS, UNTERMINATED_QUOTE, ENCODING, INVALID_STATE, OTHER = (
    "taille_ligne", "colonnes", "guillemet", "encodage", "etat_invalide", "autre")

_RECORD = re.compile(r"CSV Error on Line: (\d+)")
_CAUSES = [
    (LINE_SIZE, re.compile(r"Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+) bytes")),
    (COLUMNS, re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")),
    (UNTERMINATED_QUOTE, re.compile(r"Value with unterminated quote found\.")),
    (ENCODING, re.compile(r"Invalid unicode \(byte sequence mismatch\) detected")),
    (INVALID_STATE, re.compile(r"The CSV Parser state machine reached an invalid state")),
]


@dataclass(frozen=True)
class CsvFailure:
    kind: str
    record: int | None  # DuckDB's "line": 1 = header, 2 = first data row (records, not physical lines)
    numbers: tuple[int, ...] = ()  # (limit, size) for LINE_SIZE, (expected, found) for COLUMNS
    first_line: str = ""  # DuckDB's first line, for a cause not known here (holds no data)

    @property
    def rank(self) -> int | None:
        """Rank of the data row (0 = first after the header), None for the header or no position."""
        return self.record - 2 if self.record is not None and self.record >= 2 else None


def parse(message: str) -> CsvFailure:
    body = message.split("\n  file = ")[0]
    first = body.strip().splitlines()[0] if body.strip() else ""
    record = _RECORD.search(first)
    found = None
    for kind, pattern in _CAUSES:
        for match in pattern.finditer(body):
            if found is None or match.start() > found[1].start():
                found = (kind, match)
    kind, match = found if found else (OTHER, None)
    numbers = tuple(int(g) for g in match.groups()) if match is not None and match.groups() else ()
    if kind == OTHER and record is None and "Original Line" in body:
        first = first.split("Original Line")[0]
    return CsvFailure(kind, int(record.group(1)) if record else None, numbers,
                      re.sub(r"Original Line:.*", "", first).strip())
