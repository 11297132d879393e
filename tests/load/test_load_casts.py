"""Numbers and booleans: what the loader reads, and every lenient form DuckDB would accept, refused."""
from __future__ import annotations

import itertools

import duckdb
import pytest
from load_exports import db_rows

from lsu_analytics.load import load_export
from lsu_analytics.load.sqlfiles import render, snippets

ACQUIS = ["bilan_id", "discipline_code", "positionnement", "moyenne_eleve", "nb_elements_programme",
          "appreciation_renseignee"]
# What DuckDB's own cast to INTEGER accepts, and LSU's format does not.
ENTIERS_LAXISTES = [" 12", "12 ", "\t12", "1_000", "1.5", "1.0", "1e3", "0x1F", "0b11", "+-3", "-+3", "--1", "1-2",
                    "3+", "+", "-", "١٢", "１２", "12\u00a0", "99999999999"]


def test_entiers_laxistes_rejetes_un_par_un(export, tmp_path):
    bons = ["7", "+2", "-4", "007", "2147483647"]
    rows = [["B1", f"D{i:02d}", None, None, v, None] for i, v in enumerate(bons + ENTIERS_LAXISTES)]
    export.csv("acquis.csv", [ACQUIS, *rows])
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert db_rows(db, "SELECT nb_elements_programme FROM acquis ORDER BY discipline_code") == [
        (7,), (2,), (-4,), (7,), (2147483647,)]
    assert db_rows(db, "SELECT ligne, motif, colonne FROM rejets ORDER BY ligne") == [
        (2 + len(bons) + i, "TYPE_INVALIDE", "nb_elements_programme") for i in range(len(ENTIERS_LAXISTES))]
    assert result.tables["acquis"].rejets_par_motif == {"TYPE_INVALIDE": len(ENTIERS_LAXISTES)}


@pytest.mark.parametrize("alphabet, longueur", [("01+-", 5), ("9+-._ eE,x", 3)])
def test_entier_lu_comme_l_expression_du_format(alphabet, longueur):
    # The definition: '[+-]?[0-9]+' read as INTEGER. The loader's cheaper guard must give the same value
    # (or NULL) for every text made of these characters.
    textes = ["".join(p) for n in range(longueur + 1) for p in itertools.product(alphabet, repeat=n)]
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT unnest(?) AS v", [textes])
    lu = render(snippets("types.sql")["int"], v="v")
    ecarts = con.execute(f"""SELECT v FROM t
        WHERE ({lu}) IS DISTINCT FROM
              (CASE WHEN regexp_full_match(v, '[+-]?[0-9]+') THEN TRY_CAST(v AS INTEGER) END)""").fetchall()
    assert ecarts == []
    lus = con.execute(f"SELECT count(*) FROM t WHERE ({lu}) IS NOT NULL").fetchone()[0]
    assert 0 < lus < len(textes)  # both outcomes are exercised


def test_booleens_usuels_et_mots(export, tmp_path):
    values = ["1", "0", "TRUE", "false", "oui", "Non", "10", "01", " 0", "vrai", "y"]
    rows = [["B1", f"D{i:02d}", None, None, None, v] for i, v in enumerate(values)]
    export.csv("acquis.csv", [ACQUIS, *rows])
    db = tmp_path / "lsu.duckdb"
    load_export(export.manifest(), db)
    assert db_rows(db, "SELECT appreciation_renseignee FROM acquis ORDER BY discipline_code") == [
        (True,), (False,), (True,), (False,), (True,), (False,)]
    assert [r[0] for r in db_rows(db, "SELECT ligne FROM rejets WHERE motif = 'TYPE_INVALIDE'")] == list(range(8, 13))
