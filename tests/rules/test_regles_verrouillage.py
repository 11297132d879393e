"""VER-01..03 (locking), REC-01 (search), CMP-01 (completeness)."""
from __future__ import annotations

from regles_helpers import COLLEGE, ECOLE


def _deverrouillage(world, modification_id, date, objet_id="B1", action="DEVERROUILLAGE", objet="BILAN_PERIODIQUE"):
    world.add("modifications", modification_id=modification_id, objet=objet, objet_id=objet_id,
              date_modification=date, auteur_id="P1", action=action)


def test_ver01_unlock_after_the_family_visa(ecole):
    ecole.bilan("B1", date_verrou="2025-12-01 10:00:00", date_visa="2025-12-05 20:00:00")
    ecole.bilan("B2", eleve_id="E2", date_verrou="2025-12-01 10:00:00")  # never visaed
    _deverrouillage(ecole, "M1", "2025-12-05 20:00:00")  # at the visa itself: not after
    _deverrouillage(ecole, "M2", "2025-12-05 20:00:01")
    _deverrouillage(ecole, "M3", "2025-12-03 08:00:00")
    _deverrouillage(ecole, "M4", "2025-12-06 08:00:00", action="VERROUILLAGE")
    _deverrouillage(ecole, "M5", "2025-12-06 08:00:00", objet_id="B2")
    _deverrouillage(ecole, "M6", "2025-12-06 08:00:00", objet="BILAN_CYCLE")
    assert ecole.anomalies("VER-01") == [("VER-01", "critique", ECOLE, "08", 2025, "E1", "CL1", "M2")]
    assert "visé le 05/12/2025 à 20:00" in ecole.details("VER-01")[0]


def test_ver02_lock_and_publication_disagree(ecole):
    ecole.bilan("B1", date_verrou="2025-12-01 10:00:00")  # locked and published
    ecole.bilan("B2", date_verrou="2025-12-01 10:00:00", publie_si_verrouille=False)
    ecole.bilan("B3", date_publication="2025-12-01 10:00:00")
    ecole.bilan("B4")  # neither
    assert ecole.anomalies("VER-02") == [
        ("VER-02", "majeure", ECOLE, "08", 2025, "E1", "CL1", b) for b in ("B2", "B3")]
    details = ecole.detail_by("VER-02")
    assert "verrouillé depuis le 01/12/2025 mais n'est pas publié" in details["B2"]
    assert "publié sur le service en ligne depuis le 01/12/2025 sans être verrouillé" in details["B3"]


def test_ver03_threshold_is_strict(tiny_db, world):
    # X = 2026-03-14 00:00:00: a period ending 2026-02-27 (00:00:00) ended exactly 15 days before (quiet),
    # one ending 2026-02-26 more than 15 days before (to lock).
    tiny_db.manifeste(date_extraction="2026-03-14 00:00:00")
    world.etablissement()
    world.periodes(periodicite="A", bornes=(("2025-09-01", "2026-02-27"), ("2026-02-28", "2026-07-04")))
    world.periodes(periodicite="B", bornes=(("2025-09-01", "2025-12-31"), ("2026-01-01", "2026-02-26"),
                                            ("2026-02-27", "2026-07-04")))
    world.classe("CA", periodicite="A")
    world.classe("CB", periodicite="B")
    world.bilan("B_A1", classe_id="CA", periodicite="A", indice=1, nb_periodes=2)
    world.bilan("B_B2", classe_id="CB", periodicite="B", indice=2, nb_periodes=3)
    world.bilan("B_B1", classe_id="CB", periodicite="B", indice=1, nb_periodes=3, date_verrou="2026-01-05 10:00:00")
    world.bilan("B_B3", classe_id="CB", periodicite="B", indice=3, nb_periodes=3)  # period not over
    world.bilan("B_X", classe_id="CB", periodicite="B", indice=1, nb_periodes=2)  # no such period: PER-01's
    assert world.anomalies("VER-03") == [("VER-03", "mineure", ECOLE, "08", 2025, "E1", "CB", "B_B2")]
    assert ("sa période s'est terminée le 26/02/2026, plus de 15 jours avant l'extraction du 14/03/2026"
            in world.details("VER-03")[0])
    assert world.anomalies("VER-03", seuils={"jours_verrouillage": 16}) == []
    assert [r[-1] for r in world.anomalies("VER-03", seuils={"jours_verrouillage": 14})] == ["B_A1", "B_B2"]


