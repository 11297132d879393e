"""Only the formats the manifest declares are read; anything else is TYPE_INVALIDE."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from load_exports import ETABLISSEMENTS, Export, db_rows

from lsu_analytics.load import LoadError, load_export

ACQUIS = ["bilan_id", "discipline_code", "positionnement", "moyenne_eleve", "nb_elements_programme",
          "appreciation_renseignee"]
INSCRIPTIONS = ["eleve_id", "uai", "classe_id", "millesime", "date_entree", "date_sortie"]
COMPTES = ["compte_id", "eleve_id", "date_activation", "date_desactivation"]


def _invalid_lines(db) -> dict[int, str]:
    return dict(db_rows(db, "SELECT ligne, colonne FROM rejets WHERE motif = 'TYPE_INVALIDE'"))


def test_booleens(export, tmp_path):
    values = ["0", "1", "true", "FALSE", "Oui", "NON", "vrai", "yes", " 1", "2", "o"]
    rows = [["B1", f"D{i}", None, None, None, v] for i, v in enumerate(values)]
    export.csv("acquis.csv", [ACQUIS, *rows])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT appreciation_renseignee FROM acquis ORDER BY discipline_code") == [
        (False,), (True,), (True,), (False,), (True,), (False,)]
    assert sorted(_invalid_lines(db)) == [8, 9, 10, 11, 12]


def test_entiers_et_decimaux_point(export, tmp_path):
    rows = [["B1", "D0", None, "12.5", "3", None], ["B1", "D1", None, "7", "+2", None],
            ["B1", "D2", None, "12,5", None, None], ["B1", "D3", None, None, "1.5", None],
            ["B1", "D4", None, None, "1_000", None], ["B1", "D5", None, " 4", None, None],
            ["B1", "D6", None, None, "1e3", None]]
    export.csv("acquis.csv", [ACQUIS, *rows])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT moyenne_eleve, nb_elements_programme FROM acquis ORDER BY discipline_code") == [
        (Decimal("12.50"), 3), (Decimal("7.00"), 2)]
    assert _invalid_lines(db) == {4: "moyenne_eleve", 5: "nb_elements_programme", 6: "nb_elements_programme",
                                  7: "moyenne_eleve", 8: "nb_elements_programme"}


def test_separateur_decimal_virgule(tmp_path):
    export = Export(tmp_path / "export", separateur_decimal=",")
    export.csv("acquis.csv", [ACQUIS, ["B1", "D0", None, "12,5", None, None], ["B1", "D1", None, "12.5", None, None]])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT moyenne_eleve FROM acquis") == [(Decimal("12.50"),)]
    assert _invalid_lines(db) == {3: "moyenne_eleve"}
    assert db_rows(db, "SELECT separateur_decimal FROM manifeste") == [(",",)]


@pytest.mark.parametrize("format_date, bons, mauvais", [
    ("iso", ("2025-09-02", "2025-09-02T08:30:00"), ("02/09/2025", "02/09/2025 08:30:00")),
    ("fr", ("02/09/2025", "02/09/2025 08:30:00"), ("2025-09-02", "2025-09-02T08:30:00")),
])
def test_dates_selon_le_manifeste(tmp_path, format_date, bons, mauvais):
    export = Export(tmp_path / "export", format_date=format_date)
    export.csv("inscriptions.csv", [INSCRIPTIONS, ["E1", "0382032C", "C1", "2025", bons[0], None],
                                    ["E2", "0382032C", "C1", "2025", mauvais[0], None],
                                    ["E3", "0382032C", "C1", "2025", "31/02/2025" if format_date == "fr"
                                     else "2025-02-31", None]])
    export.csv("comptes_responsables.csv", [COMPTES, ["R1", "E1", bons[1], None], ["R2", "E1", mauvais[1], None],
                                            ["R3", "E1", bons[0], None]])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT date_entree FROM inscriptions") == [(date(2025, 9, 2),)]
    assert db_rows(db, "SELECT date_activation FROM comptes_responsables") == [(datetime(2025, 9, 2, 8, 30),)]
    assert db_rows(db, "SELECT fichier, ligne, colonne FROM rejets ORDER BY 1, 2") == [
        ("comptes_responsables.csv", 3, "date_activation"), ("comptes_responsables.csv", 4, "date_activation"),
        ("inscriptions.csv", 3, "date_entree"), ("inscriptions.csv", 4, "date_entree")]


def test_windows_1252(tmp_path):
    export = Export(tmp_path / "export", encodage="windows-1252")
    noms = [ETABLISSEMENTS[1][:1] + ["Cœur d’école à 5 €"] + ETABLISSEMENTS[1][2:],
            ETABLISSEMENTS[2][:1] + ["Collège « Molière » – ŒUVRE"] + ETABLISSEMENTS[2][2:]]
    path = export.csv("etablissements.csv", [ETABLISSEMENTS[0], *noms], newline="\r\n")
    assert b"\x80" in path.read_bytes() and b"\x9c" in path.read_bytes()  # €, œ: not latin-1
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT nom FROM etablissements ORDER BY uai DESC") == [
        ("Cœur d’école à 5 €",), ("Collège « Molière » – ŒUVRE",)]


def test_windows_1252_octet_indefini(tmp_path):
    export = Export(tmp_path / "export", encodage="windows-1252")
    raw = "uai;nom\r\n0382032C;ok\r\n0380002D;x\x81y\r\n".encode("latin-1")
    export.raw("etablissements.csv", raw, lignes=2)
    with pytest.raises(LoadError, match=r"etablissements\.csv, ligne 3 .*0x81"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")


def test_utf8_avec_bom_et_crlf(export, tmp_path):
    export.csv("etablissements.csv", ETABLISSEMENTS, newline="\r\n", bom=True)
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert result.tables["etablissements"].chargees == 2
    assert db_rows(db, "SELECT uai, nom FROM etablissements ORDER BY uai") == [
        ("0380002D", "Collège Stendhal"), ("0382032C", "École Jean Jaurès")]


def test_utf8_declare_mais_fichier_en_windows_1252(export, tmp_path):
    raw = "uai;nom\n0382032C;École\n".encode("windows-1252")
    export.raw("etablissements.csv", raw, lignes=1)
    with pytest.raises(LoadError, match=r"etablissements\.csv, ligne 2 : fichier illisible \(octets qui ne sont pas"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")
