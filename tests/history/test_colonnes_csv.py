"""anomalies.csv / anomalies.parquet with a history: statut, premiere_extraction, age_jours."""
from __future__ import annotations

import csv

import duckdb
import polars as pl
import pytest
from history_helpers import anomalie, make_extraction, ts

from lsu_analytics.history import HistoryError, historiser
from lsu_analytics.rules import load_catalog
from lsu_analytics.rules.outputs import write_outputs

D1, D2, D3 = "2026-03-01 02:00:00", "2026-03-08 02:00:00", "2026-03-15 02:00:00"
A, B, C = anomalie(eleve_id="EL1"), anomalie(eleve_id="EL2"), anomalie(eleve_id="EL3")


def _outputs(db, out, historique):
    con = duckdb.connect(str(db))
    try:
        return write_outputs(con, load_catalog(), out, historique=historique)
    finally:
        con.close()


@pytest.mark.parametrize("historise_deja", [False, True])
def test_columns_from_the_history(tmp_path, historise_deja):
    h = tmp_path / "h.duckdb"
    historiser(make_extraction(tmp_path / "x1.duckdb", D1, [A, B]), h)
    historiser(make_extraction(tmp_path / "x2.duckdb", D2, [A]), h)
    x3 = make_extraction(tmp_path / "x3.duckdb", D3, [A, B, C])
    if historise_deja:  # the same columns whether the extraction is already in the history or not
        historiser(x3, h)
    csv_path, parquet_path = _outputs(x3, tmp_path / "out", h)
    frame = pl.read_parquet(parquet_path).sort("eleve_id")
    assert frame.select("eleve_id", "statut", "premiere_extraction", "age_jours").rows() == [
        ("EL1", "persistante", ts(D1), 14), ("EL2", "reapparue", ts(D1), 14), ("EL3", "nouvelle", ts(D3), 0)]
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = sorted(csv.DictReader(f, delimiter=";"), key=lambda r: r["Identifiant élève"])
    assert [(r["Statut"], r["Première extraction"], r["Âge (jours)"]) for r in rows] == [
        ("persistante", "2026-03-01 02:00:00", "14"), ("réapparue", "2026-03-01 02:00:00", "14"),
        ("nouvelle", "2026-03-15 02:00:00", "0")]


def test_without_history_the_columns_are_absent_and_an_absent_history_makes_all_new(tmp_path):
    x = make_extraction(tmp_path / "x.duckdb", D1, [A])
    _, parquet_path = _outputs(x, tmp_path / "sans", None)
    assert "statut" not in pl.read_parquet(parquet_path).columns
    _, parquet_path = _outputs(x, tmp_path / "vide", tmp_path / "absent.duckdb")
    assert pl.read_parquet(parquet_path).select("statut", "age_jours").rows() == [("nouvelle", 0)]
    assert not (tmp_path / "absent.duckdb").exists()


def test_a_history_of_another_perimeter_is_refused(tmp_path):
    h = tmp_path / "h.duckdb"
    historiser(make_extraction(tmp_path / "x1.duckdb", D1, [A]), h)
    x = make_extraction(tmp_path / "x2.duckdb", D2, [A], niveau="departement", code="038")
    with pytest.raises(HistoryError, match=r"suit le périmètre académie de Grenoble \(08\)"):
        _outputs(x, tmp_path / "out", h)
