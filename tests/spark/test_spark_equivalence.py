"""Every rule file gives the same anomaly rows on Spark (local PySpark) as on DuckDB, rule by rule.

Marked `spark` (a JVM start): `make test` and CI run it after the fast suite (`pytest -m spark`).
"""
from __future__ import annotations

import duckdb
import pytest

from lsu_analytics.contract import SYSTEM_TABLES
from lsu_analytics.generate import generate_export
from lsu_analytics.load import load_export
from lsu_analytics.check import check
from lsu_analytics.rules.catalog import load_catalog

pytestmark = pytest.mark.spark

COLUMNS = ", ".join(SYSTEM_TABLES["anomalies"].column_names)
RULE_IDS = [r.id for r in load_catalog()]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(DuckDB's anomalies, Spark's anomalies.parquet) for one small generated Parquet export."""
    from lsu_analytics.spark import job
    from lsu_analytics.spark.tables import write_tables

    work = tmp_path_factory.mktemp("spark")
    export = generate_export(work / "export", pupils=600, seed=11, fmt="parquet")
    db = work / "lsu.duckdb"
    load_export(export, db)
    check(db, work / "controles", gx=False)
    parquet = write_tables(db, work / "parquet")
    spark = job.session("local[1]")
    try:
        spark.conf.set("spark.sql.shuffle.partitions", "2")
        counts = job.run(spark, str(parquet), str(work / "spark"))
    finally:
        spark.stop()
    con = duckdb.connect()
    duck = con.execute(f"SELECT {COLUMNS} FROM read_parquet(?)", [str(work / "controles" / "anomalies.parquet")])
    duck_rows = duck.fetchall()
    spark_rows = con.execute(f"SELECT {COLUMNS} FROM read_parquet(?)",
                             [str(work / "spark" / "anomalies.parquet" / "*.parquet")]).fetchall()
    return duck_rows, spark_rows, counts


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_same_anomalies_as_duckdb(both, rule_id):
    duck_rows, spark_rows, _ = both
    expected = sorted((r for r in duck_rows if r[0] == rule_id), key=repr)
    actual = sorted((r for r in spark_rows if r[0] == rule_id), key=repr)
    assert expected, f"{rule_id} : aucune anomalie sur l'export généré, la comparaison ne prouverait rien"
    assert actual == expected


def test_spark_counts_every_rule(both):
    _, spark_rows, counts = both
    assert set(counts) == set(RULE_IDS)
    assert sum(counts.values()) == len(spark_rows)
