"""Anomalies without an establishment (e.g. a missing transfer whose school is unknown): the history keeps
their academy (anomalies_presence.academie, anomalies_suivi.academie), so an academy's Évolution counts them,
and no department's does."""
from __future__ import annotations

from history_helpers import anomalie, make_extraction, rows

from lsu_analytics.history import historiser
from lsu_analytics.history import rapports as h
from lsu_analytics.reports import db

D1, D2 = "2026-03-01 02:00:00", "2026-03-08 02:00:00"
ETABS = [("0380001A", "Collège A", "08", "038"), ("0690001B", "Collège B", "10", "069")]


def _sans_uai(eleve_id: str, academie: str) -> dict:
    return {**anomalie(rule_id="TRF-01", uai=None, eleve_id=eleve_id, severite="majeure"), "academie": academie}


def _history(tmp_path):
    avec_uai = anomalie(uai="0380001A", eleve_id="EL1")
    grenoble, lyon = _sans_uai("EL2", "08"), _sans_uai("EL3", "10")
    hist = tmp_path / "h.duckdb"
    x1 = make_extraction(tmp_path / "x1.duckdb", D1, [avec_uai, grenoble], niveau="national", code="FR",
                         etablissements=ETABS)
    x2 = make_extraction(tmp_path / "x2.duckdb", D2, [avec_uai, lyon], niveau="national", code="FR",
                         etablissements=ETABS)
    historiser(x1, hist)
    historiser(x2, hist)
    return hist, x2


def _statuts(base, hist, niveau, code) -> set[tuple]:
    con = db.connect(base)
    try:
        h.attacher(con, hist)
        frame = con.execute("SELECT eleve_id, statut FROM statuts_perimetre(?, ?, 'info') "
                            "WHERE date_extraction = ?", [niveau, code, D2]).fetchall()
    finally:
        con.close()
    return set(frame)


def test_the_history_keeps_the_academy_of_each_anomaly(tmp_path):
    hist, _ = _history(tmp_path)
    assert rows(hist, "SELECT eleve_id, academie, statut FROM anomalies_suivi ORDER BY 1") == [
        ("EL1", "08", "persistante"), ("EL2", "08", "resolue"), ("EL3", "10", "nouvelle")]
    assert rows(hist, "SELECT count(*) FROM anomalies_presence WHERE academie IS NULL") == [(0,)]


def test_an_academys_evolution_counts_its_anomalies_without_establishment(tmp_path):
    hist, base = _history(tmp_path)
    assert _statuts(base, hist, "academie", "08") == {("EL1", "persistante"), ("EL2", "resolue")}
    assert _statuts(base, hist, "academie", "10") == {("EL3", "nouvelle")}
    assert _statuts(base, hist, "national", "FR") == {("EL1", "persistante"), ("EL2", "resolue"),
                                                      ("EL3", "nouvelle")}
    # No department holds an anomaly that has no establishment.
    assert _statuts(base, hist, "departement", "038") == {("EL1", "persistante")}
    assert _statuts(base, hist, "departement", "069") == set()


def test_a_history_written_before_the_column_gains_it_when_historised_again(tmp_path):
    import duckdb
    import pytest

    from lsu_analytics.history import HistoryError

    hist, base = _history(tmp_path)
    with duckdb.connect(str(hist)) as con:  # as an earlier version wrote it
        con.execute("ALTER TABLE anomalies_presence DROP COLUMN academie")
        con.execute("ALTER TABLE anomalies_suivi DROP COLUMN academie")
    with pytest.raises(HistoryError, match="version précédente.*historiser"):
        h.valider(hist)
    historiser(base, hist)  # the latest extraction again: same tables, the column added
    h.valider(hist)
    assert rows(hist, "SELECT eleve_id, academie FROM anomalies_suivi ORDER BY 1") == [
        ("EL1", "08"), ("EL2", None), ("EL3", "10")]
