from lsu_analytics.contract import TABLES
from lsu_analytics.contract.markdown import render


def test_contract_declares_the_18_tables_with_their_keys():
    assert len(TABLES) == 18
    assert TABLES["periodes"].pk == ("uai", "millesime", "periodicite", "indice")
    assert TABLES["acquis"].pk == ("bilan_id", "discipline_code")
    assert TABLES["parametrages_classe"].pk == ()
    for t in TABLES.values():
        for c in t.foreign_keys:
            table, col = c.fk.split(".")
            assert col in TABLES[table].column_names, c.fk


def test_markdown_lists_every_column(capsys):
    md = render()
    for t in TABLES.values():
        assert f"## {t.name}" in md
        for c in t.columns:
            assert f"| {c.name} |" in md
