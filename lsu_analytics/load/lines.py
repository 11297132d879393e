"""Physical line and raw text of a few CSV records, found by their rank among data rows.

DuckDB gives a row's rank, not its line: a quoted field may hold line breaks, and DuckDB skips
blank lines. A newline ends a record when the number of `"` before it is even (`""` adds two);
numpy finds those newlines chunk by chunk, so no Python loop runs over the file's rows.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

NL, CR, QUOTE = 10, 13, 34


def locate_records(path: Path, ranks: np.ndarray, block: int = 1 << 24) -> tuple[np.ndarray, list[str]]:
    """For data-row ranks (0 = first row after the header): 1-based physical line, raw text."""
    ranks = np.asarray(ranks, dtype=np.int64)
    wanted = ranks + 1  # record 0 is the header
    found_start = np.full(len(wanted), -1, dtype=np.int64)
    found_end = np.full(len(wanted), -1, dtype=np.int64)
    found_line = np.zeros(len(wanted), dtype=np.int64)
    records = 0  # non-blank records seen so far
    newlines = 0  # newlines seen so far
    quotes = 0  # parity of quotes seen so far
    prev_end = -1  # absolute position of the last record-ending newline
    prev_end_line = 0  # its 1-based line number (0: start of file)
    last_byte = -1  # last byte of the previous block
    size = path.stat().st_size

    def take(starts, ends, lines):
        nonlocal records
        idx = np.arange(records, records + len(starts))
        pos = np.searchsorted(idx, wanted)
        hit = (pos < len(idx)) & (idx[np.minimum(pos, len(idx) - 1)] == wanted) if len(idx) else np.zeros(len(wanted), bool)
        found_start[hit] = starts[pos[hit]]
        found_end[hit] = ends[pos[hit]]
        found_line[hit] = lines[pos[hit]]
        records += len(starts)

    with open(path, "rb") as f:
        offset = 0
        while chunk := f.read(block):
            b = np.frombuffer(chunk, dtype=np.uint8)
            nl = np.flatnonzero(b == NL)
            q = np.flatnonzero(b == QUOTE)
            closes = (np.searchsorted(q, nl) + quotes) % 2 == 0
            ends = nl[closes] + offset
            end_lines = np.flatnonzero(closes) + newlines + 1
            prevs = np.concatenate(([prev_end], ends[:-1]))
            prev_lines = np.concatenate(([prev_end_line], end_lines[:-1]))
            gap = ends - prevs
            before = np.where(ends - 1 - offset >= 0, b[np.maximum(ends - 1 - offset, 0)], last_byte)
            blank = (gap == 1) | ((gap == 2) & (before == CR))
            keep = ~blank
            take(prevs[keep] + 1, ends[keep], prev_lines[keep] + 1)
            if len(ends):
                prev_end, prev_end_line = int(ends[-1]), int(end_lines[-1])
            newlines += len(nl)
            quotes = (quotes + len(q)) % 2
            last_byte = int(b[-1])
            offset += len(chunk)
        # A last record without a final newline.
        tail = size - prev_end - 1
        if tail > 0 and not (tail == 1 and last_byte == CR):
            take(np.array([prev_end + 1]), np.array([size]), np.array([prev_end_line + 1]))

        raws = []
        for start, end in zip(found_start.tolist(), found_end.tolist()):
            if start < 0:
                raws.append(None)
                continue
            f.seek(start)
            raw = f.read(end - start)
            if start == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raws.append(raw.decode("utf-8", errors="replace").removesuffix("\r"))
    return found_line, raws
