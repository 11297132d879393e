"""CSV dialect: quoted `;`, `""` and line breaks, CRLF/LF, columns in any order, extra or missing columns."""
from __future__ import annotations

import pytest
from load_exports import ETABLISSEMENTS, db_rows

from lsu_analytics.load import LoadError, load_export

PERSONNELS = ["personnel_id", "uai", "role", "nom", "prenom"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_champs_multilignes_et_numero_de_ligne_physique(export, tmp_path, newline):
    export.csv("personnels.csv", [
        PERSONNELS,
        ["P1", "0382032C", "ENSEIGNANT", "Durand; dit \"Le Grand\"", "Anne"],          # line 2
        ["P2", "0382032C", "DIRECTEUR", f"Martin{newline}sur{newline}trois lignes", "Luc"],  # lines 3-5
        ["P3", "0382032C", "CONCIERGE", "Petit", "Léa"],                                # line 6: rejected
        ["P4", None, "IEN", f"Nom{newline}long", "Zoé"],                                # lines 7-8
        ["P4", None, "DASEN", "Doublon", "Paul"],                                      # line 9: rejected
    ], newline=newline)
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT ligne, motif, ligne_brute FROM rejets ORDER BY ligne") == [
        (6, "CODE_HORS_LISTE", "P3;0382032C;CONCIERGE;Petit;Léa"),
        (9, "CLE_PRIMAIRE_EN_DOUBLE", "P4;;DASEN;Doublon;Paul"),
    ]
    assert db_rows(db, "SELECT nom FROM personnels ORDER BY personnel_id") == [
        ('Durand; dit "Le Grand"',), (f"Martin{newline}sur{newline}trois lignes",), (f"Nom{newline}long",)]


def test_ligne_brute_d_un_rejet_multiligne(export, tmp_path):
    export.csv("personnels.csv", [PERSONNELS, ["P1", None, "ROI", "A\nB", "C"]])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT ligne, ligne_brute FROM rejets") == [(2, 'P1;;ROI;"A\nB";C')]


def test_lignes_vides_ignorees_et_numerotation(export, tmp_path):
    raw = b"personnel_id;role\n\nP1;ENSEIGNANT\n\nP2;ROI\nP3;IEN"  # blank lines, no final newline
    export.raw("personnels.csv", raw, lignes=3)
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT ligne, ligne_brute FROM rejets") == [(5, "P2;ROI")]
    assert db_rows(db, "SELECT personnel_id FROM personnels ORDER BY 1") == [("P1",), ("P3",)]


def test_colonnes_dans_le_desordre_et_en_trop(export, tmp_path):
    export.csv("personnels.csv", [["prenom", "commentaire", "role", "personnel_id", "nom", "uai"],
                                  ["Anne", "à ignorer", "ENSEIGNANT", "P1", "Durand", "0382032C"]])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert db_rows(db, "SELECT * FROM personnels") == [("P1", "0382032C", "ENSEIGNANT", "Durand", "Anne")]
    assert any("personnels.csv" in a and "commentaire" in a for a in result.avertissements)


def test_colonne_facultative_absente_chargee_a_null(export, tmp_path):
    export.csv("personnels.csv", [["personnel_id", "role"], ["P1", "IEN"]])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert db_rows(db, "SELECT * FROM personnels") == [("P1", None, "IEN", None, None)]
    assert any("personnels.csv" in a and "uai, nom, prenom" in a for a in result.avertissements)


def test_colonne_requise_absente(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    export.csv("periodes.csv", [["uai", "millesime", "periodicite", "nb_periodes", "date_debut"],
                                ["0382032C", "2025", "TRIMESTRE", "3", "2025-09-01"]])
    with pytest.raises(LoadError, match=r"periodes\.csv, ligne 1 : la colonne requise « indice » manque"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")
    assert not (tmp_path / "lsu.duckdb").exists()


def test_ligne_avec_trop_de_champs(export, tmp_path):
    export.raw("personnels.csv", b"personnel_id;role\nP1;IEN\nP2;IEN;en trop\n", lignes=2)
    with pytest.raises(LoadError, match=r"personnels\.csv, ligne 3 : fichier illisible \(3 champs au lieu des 2"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")


def test_guillemet_non_ferme(export, tmp_path):
    export.raw("personnels.csv", b'personnel_id;role\nP1;IEN\nP2;"IEN\n', lignes=2)
    with pytest.raises(LoadError, match=r"personnels\.csv, ligne 3 : fichier illisible \(guillemet non fermé\)"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")


def test_fichier_avec_seulement_l_en_tete(export, tmp_path):
    export.csv("personnels.csv", [PERSONNELS])
    export.raw("eleves.csv", b"eleve_id;ine;nom;prenom;date_naissance", lignes=0)  # no final newline
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert result.tables["personnels"].fichier == "personnels.csv"
    assert result.lignes_manifeste == result.chargees == 0


def test_fichier_vide(export, tmp_path):
    export.raw("personnels.csv", b"", lignes=0)
    with pytest.raises(LoadError, match=r"personnels\.csv : fichier vide"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")
