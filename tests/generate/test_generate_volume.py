"""Generation at 250 000 pupils (run with -m slow): the export is still exact at volume, its manifest true
and its ground truth equal to an independent check. Time and memory are figures of `lsu-analytics generate`
and of the benchmarks, not of this test."""
from __future__ import annotations

import csv
import hashlib

import pytest

from gen_helpers import assert_truth_is_detected, read_json
from lsu_analytics.generate import generate_export

PUPILS = 250_000


def _sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _rows(path) -> int:
    with open(path, encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f, delimiter=";", quotechar='"')) - 1  # without the header


@pytest.mark.slow
def test_250k_pupils_exact(tmp_path):
    out = generate_export(tmp_path / "export", pupils=PUPILS, seed=1)
    manifest = read_json(out / "manifest.json")
    assert read_json(out / "verite_terrain.json")["eleves"] == PUPILS
    for name, info in manifest["fichiers"].items():
        assert _sha256(out / name) == info["sha256"], name
        assert _rows(out / name) == info["lignes"], name
    assert_truth_is_detected(out)
