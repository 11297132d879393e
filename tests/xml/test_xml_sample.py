"""The official sample file: read, validated and loaded with exactly its content."""
from decimal import Decimal

import duckdb
import polars as pl
from lxml import etree

from lsu_analytics.xml import ERREUR, load_into, read_import


def _moyenne(content, bilan_id, code):
    acquis = content.tables["acquis"].filter((pl.col("bilan_id") == bilan_id) & (pl.col("discipline_code") == code))
    assert acquis.height == 1
    return acquis["moyenne_eleve"][0]


def test_sample_is_valid_against_official_xsd(xsd, sample_xml):
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.parse(str(sample_xml))), schema.error_log


def test_sample_counts_exactly_its_content(xsd, sample_xml):
    content = read_import(sample_xml, xsd)
    assert content.xsd == xsd
    assert not [p for p in content.problems if p.severite == ERREUR]
    counts = content.counts()
    assert counts["eleves"] == 3
    assert counts["periodes"] == 3
    assert counts["bilans_periodiques"] == 5
    assert counts["bilans_cycle"] == 3
    assert counts["personnels"] == 12
    assert counts["bilans_cycle_socle"] == 3 * 8
    assert content.uai == "0382032C" and content.schema_version == "2.0"


def test_sample_identifiers_are_prefixed_by_uai_and_bilans_are_imports(sample_xml):
    t = read_import(sample_xml).tables
    assert sorted(t["eleves"]["eleve_id"]) == ["0382032C:EL_01", "0382032C:EL_02", "0382032C:EL_03"]
    assert t["personnels"]["personnel_id"].str.starts_with("0382032C:ENS_").all()
    assert set(t["personnels"]["role"]) == {"ENSEIGNANT"} and set(t["personnels"]["uai"]) == {"0382032C"}
    bilans = t["bilans_periodiques"]
    assert set(bilans["mode_creation"]) == {"IMPORT"}
    assert "0382032C:EL_01:P_03" in set(bilans["bilan_id"])
    assert set(bilans["periodicite"]) == {"TRIMESTRE"} and set(bilans["nb_periodes"]) == {3}
    assert set(bilans["classe_id"]) == {"0382032C:2015:6EME_4"}
    periodes = t["periodes"].sort("indice")
    assert periodes["indice"].to_list() == [1, 2, 3]
    assert periodes["date_debut"].null_count() == 3  # the file gives no dates: NULL, never invented


def test_sample_moyennes_are_decimals_out_of_20(sample_xml):
    content = read_import(sample_xml)
    assert _moyenne(content, "0382032C:EL_01:P_01", "030201") == Decimal("18")        # "18/20"
    assert _moyenne(content, "0382032C:EL_01:P_01", "062300") == Decimal("11.5")      # "11.5/20"
    assert _moyenne(content, "0382032C:EL_02:P_01", "020700") == Decimal("6")         # "6"
    assert _moyenne(content, "0382032C:EL_01:P_01", "020700") is None                # eleve-non-note
    # EPS: the national code (code-national) rather than the academic one (100A00).
    assert _moyenne(content, "0382032C:EL_01:P_01", "100100") == Decimal("9")


def test_sample_socle_positions(sample_xml):
    socle = read_import(sample_xml).tables["bilans_cycle_socle"]
    get = {(r["bilan_cycle_id"], r["domaine_code"]): r["positionnement"] for r in socle.iter_rows(named=True)}
    assert get[("0382032C:EL_01:C3", "CPD_SCI")] == 3
    assert get[("0382032C:EL_01:C3", "CPD_ETR")] == 0
    assert get[("0382032C:EL_03:C4", "CPD_FRA")] == 4
    cycles = read_import(sample_xml).tables["bilans_cycle"].sort("bilan_cycle_id")
    assert cycles["cycle"].to_list() == [3, 3, 4] and set(cycles["millesime"]) == {2015}


def test_same_code_under_two_options_is_kept_with_a_warning(sample_xml):
    content = read_import(sample_xml)
    codes = content.tables["acquis"].filter(pl.col("bilan_id") == "0382032C:EL_01:P_01")["discipline_code"]
    assert "030201" in codes.to_list() and "030201:F" in codes.to_list()
    assert any("030201:F" in p.message and p.severite != ERREUR for p in content.problems)


def test_sample_loads_into_a_new_base_then_nothing_twice(tmp_path, sample_xml):
    db = tmp_path / "sample.duckdb"
    content = read_import(sample_xml)
    added = load_into(content, db)
    assert added == content.counts()
    assert load_into(content, db) == {name: 0 for name in added}
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM bilans_periodiques WHERE mode_creation = 'IMPORT'").fetchone() == (5,)
        assert con.execute("SELECT moyenne_eleve FROM acquis WHERE bilan_id = '0382032C:EL_01:P_01' "
                           "AND discipline_code = '030201'").fetchone() == (Decimal("18.00"),)
        assert con.execute("SELECT count(*) FROM personnels").fetchone() == (12,)
    finally:
        con.close()
