"""Oracle: on generated exports, the rules find exactly the anomalies the generator injected.

The generator writes `verite_terrain.json` (key "anomalies"), following docs/anomalies.md; the
rules must return the same entities, rule by rule, and nothing else.
"""
from __future__ import annotations

import json
from collections import Counter

import duckdb
import pytest

from lsu_analytics.rules import load_catalog, run_rules

KEY = ("rule_id", "uai", "academie", "millesime", "eleve_id", "classe_id", "objet_id")


def _generated_db(tmp_path, seed, pupils=400):
    generate = pytest.importorskip("lsu_analytics.generate")
    load = pytest.importorskip("lsu_analytics.load")
    export = generate.generate_export(tmp_path / "export", pupils=pupils, seed=seed)
    db = tmp_path / "lsu.duckdb"
    load.load_export(export, db)
    verite = json.loads((export / "verite_terrain.json").read_text(encoding="utf-8"))
    return db, verite


def found_keys(con):
    return con.execute("SELECT rule_id FROM anomalies").fetchall()


def _differences(found: Counter, expected: Counter) -> list[str]:
    lines = []
    for rule in load_catalog():
        missing = [k for k in expected - found if k[0] == rule.id]
        extra = [k for k in found - expected if k[0] == rule.id]
        if missing or extra:
            lines.append(f"{rule.id} : {len(missing)} attendue(s) non trouvée(s) {sorted(missing, key=str)[:5]} ; "
                         f"{len(extra)} trouvée(s) non attendue(s) {sorted(extra, key=str)[:5]}")
    return lines


@pytest.mark.parametrize("seed", [1, 2, pytest.param(3, marks=pytest.mark.slow),
                                  pytest.param(4, marks=pytest.mark.slow), pytest.param(5, marks=pytest.mark.slow)])
def test_rules_find_exactly_the_injected_anomalies(tmp_path, seed):
    db, verite = _generated_db(tmp_path, seed)
    expected = Counter(tuple(a.get(k) for k in KEY) for a in verite["anomalies"])
    assert expected, "la vérité terrain du générateur ne contient aucune anomalie"
    assert {k[0] for k in expected} == {r.id for r in load_catalog()}, "chaque règle doit être injectée"
    con = duckdb.connect(str(db))
    try:
        run_rules(con)
        found = Counter(con.execute(f"SELECT {', '.join(KEY)} FROM anomalies").fetchall())
        # Every row says what to do, and never names the pupil (name, INE, date of birth).
        assert con.execute("SELECT count(*) FROM anomalies WHERE coalesce(detail, '') = ''").fetchone() == (0,)
        # Every row has its event date and its identity (the contract's macro, one row per key).
        assert con.execute("SELECT count(*) FROM anomalies WHERE date_evenement IS NULL").fetchone() == (0,)
        nb = len(found_keys(con))
        assert con.execute("SELECT count(*), count(DISTINCT cle) FROM anomalies WHERE cle = cle_anomalie("
                           "rule_id, uai, millesime, eleve_id, classe_id, objet_id)").fetchone() == (nb, nb)
        leaks = con.execute("""
            SELECT a.rule_id, a.objet_id FROM anomalies AS a JOIN eleves AS e ON e.eleve_id = a.eleve_id
            WHERE strpos(a.detail, e.ine) > 0 OR strpos(a.detail, e.prenom || ' ' || e.nom) > 0
               OR strpos(a.detail, e.nom || ' ' || e.prenom) > 0
               OR strpos(a.detail, strftime(e.date_naissance, '%d/%m/%Y')) > 0
               OR strpos(a.detail, strftime(e.date_naissance, '%Y-%m-%d')) > 0""").fetchall()
        assert leaks == []
    finally:
        con.close()
    assert not _differences(found, expected), "\n".join(_differences(found, expected))
