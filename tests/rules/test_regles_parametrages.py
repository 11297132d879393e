"""PAR-01, PAR-02 (class settings changed during the year), EP-01, EP-02 (retrievals of programme elements)."""
from __future__ import annotations

from regles_helpers import ECOLE


def _changement(world, date, champ, classe_id="CL1", ancienne="ECHELLE_4", nouvelle="NOTES"):
    world.add("parametrages_classe", classe_id=classe_id, date_changement=date, champ=champ,
              ancienne_valeur=ancienne, nouvelle_valeur=nouvelle, auteur_id="P1")


def test_par01_change_after_the_first_report(ecole):
    ecole.bilan("B1", date_creation="2025-11-20 10:00:00")
    ecole.bilan("B2", indice=2, date_creation="2025-11-25 10:00:00")
    ecole.bilan("B3", indice=3, date_creation="2026-03-02 10:00:00")
    _changement(ecole, "2025-09-10 08:00:00", "TYPE_POSITIONNEMENT")  # before any report: quiet
    _changement(ecole, "2025-11-20 10:00:00", "TYPE_POSITIONNEMENT")  # same instant as the first one: quiet
    _changement(ecole, "2025-12-01 09:30:00", "TYPE_POSITIONNEMENT")
    _changement(ecole, "2025-12-02 09:30:00", "PERIODICITE", ancienne="TRIMESTRE", nouvelle="SEMESTRE")
    ecole.classe("CL2")
    _changement(ecole, "2025-12-01 09:30:00", "TYPE_POSITIONNEMENT", classe_id="CL2")  # class without reports
    assert ecole.anomalies("PAR-01") == [
        ("PAR-01", "critique", ECOLE, "08", 2025, None, "CL1", "CL1|2025-12-01T09:30:00")]
    (detail,) = ecole.details("PAR-01")
    assert "2 bilan(s) périodique(s) de la classe existaient déjà" in detail
    assert "ECHELLE_4 → NOTES" in detail
    assert ecole.anomalies("PAR-02") == []


def test_par02_counts_locked_and_unlocked_reports_before_the_change(ecole):
    ecole.bilan("B1", date_creation="2025-11-20 10:00:00", date_verrou="2025-11-28 10:00:00")
    ecole.bilan("B2", eleve_id="E2", date_creation="2025-11-21 10:00:00")
    ecole.bilan("B3", eleve_id="E3", date_creation="2025-11-22 10:00:00", date_verrou="2026-01-05 10:00:00")
    ecole.bilan("B4", indice=2, date_creation="2026-02-01 10:00:00", date_verrou="2026-02-02 10:00:00")
    _changement(ecole, "2025-12-01 09:30:00", "SOURCE_DONNEES", ancienne="SAISIE", nouvelle="IMPORT")
    _changement(ecole, "2025-12-01 09:31:00", "TYPE_POSITIONNEMENT")
    assert ecole.anomalies("PAR-02") == [
        ("PAR-02", "critique", ECOLE, "08", 2025, None, "CL1", "CL1|2025-12-01T09:30:00")]
    (detail,) = ecole.details("PAR-02")
    # B1 was locked at the change; B2 and B3 were not (B3 was locked later); B4 came after.
    assert "1 bilan(s) verrouillé(s) ne sont plus modifiables et 2 bilan(s) non verrouillé(s)" in detail
    assert [r[0] for r in ecole.anomalies("PAR-01")] == ["PAR-01"]


def _recuperation(world, date, perimetre="ANNEE", classe_id="CL1", millesime=2025):
    world.add("recuperations_ep", classe_id=classe_id, millesime=millesime, date_recuperation=date,
              millesime_source=millesime - 1, perimetre=perimetre, nb_elements=12)


def test_ep01_retrieval_after_the_first_lock(ecole):
    ecole.bilan("B1", date_verrou="2025-12-05 17:00:00")
    ecole.bilan("B2", eleve_id="E2", date_verrou="2025-12-10 17:00:00")
    _recuperation(ecole, "2025-12-05 17:00:00")  # at the lock itself: not after
    _recuperation(ecole, "2025-12-06 08:15:00")
    ecole.classe("CL2")
    ecole.bilan("B3", classe_id="CL2")  # not locked
    _recuperation(ecole, "2026-01-06 08:15:00", classe_id="CL2")
    assert ecole.anomalies("EP-01") == [
        ("EP-01", "majeure", ECOLE, "08", 2025, None, "CL1", "CL1|2025-12-06T08:15:00")]
    assert "05/12/2025 à 17:00" in ecole.details("EP-01")[0]


def test_ep01_only_locks_of_the_same_year_count(ecole):
    ecole.bilan("B1", millesime=2024, date_creation="2024-11-20 10:00:00", date_verrou="2024-12-05 17:00:00")
    _recuperation(ecole, "2025-09-10 08:00:00")
    assert ecole.anomalies("EP-01") == []


def test_ep02_partial_or_after_the_end_of_period_1(ecole):
    # Period 1 of CL1's trimesters ends on 2025-11-30, read as the instant 2025-11-30 00:00:00.
    _recuperation(ecole, "2025-09-10 08:00:00")  # whole year, early: quiet
    _recuperation(ecole, "2025-11-30 00:00:00")  # exactly date_fin: not after
    _recuperation(ecole, "2025-11-30 12:00:00")
    _recuperation(ecole, "2025-09-11 08:00:00", perimetre="PERIODE")
    assert ecole.anomalies("EP-02") == [
        ("EP-02", "mineure", ECOLE, "08", 2025, None, "CL1", "CL1|2025-09-11T08:00:00"),
        ("EP-02", "mineure", ECOLE, "08", 2025, None, "CL1", "CL1|2025-11-30T12:00:00"),
    ]
    details = ecole.detail_by("EP-02")
    assert "période par période" in details["CL1|2025-09-11T08:00:00"]
    assert "après la fin de la période 1 (30/11/2025)" in details["CL1|2025-11-30T12:00:00"]
