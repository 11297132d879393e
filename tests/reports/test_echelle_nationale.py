"""Reports of a national export stay reports: the audit details only its top establishments and links the
complete list; the indicators report summarises the follow-up list per academy (by name) and shows the
least advanced establishments of the country, not every school of France."""
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
    table = relances.par_academie(rel).set_index("Académie")
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
    n_academies = len(relances.par_academie(_relances(grand_export)))
    assert section.count("<tr>") == n_academies + relances.LIMITE_NATIONAL + 2  # two header rows
    assert "<caption>Circonscription" not in section and remote_references(page) == []
