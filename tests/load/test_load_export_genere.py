"""On a generated export: the invariant per file, and the rejections the generator planted (verite_terrain.json)."""
from __future__ import annotations

import json

import pytest
from load_exports import db_rows

from lsu_analytics import generate
from lsu_analytics.contract import TABLES
from lsu_analytics.load import load_export


@pytest.mark.parametrize("options", [
    {},
    {"date_format": "fr"},
    {"encoding": "windows-1252", "date_format": "fr"},
    {"fmt": "parquet"},
], ids=["csv-iso-utf8", "csv-fr", "csv-fr-windows-1252", "parquet"])
def test_export_genere(tmp_path, options):
    folder = generate.generate_export(tmp_path / "export", pupils=300, seed=7, **options)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    verite = json.loads((folder / "verite_terrain.json").read_text(encoding="utf-8"))
    db = tmp_path / "lsu.duckdb"
    result = load_export(folder, db)

    for fichier, info in manifest["fichiers"].items():
        t = result.tables[fichier.rsplit(".", 1)[0]]
        assert t.chargees + t.rejetees == info["lignes"], fichier
        assert db_rows(db, f'SELECT count(*) FROM "{t.table}"')[0][0] == t.chargees
        assert db_rows(db, "SELECT count(*) FROM rejets WHERE fichier = ?", [fichier])[0][0] == t.rejetees
    rejets = db_rows(db, "SELECT fichier, ligne, colonne, motif FROM rejets")
    assert sorted(rejets, key=repr) == sorted((_per_contract(r) for r in verite["rejets"]), key=repr)
    assert verite["rejets"], "the generator plants rejections"


def _per_contract(r: dict) -> tuple:
    """The truth file's rejection as `rejets` states it (lsu_analytics/contract/system.py): a repeated key
    names its column when it has only one (the truth file may leave it empty)."""
    table = TABLES[r["fichier"].rsplit(".", 1)[0]]
    colonne = r["colonne"]
    if r["motif"] == "CLE_PRIMAIRE_EN_DOUBLE":
        colonne = table.pk[0] if len(table.pk) == 1 else None
    return (r["fichier"], r["ligne"], colonne, r["motif"])
