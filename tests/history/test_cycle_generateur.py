"""Lifecycle against the generator's ground truth: four weekly extractions (generate --extractions 4), each
loaded, checked with every rule and computed, historised one after the other; after each, every key's status
in anomalies_suivi is the one verite_historique.json gives for that extraction. Then a backfill in reverse
order gives the same tables."""
from __future__ import annotations

import json

import duckdb
import pytest
from history_helpers import contents, rows

from lsu_analytics.history import historiser

KEY = ("rule_id", "uai", "millesime", "eleve_id", "classe_id", "objet_id")


@pytest.fixture(scope="module")
def extractions(tmp_path_factory):
    from lsu_analytics.generate.extractions import generate_extractions
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.rules import run_rules

    out = tmp_path_factory.mktemp("cycle")
    folders = generate_extractions(out / "exports", pupils=400, seed=7, extractions=4, intervalle_jours=7)
    dbs = []
    for folder in folders:
        db = out / f"{folder.name}.duckdb"
        load_export(folder, db)
        with duckdb.connect(str(db)) as con:
            run_rules(con)
            compute_indicateurs(con)
        dbs.append(db)
    truth = json.loads((out / "exports" / "verite_historique.json").read_text(encoding="utf-8"))
    return out, dbs, truth


def _statuts(h) -> dict[tuple, str]:
    return {tuple(r[:6]): r[6] for r in rows(h, f"SELECT {', '.join(KEY)}, statut FROM anomalies_suivi")}


def test_every_status_follows_the_generator_truth(extractions):
    out, dbs, truth = extractions
    h = out / "historique.duckdb"
    for e, db in enumerate(dbs):
        historiser(db, h)
        expected = {tuple(r[k] for k in KEY): r["statuts"][e] for r in truth["anomalies"]
                    if r["statuts"][e] is not None}
        assert _statuts(h) == expected, f"extraction {e}"
    seen = {s for r in truth["anomalies"] for s in r["statuts"][1:]}
    assert {"nouvelle", "reapparue", "persistante", "resolue"} <= seen


def test_backfill_in_reverse_order_gives_the_same_tables(extractions):
    out, dbs, _ = extractions
    in_order, reverse = out / "ordre.duckdb", out / "inverse.duckdb"
    for db in dbs:
        historiser(db, in_order)
    for db in reversed(dbs):
        historiser(db, reverse)
    assert contents(reverse) == contents(in_order)
