"""TRF-01, TRF-02 (inter-academy transfer), VIS-01, VIS-02 (visibility), SEL-01 (online service in 2D)."""
from __future__ import annotations

import pytest

from regles_helpers import COLLEGE, ECOLE, ECOLE_LYON


@pytest.fixture
def demenagement(world):
    """E1: 2024 in the school of academy 08 (with a report there), 2025 in a school of academy 10."""
    world.etablissement(ECOLE, academie="08")
    world.etablissement(ECOLE_LYON, academie="10")
    world.classe("C24", uai=ECOLE, millesime=2024, niveau="CE2")
    world.classe("C25", uai=ECOLE_LYON, millesime=2025, niveau="CM1")
    world.inscription("E1", "C24", uai=ECOLE, millesime=2024, date_entree="2024-09-02")
    world.inscription("E1", "C25", uai=ECOLE_LYON, millesime=2025, date_entree="2025-09-01")
    return world


ANOMALIE_E1 = ("TRF-01", "majeure", ECOLE_LYON, "10", 2025, "E1", None, None)


def _transfert(world, origine="08", accueil="10", date="2025-10-01 10:00:00", transfert_id="T1"):
    world.add("transferts", transfert_id=transfert_id, eleve_id="E1", academie_origine=origine,
              academie_accueil=accueil, uai_accueil=ECOLE_LYON, date_transfert=date)


