"""HIS-01 (report of a past year created) and HIS-02 (past year modified without authorisation)."""
from __future__ import annotations

import pytest

from regles_helpers import COLLEGE, ECOLE


def test_his01_school_year_boundary_is_the_first_of_september(ecole):
    ecole.bilan("B1", millesime=2024, date_creation="2025-08-31 23:59:59")  # still school year 2024
    ecole.bilan("B2", millesime=2024, date_creation="2025-09-01 00:00:00")  # school year 2025
    ecole.bilan("B3", millesime=2025, date_creation="2025-09-01 00:00:00")
    ecole.bilan("B4", millesime=2025, date_creation="2025-08-31 10:00:00")  # created ahead: not a past year
    ecole.bilan_cycle("BC1", millesime=2023, date_creation="2024-10-01 10:00:00")
    ecole.bilan_cycle("BC2", millesime=2024, date_creation="2025-06-30 10:00:00")
    assert ecole.anomalies("HIS-01") == [
        ("HIS-01", "critique", ECOLE, "08", 2023, "E1", None, "BC1"),
        ("HIS-01", "critique", ECOLE, "08", 2024, "E1", "CL1", "B2"),
    ]
    details = ecole.detail_by("HIS-01")
    assert "pendant l'année scolaire 2025-2026" in details["B2"]
    assert "bilan de fin de cycle BC1" in details["BC1"]


@pytest.fixture
def passe(ecole):
    """Pupil E1's report B24 of 2024 in the 1D school, modified on 2025-10-10 (school year 2025)."""
    ecole.etablissement(COLLEGE, degre="2D")
    ecole.bilan("B24", millesime=2024, date_creation="2024-11-20 10:00:00")
    return ecole


def _modif(world, modification_id="M1", objet_id="B24", date="2025-10-10 14:00:00", action="MODIFICATION",
           objet="BILAN_PERIODIQUE"):
    world.add("modifications", modification_id=modification_id, objet=objet, objet_id=objet_id,
              date_modification=date, auteur_id="P1", action=action)


def _autorisation(world, autorisation_id="A1", uai=ECOLE, eleve_id="E1", objet_id=None, millesime_concerne=2024,
                  autorite="DASEN", date_autorisation="2025-10-10", reference_sesam="0439473"):
    world.add("autorisations", autorisation_id=autorisation_id, uai=uai, eleve_id=eleve_id, objet_id=objet_id,
              millesime_concerne=millesime_concerne, autorite=autorite, signataire_id="P9",
              date_autorisation=date_autorisation, reference_sesam=reference_sesam,
              elements_a_modifier="appréciation de français")


ANOMALIE_M1 = ("HIS-02", "critique", ECOLE, "08", 2024, "E1", "CL1", "M1")


def test_his02_valid_authorisations_cover_the_modification(passe):
    _modif(passe)
    # objet_id NULL covers every report of the pupil for that year; dated the same day as the change.
    _autorisation(passe)
    assert passe.anomalies("HIS-02") == []


def test_his02_authorisation_naming_the_report(passe):
    _modif(passe)
    _autorisation(passe, objet_id="B24", date_autorisation="2025-09-01")
    assert passe.anomalies("HIS-02") == []


@pytest.mark.parametrize("defaut, attendu", [
    ({"uai": COLLEGE}, "concerne un autre établissement"),
    ({"objet_id": "B_AUTRE"}, "vise un autre bilan"),
    ({"millesime_concerne": 2023}, "porte sur une autre année"),
    ({"date_autorisation": "2025-10-11"}, "est datée après la modification"),
    ({"reference_sesam": None}, "n'a pas de référence SESAM à 7 chiffres"),
    ({"reference_sesam": "043947"}, "n'a pas de référence SESAM à 7 chiffres"),
    ({"reference_sesam": "04394731"}, "n'a pas de référence SESAM à 7 chiffres"),
    ({"reference_sesam": "0439A73"}, "n'a pas de référence SESAM à 7 chiffres"),
    ({"autorite": "CHEF_ETABLISSEMENT"}, "est signée par le chef d'établissement et non par le DASEN"),
])
def test_his02_each_missing_condition_is_named(passe, defaut, attendu):
    _modif(passe)
    _autorisation(passe, **defaut)
    assert passe.anomalies("HIS-02") == [ANOMALIE_M1]
    (detail,) = passe.details("HIS-02")
    assert f"l'autorisation la plus proche (A1) {attendu}" in detail
    assert "joindre au ticket SESAM l'autorisation écrite du DASEN" in detail


