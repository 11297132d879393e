"""Every row is loaded or rejected with exactly one of the four reasons, at its physical line."""
from __future__ import annotations

import random

from load_exports import ETABLISSEMENTS, db_rows

from lsu_analytics.load import load_export

CLASSES = ["classe_id", "uai", "millesime", "code_division", "niveau", "periodicite", "source_donnees",
           "type_positionnement"]


def _rejets(db):
    return db_rows(db, "SELECT fichier, ligne, colonne, motif FROM rejets ORDER BY fichier, ligne")


def test_les_quatre_motifs_et_l_invariant(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS)
    export.csv("classes.csv", [
        CLASSES,
        ["C1", "0382032C", "2025", "CP_A", "CP", "TRIMESTRE", "SAISIE", "ECHELLE_4"],   # 2 ok
        ["C2", "0382032C", "deux mille", "CP_B", "CP", None, "SAISIE", "NOTES"],        # 3 type
        ["C3", None, "2025", "CP_C", "CP", None, "SAISIE", "NOTES"],                    # 4 FK vide
        ["C4", "0382032C", "2025", "CP_D", "CM3", None, "SAISIE", "NOTES"],             # 5 code
        ["C1", "0382032C", "2025", "CP_A bis", "CP", None, "IMPORT", "NOTES"],          # 6 doublon
        ["C5", "9999999Z", "2025", "6EME_1", "6E", None, "IMPORT", "ATTEINT"],          # 7 FK orpheline: chargée
        [None, "0382032C", "2025", "CP_E", "CP", None, "SAISIE", "NOTES"],              # 8 PK vide
    ])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)

    assert _rejets(db) == [
        ("classes.csv", 3, "millesime", "TYPE_INVALIDE"),
        ("classes.csv", 4, "uai", "VALEUR_REQUISE_MANQUANTE"),
        ("classes.csv", 5, "niveau", "CODE_HORS_LISTE"),
        ("classes.csv", 6, "classe_id", "CLE_PRIMAIRE_EN_DOUBLE"),
        ("classes.csv", 8, "classe_id", "VALEUR_REQUISE_MANQUANTE"),
    ]
    # The first occurrence of C1 is the one kept; the dangling FK of C5 is loaded.
    assert db_rows(db, "SELECT classe_id, code_division FROM classes ORDER BY classe_id") == [
        ("C1", "CP_A"), ("C5", "6EME_1")]
    classes = result.tables["classes"]
    assert (classes.lignes_manifeste, classes.chargees, classes.rejetees) == (7, 2, 5)
    assert classes.rejets_par_motif == {"TYPE_INVALIDE": 1, "VALEUR_REQUISE_MANQUANTE": 2,
                                        "CODE_HORS_LISTE": 1, "CLE_PRIMAIRE_EN_DOUBLE": 1}
    for t in result.tables.values():
        assert t.chargees + t.rejetees == t.lignes_manifeste
        n = db_rows(db, f'SELECT count(*) FROM "{t.table}"')[0][0]
        assert n == t.chargees
    brute, detail = db_rows(db, "SELECT ligne_brute, detail FROM rejets WHERE ligne = 6")[0]
    assert brute == "C1;0382032C;2025;CP_A bis;CP;;IMPORT;NOTES"
    assert "ligne 2" in detail


def test_cle_primaire_composee_et_premiere_occurrence_valide(export, tmp_path):
    export.csv("acquis.csv", [
        ["bilan_id", "discipline_code", "positionnement", "moyenne_eleve", "nb_elements_programme",
         "appreciation_renseignee"],
        ["B1", "020700", "9", None, "3", "oui"],   # 2: code hors liste, so not "the first valid"
        ["B1", "020700", "2", "12.5", "3", "oui"],  # 3: first valid occurrence, kept
        ["B1", "020700", "3", None, "1", "non"],   # 4: duplicate
        ["B1", "030100", None, None, "0", "0"],    # 5: other key, kept
    ])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert _rejets(db) == [("acquis.csv", 2, "positionnement", "CODE_HORS_LISTE"),
                           ("acquis.csv", 4, None, "CLE_PRIMAIRE_EN_DOUBLE")]
    assert db_rows(db, "SELECT discipline_code, positionnement FROM acquis ORDER BY 1") == [
        ("020700", "2"), ("030100", None)]


