"""Files written by `check`: anomalies.csv, a ticket list a support agent opens in a French spreadsheet or
imports into a ticket tool, and anomalies.parquet, the same rows for tools.

One row per anomaly: its identity (`cle`), rule and title, severity, event date, where (UAI, establishment,
circonscription, department and academy by name), who must act, the remediation and, when the anomaly is
about a pupil, the path of that pupil's diagnostic report. Never a pupil's name, INE or birth date.

DuckDB writes both files (`COPY … TO`): the rows never pass through Python, whatever their number. The Parquet
is written first; the CSV is its copy with French headers.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from lsu_analytics.common.atomic import replace_files
from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.contract import quote
from lsu_analytics.contract.acteurs import acteurs_rows
from lsu_analytics.contract.nomenclatures import nomenclature_rows
from lsu_analytics.contract.vocabulary import STATUT_ANOMALIE_LIBELLES
from lsu_analytics.history.colonnes import COLONNES as COLONNES_HISTORIQUE
from lsu_analytics.history.colonnes import statuts_table
from lsu_analytics.reports.paths import KEPT_AS_IS, diagnostic_eleve_filename

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
# `;`, CRLF, dates as a French spreadsheet reads them; DuckDB quotes a field only when it must.
CSV_OPTIONS = "HEADER, DELIMITER ';', QUOTE '\"', NEW_LINE '\\r\\n', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S'"
# The UTF-8 byte order mark (accents display right in Excel): DuckDB's COPY has no option for it, so it opens
# the first header.
BOM = "\ufeff"
_LOOKUPS = ("sortie_regles", "sortie_acteurs", "sortie_academies", "sortie_departements", "sortie_diagnostics")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _lookup(con: duckdb.DuckDBPyConnection, name: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    """A small temporary table of text columns filled from Python rows, bound as one parameter (no pyarrow
    nor pandas to import for a few hundred rows)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(f'{quote(c)} VARCHAR' for c in columns)})")
    if rows:
        con.execute(f"INSERT INTO {name} BY NAME SELECT unnest(?, recursive := true)",
                    [[{c: row[c] for c in columns} for row in rows]])


def _diagnostic_names(con: duckdb.DuckDBPyConnection, jour: dt.date) -> list[dict]:
    """The report path of the pupils whose id a file name cannot hold as it is (usually none): those names
    need name_part's hash; every other one is built in SQL from the prefix and suffix."""
    odd = [r[0] for r in con.execute("SELECT DISTINCT eleve_id FROM anomalies WHERE eleve_id IS NOT NULL "
                                     "AND NOT regexp_full_match(eleve_id, ?)", [KEPT_AS_IS]).fetchall()]
    return [{"eleve_id": e, "chemin": f"{DIAGNOSTICS_DIR}/{diagnostic_eleve_filename(e, jour)}"} for e in odd]


def _prepare(con: duckdb.DuckDBPyConnection, rules: list[Rule], jour: dt.date, historique: Path | None) -> None:
    """Create the small lookup tables and variables anomalies_sortie.sql reads; fill sortie_statuts."""
    noms = nomenclature_rows()
    tables = {
        "sortie_regles": (("rule_id", "titre", "acteur", "remediation"),
                          [{"rule_id": r.id, "titre": r.titre, "acteur": r.acteur, "remediation": r.remediation}
                           for r in rules]),
        "sortie_acteurs": (("code", "degre", "libelle"), acteurs_rows()),
        "sortie_academies": (("code", "libelle"), noms["nom_academies"]),
        "sortie_departements": (("code", "libelle", "academie"), noms["nom_departements"]),
        "sortie_diagnostics": (("eleve_id", "chemin"), _diagnostic_names(con, jour)),
    }
    for name, (columns, rows) in tables.items():
        _lookup(con, name, columns, rows)
    # diagnostic_eleve_filename(id) is prefix + id + suffix for an id matching KEPT_AS_IS.
    marker = "ELEVE"
    prefix, _, suffix = f"{DIAGNOSTICS_DIR}/{diagnostic_eleve_filename(marker, jour)}".partition(marker)
    for name, value in (("sortie_prefixe", prefix), ("sortie_suffixe", suffix), ("sortie_id_sur", KEPT_AS_IS)):
        con.execute(f"SET VARIABLE {name} = ?", [value])
    con.execute("SET VARIABLE sortie_statut_libelles = MAP(?, ?)",
                [list(STATUT_ANOMALIE_LIBELLES), list(STATUT_ANOMALIE_LIBELLES.values())])
    statuts_table(con, historique)


