"""The diagnostic of one pupil explains TRF-01 and TRF-02 (an old academy left with the livret in it)."""
from __future__ import annotations

import pytest

from lsu_analytics.reports import diagnostic


@pytest.fixture
def parcours(tiny_db):
    """E1: 2023 in Grenoble (08, a report there), 2024 and 2025 in Lyon (10), transfer 08 -> 10 missing."""
    for uai, academie in (("0380001A", "08"), ("0690001C", "10")):
        tiny_db.add("etablissements", uai=uai, nom=f"École {uai}", degre="1D", secteur="PU", academie=academie,
                    departement="038" if academie == "08" else "069", service_en_ligne_ouvert=True)
    for classe, uai, millesime in (("C23", "0380001A", 2023), ("C24", "0690001C", 2024), ("C25", "0690001C", 2025)):
        tiny_db.add("classes", classe_id=classe, uai=uai, millesime=millesime, code_division=classe, niveau="CE1",
                    periodicite="TRIMESTRE", source_donnees="SAISIE", type_positionnement="ECHELLE_4")
        tiny_db.add("inscriptions", eleve_id="E1", uai=uai, classe_id=classe, millesime=millesime,
                    date_entree=f"{millesime}-09-01")
    tiny_db.add("bilans_periodiques", bilan_id="B23", eleve_id="E1", classe_id="C23", uai="0380001A", millesime=2023,
                periodicite="TRIMESTRE", indice=1, nb_periodes=3, date_creation="2023-11-20 10:00:00",
                mode_creation="SAISIE", synthese_renseignee=True, vie_scolaire_renseignee=True)
    return tiny_db


def _constats(db):
    return diagnostic.transfert_constats(diagnostic.transfert(db.con, {"eleve_id": "E1"}))


def test_old_academy_left_with_the_livret(parcours):
    (constat,) = _constats(parcours)
    assert constat[0] == "attention" and "TRF-02" in constat[1]
    assert "académie de Grenoble" in constat[1] and "académie de Lyon" in constat[1]  # names, not codes


def test_any_transfer_from_the_old_academy_clears_it(parcours):
    parcours.add("transferts", transfert_id="T1", eleve_id="E1", academie_origine="08", academie_accueil="27",
                 uai_accueil="0690001C", date_transfert="2024-10-01 10:00:00")
    (constat,) = _constats(parcours)
    assert constat[0] == "ok" and "01/10/2024" in constat[1]


def test_latest_move_stays_trf01(parcours):
    parcours.con.execute("DELETE FROM inscriptions WHERE classe_id = 'C24'")
    parcours.con.execute("UPDATE inscriptions SET millesime = 2024 WHERE classe_id = 'C23'")
    (constat,) = _constats(parcours)
    assert constat[0] == "attention" and "TRF-01" in constat[1]