def test_formats_et_plages_ne_sont_pas_des_motifs(export, tmp_path):
    export.csv("etablissements.csv", [ETABLISSEMENTS[0], ["pas-un-uai", "X", "1D", "PU", "8", "38", None, "1"]])
    export.csv("acquis.csv", [
        ["bilan_id", "discipline_code", "positionnement", "moyenne_eleve", "nb_elements_programme",
         "appreciation_renseignee"],
        ["B1", "020700", "1", "35.00", "-4", "oui"],
    ])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert result.rejetees == 0
    assert db_rows(db, "SELECT moyenne_eleve, nb_elements_programme FROM acquis")[0] == (35, -4)


def test_un_seul_rejet_par_ligne_meme_avec_plusieurs_fautes(export, tmp_path):
    export.csv("classes.csv", [CLASSES, [None, None, "x", "D", "XX", None, "AUTRE", "AUTRE"]])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert result.tables["classes"].rejetees == 1
    assert _rejets(db) == [("classes.csv", 2, "classe_id", "VALEUR_REQUISE_MANQUANTE")]


def test_doublons_non_adjacents_repetes_et_cle_composee(export, tmp_path):
    # Keys repeated far apart, three times, and a composite key whose parts repeat separately.
    rows = [["B1", "020700", "1", None, "3", "1"], ["B2", "020700", "2", None, "3", "1"],  # 2, 3
            ["B1", "030100", "3", None, "3", "1"], ["B2", "020700", "4", None, "3", "1"],  # 4, 5: 5 doublon de 3
            ["B3", "020700", "9", None, "3", "1"], ["B3", "020700", "1", None, "3", "1"],  # 6 code, 7 gardé
            ["B1", "020700", "1", None, "3", "1"], ["B4", "020700", "1", None, "3", "1"],  # 8 doublon de 2
            ["B1", "020700", "2", None, "3", "1"], ["B3", "020700", "2", None, "3", "1"]]  # 10 de 2, 11 de 7
    export.csv("acquis.csv", [["bilan_id", "discipline_code", "positionnement", "moyenne_eleve",
                               "nb_elements_programme", "appreciation_renseignee"], *rows])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert db_rows(db, "SELECT ligne, motif, colonne, detail FROM rejets ORDER BY ligne") == [
        (5, "CLE_PRIMAIRE_EN_DOUBLE", None, _repete(3)),
        (6, "CODE_HORS_LISTE", "positionnement", "« positionnement » n'a pas une valeur de la liste {1, 2, 3, 4}."),
        (8, "CLE_PRIMAIRE_EN_DOUBLE", None, _repete(2)),
        (10, "CLE_PRIMAIRE_EN_DOUBLE", None, _repete(2)),
        (11, "CLE_PRIMAIRE_EN_DOUBLE", None, _repete(7)),
    ]
    assert db_rows(db, "SELECT bilan_id, discipline_code, positionnement FROM acquis ORDER BY 1, 2") == [
        ("B1", "020700", "1"), ("B1", "030100", "3"), ("B2", "020700", "2"), ("B3", "020700", "1"),
        ("B4", "020700", "1")]
    assert result.tables["acquis"].rejets_par_motif == {"CLE_PRIMAIRE_EN_DOUBLE": 4, "CODE_HORS_LISTE": 1}
    brute = db_rows(db, "SELECT ligne_brute FROM rejets WHERE ligne = 11")[0][0]
    assert brute == "B3;020700;2;;3;1"


def _repete(ligne: int) -> str:
    return f"la clé primaire (bilan_id, discipline_code) répète celle de la ligne {ligne}, qui est gardée."


def test_doublons_d_un_gros_fichier_trouves_tous_avec_la_premiere_ligne(export, tmp_path):
    # Enough rows for several row groups and both threads: every repeated key is found, each pointing at
    # its first line, as a plain walk through the file finds them.
    rnd = random.Random(7)
    rows = [[f"B{i // 6:07d}", f"{i % 6:06d}", "1", None, "3", "1"] for i in range(300_000)]
    for _ in range(40):  # repeats of earlier rows, anywhere after them
        at = rnd.randrange(1, len(rows))
        rows.insert(at, list(rows[rnd.randrange(at)]))
    premieres, attendus = {}, []
    for ligne, row in enumerate(rows, start=2):
        cle = (row[0], row[1])
        if cle in premieres:
            attendus.append((ligne, _repete(premieres[cle])))
        else:
            premieres[cle] = ligne
    export.csv("acquis.csv", [["bilan_id", "discipline_code", "positionnement", "moyenne_eleve",
                               "nb_elements_programme", "appreciation_renseignee"], *rows])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT ligne, detail FROM rejets WHERE motif = 'CLE_PRIMAIRE_EN_DOUBLE' ORDER BY ligne") \
        == attendus
    assert db_rows(db, "SELECT count(*) FROM acquis") == [(300_000,)]
