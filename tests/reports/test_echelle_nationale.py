"""Reports of a national export stay reports: the audit details only its top establishments and links the
complete list; the indicators report summarises the follow-up list per academy (by name) at national level,
per circonscription and department at academy level, and shows the least advanced establishments of the
perimeter, not every school of France or of a large academy."""
from __future__ import annotations

import html as htmllib
import re

import duckdb
import polars as pl
import pytest

from lsu_analytics.reports import audit, db as reports_db, labels, relances, render_report, validate_params
from lsu_analytics.reports.offline import remote_references


def _national(db, notebook="audit_anomalies"):
    p = validate_params(notebook, db, {"niveau_perimetre": "national"})
    return p, (audit.connect(p) if notebook == "audit_anomalies" else reports_db.connect(p["db"]))


def _relances(db):
    p, con = _national(db, "indicateurs")
    try:
        return relances.donnees(con, p)
    finally:
        con.close()


def test_a_large_audit_lists_only_its_top_establishments(export_db, monkeypatch):
    p, con = _national(export_db)
    t, etabs = audit.totaux(con, p), audit.etablissements(con, p)
    monkeypatch.setattr(audit, "LIMITE_LISTE", 3)
    monkeypatch.setattr(audit, "LIMITE_ETABLISSEMENTS_LISTES", 2)
    monkeypatch.setattr(audit, "LIMITE_PAR_ETABLISSEMENT", 2)
    rows, note = audit.liste_bornee(con, p, t, etabs)
    con.close()
    assert t["entites_courantes"] > 3 and len(etabs) > 2
    # The two establishments at the top of the ranking, at most two rows each, each saying how many it has.
    assert set(rows["uai"]) == set(etabs["uai"].head(2))
    counts = rows.groupby("uai")["nombre_etablissement"].first()
    assert dict(counts) == dict(etabs.set_index("uai")["total"].head(2))
    assert rows.groupby("uai").size().max() <= 2
    assert f"{t['entites_courantes']} objets en anomalie cette année" in note and "CSV ou Parquet" in note


@pytest.mark.parametrize("niveau", ["national", "academie"])
def test_the_linked_list_holds_every_anomaly_of_the_perimeter(export_db, tmp_path, niveau):
    with duckdb.connect(str(export_db), read_only=True) as raw:
        code = "FR" if niveau == "national" else raw.execute(
            "SELECT academie FROM etablissements GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        expected = raw.execute(
            "SELECT count(*) FROM anomalies a LEFT JOIN etablissements e USING (uai) "
            "WHERE ? = 'FR' OR coalesce(a.academie, e.academie) = ?", [code, code]).fetchone()[0]
        pupils = raw.execute("SELECT ine, nom FROM eleves").fetchall()
    p = validate_params("audit_anomalies", export_db, {"niveau_perimetre": niveau, "code_perimetre": code})
    con = audit.connect(p)
    csv, parquet = audit.ecrire_liste(con, p, tmp_path / "liste")
    con.close()
    raw_csv = csv.read_bytes()
    assert raw_csv.startswith(b"\xef\xbb\xbf") and raw_csv.count(b"\r\n") == expected + 1
    assert pl.read_parquet(parquet).height == expected > 0
    text = raw_csv.decode("utf-8-sig")
    assert not [ine for ine, _ in pupils if ine and ine in text]


def test_national_follow_up_is_summarised_per_academy(export_db):
    rel = _relances(export_db)
    table = relances.resume(rel, "academie").set_index("Académie")
    assert set(table.index) == {labels.academie(a) for a in rel["academie"]}
    for code, part in rel.groupby("academie"):
        row = table.loc[labels.academie(code)]
        due = [r for r in part.itertuples() if r.periode == r.periode]  # NaN: no period ended yet
        known = [r for r in due if not r.verrou_masque and r.verrou_den and r.verrou_den > 0]
        assert row["Établissements"] == len(part) and row["Dont une période terminée"] == len(due)
        assert row["Aucun bilan verrouillé"] == sum(r.verrou_valeur == 0 for r in known)
        assert row["Moins de la moitié verrouillés"] == sum(r.verrou_valeur < 0.5 for r in known)
        assert row["Taux masqué (secret)"] == sum(bool(r.verrou_masque) for r in due)
    top = relances.moins_avances(rel, 3)
    assert len(top) == 3 and list(top.columns[2:4]) == ["Académie", "Circonscription ou département"]
    rates = [r.verrou_valeur for r in rel.itertuples() if r.periode == r.periode and not r.verrou_masque
             and r.verrou_den and r.verrou_den > 0]
    assert top.iloc[0]["Verrouillés / saisis (classes en saisie directe)"].startswith(
        f"{min(rates) * 100:.1f}".replace(".", ","))


