"""« Écoles à relancer après une période » on a generated export, against a computation by hand from the
raw tables (periodes, classes, bilans_periodiques, personnels)."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lsu_analytics.reports import format as fmt, relances, validate_params
from lsu_analytics.reports.db import connect


def _hand(export_db, circonscription):
    """For each école of the district with pupils in C: (uai, last ended period, locked, written in direct
    entry for that period index, directors' names)."""
    with duckdb.connect(str(export_db), read_only=True) as con:
        t = {name: con.execute(f"SELECT * FROM {name}").df()
             for name in ("manifeste", "etablissements", "periodes", "classes", "bilans_periodiques", "personnels",
                          "inscriptions")}
    c = int(t["manifeste"]["millesime_courant"][0])
    x = pd.Timestamp(t["manifeste"]["date_extraction"][0]).normalize()
    etabs = t["etablissements"]
    ecoles = etabs[(etabs["degre"] == "1D") & (etabs["circonscription"] == circonscription)]["uai"]
    inscrits = set(t["inscriptions"][t["inscriptions"]["millesime"] == c]["uai"])
    out = {}
    for uai in sorted(set(ecoles) & inscrits):
        cl = t["classes"][(t["classes"]["uai"] == uai) & (t["classes"]["millesime"] == c)]
        pe = t["periodes"][(t["periodes"]["uai"] == uai) & (t["periodes"]["millesime"] == c)
                           & (pd.to_datetime(t["periodes"]["date_fin"]) < x)
                           & t["periodes"]["periodicite"].isin(set(cl["periodicite"].dropna()))]
        if pe.empty:
            out[uai] = (None, 0, 0, [])
            continue
        last = pe.assign(f=pd.to_datetime(pe["date_fin"])).sort_values(["f", "indice"]).iloc[-1]
        b = t["bilans_periodiques"]
        b = b[(b["uai"] == uai) & (b["millesime"] == c) & (b["indice"] == last["indice"])
              & b["classe_id"].isin(set(cl[cl["source_donnees"] == "SAISIE"]["classe_id"]))]
        ended = set(map(tuple, t["periodes"][(t["periodes"]["uai"] == uai) & (t["periodes"]["millesime"] == c)
                                             & (pd.to_datetime(t["periodes"]["date_fin"]) < x)]
                        [["periodicite", "indice", "nb_periodes"]].values.tolist()))
        b = b[[(r.periodicite, r.indice, r.nb_periodes) in ended for r in b.itertuples()]]
        dirs = t["personnels"][(t["personnels"]["uai"] == uai) & (t["personnels"]["role"] == "DIRECTEUR")]
        out[uai] = (int(last["indice"]), int(b["date_verrou"].notna().sum()), len(b),
                    sorted(f"{p.prenom} {p.nom}" for p in dirs.itertuples()))
    return out


@pytest.fixture
def district(export_db):
    with duckdb.connect(str(export_db), read_only=True) as con:
        return con.execute("SELECT circonscription FROM etablissements WHERE degre = '1D' GROUP BY 1 "
                           "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]


def test_follow_up_list_matches_a_hand_computation(export_db, district):
    p = validate_params("indicateurs", export_db, {"niveau_perimetre": "circonscription",
                                                   "code_perimetre": district})
    expected = _hand(export_db, district)
    con = connect(export_db)
    df = relances.donnees(con, p)
    masks = dict(con.execute("SELECT code_perimetre || '|' || periode, masque FROM indicateurs WHERE "
                             "indicateur = 'BP_VERROUILLES_SAISIE' AND niveau_perimetre = 'etablissement' "
                             "AND niveau_scolaire = 'TOUS'").fetchall())
    con.close()
    assert sorted(df["uai"]) == sorted(expected), "every école of the district with pupils, once"
    groups = relances.par_groupe(df)
    assert [g[0] for g in groups] == [f"Circonscription {district}"]
    table = groups[0][1].set_index("UAI")
    shown = 0
    for uai, (periode, verrouilles, saisis, directeurs) in expected.items():
        row = table.loc[uai]
        for name in directeurs:
            assert f"{name} (directeur)" in row["Direction"]
        assert "DIRECTEUR" not in row["Direction"]
        if periode is None:
            assert row["Verrouillés / saisis (classes en saisie directe)"] == "pas encore dû"
            continue
        assert row["Dernière période terminée"].split(" (")[0].endswith(f" {periode}")
        cell = row["Verrouillés / saisis (classes en saisie directe)"]
        if masks[f"{uai}|{periode}"]:
            assert cell == fmt.SECRET
        else:
            assert cell == fmt.taux(False, verrouilles, saisis, verrouilles / saisis if saisis else None)
            shown += saisis > 0
    assert shown >= 2, "the test compares real figures"
    # Least advanced first: the visible locking rates never decrease down the list.
    rates = [expected[u][1] / expected[u][2] for u in table.index
             if expected[u][0] is not None and expected[u][2] and not masks[f"{u}|{expected[u][0]}"]]
    assert rates == sorted(rates)


def test_roles_and_not_due_in_words():
    assert relances.direction([{"nom": "Ana Lyse", "role": "CHEF_ETABLISSEMENT"}]) == "Ana Lyse (chef d'établissement)"
    assert relances.direction([]) == "non renseignée"
    assert relances.periode_texte(None, None, None) == "aucune période terminée : pas encore dû"
    assert relances.periode_texte("TRIMESTRE", 2, "2026-02-28") == "Trimestre 2 (fin le 28/02/2026)"


def test_a_perimeter_without_establishments_has_empty_tables():
    empty = pd.DataFrame()  # what `donnees` returns when no establishment of the perimeter has pupils
    assert relances.par_groupe(empty) == []
    assert relances.resume(empty, "groupe").empty and relances.moins_avances(empty, academie=False).empty
