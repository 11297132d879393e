"""A load that fails changes nothing: the database that was there stays exactly as it was."""
from __future__ import annotations

import json

import duckdb
import pytest
from load_exports import ETABLISSEMENTS, Export

from lsu_analytics.contract import SYSTEM_TABLES, TABLES
from lsu_analytics.load import LoadError, load_export


def snapshot(db) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in [*TABLES, *SYSTEM_TABLES]}
    finally:
        con.close()


@pytest.fixture
def loaded(tmp_path):
    """A database holding a first, good load."""
    first = Export(tmp_path / "premier")
    first.csv("etablissements.csv", ETABLISSEMENTS)
    first.csv("personnels.csv", [["personnel_id", "role"], ["P1", "IEN"], ["P2", "ROI"]])
    db = tmp_path / "lsu.duckdb"
    load_export(first.manifest(), db)
    return db, snapshot(db)


def _second(tmp_path) -> Export:
    e = Export(tmp_path / "second")
    e.csv("etablissements.csv", ETABLISSEMENTS[:2])
    e.csv("personnels.csv", [["personnel_id", "role"], ["P9", "DASEN"]])
    return e


def test_fichier_tronque(loaded, tmp_path):
    db, before = loaded
    e = _second(tmp_path)
    folder = e.manifest()
    path = folder / "personnels.csv"
    path.write_bytes(path.read_bytes()[:-8])  # cut after the manifest was written
    with pytest.raises(LoadError, match=r"personnels\.csv : son sha256 ne correspond pas"):
        load_export(folder, db)
    assert snapshot(db) == before


def test_sha256_faux(loaded, tmp_path):
    db, before = loaded
    e = _second(tmp_path)
    e.files["etablissements.csv"]["sha256"] = "0" * 64
    with pytest.raises(LoadError, match=r"etablissements\.csv : son sha256"):
        load_export(e.manifest(), db)
    assert snapshot(db) == before


def test_nombre_de_lignes_faux(loaded, tmp_path):
    db, before = loaded
    e = _second(tmp_path)
    e.files["personnels.csv"]["lignes"] = 2
    with pytest.raises(LoadError, match=r"personnels\.csv : 1 lignes de données lues, le manifeste en annonce 2"):
        load_export(e.manifest(), db)
    assert snapshot(db) == before


def test_reussite_remplace_et_garde_l_historique(loaded, tmp_path):
    db, before = loaded
    result = load_export(_second(tmp_path).manifest(), db)
    after = snapshot(db)
    assert after["personnels"] == [("P9", None, "DASEN", None, None)]
    assert len(after["chargements"]) == 2
    assert {row[0] for row in after["chargements"]} == {before["chargements"][0][0], result.chargement_id}
    assert [r[-1] for r in after["manifeste"]] == [result.chargement_id]
    assert after["rejets"] == []  # rejections belong to the export in the database
    assert not list(tmp_path.glob(".chargement-*"))  # nothing left behind


@pytest.mark.parametrize("change, message", [
    ({"contrat": 2}, "ne charge que le contrat 1"),
    ({"encodage": "latin-1"}, "encodage « latin-1 » inconnu"),
    ({"format_date": "us"}, "format_date « us » inconnu"),
    ({"separateur_decimal": ";"}, "separateur_decimal"),
    ({"date_extraction": "15/03/2026"}, "date_extraction"),
])
def test_manifeste_invalide(loaded, tmp_path, change, message):
    db, before = loaded
    with pytest.raises(LoadError, match=message):
        load_export(_second(tmp_path).manifest(**change), db)
    assert snapshot(db) == before


def test_table_listee_mais_absente(loaded, tmp_path):
    db, before = loaded
    e = _second(tmp_path)
    e.files["eleves.csv"] = {"lignes": 0, "sha256": "0" * 64}
    with pytest.raises(LoadError, match=r"eleves\.csv : fichier listé dans manifest.json mais absent"):
        load_export(e.manifest(), db)
    assert snapshot(db) == before


def test_fichier_de_table_non_liste(loaded, tmp_path):
    db, before = loaded
    e = _second(tmp_path)
    e.csv("eleves.csv", [["eleve_id"], ["E1"]], listed=False)
    with pytest.raises(LoadError, match=r"eleves\.csv : fichier de la table eleves absent de manifest.json"):
        load_export(e.manifest(), db)
    assert snapshot(db) == before


def test_manifeste_illisible(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "manifest.json").write_text("{pas du json", encoding="utf-8")
    with pytest.raises(LoadError, match="manifest.json invalide"):
        load_export(folder, tmp_path / "lsu.duckdb")


def test_table_absente_non_listee_et_fichiers_annexes_ignores(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    (export.folder / "verite_terrain.json").write_text(json.dumps({"rejets": []}), encoding="utf-8")
    (export.folder / "LISEZMOI.txt").write_text("notes", encoding="utf-8")
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    after = snapshot(db)
    assert after["eleves"] == [] and result.tables["eleves"].fichier is None
    assert len(after["etablissements"]) == 2
    assert set(after) >= {"anomalies", "indicateurs", "controles"}
    assert after["anomalies"] == after["indicateurs"] == after["controles"] == []


def test_base_existante_illisible_laissee_telle_quelle(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    db = tmp_path / "lsu.duckdb"
    db.write_bytes(b"ceci n'est pas une base DuckDB")
    with pytest.raises(LoadError, match="la base existante ne peut pas être ouverte"):
        load_export(export.manifest(), db)
    assert db.read_bytes() == b"ceci n'est pas une base DuckDB"
