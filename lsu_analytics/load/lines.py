"""Physical line and raw text of a few CSV records, found by their rank among data rows.

DuckDB gives a row's rank, not its line: a quoted field may hold line breaks, and DuckDB skips
blank lines. A newline ends a record when the number of `"` before it is even (`""` adds two);
numpy finds those newlines chunk by chunk, so no Python loop runs over the file's rows.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

NL, CR, QUOTE = 10, 13, 34


def locate_records(path: Path, ranks: np.ndarray, block: int = 1 << 24
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For sorted data-row ranks (0 = first row after the header): 1-based physical line, start and end
    byte offsets of the record (end excludes the line break). A rank beyond the file gets line 0."""
    wanted = np.asarray(ranks, dtype=np.int64) + 1  # record 0 is the header
    found_start = np.zeros(len(wanted), dtype=np.int64)
    found_end = np.zeros(len(wanted), dtype=np.int64)
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
        pos = wanted - records
        hit = (pos >= 0) & (pos < len(starts))
        found_start[hit] = starts[pos[hit]]
        found_end[hit] = ends[pos[hit]]
        found_line[hit] = lines[pos[hit]]
        records += len(starts)

    last_wanted = int(wanted.max()) if len(wanted) else -1
    with open(path, "rb") as f:
        offset = 0
        while records <= last_wanted and (chunk := f.read(block)):
            b = np.frombuffer(chunk, dtype=np.uint8)
            nl = np.flatnonzero(b == NL)
            if quotes == 0 and b'"' not in chunk:  # the usual chunk: every newline ends a record
                closes = None
                ends = nl + offset
            else:
                q = np.flatnonzero(b == QUOTE)
                closes = (np.searchsorted(q, nl) + quotes) % 2 == 0
                ends = nl[closes] + offset
                quotes = (quotes + len(q)) % 2
            gap = np.diff(ends, prepend=prev_end)
            blank = gap == 1  # blank lines are not records: LF right after a record's end, or CR LF
            crlf = np.flatnonzero(gap == 2)
            if len(crlf):
                at = ends[crlf] - 1 - offset
                blank[crlf] = np.where(at >= 0, b[np.maximum(at, 0)], last_byte) == CR
            kept = len(ends) - int(np.count_nonzero(blank))
            first = np.searchsorted(wanted, records)
            if first < len(wanted) and wanted[first] < records + kept:  # some record wanted here
                end_lines = (np.arange(len(nl)) if closes is None else np.flatnonzero(closes)) + newlines + 1
                prevs = np.concatenate(([prev_end], ends[:-1]))
                prev_lines = np.concatenate(([prev_end_line], end_lines[:-1]))
                keep = ~blank
                take(prevs[keep] + 1, ends[keep], prev_lines[keep] + 1)
            else:
                records += kept
            if len(ends):
                prev_end = int(ends[-1])
                prev_end_line = newlines + 1 + (len(nl) - 1 if closes is None else int(np.flatnonzero(closes)[-1]))
            newlines += len(nl)
            last_byte = int(b[-1])
            offset += len(chunk)
    tail = size - prev_end - 1  # a last record without a final newline
    if records <= last_wanted and tail > 0 and not (tail == 1 and last_byte == CR):
        take(np.array([prev_end + 1]), np.array([size]), np.array([prev_end_line + 1]))
    return found_line, found_start, found_end


def locate_by_line(path: Path, ranks: np.ndarray, newlines: np.ndarray, block: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """locate_records for a file whose every line is one record (FileScan.one_record_per_line): record r
    is on line r + 2, between the (r + 1)-th line break and the next; `newlines` (line breaks per block of
    `block` bytes) says which blocks hold them, and only those blocks are read."""
    ranks = np.asarray(ranks, dtype=np.int64)
    before = np.concatenate(([0], np.cumsum(newlines)))  # line breaks before each block
    size = path.stat().st_size
    wanted = np.unique(np.concatenate([ranks + 1, ranks + 2]))  # ordinals (from 1) of the line breaks
    position = {}
    with open(path, "rb") as f:
        for k in np.unique(np.searchsorted(before, wanted[wanted <= before[-1]], side="left") - 1):
            f.seek(int(k) * block)
            breaks = np.flatnonzero(np.frombuffer(f.read(block), dtype=np.uint8) == NL) + int(k) * block
            for n in wanted[(wanted > before[k]) & (wanted <= before[k + 1])]:
                position[int(n)] = int(breaks[n - before[k] - 1])
    starts = np.array([position[int(n)] + 1 for n in ranks + 1], dtype=np.int64)
    ends = np.array([position.get(int(n), size) for n in ranks + 2], dtype=np.int64)  # last line: to the end
    return ranks + 2, starts, ends


def raw_text(path: Path, starts: np.ndarray, ends: np.ndarray, batch: int = 100_000) -> pa.ChunkedArray:
    """The bytes [start, end) of each record as text (final CR dropped), gathered without a Python loop
    per record: an Arrow string array is built straight from the file's bytes."""
    if len(starts) == 0:
        return pa.chunked_array([], type=pa.large_string())
    data = np.memmap(path, dtype=np.uint8, mode="r")
    chunks = []
    for i in range(0, len(starts), batch):
        s, e = starts[i:i + batch], ends[i:i + batch]
        e = e - ((e > s) & (data[np.maximum(e - 1, 0)] == CR))
        lengths = e - s
        offsets = np.zeros(len(s) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        index = np.repeat(s - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
        text = pa.LargeStringArray.from_buffers(len(s), pa.py_buffer(offsets), pa.py_buffer(data[index]))
        try:
            text.validate(full=True)
        except pa.ArrowInvalid:  # not UTF-8: DuckDB would have refused the file; decode leniently anyway
            text = pa.array([bytes(data[a:b]).decode("utf-8", errors="replace") for a, b in zip(s, e)],
                            type=pa.large_string())
        chunks.append(text)
    return pa.chunked_array(chunks)
