"""Files written by `check`: anomalies.csv, a ticket list a support agent opens in a French spreadsheet or
imports into a ticket tool, and anomalies.parquet, the same rows for tools.

One row per anomaly: its identity (`cle`), rule and title, severity, event date, where (UAI, establishment,
circonscription, department and academy by name), who must act, the remediation and, when the anomaly is
about a pupil, the path of that pupil's diagnostic report. Never a pupil's name, INE or birth date.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from lsu_analytics.common.atomic import replace_files
from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.contract.acteurs import acteurs_rows
from lsu_analytics.contract.nomenclatures import nomenclature_rows
from lsu_analytics.reports.paths import diagnostic_eleve_filename

from .catalog import Rule

# Where the CSV points for a pupil's diagnostic report, relative to the CSV's folder:
# `lsu-analytics rapport diagnostic_eleve -p eleve_id=... --out <dossier du CSV>/diagnostics` writes it there.
DIAGNOSTICS_DIR = "diagnostics"

# CSV headers read by a support agent (the Parquet keeps the column names).
CSV_HEADERS = {
    "rule_id": "Règle",
    "titre": "Titre de la règle",
    "severite": "Sévérité",
    "uai": "UAI",
    "academie_nom": "Académie",
    "millesime": "Millésime",
    "eleve_id": "Identifiant élève",
    "classe_id": "Identifiant classe",
    "objet_id": "Objet",
    "detail": "Détail",
    "date_evenement": "Date de l'événement",
    "cle": "Clé de l'anomalie",
    "etablissement": "Établissement",
    "circonscription": "Circonscription",
    "departement_nom": "Département",
    "qui_doit_agir": "Qui doit agir",
    "remediation": "Remédiation",
    "rapport_diagnostic": "Rapport de diagnostic de l'élève",
}
# With a history (`check --historique`): what a support team filters on ("nouvelles" since last week).
CSV_HEADERS_HISTORIQUE = {
    "statut": "Statut",
    "premiere_extraction": "Première extraction",
    "age_jours": "Âge (jours)",
}


def _register_lookups(con: duckdb.DuckDBPyConnection, rules: list[Rule]) -> None:
    tables = {
        "sortie_regles": pl.DataFrame({"rule_id": [r.id for r in rules], "titre": [r.titre for r in rules],
                                       "acteur": [r.acteur for r in rules],
                                       "remediation": [r.remediation for r in rules]}),
        "sortie_acteurs": pl.DataFrame(acteurs_rows(), schema={"code": pl.String, "degre": pl.String,
                                                               "libelle": pl.String}),
    }
    noms = nomenclature_rows()
    tables["sortie_academies"] = pl.DataFrame(noms["nom_academies"])
    tables["sortie_departements"] = pl.DataFrame(noms["nom_departements"])
    for name, frame in tables.items():
        con.register(name, frame.to_arrow())


def anomalies_frame(con: duckdb.DuckDBPyConnection, rules: list[Rule], jour: dt.date | None = None) -> pl.DataFrame:
    """The anomalies of `rules` with the ticket columns; `jour` dates the diagnostic reports' names."""
    _register_lookups(con, rules)
    try:
        frame = pl.from_arrow(con.sql(read_sql(__package__, "sql/anomalies_sortie.sql"),
                                      params=[[r.id for r in rules]]).to_arrow_table())
    finally:
        for name in ("sortie_regles", "sortie_acteurs", "sortie_academies", "sortie_departements"):
            con.unregister(name)
    jour = jour or dt.date.today()
    noms = {e: f"{DIAGNOSTICS_DIR}/{diagnostic_eleve_filename(e, jour)}"
            for e in frame["eleve_id"].drop_nulls().unique().to_list()}
    return frame.with_columns(pl.col("eleve_id").replace_strict(noms, default=None, return_dtype=pl.String)
                              .alias("rapport_diagnostic"))


def write_csv(frame: pl.DataFrame, path: Path) -> Path:
    """`;`-separated UTF-8 with BOM: opens as-is in a French spreadsheet (Excel, LibreOffice)."""
    headers = CSV_HEADERS | {k: v for k, v in CSV_HEADERS_HISTORIQUE.items() if k in frame.columns}
    table = frame
    if "statut" in frame.columns:
        from lsu_analytics.contract.vocabulary import STATUT_ANOMALIE_LIBELLES

        table = table.with_columns(pl.col("statut").replace(STATUT_ANOMALIE_LIBELLES))
    table = table.select(list(headers)).rename(headers)
    table.write_csv(path, separator=";", include_bom=True, line_terminator="\r\n", decimal_comma=True,
                    datetime_format="%Y-%m-%d %H:%M:%S")
    return path


def write_parquet(frame: pl.DataFrame, path: Path) -> Path:
    frame.write_parquet(path)
    return path


def write_outputs(con: duckdb.DuckDBPyConnection, rules: list[Rule], out: Path,
                  jour: dt.date | None = None, historique: Path | None = None) -> tuple[Path, Path]:
    """Write DIR/anomalies.csv and DIR/anomalies.parquet for `rules`; returns both paths.

    Both are written beside, then renamed into place: a failure leaves the previous pair whole. With
    `historique` (a history database), each row gains statut, premiere_extraction and age_jours."""
    out.mkdir(parents=True, exist_ok=True)
    frame = anomalies_frame(con, rules, jour)
    if historique is not None:
        from lsu_analytics.history.colonnes import with_history

        frame = with_history(con, frame, historique)
    csv_path, parquet_path = out / "anomalies.csv", out / "anomalies.parquet"
    replace_files({csv_path: lambda tmp: write_csv(frame, tmp),
                   parquet_path: lambda tmp: write_parquet(frame, tmp)})
    return csv_path, parquet_path
