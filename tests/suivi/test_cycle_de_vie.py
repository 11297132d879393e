"""Lifecycle of the anomalies across extractions, against the generator's ground truth (verite_historique.json):
every status of history.md, in date order and in any historisation order (backfill)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import duckdb
import pytest

from lsu_analytics.generate.extractions import KEY

STATUTS = ("nouvelle", "reapparue", "persistante", "resolue")
SUIVI = ("statut", "premiere_extraction", "derniere_extraction", "nb_extractions", "resolue_le")


def historise(dbs, order, historique):
    from lsu_analytics.history import historiser

    for i in order:
        historiser(dbs[i], historique)


def suivi(historique) -> dict[tuple, dict]:
    with duckdb.connect(str(historique), read_only=True) as con:
        rows = con.execute(f"SELECT {', '.join(KEY + SUIVI)} FROM anomalies_suivi").fetchall()
    return {r[:len(KEY)]: dict(zip(SUIVI, r[len(KEY):])) for r in rows}


def expected(truth: dict, upto: int) -> dict[tuple, dict]:
    """What anomalies_suivi must hold once extractions 0..upto are historised."""
    dates = [datetime.fromisoformat(e["date_extraction"]) for e in truth["extractions"]]
    out = {}
    for a in truth["anomalies"]:
        present = [e for e in range(upto + 1) if a["presence"][e]]
        if not present:
            continue
        statut = a["statuts"][upto]
        out[tuple(a[k] for k in KEY)] = {
            "statut": statut, "premiere_extraction": dates[present[0]], "derniere_extraction": dates[present[-1]],
            "nb_extractions": len(present),
            "resolue_le": dates[present[-1] + 1] if statut == "resolue" else None,
        }
    return out


def _diff(found: dict, want: dict) -> list:
    keys = set(found) | set(want)
    return sorted(((k, found.get(k), want.get(k)) for k in keys if found.get(k) != want.get(k)), key=str)[:5]


def test_truth_holds_every_status_at_the_latest(extractions):
    latest = Counter(a["statuts"][-1] for a in extractions.truth["anomalies"])
    assert all(latest[s] >= 2 for s in STATUTS), latest


def test_lifecycle_in_date_order(extractions, tmp_path):
    historique = tmp_path / "historique.duckdb"
    for e in range(len(extractions.dbs)):
        historise(extractions.dbs, [e], historique)
        found, want = suivi(historique), expected(extractions.truth, e)
        assert found == want, f"après l'extraction {e} : {_diff(found, want)}"
    assert Counter(v["statut"] for v in found.values()) == Counter(a["statuts"][-1] for a in
                                                                  extractions.truth["anomalies"])


@pytest.mark.parametrize("order", [(2, 0, 3, 1), (3, 2, 1, 0)])
def test_lifecycle_in_any_order(extractions, tmp_path, order):
    historique = tmp_path / "historique.duckdb"
    historise(extractions.dbs, order, historique)
    found, want = suivi(historique), expected(extractions.truth, len(extractions.dbs) - 1)
    assert found == want, _diff(found, want)


def test_historising_again_changes_nothing(extractions, tmp_path):
    historique = tmp_path / "historique.duckdb"
    historise(extractions.dbs, range(len(extractions.dbs)), historique)
    before = suivi(historique)
    historise(extractions.dbs, [1, 3], historique)
    assert suivi(historique) == before
