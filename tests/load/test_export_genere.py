"""On a generated export: the invariant per file, and the rejections the generator planted (verite_terrain.json)."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from load_exports import db_rows

from lsu_analytics.load import load_export

generate = pytest.importorskip("lsu_analytics.generate")


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
    attendus = [(r["fichier"], r["ligne"], r["colonne"], r["motif"]) for r in verite["rejets"]]
    if options.get("fmt") == "parquet":
        # The generator numbers Parquet rows "as if there were a header"; the loader gives the rank (from 1).
        assert Counter((f, c, m) for f, _, c, m in rejets) == Counter((f, c, m) for f, _, c, m in attendus)
    else:
        assert sorted(rejets, key=repr) == sorted(attendus, key=repr)