# Direct SQL on the raw tables and the indicateurs table, per group of an academy: establishments with
# pupils in C, those with an ended period (its last one), and for that period the published locking rate.
GROUPES_SQL = """
WITH x AS (SELECT CAST(date_extraction AS DATE) AS d, millesime_courant AS c FROM manifeste),
etabs AS (
    SELECT e.uai, e.degre, e.departement, e.circonscription FROM etablissements e, x
    WHERE e.academie = $academie AND e.uai IN (
        SELECT code_perimetre FROM indicateurs WHERE millesime = x.c AND niveau_perimetre = 'etablissement'
          AND indicateur = 'EFFECTIF' AND niveau_scolaire = 'TOUS')),
derniere AS (
    SELECT pe.uai, max_by(pe.indice, (pe.date_fin, pe.indice)) AS indice FROM periodes pe, x
    WHERE pe.millesime = x.c AND pe.date_fin < x.d
      AND (pe.uai, pe.periodicite) IN (SELECT (uai, periodicite) FROM classes WHERE millesime = x.c)
    GROUP BY pe.uai),
v AS (
    SELECT code_perimetre AS uai, periode, valeur, denominateur, coalesce(masque, false) AS masque
    FROM indicateurs, x WHERE millesime = x.c AND niveau_perimetre = 'etablissement' AND niveau_scolaire = 'TOUS'
      AND indicateur = 'BP_VERROUILLES_SAISIE')
SELECT e.degre, CASE WHEN e.degre = '1D' THEN e.circonscription ELSE e.departement END AS code, count(*),
       count(de.uai),
       count(*) FILTER (WHERE NOT v.masque AND v.denominateur > 0 AND v.valeur = 0),
       count(*) FILTER (WHERE NOT v.masque AND v.denominateur > 0 AND v.valeur < 0.5),
       count(*) FILTER (WHERE de.uai IS NOT NULL AND v.masque)
FROM etabs e LEFT JOIN derniere de USING (uai) LEFT JOIN v ON v.uai = e.uai AND v.periode = de.indice
GROUP BY ALL
"""


def _academie(db):
    with duckdb.connect(str(db), read_only=True) as raw:
        return raw.execute("SELECT academie FROM etablissements GROUP BY 1 ORDER BY count(*) DESC, 1 "
                           "LIMIT 1").fetchone()[0]


def _assert_academy_summary_matches_sql(db):
    code = _academie(db)
    p = validate_params("indicateurs", db, {"niveau_perimetre": "academie", "code_perimetre": code})
    con = reports_db.connect(p["db"])
    rel = relances.donnees(con, p)
    con.close()
    with duckdb.connect(str(db), read_only=True) as raw:
        rows = raw.execute(GROUPES_SQL, {"academie": code}).fetchall()
    expected = {(f"Circonscription {c}" if degre == "1D" else f"Collèges · {labels.departement(c)}"): tuple(n)
                for degre, c, *n in rows}
    table = relances.resume(rel, "groupe")
    assert list(table.columns) == ["Circonscription ou département", *relances.COLONNES_RESUME]
    found = {r[0]: tuple(r[1:]) for r in table.itertuples(index=False)}
    assert found == expected and sum(n[0] for n in expected.values()) == len(rel) > 0
    assert any(n[1] for n in expected.values()), "the test compares ended periods"
    shares = [r[4] / r[2] for r in table.itertuples(index=False) if r[2]]
    assert shares == sorted(shares, reverse=True), "the groups most behind first"

    top = relances.moins_avances(rel, 3, academie=False)
    assert len(top) == 3 and "Académie" not in top.columns
    assert list(top["UAI"]) == list(rel.sort_values(["cle_tri", "uai"])["uai"].head(3))
    assert set(top["Circonscription ou département"]) <= set(found)


