"""Generation by blocks of pupils: exact truth across blocks, files written in pieces, counting passes in steps."""
from __future__ import annotations

import hashlib
from collections import Counter

import duckdb
import pytest

from gen_helpers import detect_anomalies, load_export, read_json, truth_anomalies
from lsu_analytics.contract import TABLES
from lsu_analytics.generate import generate_export

from test_generate_verite import rule_ids

PUPILS = 2400
BLOC = 800  # three blocks


@pytest.fixture(scope="module")
def blocked_export(tmp_path_factory):
    return generate_export(tmp_path_factory.mktemp("blocs") / "export", pupils=PUPILS, seed=2,
                           eleves_par_bloc=BLOC, eleves_par_passe=500)


def test_truth_exact_across_blocks(blocked_export):
    """Each block injects its own violations: the truth is still exactly what an independent check finds."""
    expected = truth_anomalies(blocked_export)
    counts = Counter(r[0] for r in expected)
    assert all(counts.get(r, 0) >= 2 for r in rule_ids()), counts
    con = load_export(blocked_export)
    try:
        found = detect_anomalies(con)
        assert sorted(expected - found, key=str)[:10] == [] and sorted(found - expected, key=str)[:10] == []
        # Pupils of every block are in the export, and injected rows keep unique keys across blocks.
        n = con.execute("SELECT count(*) FROM eleves").fetchall()[0][0]
        assert n == PUPILS
        for table in TABLES.values():
            if table.pk:
                cols = ", ".join(f'"{c}"' for c in table.pk)
                dups = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {table.name} "
                                   "GROUP BY ALL HAVING count(*) > 1)").fetchall()[0][0]
                assert dups == 0, table.name
    finally:
        con.close()
    # Violations come from every block, not only the first one.
    blocks = {int(a[4][2:]) // BLOC for a in expected if a[4] and a[4].startswith("EL") and a[4][2:].isdigit()}
    assert blocks == {0, 1, 2}


def test_files_in_pieces_match_the_manifest(blocked_export):
    manifest = read_json(blocked_export / "manifest.json")
    for name, info in manifest["fichiers"].items():
        raw = (blocked_export / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == info["sha256"], name
        # One header: the rows of later blocks are appended without theirs.
        header = raw.split(b"\n", 1)[0]
        assert raw.count(header) == 1, name
    con = duckdb.connect()
    n = con.execute("SELECT count(*) FROM read_csv(?, delim=';', quote='\"', escape='\"', header=true, "
                    "all_varchar=true)", [str(blocked_export / "acquis.csv")]).fetchall()[0][0]
    assert n == manifest["fichiers"]["acquis.csv"]["lignes"]


def test_parquet_in_pieces(tmp_path):
    out = generate_export(tmp_path / "pq", pupils=600, seed=3, fmt="parquet", eleves_par_bloc=200)
    manifest = read_json(out / "manifest.json")
    con = duckdb.connect()
    for name, info in manifest["fichiers"].items():
        path = str(out / name)
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == info["sha256"], name
        assert con.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchall()[0][0] == info["lignes"], name
    # Blocks in order: the pupils' rows follow k.
    ids = [r[0] for r in con.execute("SELECT eleve_id FROM read_parquet(?)", [str(out / "eleves.parquet")]).fetchall()]
    assert ids[:600] == sorted(ids[:600]) and len(set(ids[:600])) == 600


def test_counting_passes_in_steps_change_nothing(tmp_path):
    """Effectifs and classes are counted over the pupils by steps: any step gives the same bytes."""
    whole = generate_export(tmp_path / "whole", pupils=900, seed=4)
    steps = generate_export(tmp_path / "steps", pupils=900, seed=4, eleves_par_passe=70)
    for path in sorted(whole.iterdir()):
        assert path.read_bytes() == (steps / path.name).read_bytes(), path.name
