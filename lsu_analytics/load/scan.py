"""One read of each export file, in a thread while DuckDB loads: its sha256 (checked against the manifest)
and its line breaks counted per block, so that the line of a rejected record is found without reading
the whole file again (lines.locate_by_line)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lsu_analytics.common.digest import sha256_file

from .lines import NL

BLOCK = 1 << 20


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
    counts: list[int] = []
    last = [b""]  # the file's last byte, as the blocks go by

    def count(chunk: bytes) -> None:
        counts.append(int(np.count_nonzero(np.frombuffer(chunk, dtype=np.uint8) == NL)))
        last[0] = chunk[-1:]

    sha256 = sha256_file(path, BLOCK, count)  # one read: hashlib releases the GIL, DuckDB goes on meanwhile
    newlines = np.array(counts, dtype=np.int64)
    # A last line without a line break is a line too.
    return FileScan(sha256, BLOCK, newlines, int(newlines.sum()) + (1 if last[0] not in (b"", b"\n") else 0))
