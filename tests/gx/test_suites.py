"""The suites are derived from the contract, and the committed JSON files are up to date."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.contract import TABLES
from lsu_analytics.gx import build_suites
from lsu_analytics.gx.contract_suites import contract_suite, sql_type_name
from lsu_analytics.gx.suite_files import expected_files

REPO_SUITES = Path(__file__).resolve().parents[2] / "expectations" / "suites"


def _index(suite):
    """(type, column or column list) -> kwargs, for every expectation of a suite."""
    out = {}
    for e in suite.expectations:
        kw = e.configuration.kwargs
        if "column" in kw:
            key = kw["column"]
        elif "column_list" in kw:
            key = tuple(kw["column_list"])
        elif "column_A" in kw:
            key = (kw["column_A"], kw["column_B"])
        else:
            key = None
        out[(e.expectation_type, key)] = kw
    return out


def test_committed_suites_are_up_to_date():
    expected = expected_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in REPO_SUITES.glob("*.json")}
    assert sorted(committed) == sorted(expected), "lancer `lsu-analytics suites` et committer expectations/suites/"
    for name, text in expected.items():
        assert committed[name] == text, f"{name} périmé : lancer `lsu-analytics suites` et committer"


def test_one_suite_per_table_with_every_declared_constraint():
    suites = build_suites()
    assert list(suites) == list(TABLES)
    for name, table in TABLES.items():
        idx = _index(suites[name])
        assert idx[("expect_table_columns_to_match_set", None)]["column_set"] == list(table.column_names)
        assert idx[("expect_table_column_types_to_match", None)]["column_types"] == {
            col.name: sql_type_name(col) for col in table.columns}
        for col in table.columns:
            assert (("expect_column_values_to_not_be_null", col.name) in idx) == (col.name in table.required_columns)
            if col.codes is not None:
                assert idx[("expect_column_values_to_be_in_set", col.name)]["value_set"] == list(col.codes)
            if col.pattern is not None:
                assert idx[("expect_column_values_to_match_regex", col.name)]["regex"] == col.pattern
            if col.min is not None or col.max is not None:
                kw = idx[("expect_column_values_to_be_between", col.name)]
                assert (kw.get("min_value"), kw.get("max_value")) == (col.min, col.max)
        if table.pk:
            assert ("expect_primary_key_to_be_unique", table.pk) in idx
        pairs = [k for k in idx if k[0] == "expect_column_pair_values_a_to_be_greater_than_b"]
        assert len(pairs) == len(table.checks)


def test_checks_become_column_pair_expectations():
    idx = _index(build_suites()["periodes"])
    kw = idx[("expect_column_pair_values_a_to_be_greater_than_b", ("nb_periodes", "indice"))]
    assert kw["or_equal"] is True and kw["ignore_row_if"] == "either_value_is_missing"


def test_a_contract_change_changes_the_suite():
    table = TABLES["acquis"]
    moyenne = dataclasses.replace(table.column("moyenne_eleve"), max=10)
    changed = dataclasses.replace(table, columns=tuple(moyenne if c.name == "moyenne_eleve" else c
                                                      for c in table.columns))
    kw = _index(contract_suite(changed))[("expect_column_values_to_be_between", "moyenne_eleve")]
    assert kw["max_value"] == 10


def test_unreadable_check_names_the_table():
    broken = dataclasses.replace(TABLES["periodes"], checks=("indice ~ nb_periodes",))
    with pytest.raises(ValueError, match="periodes.*indice ~ nb_periodes"):
        contract_suite(broken)


def test_cli_regenerates_the_files(tmp_path):
    (tmp_path / "ancienne_table.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["suites", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "18 suites écrites" in result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json")}
    assert written == expected_files()
