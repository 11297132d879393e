"""The audit for the support: this year first, one row per object, and bounded at national scale (the
complete list goes to the CSV / Parquet written beside the report)."""
from __future__ import annotations

import html as htmllib
import re

import duckdb
import polars as pl
import pytest

from lsu_analytics.reports import audit, render_report, validate_params

C = 2025
N_ANOMALIES = 50_000
N_ETABS = 120


def _text(rendered) -> str:
    return htmllib.unescape(rendered["audit"][0].read_text(encoding="utf-8"))


def test_one_row_per_object_and_last_years_apart(rendered):
    page = _text(rendered)
    courante, anterieure = page.split("Anomalies des années antérieures", 1)
    assert courante.count("EP-01, EP-02") == 1 and "<td>EP-01</td>" not in courante
    assert "Bilan de 2024 modifié sans autorisation." in anterieure
    assert "Bilan de 2024 modifié sans autorisation." not in courante
    assert "2024-2025" in anterieure


def test_ranking_counts_the_current_year_only(report_db):
    p = validate_params("audit_anomalies", report_db, {"niveau_perimetre": "national"})
    con = audit.connect(p)
    etabs = audit.etablissements(con, p).set_index("uai")
    t = audit.totaux(con, p)
    con.close()
    assert "0130001D" in etabs.index and etabs.loc["0130001D", "critique"] == 0  # last year's HIS-02 left out
    assert etabs.loc["0380002B", "majeure"] == 2 and etabs.loc["0380002B", "total"] == 4  # EP-01+02 once
    assert (t["courantes"], t["anterieures"]) == (t["total"] - 1, 1)


@pytest.fixture(scope="module")
def many_anomalies(tmp_path_factory, report_db_factory, anomaly_keys):
    """A national database with 50 000 anomalies of the current year over 120 establishments."""
    path = tmp_path_factory.mktemp("audit_national") / "lsu.duckdb"
    db = report_db_factory(path)
    db.add("manifeste", contrat=1, millesime_courant=C, date_extraction="2026-03-15 02:00:00",
           perimetre_niveau="national", perimetre_code="FR", encodage="utf-8", format_date="iso",
           separateur_decimal=".", chargement_id="test")
    db.con.execute(f"""
        INSERT INTO etablissements (uai, nom, degre, secteur, academie, departement, circonscription,
                                    service_en_ligne_ouvert)
        SELECT printf('%07dA', i), 'Établissement ' || i, '2D', 'PU', printf('%02d', i % 30 + 1),
               printf('%03d', i % 90 + 1), NULL, true
        FROM range({N_ETABS}) t(i)""")
    db.con.execute(f"""
        INSERT INTO anomalies (rule_id, severite, uai, academie, millesime, eleve_id, classe_id, objet_id, detail)
        SELECT CASE i % 3 WHEN 0 THEN 'VER-03' WHEN 1 THEN 'CMP-01' ELSE 'HIS-01' END,
               CASE i % 3 WHEN 0 THEN 'mineure' WHEN 1 THEN 'majeure' ELSE 'critique' END,
               printf('%07dA', (i * i) % {N_ETABS}), printf('%02d', (i * i) % {N_ETABS} % 30 + 1), {C},
               'EL' || i, NULL, 'B' || i, 'Anomalie numéro ' || i || '.'
        FROM range({N_ANOMALIES}) t(i)""")
    anomaly_keys(db.con)
    db.add("controles", controle_id="T1", debut="2026-03-15 03:00:00", fin="2026-03-15 03:01:00",
           regles="VER-03,CMP-01,HIS-01", seuils="{}", nb_anomalies=N_ANOMALIES, version_outil="test")
    db.close()
    return path


def test_national_audit_stays_a_report_and_links_the_complete_list(many_anomalies, tmp_path):
    result = render_report("audit_anomalies", many_anomalies, {"niveau_perimetre": "national"}, tmp_path)
    page = result.html.read_text(encoding="utf-8")
    rows = page.count("<tr>")
    assert rows <= audit.LIMITE_ETABLISSEMENTS_LISTES * audit.LIMITE_PAR_ETABLISSEMENT + 200, rows
    assert len(page) < 1_500_000
    text = htmllib.unescape(page)
    assert "50\u202f000 objets en anomalie cette année : trop pour une page" in text
    # The top establishments are detailed, each cut short and saying so.
    assert len(re.findall(r"<h2>Établissement \d+ \(\d{7}A\) · 30 premières lignes sur [\d\u202f]+</h2>", text)) == 10
    csv, parquet = tmp_path / re.search(r'href="([^"]+\.csv)"', page).group(1), \
        tmp_path / re.search(r'href="([^"]+\.parquet)"', page).group(1)
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == N_ANOMALIES + 1
    assert pl.read_parquet(parquet).height == N_ANOMALIES
    with duckdb.connect(str(many_anomalies), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM anomalies").fetchone()[0] == N_ANOMALIES


def test_a_small_perimeter_is_listed_completely(report_db):
    p = validate_params("audit_anomalies", report_db, {"niveau_perimetre": "national"})
    con = audit.connect(p)
    t = audit.totaux(con, p)
    rows, note = audit.liste_bornee(con, p, t, audit.etablissements(con, p))
    con.close()
    assert note is None and len(rows) == t["entites_courantes"]


def test_summary_per_sub_perimeter_counts_the_current_year(report_db):
    from lsu_analytics.reports import labels
    p = validate_params("audit_anomalies", report_db, {"niveau_perimetre": "national"})
    con = audit.connect(p)
    table = audit.sous_perimetres_tableau(con, p).set_index("Académie")
    con.close()
    # 08: HIS-01, VER-03, 2 × REC-01, TRF-01, EP-01, EP-02 ; 02: PER-02 (last year's HIS-02 left out).
    assert table.loc[labels.academie("08"), "Total"] == 7 and table.loc[labels.academie("08"), "Critiques"] == 1
    assert table.loc[labels.academie("02"), "Total"] == 1
    assert table.loc["non rattachées", "Total"] == 1  # REF-01
