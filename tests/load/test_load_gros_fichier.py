"""Large file: DuckDB reads in parallel, yet each rejection gets the line of its own row."""
from __future__ import annotations

import hashlib
import json

import duckdb
import pytest
from load_exports import db_rows

from lsu_analytics.load import load_export


@pytest.mark.slow
def test_rang_et_ligne_sur_un_gros_fichier(tmp_path):
    n = 1_500_000
    folder = tmp_path / "export"
    folder.mkdir()
    path = folder / "personnels.csv"
    # Row i (line i + 2) has id P<i>; every 99 991st row has a role outside the list.
    duckdb.connect().execute(f"""COPY (SELECT 'P' || i AS personnel_id,
        CASE WHEN i % 99991 = 7 THEN 'ROI' ELSE 'ENSEIGNANT' END AS role FROM range({n}) t(i))
        TO '{path}' (HEADER, DELIMITER ';')""")
    raw = path.read_bytes()
    (folder / "manifest.json").write_text(json.dumps({
        "contrat": 1, "millesime_courant": 2025, "date_extraction": "2026-03-15T02:00:00",
        "perimetre": {"niveau": "academie", "code": "08"}, "encodage": "utf-8", "format_date": "iso",
        "fichiers": {"personnels.csv": {"lignes": n, "sha256": hashlib.sha256(raw).hexdigest()}}}))
    db = tmp_path / "lsu.duckdb"
    load_export(folder, db)
    rejets = db_rows(db, "SELECT ligne, ligne_brute FROM rejets ORDER BY ligne")
    expected = [(i + 2, f"P{i};ROI") for i in range(n) if i % 99991 == 7]
    assert rejets == expected
    assert db_rows(db, "SELECT count(*) FROM personnels")[0][0] == n - len(expected)
