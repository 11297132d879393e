"""Four weekly extractions of one population (generate --extractions), each loaded, checked with every rule
and with its indicators computed: what `historiser` takes. Built once per session."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PUPILS, SEED, K = 600, 7, 4


@dataclass(frozen=True)
class Extractions:
    folder: Path  # the generated extractions (one sub-folder per date) and verite_historique.json
    dbs: list[Path]  # one checked database per extraction, in date order
    truth: dict  # verite_historique.json


def prepare(folder: Path, db: Path) -> Path:
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.check import check

    load_export(folder, db)
    check(db, db.parent / f"{db.stem}-controles", gx=False)
    with duckdb.connect(str(db)) as con:
        compute_indicateurs(con)
    return db


@pytest.fixture(scope="session")
def extractions(tmp_path_factory) -> Extractions:
    from lsu_analytics.generate.extractions import VERITE_HISTORIQUE, generate_extractions

    root = tmp_path_factory.mktemp("suivi")
    folders = generate_extractions(root / "exports", pupils=PUPILS, seed=SEED, extractions=K, intervalle_jours=7)
    dbs = [prepare(f, root / "bases" / f"{f.name}.duckdb") for f in folders]
    truth = json.loads((root / "exports" / VERITE_HISTORIQUE).read_text(encoding="utf-8"))
    return Extractions(root / "exports", dbs, truth)
