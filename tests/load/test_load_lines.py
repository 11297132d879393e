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