def test_ver03_only_year_c_and_saisie_classes(ecole):
    ecole.classe("CI", source_donnees="IMPORT")
    ecole.bilan("B1", classe_id="CI")
    ecole.periodes(millesime=2024, bornes=(("2024-09-01", "2024-11-30"), ("2024-12-01", "2025-02-28"),
                                           ("2025-03-01", "2025-07-04")))
    ecole.bilan("B2", millesime=2024, date_creation="2024-11-20 10:00:00")
    ecole.bilan("B3")  # period 1 of 2025 ended on 2025-11-30: to lock
    assert [r[-1] for r in ecole.anomalies("VER-03")] == ["B3"]


def test_rec01_pupil_without_any_document_this_year(ecole):
    # E1 in CL1 (ECOLE, 2025) has nothing; E2 has a report, E3 an attestation, E4 an end-of-cycle report.
    for eleve, doc in (("E2", "bilan"), ("E3", "attestation"), ("E4", "bilan_cycle")):
        ecole.eleve(eleve)
        ecole.inscription(eleve)
        getattr(ecole, doc)(f"D{eleve}", eleve_id=eleve)
    ecole.eleve("E5")
    ecole.inscription("E5")
    ecole.bilan("B5", eleve_id="E5", millesime=2024, date_creation="2024-11-20 10:00:00")  # last year
    ecole.etablissement(COLLEGE, degre="2D")
    ecole.classe("CL9", uai=COLLEGE, niveau="6E")
    ecole.inscription("E2", "CL9", uai=COLLEGE)  # E2's report is at ECOLE, not at the collège
    ecole.inscription("E6", "CL1", millesime=2024)  # enrolled last year only
    assert ecole.anomalies("REC-01") == [
        ("REC-01", "info", ECOLE, "08", 2025, "E1", None, None),
        ("REC-01", "info", ECOLE, "08", 2025, "E5", None, None),
        ("REC-01", "info", COLLEGE, "08", 2025, "E2", None, None),
    ]


def test_rec01_two_classes_same_school_is_one_entity(ecole):
    ecole.classe("CL2")
    ecole.inscription("E1", "CL2")
    assert ecole.anomalies("REC-01") == [("REC-01", "info", ECOLE, "08", 2025, "E1", None, None)]


def test_cmp01_locked_report_incomplete(ecole):
    ecole.etablissement(COLLEGE, degre="2D")
    ecole.classe("CL9", uai=COLLEGE, niveau="5E")
    verrou = "2025-12-01 10:00:00"
    ecole.bilan("OK", date_verrou=verrou)
    ecole.acquis("OK", "01")
    ecole.acquis("OK", "02", positionnement=None, moyenne_eleve=12.5)
    ecole.bilan("VIDE", date_verrou=verrou)
    ecole.bilan("SYNTH", date_verrou=verrou, synthese_renseignee=False)
    ecole.acquis("SYNTH")
    ecole.bilan("VS1D", date_verrou=verrou, vie_scolaire_renseignee=False)  # 1D: not required
    ecole.acquis("VS1D")
    ecole.bilan("VS2D", classe_id="CL9", uai=COLLEGE, date_verrou=verrou, vie_scolaire_renseignee=False)
    ecole.acquis("VS2D")
    ecole.bilan("EP0", date_verrou=verrou)
    ecole.acquis("EP0", "01")
    ecole.acquis("EP0", "02", nb_elements_programme=0)
    ecole.bilan("NOTE", date_verrou=verrou)
    ecole.acquis("NOTE", positionnement=None, moyenne_eleve=None)
    ecole.bilan("OUVERT", synthese_renseignee=False)  # not locked
    ecole.bilan("PASSE", millesime=2024, date_creation="2024-11-20 10:00:00", date_verrou="2024-12-01 10:00:00")
    assert ecole.anomalies("CMP-01") == sorted(
        [("CMP-01", "majeure", ECOLE, "08", 2025, "E1", "CL1", b) for b in ("VIDE", "SYNTH", "EP0", "NOTE")]
        + [("CMP-01", "majeure", COLLEGE, "08", 2025, "E1", "CL9", "VS2D")])
    details = ecole.detail_by("CMP-01")
    assert "aucune discipline" in details["VIDE"]
    assert "synthèse générale non rédigée" in details["SYNTH"]
    assert "vie scolaire non renseignée" in details["VS2D"]
    assert "1 discipline(s) sans élément de programme" in details["EP0"]
    assert "1 discipline(s) sans positionnement ni moyenne" in details["NOTE"]
