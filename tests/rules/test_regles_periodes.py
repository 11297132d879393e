"""PER-01..PER-04: periods of the establishments."""
from __future__ import annotations

from regles_helpers import COLLEGE, ECOLE


def test_per01_bilan_on_an_undefined_period(ecole):
    ecole.bilan("B1", indice=1)  # defined: quiet
    ecole.bilan("B2", indice=4)  # the trimester has 3 periods
    ecole.bilan("B3", indice=2, nb_periodes=2)  # nb_periodes differs from the periods'
    ecole.bilan("B4", periodicite="SEMESTRE")
    ecole.bilan("B5", millesime=2024, date_creation="2024-11-20 10:00:00")  # periods exist for 2025 only
    assert ecole.anomalies("PER-01") == [
        ("PER-01", "critique", ECOLE, "08", 2024, "E1", "CL1", "B5"),
        ("PER-01", "critique", ECOLE, "08", 2025, "E1", "CL1", "B2"),
        ("PER-01", "critique", ECOLE, "08", 2025, "E1", "CL1", "B3"),
        ("PER-01", "critique", ECOLE, "08", 2025, "E1", "CL1", "B4"),
    ]
    assert any("période 4 sur 3" in d and "paramétrer" in d for d in ecole.details("PER-01"))


def test_per01_unknown_establishment_gives_null_academy(ecole):
    ecole.bilan("B9", uai="0999999Z")
    assert ecole.anomalies("PER-01") == [("PER-01", "critique", "0999999Z", None, 2025, "E1", "CL1", "B9")]


def test_per02_class_without_periods(ecole):
    ecole.classe("CL2", periodicite=None)
    ecole.inscription("E1", "CL2")
    ecole.classe("CL3", periodicite="SEMESTRE")
    ecole.inscription("E1", "CL3")
    ecole.classe("CL4", periodicite=None)  # no pupil: quiet
    ecole.classe("CL5", millesime=2024, periodicite="SEMESTRE")  # past year: quiet
    ecole.inscription("E1", "CL5", millesime=2024)
    ecole.etablissement(COLLEGE, degre="2D")
    ecole.periodes(COLLEGE, millesime=2024)  # periods of another year only
    ecole.classe("CL6", uai=COLLEGE)
    ecole.inscription("E1", "CL6", uai=COLLEGE)
    assert ecole.anomalies("PER-02") == [
        ("PER-02", "majeure", ECOLE, "08", 2025, None, "CL2", None),
        ("PER-02", "majeure", ECOLE, "08", 2025, None, "CL3", None),
        ("PER-02", "majeure", COLLEGE, "08", 2025, None, "CL6", None),
    ]
    details = ecole.details("PER-02")
    assert any("aucune périodicité" in d for d in details)
    assert any("« SEMESTRE »" in d for d in details)


def test_per03_consistent_periods_are_quiet(ecole):
    # A one-day period (debut = fin) does not end before it starts.
    ecole.periodes(periodicite="SEMESTRE", bornes=(("2025-09-01", "2025-09-01"), ("2025-09-02", "2026-07-04")))
    assert ecole.anomalies("PER-03") == []


def test_per03_each_inconsistency(world):
    world.etablissement()
    bornes = TRI = (("2025-09-01", "2025-11-30"), ("2025-12-01", "2026-02-28"), ("2026-03-01", "2026-07-04"))
    world.periodes(periodicite="TROUS", indices={3: 4}, bornes=bornes)  # indices 1, 2, 4
    world.periodes(periodicite="MANQUE", nb_periodes=3, bornes=TRI[:2])  # indices 1, 2 of 3
    world.add("periodes", uai=ECOLE, millesime=2025, periodicite="NB", nb_periodes=3, indice=1,
              date_debut="2025-09-01", date_fin="2025-11-30", date_parametrage="2025-09-05")
    world.add("periodes", uai=ECOLE, millesime=2025, periodicite="NB", nb_periodes=2, indice=2,
              date_debut="2025-12-01", date_fin="2026-02-28", date_parametrage="2025-09-05")
    world.add("periodes", uai=ECOLE, millesime=2025, periodicite="NB", nb_periodes=3, indice=3,
              date_debut="2026-03-01", date_fin="2026-07-04", date_parametrage="2025-09-05")
    world.periodes(periodicite="ENVERS", bornes=(("2025-09-01", "2025-08-31"), ("2025-09-02", "2026-07-04")))
    # Period 2 starts the very day period 1 ends: "on or before" includes equality.
    world.periodes(periodicite="CHEVAUCHE", bornes=(("2025-09-01", "2025-12-31"), ("2025-12-31", "2026-07-04")))
    world.periodes(periodicite="CONTIGU", bornes=(("2025-09-01", "2025-12-31"), ("2026-01-01", "2026-07-04")))
    world.periodes(periodicite="TROUS", millesime=2024, bornes=TRI)  # same label, other year: quiet
    assert world.anomalies("PER-03") == [
        ("PER-03", "majeure", ECOLE, "08", 2025, None, None, p)
        for p in ("CHEVAUCHE", "ENVERS", "MANQUE", "NB", "TROUS")
    ]
    details = dict(zip(("CHEVAUCHE", "ENVERS", "MANQUE", "NB", "TROUS"), world.details("PER-03")))
    assert "la période 2 commence au plus tard le jour où finit la période 1" in details["CHEVAUCHE"]
    assert "finissent avant de commencer" in details["ENVERS"]
    assert "indices ne vont pas exactement" in details["MANQUE"]
    assert "nombre de périodes diffère" in details["NB"]


def test_per04_threshold_is_strict(world):
    world.etablissement()
    # Period 1 starts on 2025-09-01 (00:00:00): 30 days later is 2025-10-01 00:00:00, "more than" is strict.
    world.periodes(periodicite="PILE", date_parametrage="2025-10-01 00:00:00")
    world.periodes(periodicite="APRES", date_parametrage="2025-10-01 00:00:01")
    world.periodes(periodicite="AVANT", date_parametrage="2025-08-25 09:00:00")
    assert world.anomalies("PER-04") == [("PER-04", "mineure", ECOLE, "08", 2025, None, None, "APRES")]
    assert ("paramétrées le 01/10/2025 à 00:00, plus de 30 jours après le début de la période 1 (01/09/2025)"
            in world.details("PER-04")[0])
    assert world.anomalies("PER-04", seuils={"jours_parametrage": 31}) == []
    assert world.anomalies("PER-04", seuils={"jours_parametrage": 29}) == [
        ("PER-04", "mineure", ECOLE, "08", 2025, None, None, p) for p in ("APRES", "PILE")]


def test_per04_uses_the_earliest_setting_of_the_periodicity(world):
    world.etablissement()
    world.add("periodes", uai=ECOLE, millesime=2025, periodicite="S", nb_periodes=2, indice=1,
              date_debut="2025-09-01", date_fin="2026-01-31", date_parametrage="2025-12-01 08:00:00")
    world.add("periodes", uai=ECOLE, millesime=2025, periodicite="S", nb_periodes=2, indice=2,
              date_debut="2026-02-01", date_fin="2026-07-04", date_parametrage="2025-09-10 08:00:00")
    assert world.anomalies("PER-04") == []
