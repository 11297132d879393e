"""The DuckDB -> Spark SQL translation of what sqlglot does not translate faithfully (no Spark needed)."""
from __future__ import annotations

from datetime import datetime

import pytest

from lsu_analytics.rules.catalog import load_catalog
from lsu_analytics.spark import job
from lsu_analytics.spark.transpile import TranspileError, to_spark

VARS = {"millesime_courant": 2025, "date_extraction": datetime(2026, 3, 15, 2), "seuil_jours": 30,
        "visibilite": [{"niveau_enseignant": "CP", "niveau_visible": "CP"}]}


def flat(sql: str) -> str:
    """One line, no space after an opening or before a closing parenthesis (pretty printing aside)."""
    return " ".join(sql.split()).replace("( ", "(").replace(" )", ")")


def test_format_becomes_concat_even_nested():
    sql = to_spark("SELECT format('a {} b {}', x, format('({})', y)) FROM t", VARS)
    assert "{}" not in sql and "FORMAT_STRING" not in sql
    assert "CONCAT('a ', CAST(x AS STRING), ' b ', CAST(CONCAT('(', CAST(y AS STRING), ')') AS STRING))" in flat(sql)


def test_variables_become_literals_and_macros_are_expanded():
    sql = to_spark("SELECT annee_scolaire(d) < getvariable('millesime_courant'), "
                   "getvariable('date_extraction'), d + to_days(getvariable('seuil_jours')) FROM t", VARS)
    assert "GETVARIABLE" not in sql.upper() and "ANNEE_SCOLAIRE" not in sql.upper()
    assert "MONTH(d) < 9" in sql and "< 2025" in flat(sql)
    assert "CAST('2026-03-15 02:00:00' AS TIMESTAMP)" in flat(sql) and "MAKE_DT_INTERVAL(30)" in flat(sql)


def test_unknown_variable_is_named():
    with pytest.raises(TranspileError, match="inconnue"):
        to_spark("SELECT getvariable('autre') FROM t", VARS, "XXX-01")


def test_ordered_first_and_full_regex_match():
    sql = to_spark("SELECT first(struct_pack(a, b) ORDER BY c DESC NULLS LAST, a) FROM t "
                   "WHERE regexp_full_match(r, '[0-9]{7}')", VARS)
    assert "ARRAY_SORT(COLLECT_LIST(STRUCT(c AS k0, a AS k1, STRUCT(a, b) AS v))" in flat(sql)
    assert "ORDER BY" not in sql
    assert "RLIKE '^(?:[0-9]{7})$'" in sql


def test_iso_timestamp_pattern_quotes_its_letters():
    sql = to_spark("SELECT strftime(d, '%Y-%m-%dT%H:%M:%S'), strftime(d, '%d/%m/%Y à %H:%M') FROM t", VARS)
    assert "yyyy-MM-dd\\'T\\'HH:mm:ss" in sql and "dd/MM/yyyy \\'à\\' HH:mm" in sql


def test_every_rule_of_the_catalogue_translates():
    catalog = load_catalog()
    variables = job.rule_variables({"millesime_courant": 2025, "date_extraction": "2026-03-15T02:00:00"},
                                   {k: v for r in catalog for k, v in r.seuils.items()})
    rules = job.spark_rules(variables, catalog)
    assert [r.rule.id for r in rules] == [r.id for r in catalog]
    for r in rules:
        assert "getvariable" not in r.sql.lower(), r.rule.id


def test_a_spark_variant_beside_the_rule_wins(tmp_path):
    per01 = next(r for r in load_catalog() if r.id == "PER-01")
    text = per01.sql_path.read_text(encoding="utf-8").replace("PER-01", "ZZZ-01")  # same header, another id
    (tmp_path / "ZZZ-01.sql").write_text(text, encoding="utf-8")
    (tmp_path / "spark").mkdir()
    (tmp_path / "spark" / "ZZZ-01.sql").write_text("SELECT array(1) AS x, getvariable('millesime_courant') AS c\n",
                                                   encoding="utf-8")
    (rule,) = job.spark_rules(VARS, load_catalog(tmp_path))
    assert rule.variant == tmp_path / "spark" / "ZZZ-01.sql"
    assert "ARRAY(1)" in rule.sql and "2025 AS c" in rule.sql