def test_his02_authorisation_of_another_pupil_does_not_count(passe):
    _modif(passe)
    _autorisation(passe, eleve_id="E2")
    assert passe.anomalies("HIS-02") == [ANOMALIE_M1]
    assert "l'autorisation la plus proche (A1) concerne un autre élève ;" in passe.details("HIS-02")[0]


def test_his02_without_any_authorisation(passe):
    _modif(passe)
    _autorisation(passe, eleve_id="E2", uai=COLLEGE)  # neither the pupil's nor the school's
    assert passe.anomalies("HIS-02") == [ANOMALIE_M1]
    assert "aucune autorisation n'existe pour cet élève ni pour cet établissement" in passe.details("HIS-02")[0]


def test_his02_2d_needs_the_head_of_establishment(passe):
    passe.classe("CL9", uai=COLLEGE, millesime=2024, niveau="5E")
    passe.bilan("B9", classe_id="CL9", uai=COLLEGE, millesime=2024, date_creation="2024-11-20 10:00:00")
    _modif(passe, "M2", objet_id="B9")
    _modif(passe, "M3", objet_id="B9", action="SUPPRESSION")
    _autorisation(passe, "A1", uai=COLLEGE, autorite="DASEN", objet_id="B9")
    assert passe.anomalies("HIS-02") == [
        ("HIS-02", "critique", COLLEGE, "08", 2024, "E1", "CL9", m) for m in ("M2", "M3")]
    assert "non par le chef d'établissement" in passe.details("HIS-02")[0]
    assert "autorisation écrite du chef d'établissement" in passe.details("HIS-02")[0]
    _autorisation(passe, "A2", uai=COLLEGE, autorite="CHEF_ETABLISSEMENT", objet_id="B9")
    assert passe.anomalies("HIS-02") == []


def test_his02_only_changes_of_a_past_school_year(passe):
    _modif(passe, "M1", date="2025-08-31 18:00:00")  # still school year 2024
    _modif(passe, "M2", action="CREATION")
    _modif(passe, "M3", action="IMPORT")
    _modif(passe, "M4", action="VERROUILLAGE", date="2025-09-01 00:00:00")
    _modif(passe, "M5", action="DEVERROUILLAGE")
    _modif(passe, "M6", objet="ATTESTATION", objet_id="B24")  # not a report
    _modif(passe, "M7", objet_id="INCONNU")  # unknown report: its year is unknown
    assert [r[-1] for r in passe.anomalies("HIS-02")] == ["M4", "M5"]


def test_his02_end_of_cycle_report(passe):
    passe.bilan_cycle("BC23", millesime=2023, date_creation="2024-06-10 10:00:00")
    _modif(passe, "M1", objet="BILAN_CYCLE", objet_id="BC23")
    _autorisation(passe, "A1", millesime_concerne=2024)
    assert passe.anomalies("HIS-02") == [("HIS-02", "critique", ECOLE, "08", 2023, "E1", None, "M1")]
    _autorisation(passe, "A2", millesime_concerne=2023)
    assert passe.anomalies("HIS-02") == []


def test_his02_closest_authorisation_is_the_one_meeting_most_conditions(passe):
    _modif(passe)
    _autorisation(passe, "A1", uai=COLLEGE, millesime_concerne=2023, reference_sesam=None)
    _autorisation(passe, "A2", reference_sesam="12345")
    (detail,) = passe.details("HIS-02") if passe.anomalies("HIS-02") else [""]
    assert "l'autorisation la plus proche (A2) n'a pas de référence SESAM à 7 chiffres" in detail
    assert "autre établissement" not in detail
