"""Parquet files, .zip exports, and what the load records about itself."""
from __future__ import annotations

import json
import zipfile
from datetime import date, datetime

import pytest
from load_exports import ETABLISSEMENTS, db_rows

from lsu_analytics import __version__
from lsu_analytics.load import LoadError, load_export
from lsu_analytics.load.source import ZipLimits


def test_parquet_type_et_texte(export, tmp_path):
    # Typed columns are taken as they are; text columns follow the manifest's formats.
    export.parquet("inscriptions.parquet", """
        SELECT * FROM (VALUES
          ('E1', '0382032C', 'C1', 2025, DATE '2025-09-02', NULL::DATE),
          ('E2', '0382032C', 'C1', 2025, DATE '2025-09-03', NULL::DATE),
          ('E1', '0382032C', 'C1', 2025, DATE '2025-09-04', NULL::DATE),
          ('E3', NULL, 'C1', 2025, NULL, NULL::DATE)
        ) t(eleve_id, uai, classe_id, millesime, date_entree, date_sortie)""")
    export.parquet("acquis.parquet", """
        SELECT * FROM (VALUES ('B1', '020700', '2', '12.5', '3', 'oui'), ('B1', '030100', '7', '1', '1', 'non'),
                              ('B1', '040100', NULL, 'x', '1', 'non'))
        t(bilan_id, discipline_code, positionnement, moyenne_eleve, nb_elements_programme, appreciation_renseignee)""")
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert db_rows(db, "SELECT eleve_id, date_entree FROM inscriptions ORDER BY 1") == [
        ("E1", date(2025, 9, 2)), ("E2", date(2025, 9, 3))]
    assert db_rows(db, "SELECT fichier, ligne, colonne, motif, ligne_brute FROM rejets ORDER BY 1, 2") == [
        ("acquis.parquet", 2, "positionnement", "CODE_HORS_LISTE", "B1;030100;7;1;1;non"),
        ("acquis.parquet", 3, "moyenne_eleve", "TYPE_INVALIDE", "B1;040100;;x;1;non"),
        ("inscriptions.parquet", 3, None, "CLE_PRIMAIRE_EN_DOUBLE", "E1;0382032C;C1;2025;2025-09-04;"),
        ("inscriptions.parquet", 4, "uai", "VALEUR_REQUISE_MANQUANTE", "E3;;C1;2025;;"),
    ]
    assert result.tables["acquis"].chargees == 1 and result.tables["inscriptions"].rejetees == 2


def test_zip_avec_dossier_racine(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    folder = export.manifest()
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in folder.iterdir():
            zf.write(p, f"export_lsu/{p.name}")
    db = tmp_path / "lsu.duckdb"
    result = load_export(archive, db)
    assert result.chargees == 2
    assert db_rows(db, "SELECT source FROM chargements") == [(str(archive),)]


def test_zip_a_plat(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    folder = export.manifest()
    archive = tmp_path / "plat.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in folder.iterdir():
            zf.write(p, p.name)
    assert load_export(archive, tmp_path / "lsu.duckdb").chargees == 2


def test_manifeste_et_chargements_enregistres(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    export.csv("personnels.csv", [["personnel_id", "role"], ["P1", "IEN"], ["P2", "ROI"]])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(perimetre={"niveau": "national", "code": "FR"}), db)
    assert db_rows(db, "SELECT * FROM manifeste") == [
        (1, 2025, datetime(2026, 3, 15, 2, 0), "national", "FR", "utf-8", "iso", ".", result.chargement_id)]
    row = db_rows(db, "SELECT chargement_id, version_outil, manifeste, lignes_manifeste, lignes_chargees, "
                      "lignes_rejetees, duree_s, debut <= fin FROM chargements")[0]
    assert row[:2] == (result.chargement_id, __version__)
    assert json.loads(row[2])["fichiers"]["personnels.csv"]["lignes"] == 2
    assert row[3:6] == (4, 3, 1)
    assert row[6] >= 0 and row[7]


def test_progression_par_table(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    calls = []
    load_export(export.manifest(), tmp_path / "lsu.duckdb", progress=lambda *a: calls.append(a))
    assert calls[0] == ("", 0, 18) and calls[-1][1:] == (18, 18)
    assert [c[1] for c in calls] == list(range(19))
    assert ("etablissements", 1, 18) in calls


def test_parquet_illisible(export, tmp_path):
    export.raw("eleves.parquet", b"PAR1 pas vraiment du parquet", lignes=1)
    with pytest.raises(LoadError, match=r"eleves\.parquet : fichier illisible"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")


def _zip(folder, archive, extra=()):
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in folder.iterdir():
            zf.write(p, p.name)
        for name, size in extra:
            with zf.open(name, "w") as f:
                for _ in range(size // (1 << 20)):
                    f.write(b"\0" * (1 << 20))
    return archive


def test_zip_seuls_les_fichiers_listes_sont_extraits(export, tmp_path):
    """A 64 MiB file beside the manifest, not listed: never extracted (the bound of 1 MiB would refuse it)."""
    export.csv("etablissements.csv", ETABLISSEMENTS)
    archive = _zip(export.manifest(), tmp_path / "e.zip", [("bombe.bin", 64 << 20)])
    result = load_export(archive, tmp_path / "lsu.duckdb", zip_limits=ZipLimits(total_max=1 << 20))
    assert result.chargees == 2


def test_zip_bombe_refusee_avant_extraction(export, tmp_path):
    export.files["consultations.csv"] = {"lignes": 0, "sha256": "0" * 64}
    archive = _zip(export.manifest(), tmp_path / "e.zip")
    with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as zf:  # a listed file that decompresses 1000:1
        zf.writestr("consultations.csv", b"\0" * (32 << 20))
    db = tmp_path / "lsu.duckdb"
    with pytest.raises(LoadError, match=r"consultations\.csv se décompresse en 32,0 Mio pour .* \(bombe de décomp"):
        load_export(archive, db)
    assert not db.exists() and not list(tmp_path.glob(".chargement-*"))


def test_zip_plus_gros_que_la_limite_refuse(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS + [[f"03{i:05d}X", "É", "1D", "PU", "08", "038", None, "oui"]
                                                       for i in range(40_000)])
    archive = _zip(export.manifest(), tmp_path / "e.zip")
    with pytest.raises(LoadError, match=r"une fois décompressés, au-delà de la limite de 1,0 Mio : archive refusée "
                                        r"avant extraction"):
        load_export(archive, tmp_path / "lsu.duckdb", zip_limits=ZipLimits(total_max=1 << 20))
