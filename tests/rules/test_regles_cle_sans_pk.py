"""Tables with no PK (parametrages_classe, recuperations_ep): two rows with the same row key are one entity.

rules.md: « one row per offending entity », the entity being the row (classe_id, date_changement) or
(classe_id, date_recuperation); the loader keeps such repeated rows (no PK to reject them).
"""
from __future__ import annotations


def _changement(world, champ, date="2025-12-01 09:30:00", auteur_id="P1"):
    world.add("parametrages_classe", classe_id="CL1", date_changement=date, champ=champ,
              ancienne_valeur="SAISIE", nouvelle_valeur="IMPORT", auteur_id=auteur_id)


def test_par01_par02_one_row_per_repeated_change_and_counts_not_doubled(ecole):
    ecole.bilan("B1", date_creation="2025-11-20 10:00:00", date_verrou="2025-11-28 10:00:00")
    ecole.bilan("B2", eleve_id="E2", date_creation="2025-11-21 10:00:00")
    for champ in ("TYPE_POSITIONNEMENT", "SOURCE_DONNEES"):
        _changement(ecole, champ)
        _changement(ecole, champ, auteur_id="P2")  # same row key, logged twice
    assert [r[-1] for r in ecole.anomalies("PAR-01")] == ["CL1|2025-12-01T09:30:00"]
    assert "alors que 2 bilan(s) périodique(s)" in ecole.details("PAR-01")[0]
    assert [r[-1] for r in ecole.anomalies("PAR-02")] == ["CL1|2025-12-01T09:30:00"]
    assert "1 bilan(s) verrouillé(s) ne sont plus modifiables et 1 bilan(s) non verrouillé(s)" \
        in ecole.details("PAR-02")[0]


def test_ep01_ep02_one_row_per_repeated_retrieval(ecole):
    ecole.bilan("B1", date_creation="2025-11-20 10:00:00", date_verrou="2025-11-28 10:00:00")
    for perimetre in ("ANNEE", "PERIODE"):
        ecole.add("recuperations_ep", classe_id="CL1", millesime=2025, date_recuperation="2025-12-05 10:00:00",
                  millesime_source=2024, perimetre=perimetre, nb_elements=12)
    assert [r[-1] for r in ecole.anomalies("EP-01")] == ["CL1|2025-12-05T10:00:00"]
    assert [r[-1] for r in ecole.anomalies("EP-02")] == ["CL1|2025-12-05T10:00:00"]
    # The row retrieved period by period is the one described.
    assert "période par période" in ecole.details("EP-02")[0]


def test_ref01_one_row_per_repeated_row_key(ecole):
    for auteur_id in ("P_ABSENT_1", "P_ABSENT_2"):
        ecole.add("parametrages_classe", classe_id="CL_X", date_changement="2025-10-01 08:30:00",
                  champ="PERIODICITE", ancienne_valeur="TRIMESTRE", nouvelle_valeur="SEMESTRE", auteur_id=auteur_id)
        ecole.add("recuperations_ep", classe_id="CL_Y", millesime=2025, date_recuperation="2025-09-10 08:00:00",
                  millesime_source=2024, perimetre="ANNEE", nb_elements=3)
    assert [r[-1] for r in ecole.anomalies("REF-01")] == [
        "parametrages_classe|CL_X|2025-10-01T08:30:00|auteur_id",
        "parametrages_classe|CL_X|2025-10-01T08:30:00|classe_id",
        "recuperations_ep|CL_Y|2025-09-10T08:00:00|classe_id",
    ]
