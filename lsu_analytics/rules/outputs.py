"""Files written by `check`: anomalies.csv for a French spreadsheet, anomalies.parquet for tools."""
from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from lsu_analytics.common.sqlfiles import read_sql

from .catalog import Rule

# CSV headers read by a support agent (the Parquet keeps the column names of `anomalies`).
CSV_HEADERS = {
    "rule_id": "Règle",
    "titre": "Titre de la règle",
    "severite": "Sévérité",
    "uai": "UAI",
    "academie": "Académie",
    "millesime": "Millésime",
    "eleve_id": "Identifiant élève",
    "classe_id": "Identifiant classe",
    "objet_id": "Objet",
    "detail": "Détail",
    "date_evenement": "Date de l'événement",
    "cle": "Clé de l'anomalie",
}


def anomalies_frame(con: duckdb.DuckDBPyConnection, rules: list[Rule]) -> pl.DataFrame:
    sql = read_sql(__package__, "sql/anomalies_sortie.sql")
    return pl.from_arrow(con.sql(sql, params=[[r.id for r in rules]]).to_arrow_table())


def write_csv(frame: pl.DataFrame, rules: list[Rule], path: Path) -> Path:
    """`;`-separated UTF-8 with BOM: opens as-is in a French spreadsheet (Excel, LibreOffice)."""
    titres = pl.DataFrame({"rule_id": [r.id for r in rules], "titre": [r.titre for r in rules]})
    table = frame.join(titres, on="rule_id", how="left", maintain_order="left")
    table = table.select(list(CSV_HEADERS)).rename(CSV_HEADERS)
    table.write_csv(path, separator=";", include_bom=True, line_terminator="\r\n", decimal_comma=True)
    return path


def write_parquet(frame: pl.DataFrame, path: Path) -> Path:
    frame.write_parquet(path)
    return path


def write_outputs(con: duckdb.DuckDBPyConnection, rules: list[Rule], out: Path) -> tuple[Path, Path]:
    """Write DIR/anomalies.csv and DIR/anomalies.parquet for `rules`; returns both paths."""
    out.mkdir(parents=True, exist_ok=True)
    frame = anomalies_frame(con, rules)
    return write_csv(frame, rules, out / "anomalies.csv"), write_parquet(frame, out / "anomalies.parquet")
