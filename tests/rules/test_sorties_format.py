"""anomalies.csv and anomalies.parquet written by DuckDB (`COPY … TO`): the bytes a spreadsheet or a ticket tool
reads, and the diagnostic report's path of any pupil id, as `rapport diagnostic_eleve` names the file."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import duckdb
import polars as pl
import pytest

from lsu_analytics.check import check
from lsu_analytics.rules import load_catalog
from lsu_analytics.rules.outputs import write_outputs
from lsu_analytics.reports.paths import KEPT_AS_IS, diagnostic_eleve_filename, name_part

from regles_helpers import ECOLE

JOUR = dt.date(2026, 3, 20)
# Ids a file name cannot hold as they are (space, accent, `/`, `_` at an end, too long) and ordinary ones.
ODD_IDS = ["E 1", "Élève/2", "_E3", "E4_", "E" * 81, 'E;"5"']
PLAIN_IDS = ["E6", "EL000000123", "a-b_c", "E" * 80]


@pytest.mark.parametrize("value", ODD_IDS + PLAIN_IDS + ["", "_", "-", "a_", "x" * 79 + "_"])
def test_the_sql_pattern_says_which_ids_name_part_keeps(value):
    assert (re.fullmatch(KEPT_AS_IS, value) is not None) == (name_part(value) == value)


@pytest.fixture
def checked(world, tmp_path):
    """(csv, parquet) of each pupil of ODD_IDS + PLAIN_IDS enrolled without any document (REC-01), on JOUR."""
    world.etablissement()
    world.periodes()
    world.classe()
    for eleve_id in ODD_IDS + PLAIN_IDS:
        world.eleve(eleve_id)
        world.inscription(eleve_id)
    world.db.close()
    check(world.db.path, tmp_path / "out", gx=False)
    con = duckdb.connect(str(world.db.path))
    try:
        return write_outputs(con, load_catalog(), tmp_path / "jour", jour=JOUR)
    finally:
        con.close()


def test_the_csv_opens_in_a_french_spreadsheet(checked):
    raw = checked[0].read_bytes()
    assert raw.startswith("\ufeffRègle;Titre de la règle;".encode())  # UTF-8 BOM, then `;`-separated headers
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and len(lines) == len(ODD_IDS + PLAIN_IDS) + 2  # CRLF after each row, header too
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert sorted(r["Identifiant élève"] for r in rows) == sorted(ODD_IDS + PLAIN_IDS)  # `;` and `"` quoted
    assert {r["Date de l'événement"] for r in rows} == {"2025-09-01 00:00:00"}
    assert {r["UAI"] for r in rows} == {ECOLE} and {r["Identifiant classe"] for r in rows} == {""}


def test_every_pupil_links_to_the_file_its_diagnostic_report_gets(checked):
    with checked[0].open(encoding="utf-8-sig", newline="") as f:
        paths = {r["Identifiant élève"]: r["Rapport de diagnostic de l'élève"] for r in csv.DictReader(f, delimiter=";")}
    assert paths == {e: f"diagnostics/{diagnostic_eleve_filename(e, JOUR)}" for e in ODD_IDS + PLAIN_IDS}


def test_the_parquet_holds_the_same_rows_typed(checked):
    frame = pl.read_parquet(checked[1])
    assert frame.height == len(ODD_IDS + PLAIN_IDS) and "statut" not in frame.columns
    assert frame.schema["millesime"] == pl.Int32 and frame.schema["date_evenement"] == pl.Datetime("us")
    with checked[0].open(encoding="utf-8-sig", newline="") as f:
        assert [r["Clé de l'anomalie"] for r in csv.DictReader(f, delimiter=";")] == frame["cle"].to_list()
