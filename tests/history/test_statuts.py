"""Statuses of history.md against hand-made sequences of extractions; backfill order; idempotence."""
from __future__ import annotations

import itertools

from history_helpers import anomalie, contents, make_extraction, rows, ts

from lsu_analytics.history import historiser
from lsu_analytics.history.changes import changements, open_history, resume_extractions
from lsu_analytics.history.statuts import STATUTS

# Keys: A present in 1, 2, 3 (persistante); B in 1 and 3 (reapparue); C only in 3 (nouvelle);
# D in 1 and 2 (resolue at 3); E only in 1 (resolue at 2). F differs from A only by a NULL eleve_id -> its own key.
A = anomalie("PER-01", eleve_id="EL1", detail="a")
B = anomalie("HIS-02", eleve_id="EL2", severite="majeure")
C = anomalie("VIS-01", classe_id="CL1", severite="mineure")
D = anomalie("PER-01", eleve_id="EL4")
E = anomalie("REF-01", uai=None, objet_id="x", severite="info")
F = anomalie("PER-01", eleve_id=None, detail="f")
DATES = ("2026-03-01 02:00:00", "2026-03-08 02:00:00", "2026-03-15 02:00:00")
SEQUENCE = {DATES[0]: [A, B, D, E, F], DATES[1]: [A, D, F], DATES[2]: [dict(A, detail="a3", severite="majeure"), B, C]}


def _extractions(tmp_path):
    return {d: make_extraction(tmp_path / f"x{i}.duckdb", d, anoms) for i, (d, anoms) in enumerate(SEQUENCE.items())}


def _suivi(h):
    return {(r[0], r[3], r[4]): r for r in rows(h, "SELECT rule_id, severite, detail, eleve_id, classe_id, statut, "
                                                   "premiere_extraction, derniere_extraction, nb_extractions, "
                                                   "resolue_le FROM anomalies_suivi")}


def test_every_status_of_a_hand_made_sequence(tmp_path):
    dbs = _extractions(tmp_path)
    h = tmp_path / "h.duckdb"
    for db in dbs.values():
        historiser(db, h)
    s = _suivi(h)
    d1, d2, d3 = map(ts, DATES)
    # (rule, eleve_id, classe_id) -> severite, detail, eleve, classe, statut, premiere, derniere, nb, resolue_le
    assert s[("PER-01", "EL1", None)][1:] == ("majeure", "a3", "EL1", None, "persistante", d1, d3, 3, None)
    assert s[("HIS-02", "EL2", None)][5:] == ("reapparue", d1, d3, 2, None)
    assert s[("VIS-01", None, "CL1")][5:] == ("nouvelle", d3, d3, 1, None)
    assert s[("PER-01", "EL4", None)][5:] == ("resolue", d1, d2, 2, d3)
    assert s[("REF-01", None, None)][5:] == ("resolue", d1, d1, 1, d2)
    assert s[("PER-01", None, None)][1:] == ("critique", "f", None, None, "resolue", d1, d2, 2, d3)
    assert len(s) == 6


def test_statuses_since_the_previous_extraction_agree_with_anomalies_suivi(tmp_path):
    h = tmp_path / "h.duckdb"
    for db in _extractions(tmp_path).values():
        historiser(db, h)
    ch = changements(h)
    suivi = dict(rows(h, "SELECT statut, count(*) FROM anomalies_suivi WHERE statut <> 'resolue' "
                         "OR resolue_le = (SELECT max(date_extraction) FROM extractions) GROUP BY statut"))
    assert {s: ch.total(s) for s in STATUTS} == {s: suivi.get(s, 0) for s in STATUTS}
    assert ch.par_statut["resolue"] == {"critique": 2}  # D and F, fixed in the third extraction
    with open_history(h) as con:
        resumes = resume_extractions(con)
    assert [(r.nb_anomalies, r.nouvelles, r.reapparues, r.persistantes, r.resolues) for r in resumes] == [
        (5, 5, 0, 0, 0), (3, 0, 0, 3, 2), (3, 1, 1, 1, 2)]


def test_statut_words_are_those_written_by_the_sql():
    from lsu_analytics.history.sqlfiles import sql

    text = sql("recalculer_suivi") + sql("vues")
    assert all(f"'{s}'" in text for s in STATUTS)


def test_backfill_in_any_order_gives_the_same_tables(tmp_path):
    dbs = list(_extractions(tmp_path).values())
    reference = tmp_path / "ordre.duckdb"
    for db in dbs:
        historiser(db, reference)
    expected = contents(reference)
    for n, order in enumerate(itertools.permutations(dbs)):
        if order == tuple(dbs):
            continue
        h = tmp_path / f"h{n}.duckdb"
        for db in order:
            historiser(db, h)
        assert contents(h) == expected, order


def test_historising_again_changes_nothing(tmp_path):
    dbs = list(_extractions(tmp_path).values())
    h = tmp_path / "h.duckdb"
    for db in dbs:
        historiser(db, h)
    before = contents(h)
    result = historiser(dbs[1], h)
    assert result.remplacee and result.nb_extractions == 3
    assert contents(h) == before


def test_a_single_extraction_makes_every_anomaly_new(tmp_path):
    h = tmp_path / "h.duckdb"
    historiser(make_extraction(tmp_path / "x.duckdb", DATES[0], [A, B]), h)
    assert rows(h, "SELECT statut, count(*) FROM anomalies_suivi GROUP BY ALL") == [("nouvelle", 2)]
    assert changements(h).precedente is None
