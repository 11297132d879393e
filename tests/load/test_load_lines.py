"""Physical line numbers of records, whatever the block boundaries fall on."""
from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest
from load_exports import csv_text

from lsu_analytics.load import scan
from lsu_analytics.load.lines import locate_by_line, locate_records, raw_text


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


@pytest.mark.parametrize("seed", range(8))
def test_une_ligne_par_enregistrement_lue_par_blocs_comme_ligne_a_ligne(tmp_path, seed, monkeypatch):
    # The common export (one record per line, LF or CRLF, quoted fields without line break, last line with
    # or without its line break): the lines found from the scan's counts are those of the full scan.
    monkeypatch.setattr(scan, "BLOCK", 7 + seed * 5)
    rnd = random.Random(seed)
    newline = b"\r\n" if seed % 2 else b"\n"
    pieces = [b"a;b", b"cd;e", b'"x;y";z', b'"";w', "é€;".encode()]
    raw = b"x;y" + b"".join(newline + rnd.choice(pieces) for _ in range(200)) + (newline if seed % 4 < 2 else b"")
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    found = scan.scan_file(path)
    assert found.sha256 == hashlib.sha256(raw).hexdigest()
    assert found.one_record_per_line(200)
    ranks = np.array([0, 1, 57, 198, 199])
    by_line = locate_by_line(path, ranks, found.newlines, found.block)
    assert [a.tolist() for a in by_line] == [a.tolist() for a in locate_records(path, ranks)]


@pytest.mark.parametrize("extra", [b"\n", b"\r\n", b'\n"p\nq";r'])
def test_une_ligne_vide_ou_un_saut_de_ligne_cite_rend_le_balayage_complet(tmp_path, extra):
    # A blank line or a line break inside quotes: fewer records than lines, so lines are not counted by
    # blocks (the full scan finds them).
    path = tmp_path / "f.csv"
    path.write_bytes(b"x;y\na;b" + extra + b"\nc;d\n")
    records = 3 if extra.startswith(b'\n"') else 2
    assert not scan.scan_file(path).one_record_per_line(records)