def test_academy_follow_up_is_summarised_per_circonscription_and_department(export_db):
    _assert_academy_summary_matches_sql(export_db)


def test_the_academy_report_shows_a_summary_and_a_bounded_list(rendered, export_db):
    """The rendered report of academy 08: no table per circonscription, the summary per group, then at most
    LIMITE_RESUME establishments, with a caption saying how many of how many."""
    page = htmllib.unescape(rendered["indicateurs"][0].read_text(encoding="utf-8"))
    section = page.split("Écoles à relancer après une période", 1)[1].split("<h2", 1)[0]
    p = validate_params("indicateurs", export_db, {"niveau_perimetre": "academie", "code_perimetre": "08"})
    con = reports_db.connect(p["db"])
    rel = relances.donnees(con, p)
    con.close()
    groups = relances.resume(rel, "groupe")
    assert "<caption>Circonscription" not in section and "<caption>Collèges" not in section
    assert f"<caption>{relances.titre_resume('academie')}</caption>" in section
    assert f"<caption>{relances.titre_moins_avances('academie', len(rel))}</caption>" in section
    assert section.count("<tr>") == len(groups) + min(len(rel), relances.LIMITE_RESUME) + 2  # two header rows
    assert relances.titre_moins_avances("academie", 1717) == \
        "Les 50 établissements les moins avancés de l'académie, sur 1\u202f717"


# --- a generated export large enough for the real thresholds (rendered through the notebooks) ---

@pytest.fixture(scope="module")
def grand_export(tmp_path_factory, prepared_export):
    return prepared_export(tmp_path_factory.mktemp("national"), 40_000, 4)


@pytest.mark.slow
def test_national_reports_of_a_generated_export_stay_bounded(grand_export, tmp_path):
    params = {"niveau_perimetre": "national", "code_perimetre": "FR"}
    result = render_report("audit_anomalies", grand_export, params, tmp_path)
    page = result.html.read_text(encoding="utf-8")
    text = htmllib.unescape(page)
    p, con = _national(grand_export)
    t, etabs = audit.totaux(con, p), audit.etablissements(con, p)
    con.close()
    assert t["entites_courantes"] > audit.LIMITE_LISTE
    assert "objets en anomalie cette année : trop pour une page" in text
    detailed = re.findall(r"<h2>[^<]*\((\d{7}[A-Z])\)(?: · \d+ premières lignes sur [\d\u202f]+)?</h2>",
                          text.split("Anomalies de l'année en cours, par établissement", 1)[1]
                          .split("Anomalies des années antérieures", 1)[0])
    assert detailed == list(etabs["uai"].head(audit.LIMITE_ETABLISSEMENTS_LISTES))
    assert remote_references(page) == [] and len(page) < 1_000_000
    links = re.findall(r'href="([^"]+\.(?:csv|parquet))"', page)
    assert sorted(p.rsplit(".", 1)[1] for p in links) == ["csv", "parquet"]
    assert all((tmp_path / link).is_file() for link in links)
    assert pl.read_parquet(tmp_path / next(lk for lk in links if lk.endswith("parquet"))).height == t["total"]

    page = render_report("indicateurs", grand_export, params, tmp_path).html.read_text(encoding="utf-8")
    section = htmllib.unescape(page).split("Écoles à relancer après une période", 1)[1].split("<h2", 1)[0]
    n_academies = len(relances.resume(_relances(grand_export), "academie"))
    assert section.count("<tr>") == n_academies + relances.LIMITE_RESUME + 2  # two header rows
    assert "<caption>Circonscription" not in section and remote_references(page) == []


@pytest.mark.slow
def test_academy_summary_of_a_larger_export_matches_sql(grand_export):
    _assert_academy_summary_matches_sql(grand_export)

