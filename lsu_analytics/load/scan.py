"""One read of each export file, in a thread while DuckDB loads: its sha256 (checked against the manifest)
and its line breaks counted per block, so that the line of a rejected record is found without reading
the whole file again (lines.locate_by_line)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BLOCK = 1 << 20
NL = 10


@dataclass(frozen=True)
class FileScan:
    sha256: str
    block: int  # bytes per block
    newlines: np.ndarray  # line breaks (LF) in each block
    lines: int  # physical lines: line breaks, plus a last line that has none

    def one_record_per_line(self, records: int) -> bool:
        """True when the header and the `records` DuckDB read fill every line, one line each: then no
        line is blank and no quoted field holds a line break (either would leave fewer records than
        lines), and record r is on line r + 2."""
        return self.lines == records + 1


def scan_file(path: Path) -> FileScan:
    h = hashlib.sha256()
    counts = []
    last = b""
    with open(path, "rb") as f:
        while chunk := f.read(BLOCK):
            h.update(chunk)  # hashlib releases the GIL: the load's other threads go on meanwhile
            counts.append(np.count_nonzero(np.frombuffer(chunk, dtype=np.uint8) == NL))
            last = chunk[-1:]
    newlines = np.array(counts, dtype=np.int64)
    total = int(newlines.sum())
    return FileScan(h.hexdigest(), BLOCK, newlines, total + (1 if last not in (b"", b"\n") else 0))
