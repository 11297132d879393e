"""Helpers for the generator's tests: a minimal independent reader of an export, an independent rule check."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb

from lsu_analytics.contract import TABLES, create_schema, quote

HERE = Path(__file__).resolve().parent
SMALL = 600  # pupils: enough for every injection, fast on a loaded machine


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def load_export(folder: Path) -> duckdb.DuckDBPyConnection:
    """Load an ISO/UTF-8 CSV export into the contract's tables, without the rows the truth says are rejected.

    Independent of lsu_analytics.load on purpose: the rejected rows are the last ones of their file.
    """
    verite = read_json(folder / "verite_terrain.json")
    manifest = read_json(folder / "manifest.json")
    con = duckdb.connect()
    create_schema(con, system=False)
    for table in TABLES.values():
        name = f"{table.name}.csv"
        n_rejets = sum(1 for r in verite["rejets"] if r["fichier"] == name)
        keep = manifest["fichiers"][name]["lignes"] - n_rejets
        cols = ", ".join(quote(c.name) for c in table.columns)
        casts = ", ".join(f"CAST({quote(c.name)} AS {c.duckdb_type})" for c in table.columns)
        con.execute(
            f"INSERT INTO {quote(table.name)} ({cols}) SELECT {casts} FROM ("
            f"SELECT *, row_number() OVER () AS _n FROM read_csv(?, delim=';', quote='\"', escape='\"', header=true, "
            f"all_varchar=true, new_line='\\n')) WHERE _n <= ?",
            [str(folder / name), keep],
        )
    con.execute("SET VARIABLE c = ?", [manifest["millesime_courant"]])
    con.execute("SET VARIABLE x = ?::TIMESTAMP", [manifest["date_extraction"]])
    return con


def detect_anomalies(con) -> set[tuple]:
    """Independent check of rules.md (tests/generate/controles.sql + REF-01 from the declared FKs)."""
    con.execute((HERE / "controles.sql").read_text(encoding="utf-8"))
    rows = set(con.execute(
        "SELECT a.rule_id, a.uai, e.academie, a.millesime, a.eleve_id, a.classe_id, a.objet_id "
        "FROM controle_anomalies a LEFT JOIN etablissements e ON e.uai = a.uai").fetchall())
    for table in TABLES.values():
        key = " || '|' || ".join(
            f"strftime({quote(k)}, '%Y-%m-%dT%H:%M:%S')" if table.column(k).type == "timestamp"
            else f"CAST({quote(k)} AS VARCHAR)" for k in table.key)
        for col in table.foreign_keys:
            target, target_col = col.fk.split(".")
            sql = (f"SELECT {key} FROM {quote(table.name)} t WHERE t.{quote(col.name)} IS NOT NULL AND NOT EXISTS "
                   f"(SELECT 1 FROM {quote(target)} r WHERE r.{quote(target_col)} = t.{quote(col.name)})")
            for (k,) in con.execute(sql).fetchall():
                rows.add(("REF-01", None, None, None, None, None, f"{table.name}|{k}|{col.name}"))
    return rows


def truth_anomalies(folder: Path) -> set[tuple]:
    return {(a["rule_id"], a["uai"], a["academie"], a["millesime"], a["eleve_id"], a["classe_id"], a["objet_id"])
            for a in read_json(folder / "verite_terrain.json")["anomalies"]}




def assert_truth_is_detected(folder: Path) -> set[tuple]:
    """The export's ground truth is exactly what the independent detection finds; returns the truth."""
    con = load_export(folder)
    try:
        found = detect_anomalies(con)
    finally:
        con.close()
    expected = truth_anomalies(folder)
    assert found == expected, (sorted(expected - found, key=str)[:5], sorted(found - expected, key=str)[:5])
    return expected
