"""Run the rule files on Spark, from the Parquet files of an export (one `<table>.parquet` per table of the
contract and its manifest.json), and write the anomalies as Parquet.

    lsu-analytics spark-regles --export DIR --sortie DIR [--master local[2]]
    spark-submit .../lsu_analytics/spark/job.py --export hdfs:///lsu/2025 --sortie hdfs:///lsu/2025/anomalies

The rules are read on the driver through the catalogue (expectations/regles, LSU_REGLES_DIR) and translated
by transpile.py; the executors only run Spark SQL.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lsu_analytics.contract import SYSTEM_TABLES, TABLES, visibilite_rows
from lsu_analytics.contract.nomenclatures import nomenclature_rows
from lsu_analytics.rules.catalog import RULES_DIR, Rule, default_seuils, load_catalog

from lsu_analytics.spark.transpile import to_spark  # absolute: spark-submit runs this file as a script

ANOMALY_COLUMNS = SYSTEM_TABLES["anomalies"].columns
_SPARK_TYPES = {"INTEGER": "INT", "BIGINT": "BIGINT", "VARCHAR": "STRING", "TIMESTAMP": "TIMESTAMP"}


@dataclass(frozen=True)
class SparkRule:
    rule: Rule
    sql: str  # Spark SQL
    variant: Path | None  # the hand-written Spark variant, when the translation is not faithful


def variant_path(rule: Rule) -> Path:
    return Path(rule.sql_path).parent / "spark" / f"{rule.id}.sql"


def rule_variables(manifest: dict, seuils: dict[str, int]) -> dict:
    """What the rules read with getvariable(), as the DuckDB runner binds it (rules/runner.py)."""
    return {"millesime_courant": int(manifest["millesime_courant"]),
            "date_extraction": datetime.fromisoformat(manifest["date_extraction"]),
            "visibilite": visibilite_rows(),
            "academies": nomenclature_rows()["nom_academies"],
            **{f"seuil_{k}": int(v) for k, v in seuils.items()}}


def spark_rules(variables: dict, rules: list[Rule] | None = None) -> list[SparkRule]:
    """Every rule of the catalogue in Spark SQL: its Spark variant if it has one, else its translation."""
    out = []
    for rule in rules if rules is not None else load_catalog():
        variant = variant_path(rule)
        if variant.is_file():
            sql = to_spark(variant.read_text(encoding="utf-8"), variables, rule.id, read="spark")
            out.append(SparkRule(rule, sql, variant))
        else:
            out.append(SparkRule(rule, to_spark(rule.sql, variables, rule.id), None))
    return out


def anomaly_select(sql: str) -> str:
    """The rule's rows in the columns and types of `anomalies`."""
    cols = ", ".join(f"CAST(`{c.name}` AS {_SPARK_TYPES.get(c.duckdb_type, 'STRING')}) AS `{c.name}`"
                     for c in ANOMALY_COLUMNS)
    return f"SELECT {cols} FROM (\n{sql}\n) AS regle"


def register_tables(spark, export: str) -> None:
    """One temporary view per table of the contract, read from `<export>/<table>.parquet`."""
    for name in TABLES:
        spark.read.parquet(f"{export.rstrip('/')}/{name}.parquet").createOrReplaceTempView(name)


def session(master: str | None = None, app: str = "lsu-regles"):
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.appName(app).config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.showConsoleProgress", "false").config("spark.log.level", "ERROR"))
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def read_manifest(spark, export: str) -> dict:
    """manifest.json read through Spark, so that any of its file systems works (HDFS, S3, local)."""
    (row,) = spark.read.text(f"{export.rstrip('/')}/manifest.json", wholetext=True).collect()
    return json.loads(row[0])


def run(spark, export: str, sortie: str | None, manifest: dict | None = None,
        seuils: dict[str, int] | None = None) -> dict[str, int]:
    """Run every rule on the export's Parquet; write `<sortie>/anomalies.parquet`; return rows per rule."""
    catalog = load_catalog()
    variables = rule_variables(manifest or read_manifest(spark, export), {**default_seuils(catalog), **(seuils or {})})
    register_tables(spark, export)
    frames = {r.rule.id: spark.sql(anomaly_select(r.sql)) for r in spark_rules(variables, catalog)}
    union = None
    for frame in frames.values():
        union = frame if union is None else union.unionByName(frame)
    if sortie:
        union.write.mode("overwrite").parquet(f"{sortie.rstrip('/')}/anomalies.parquet")
    return {rid: n for rid, n in union.groupBy("rule_id").count().collect()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Règles métier LSU sur Spark (mêmes fichiers de règles).")
    parser.add_argument("--export", required=True, help="dossier des <table>.parquet et de manifest.json")
    parser.add_argument("--sortie", required=True, help="dossier où écrire anomalies.parquet")
    parser.add_argument("--master", default=None, help="maître Spark (défaut : celui de spark-submit)")
    args = parser.parse_args(argv)
    spark = session(args.master)
    try:
        counts = run(spark, args.export, args.sortie)
    finally:
        spark.stop()
    for rule_id, n in sorted(counts.items()):
        print(f"{rule_id} : {n} anomalie(s)")
    print(f"Règles lues dans {RULES_DIR} ; anomalies écrites dans {args.sortie}/anomalies.parquet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