def test_trf01_missing_transfer(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    assert demenagement.anomalies("TRF-01") == [ANOMALIE_E1]
    (detail,) = demenagement.details("TRF-01")
    assert ("inscrit en 2025-2026 dans l'académie de Lyon (10)" in detail
            and "il était dans l'académie de Grenoble (08) en 2024-2025" in detail
            and "aucun transfert inter-académique de Grenoble vers Lyon" in detail), detail


@pytest.mark.parametrize("livret", ["bilan_cycle", "attestation"])
def test_trf01_any_livret_in_the_origin_academy(demenagement, livret):
    getattr(demenagement, livret)(uai=ECOLE, millesime=2024)
    assert demenagement.anomalies("TRF-01") == [ANOMALIE_E1]


def test_trf01_transfer_made_a_year_after_arrival_counts(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    _transfert(demenagement, date="2026-09-15 10:00:00")
    assert demenagement.anomalies("TRF-01") == []


def test_trf01_transfer_in_the_wrong_direction_does_not_count(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    _transfert(demenagement, origine="10", accueil="08")
    assert demenagement.anomalies("TRF-01") == [ANOMALIE_E1]


def test_trf01_no_livret_in_the_origin_academy(demenagement):
    demenagement.bilan("B2", classe_id="C25", uai=ECOLE_LYON)  # a report in the new academy only
    assert demenagement.anomalies("TRF-01") == []


def test_trf01_only_the_latest_earlier_year_counts(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    # 2023 in academy 08, then 2024 already in academy 10: the move was before, not into year C.
    demenagement.db.con.execute("UPDATE inscriptions SET millesime = 2023 WHERE classe_id = 'C24'")
    demenagement.classe("C24L", uai=ECOLE_LYON, millesime=2024, niveau="CE2")
    demenagement.inscription("E1", "C24L", uai=ECOLE_LYON, millesime=2024, date_entree="2024-09-02")
    assert demenagement.anomalies("TRF-01") == []


def test_trf01_latest_enrolment_of_year_c_gives_the_uai(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    demenagement.etablissement("0690002D", academie="10")
    demenagement.classe("C25B", uai="0690002D", millesime=2025, niveau="CM1")
    demenagement.inscription("E1", "C25B", uai="0690002D", millesime=2025, date_entree="2026-01-05")
    assert demenagement.anomalies("TRF-01") == [("TRF-01", "majeure", "0690002D", "10", 2025, "E1", None, None)]


# --- TRF-02 ---------------------------------------------------------------------------------------

@pytest.fixture
def ancien_demenagement(demenagement):
    """E1: 2023 in academy 08 (report there), 2024 and 2025 in academy 10: an old move, not TRF-01's."""
    w = demenagement
    w.classe("C23", uai=ECOLE, millesime=2023, niveau="CE1")
    w.inscription("E1", "C23", uai=ECOLE, millesime=2023, date_entree="2023-09-04")
    w.bilan("B23", classe_id="C23", millesime=2023, date_creation="2023-11-20 10:00:00")
    w.db.con.execute("DELETE FROM inscriptions WHERE classe_id = 'C24'")
    w.classe("C24L", uai=ECOLE_LYON, millesime=2024, niveau="CE2")
    w.inscription("E1", "C24L", uai=ECOLE_LYON, millesime=2024, date_entree="2024-09-02")
    return w


ANOMALIE_TRF02 = ("TRF-02", "majeure", ECOLE_LYON, "10", 2025, "E1", None, "08")


def test_trf02_old_move_without_transfer(ancien_demenagement):
    assert ancien_demenagement.anomalies("TRF-02") == [ANOMALIE_TRF02]
    assert ancien_demenagement.anomalies("TRF-01") == []
    (detail,) = ancien_demenagement.details("TRF-02")
    assert "dans l'académie de Grenoble (08) jusqu'en 2023-2024" in detail and "transfert" in detail, detail
    assert "depuis l'académie de Grenoble (08)" in detail and "académie de Lyon (10)" in detail, detail


def test_trf02_transfer_from_a_to_another_academy_clears_it(ancien_demenagement):
    _transfert(ancien_demenagement, origine="08", accueil="27", date="2024-10-01 10:00:00")
    assert ancien_demenagement.anomalies("TRF-02") == []


def test_trf02_transfer_from_another_academy_does_not_count(ancien_demenagement):
    _transfert(ancien_demenagement, origine="27", accueil="10", date="2024-10-01 10:00:00")
    assert ancien_demenagement.anomalies("TRF-02") == [ANOMALIE_TRF02]


def test_trf02_a_current_enrolment_in_a_clears_it(ancien_demenagement):
    w = ancien_demenagement
    w.classe("C25A", uai=ECOLE, millesime=2025, niveau="CM1")
    w.inscription("E1", "C25A", uai=ECOLE, millesime=2025, date_entree="2025-09-01")  # before the one in 10
    assert w.anomalies("TRF-02") == []


def test_trf02_a_being_the_latest_earlier_year_is_trf01s_case(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    assert demenagement.anomalies("TRF-01") == [ANOMALIE_E1]
    assert demenagement.anomalies("TRF-02") == []


def test_trf02_no_livret_in_a(ancien_demenagement):
    ancien_demenagement.db.con.execute("DELETE FROM bilans_periodiques WHERE bilan_id = 'B23'")
    assert ancien_demenagement.anomalies("TRF-02") == []


def test_trf02_one_row_per_academy_left(ancien_demenagement):
    """2022 in academy 14 (attestation there), 2023 in 08, 2024-2025 in 10: two academies left behind."""
    w = ancien_demenagement
    w.etablissement("0350001A", academie="14")
    w.classe("C22", uai="0350001A", millesime=2022, niveau="CP")
    w.inscription("E1", "C22", uai="0350001A", millesime=2022, date_entree="2022-09-01")
    w.attestation(uai="0350001A", millesime=2022)
    _transfert(w, origine="08", accueil="10", date="2024-10-01 10:00:00")
    assert w.anomalies("TRF-02") == [("TRF-02", "majeure", ECOLE_LYON, "10", 2025, "E1", None, "14")]


def test_trf02_current_establishment_without_academy_code(ancien_demenagement):
    """The academy left is still reported when the current establishment has no academy code (TRF-02 only
    looks at the pupils enrolled in two academies, or at an establishment without one)."""
    w = ancien_demenagement
    w.db.con.execute("UPDATE etablissements SET academie = NULL WHERE uai = ?", [ECOLE_LYON])
    assert w.anomalies("TRF-02") == [("TRF-02", "majeure", ECOLE_LYON, None, 2025, "E1", None, "08")]


# --- VIS-01 ---------------------------------------------------------------------------------------

@pytest.fixture
def classes_niveaux(world):
    """One school, one class per niveau (class id = niveau), report B_<niveau> of pupil E1 in each."""
    world.etablissement()
    world.periodes()
    for niveau in ("CP", "CE1", "CE2", "CM1", "CM2", "6E", "5E", "4E", "3E"):
        world.classe(niveau, niveau=niveau)
        world.bilan(f"B_{niveau}", classe_id=niveau)
    return world


def _consultation(world, consultation_id, classe_enseignant, objet_id, objet="BILAN_PERIODIQUE", canal="LSU",
                  profil="ENSEIGNANT"):
    world.add("consultations", consultation_id=consultation_id, date_consultation="2026-01-12 08:00:00",
              utilisateur_id="P1", profil=profil, canal=canal, classe_id_utilisateur=classe_enseignant,
              eleve_id="E1", objet=objet, objet_id=objet_id)


VISIBLES = {"CP": {"CP"}, "CE1": {"CP", "CE1"}, "CE2": {"CP", "CE1", "CE2"}, "CM1": {"CP", "CE1", "CE2", "CM1"},
            "CM2": {"CM1", "CM2"}, "6E": {"CM1", "CM2", "6E"}, "5E": {"CM1", "CM2", "6E", "5E"},
            "4E": {"5E", "4E"}, "3E": {"5E", "4E", "3E"}}


def test_vis01_follows_the_visibility_table_of_the_note(classes_niveaux):
    attendu = []
    for enseignant, visibles in VISIBLES.items():
        for niveau in VISIBLES:
            cid = f"{enseignant}>{niveau}"
            _consultation(classes_niveaux, cid, enseignant, f"B_{niveau}")
            if niveau not in visibles:
                attendu.append(("VIS-01", "majeure", ECOLE, "08", 2025, "E1", enseignant, cid))
    assert classes_niveaux.anomalies("VIS-01") == sorted(attendu)
    assert len(attendu) == 81 - 24
    detail = classes_niveaux.detail_by("VIS-01")["CM2>CE2"]
    assert "enseignant de la classe CM2 (niveau CM2) a ouvert le bilan périodique B_CE2 d'une classe de CE2" in detail
    detail = classes_niveaux.detail_by("VIS-01")["4E>6E"]
    assert "(niveau 4e) a ouvert le bilan périodique B_6E d'une classe de 6e," in detail, detail


def test_vis01_quasi_violations(classes_niveaux):
    classes_niveaux.bilan_cycle("BC1")
    _consultation(classes_niveaux, "V1", "CM2", "BC1", objet="BILAN_CYCLE")  # end-of-cycle: always visible
    classes_niveaux.attestation("AT1")
    _consultation(classes_niveaux, "V2", "CP", "AT1", objet="ATTESTATION")
    _consultation(classes_niveaux, "V3", "CP", "B_3E", profil="DIRECTEUR")
    _consultation(classes_niveaux, "V4", "CP", "B_3E", canal="SERVICE_EN_LIGNE")
    _consultation(classes_niveaux, "V5", "INCONNUE", "B_3E")  # teacher's class unknown: niveau unknown
    _consultation(classes_niveaux, "V6", "CP", "B_INCONNU")  # report unknown
    _consultation(classes_niveaux, "V7", None, "B_3E")
    assert classes_niveaux.anomalies("VIS-01") == []


# --- VIS-02 ---------------------------------------------------------------------------------------

@pytest.fixture
def famille(ecole):
    ecole.bilan("B1")
    ecole.attestation("AT1")
    ecole.add("comptes_responsables", compte_id="R1", eleve_id="E1", date_activation="2025-10-01 10:00:00",
              date_desactivation="2026-02-01 00:00:00")
    ecole.add("comptes_responsables", compte_id="R2", eleve_id="E1", date_activation="2025-10-01 10:00:00")
    return ecole


def _consultation_famille(world, consultation_id, date, compte="R1", eleve_id="E1", objet="BILAN_PERIODIQUE",
                          objet_id="B1", canal="SERVICE_EN_LIGNE", profil="RESPONSABLE"):
    world.add("consultations", consultation_id=consultation_id, date_consultation=date, utilisateur_id=compte,
              profil=profil, canal=canal, eleve_id=eleve_id, objet=objet, objet_id=objet_id)


def test_vis02_active_account_bounds(famille):
    _consultation_famille(famille, "F1", "2025-10-01 10:00:00")  # exactly at activation: allowed
    _consultation_famille(famille, "F2", "2025-10-01 09:59:59")
    _consultation_famille(famille, "F3", "2026-01-31 23:59:59")
    _consultation_famille(famille, "F4", "2026-02-01 00:00:00")  # at deactivation: no longer active
    _consultation_famille(famille, "F5", "2030-01-01 00:00:00", compte="R2")  # never deactivated
    _consultation_famille(famille, "F6", "2025-12-01 00:00:00", compte="R2", eleve_id="E2")  # other pupil
    _consultation_famille(famille, "F7", "2025-12-01 00:00:00", compte="INCONNU", objet="ATTESTATION",
                          objet_id="AT1")
    _consultation_famille(famille, "F8", "2025-12-01 00:00:00", compte="INCONNU", objet_id="B_INCONNU")
    _consultation_famille(famille, "F9", "2025-09-01 00:00:00", canal="LSU")
    _consultation_famille(famille, "F10", "2025-09-01 00:00:00", profil="ENSEIGNANT")
    # uai and millesime come from the consulted object, NULL when it does not exist (F8).
    assert sorted(famille.anomalies("VIS-02"), key=lambda r: r[-1]) == [
        ("VIS-02", "critique", ECOLE, "08", 2025, "E1", None, "F2"),
        ("VIS-02", "critique", ECOLE, "08", 2025, "E1", None, "F4"),
        ("VIS-02", "critique", ECOLE, "08", 2025, "E2", None, "F6"),
        ("VIS-02", "critique", ECOLE, "08", 2025, "E1", None, "F7"),
        ("VIS-02", "critique", None, None, None, "E1", None, "F8"),
    ]
    assert "compte responsable R1" in famille.detail_by("VIS-02")["F2"]


def test_sel01_online_service_closed_in_2d(world):
    world.etablissement(COLLEGE, degre="2D", service_en_ligne_ouvert=False)
    world.etablissement("0380003C", degre="2D", service_en_ligne_ouvert=True)
    world.etablissement(ECOLE, degre="1D", service_en_ligne_ouvert=False)
    world.etablissement("0380004D", degre="2D", service_en_ligne_ouvert=None)
    assert world.anomalies("SEL-01") == [("SEL-01", "majeure", COLLEGE, "08", None, None, None, None)]
    assert "ouvrir au 2D" in world.details("SEL-01")[0]


def test_trf01_enrolment_at_an_unknown_establishment_is_ignored(demenagement):
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    demenagement.inscription("E1", "C25X", uai="0999999Z", millesime=2025, date_entree="2026-01-05")  # REF-01's
    assert demenagement.anomalies("TRF-01") == [ANOMALIE_E1]


def test_trf01_latest_earlier_year_at_an_unknown_establishment_leaves_a_unknown(demenagement):
    # 2023 in academy 08 (report there), 2024 only at an establishment missing from the export, 2025 in 10:
    # the latest earlier enrolment (2024) has no known academy, so no fallback on 2023.
    demenagement.bilan("B1", classe_id="C24", millesime=2024, date_creation="2024-11-20 10:00:00")
    demenagement.db.con.execute("UPDATE inscriptions SET millesime = 2023 WHERE classe_id = 'C24'")
    demenagement.inscription("E1", "C24X", uai="0999999Z", millesime=2024, date_entree="2024-09-02")
    assert demenagement.anomalies("TRF-01") == []