def _release(con: duckdb.DuckDBPyConnection) -> None:
    for name in (*_LOOKUPS, "sortie_statuts"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def anomalies_query(historique: bool, cles: str | None = None) -> str:
    """The rows of the outputs, sorted; `cles`: a query whose `cle` column restricts them (audit report)."""
    colonnes = "*" if historique else f"* EXCLUDE ({', '.join(COLONNES_HISTORIQUE)})"
    filtre = f"WHERE cle IN (SELECT cle FROM (\n{cles}\n))" if cles else ""
    return read_sql(__package__, "sql/anomalies_sortie.sql").replace("{colonnes}", colonnes) \
        .replace("{filtre}", filtre)


def write_parquet(con: duckdb.DuckDBPyConnection, query: str, params, path: Path) -> Path:
    con.execute(f"COPY (\n{query}\n) TO {_literal(path)} (FORMAT parquet)", params)
    return path


def write_csv(con: duckdb.DuckDBPyConnection, parquet: Path, historique: bool, path: Path) -> Path:
    """The rows of `parquet`, `;`-separated UTF-8 with BOM: opens as-is in a French spreadsheet (Excel,
    LibreOffice)."""
    headers = CSV_HEADERS | (CSV_HEADERS_HISTORIQUE if historique else {})
    columns = []
    for i, (name, header) in enumerate(headers.items()):
        value = quote(name)
        if name == "statut":  # the word of the screens, not the code
            value = f"coalesce(getvariable('sortie_statut_libelles')[{value}], {value})"
        columns.append(f"{value} AS {quote((BOM if i == 0 else '') + header)}")
    con.execute(f"COPY (SELECT {', '.join(columns)} FROM read_parquet({_literal(parquet)})) "
                f"TO {_literal(path)} ({CSV_OPTIONS})")
    return path


def write_anomalies(con: duckdb.DuckDBPyConnection, rules: list[Rule], csv_path: Path, parquet_path: Path, *,
                    jour: dt.date | None = None, historique: Path | None = None, cles: str | None = None,
                    params=None) -> tuple[Path, Path]:
    """Write the anomalies of `rules` (those whose `cle` is in the query `cles`, with `params`, if given) to
    `csv_path` and `parquet_path`. Both are written beside, then renamed into place: a failure leaves the
    previous pair whole. `jour` dates the diagnostic reports' names. With `historique` (a history database),
    each row gains statut, premiere_extraction and age_jours."""
    _prepare(con, rules, jour or dt.date.today(), historique)
    try:
        query = anomalies_query(historique is not None, cles)
        staged: list[Path] = []

        def parquet(tmp: Path) -> Path:
            staged.append(tmp)
            return write_parquet(con, query, params, tmp)

        replace_files({parquet_path: parquet,
                       csv_path: lambda tmp: write_csv(con, staged[0], historique is not None, tmp)})
    finally:
        _release(con)
    return csv_path, parquet_path


def write_outputs(con: duckdb.DuckDBPyConnection, rules: list[Rule], out: Path,
                  jour: dt.date | None = None, historique: Path | None = None) -> tuple[Path, Path]:
    """Write DIR/anomalies.csv and DIR/anomalies.parquet for `rules`; returns both paths."""
    out.mkdir(parents=True, exist_ok=True)
    return write_anomalies(con, rules, out / "anomalies.csv", out / "anomalies.parquet", jour=jour,
                           historique=historique)
