"""The chain load -> rules -> indicateurs under a tiny memory_limit gives the same results (DuckDB spills)."""
from __future__ import annotations

import duckdb

from lsu_analytics.database import ENV_MEMORY_LIMIT, ENV_TEMP_DIRECTORY, ENV_THREADS, connect
from lsu_analytics.generate import generate_export
from lsu_analytics.indicators import compute_indicateurs
from lsu_analytics.load import load_export
from lsu_analytics.check import check


def _chain(export, work):
    db = work / "lsu.duckdb"
    loaded = load_export(export, db)
    check(db, work / "controles", gx=False)
    con = connect(db)
    try:
        compute_indicateurs(con)
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                  for t in ("anomalies", "indicateurs", "acquis", "inscriptions")}
        tables["rejets"] = con.execute("SELECT * EXCLUDE (chargement_id) FROM rejets ORDER BY ALL").fetchall()
    finally:
        con.close()
    return loaded.chargees, loaded.rejetees, tables


def test_tiny_memory_limit_gives_the_same_results(tmp_path, monkeypatch):
    for name in (ENV_MEMORY_LIMIT, ENV_THREADS, ENV_TEMP_DIRECTORY):
        monkeypatch.delenv(name, raising=False)
    export = generate_export(tmp_path / "export", pupils=600, seed=3)
    (tmp_path / "large").mkdir()
    reference = _chain(export, tmp_path / "large")

    monkeypatch.setenv(ENV_MEMORY_LIMIT, "200MB")
    monkeypatch.setenv(ENV_THREADS, "1")
    monkeypatch.setenv(ENV_TEMP_DIRECTORY, str(tmp_path / "spill"))
    (tmp_path / "tiny").mkdir()
    tiny = _chain(export, tmp_path / "tiny")

    assert tiny[:2] == reference[:2]
    for table, rows in reference[2].items():
        assert tiny[2][table] == rows, table
    assert reference[2]["anomalies"] and reference[2]["indicateurs"]
    assert not any((tmp_path / "spill").iterdir())  # DuckDB removed its spill files at close
