"""Physical line numbers of records, whatever the block boundaries fall on."""
from __future__ import annotations

import random

import numpy as np
import pytest
from load_exports import csv_text

from lsu_analytics.load.lines import locate_records, raw_text


def _file(tmp_path, newline: str, seed: int):
    rnd = random.Random(seed)
    pieces = ["a", "b;c", 'd"e', "f\ng", "h\r\ni", "", "é€"]
    rows = [["x", "y"]] + [[rnd.choice(pieces), rnd.choice(pieces)] for _ in range(200)]
    text = csv_text(rows, newline)
    # Expected: line where each data row starts, and its text, computed record by record.
    expected, line = [], 1 + csv_text(rows[:1], newline).count("\n")
    for row in rows[1:]:
        rec = csv_text([row], newline)
        expected.append((line, rec.removesuffix(newline)))
        line += rec.count("\n")
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("utf-8"))
    return path, expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_lignes_physiques_quel_que_soit_le_decoupage(tmp_path, newline, block):
    path, expected = _file(tmp_path, newline, seed=len(newline) * 1000 + block)
    ranks = np.array([0, 1, 17, 99, 150, 199])
    lines, starts, ends = locate_records(path, ranks, block=block)
    raws = raw_text(path, starts, ends, batch=4).to_pylist()
    assert list(zip(lines.tolist(), raws)) == [expected[r] for r in ranks]


def _naive(raw: bytes) -> list[tuple[int, int, int]]:
    """(line, start, end) of every record, byte by byte: the definition locate_records implements."""
    records, quotes, prev_end, newlines = [], 0, -1, 0
    for i, byte in enumerate(raw):
        if byte == ord('"'):
            quotes ^= 1
        elif byte == ord("\n"):
            blank = i - prev_end == 1 or (i - prev_end == 2 and raw[i - 1] == ord("\r"))
            if not quotes:
                if not blank:
                    records.append((raw[:prev_end + 1].count(b"\n") + 1, prev_end + 1, i))
                prev_end = i
            newlines += 1
    tail = len(raw) - prev_end - 1
    if tail > 0 and not (tail == 1 and raw[-1] == ord("\r")):
        records.append((raw[:prev_end + 1].count(b"\n") + 1, prev_end + 1, len(raw)))
    return records[1:]  # record 0 is the header


@pytest.mark.parametrize("seed", range(12))
def test_lignes_vides_et_guillemets_rares_quel_que_soit_le_decoupage(tmp_path, seed):
    # Mostly plain lines (the chunks counted without numpy), with blank lines, CRLF and an odd quoted
    # line break here and there, at any place against the block boundaries.
    rnd = random.Random(seed)
    pieces = [b"a;b\n"] * 20 + [b"cd;e\r\n"] * 5 + [b"\n", b"\r\n", b'"x\ny";z\n', b'"";w\n']
    raw = (b"\n" if seed % 3 == 0 else b"") + b"x;y\n" + b"".join(rnd.choice(pieces) for _ in range(300))
    if seed % 2:
        raw = raw.rstrip(b"\r\n") + b"\r"
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    expected = _naive(raw)
    for block in (3, 5, 16, 61, 1 << 20):
        ranks = np.array(sorted(rnd.sample(range(len(expected)), 5)))
        lines, starts, ends = locate_records(path, ranks, block=block)
        assert list(zip(lines.tolist(), starts.tolist(), ends.tolist())) == [expected[r] for r in ranks]
        lines, _, _ = locate_records(path, np.array([len(expected) - 1]), block=block)
        assert lines.tolist() == [expected[-1][0]]
