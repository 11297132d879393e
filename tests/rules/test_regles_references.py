"""REF-01: orphan references, derived from the contract's foreign keys."""
from __future__ import annotations

from lsu_analytics.contract import TABLES
from lsu_analytics.rules.catalog import RULES_DIR
from lsu_analytics.rules.references import foreign_keys, render_ref01

from regles_helpers import ECOLE


def test_ref01_file_is_up_to_date_with_the_contract():
    assert (RULES_DIR / "REF-01.sql").read_text(encoding="utf-8") == render_ref01(), (
        "REF-01.sql ne correspond plus au contrat : relancer `python -m lsu_analytics.rules.references`.")


def test_ref01_covers_every_declared_foreign_key():
    declared = {(t.name, c.name) for t in TABLES.values() for c in t.columns if c.fk}
    assert {(t.name, col) for t, col, _ in foreign_keys()} == declared
    sql = render_ref01()
    for table, column in declared:
        assert f"-- {table}.{column} → " in sql


def test_ref01_rows_and_keys(ecole):
    ecole.bilan("B1", classe_id="CL_FANTOME")
    ecole.add("parametrages_classe", classe_id="CL_X", date_changement="2025-10-01 08:30:00",
              champ="PERIODICITE", ancienne_valeur="TRIMESTRE", nouvelle_valeur="SEMESTRE", auteur_id=None)
    ecole.add("recuperations_ep", classe_id="CL_Y", millesime=2025, date_recuperation="2025-09-10 08:00:00",
              millesime_source=2024, perimetre="ANNEE", nb_elements=3)
    ecole.periodes(uai="0999999Z", bornes=(("2025-09-01", "2026-07-04"),), periodicite="ANNEE")
    ecole.acquis("B_FANTOME", "020700")
    ecole.add("autorisations", autorisation_id="A1", uai=ECOLE, eleve_id="E1", millesime_concerne=2024,
              autorite="DASEN", signataire_id=None, date_autorisation="2025-10-01")  # NULL FK: not orphan
    assert ecole.anomalies("REF-01") == sorted(
        ("REF-01", "majeure", None, None, None, None, None, objet) for objet in (
            "acquis|B_FANTOME|020700|bilan_id",
            "bilans_periodiques|B1|classe_id",
            "parametrages_classe|CL_X|2025-10-01T08:30:00|classe_id",
            "periodes|0999999Z|2025|ANNEE|1|uai",
            "recuperations_ep|CL_Y|2025-09-10T08:00:00|classe_id",
        ))
    detail = ecole.detail_by("REF-01")["bilans_periodiques|B1|classe_id"]
    assert "classe_id = « CL_FANTOME », absent de classes.classe_id" in detail


def test_ref01_consistent_export_is_quiet(ecole):
    ecole.bilan("B1")
    ecole.acquis("B1")
    assert ecole.anomalies("REF-01") == []
