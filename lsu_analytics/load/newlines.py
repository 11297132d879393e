"""Line endings a reader accepts: LF, CRLF, or a mix of both. DuckDB's strict reader wants one kind per
file, so a file that mixes them is rewritten with LF (outside quotes only: a quoted CRLF is data).

Only a file DuckDB refused is scanned; line numbers are kept (each CRLF becomes one LF).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

NL, CR, QUOTE = 10, 13, 34
BLOCK = 1 << 24


@dataclass(frozen=True)
class CarriageReturns:
    crlf: int  # unquoted CR LF pairs
    lone_line: int | None  # physical line of the first unquoted CR not followed by LF


def _blocks(path: Path, block: int):
    """Blocks that never end between a CR and its LF."""
    with open(path, "rb") as f:
        while chunk := f.read(block):
            if chunk[-1] == CR:
                chunk += f.read(1)
            yield np.frombuffer(chunk, dtype=np.uint8)


def _unquoted_cr(b: np.ndarray, quotes: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the unquoted CRs of a block, and whether each is followed by LF."""
    cr = np.flatnonzero(b == CR)
    q = np.flatnonzero(b == QUOTE)
    cr = cr[(np.searchsorted(q, cr) + quotes) % 2 == 0]
    nxt = np.minimum(cr + 1, len(b) - 1)
    return cr, (cr + 1 < len(b)) & (b[nxt] == NL)


def scan(path: Path, block: int = BLOCK) -> CarriageReturns:
    crlf, quotes, lines = 0, 0, 1
    for b in _blocks(path, block):
        cr, paired = _unquoted_cr(b, quotes)
        crlf += int(paired.sum())
        if (~paired).any():
            first = int(cr[~paired][0])
            return CarriageReturns(crlf, lines + int(np.count_nonzero(b[:first] == NL)))
        quotes = (quotes + int(np.count_nonzero(b == QUOTE))) % 2
        lines += int(np.count_nonzero(b == NL))
    return CarriageReturns(crlf, None)


def to_lf(src: Path, dst: Path, block: int = BLOCK) -> None:
    """Copy `src` to `dst` with every unquoted CRLF written LF."""
    quotes = 0
    with open(dst, "wb") as out:
        for b in _blocks(src, block):
            cr, paired = _unquoted_cr(b, quotes)
            keep = np.ones(len(b), dtype=bool)
            keep[cr[paired]] = False
            out.write(b[keep].tobytes())
            quotes = (quotes + int(np.count_nonzero(b == QUOTE))) % 2
