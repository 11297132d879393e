"""The report data functions, on the small base whose `indicateurs` and `anomalies` are filled by hand."""
from __future__ import annotations

import pytest

from lsu_analytics.reports import audit, diagnostic, format as fmt, indicateurs, validate_params
from lsu_analytics.reports.db import connect

MASKED_UAI = "0730001C"  # the establishment of 3 pupils in conftest.py


@pytest.fixture
def con(report_db):
    c = connect(report_db)
    yield c
    c.close()


def _row(con, niveau, code, indicateur, niveau_scolaire="TOUS", periode=None):
    return con.execute(
        "SELECT masque, numerateur, denominateur, valeur FROM indicateurs WHERE niveau_perimetre = ? "
        "AND code_perimetre = ? AND indicateur = ? AND niveau_scolaire = ? AND periode IS NOT DISTINCT FROM ?",
        [niveau, code, indicateur, niveau_scolaire, periode]).fetchone()


def test_french_formats():
    assert fmt.entier(1234567) == "1\u202f234\u202f567"
    assert fmt.pourcentage(0.875) == "87,5\u202f%"
    assert fmt.taux(False, 7, 8, 0.875) == "87,5\u202f% (7 / 8)"
    assert fmt.taux(True, 3, 4, 0.75) == "s"
    assert fmt.taux(False, 0, 0, None) == "—"
    assert fmt.cellule(False, 12, None, 12.0) == "12"


def test_key_figures_match_the_table(report_db, con):
    p = validate_params("indicateurs", report_db, {})
    cles = indicateurs.chiffres_cles(con, p).set_index("indicateur")["texte"]
    m, n, d, v = _row(con, "academie", "08", "EFFECTIF")
    assert cles["EFFECTIF"] == fmt.entier(v)
    # Per-period indicators are summed over the periods.
    parts = [_row(con, "academie", "08", "BP_SAISIS", periode=i) for i in (1, 2)]
    num, den = sum(r[1] for r in parts), sum(r[2] for r in parts)
    assert cles["BP_SAISIS"] == fmt.taux(False, num, den, num / den)
    anomalies = con.execute("SELECT sum(valeur) FROM indicateurs WHERE niveau_perimetre = 'academie' AND "
                            "code_perimetre = '08' AND niveau_scolaire = 'TOUS' AND indicateur LIKE 'ANOMALIES%'"
                            ).fetchone()[0]
    assert cles["ANOMALIES"] == fmt.entier(anomalies)


def test_a_hidden_cell_is_shown_s_even_if_the_table_kept_its_values(report_db, con):
    p = validate_params("indicateurs", report_db, {"niveau_perimetre": "etablissement", "code_perimetre": MASKED_UAI})
    cles = indicateurs.chiffres_cles(con, p).set_index("indicateur")["texte"]
    for ind in ("EFFECTIF", "BP_SAISIS", "BFC_SAISIS", "TRANSFERTS_MANQUANTS"):
        assert cles[ind] == "s", ind
    assert set(indicateurs.avancement(con, p)["texte"]) == {"s"}
    assert indicateurs.avancement_graphique(indicateurs.avancement(con, p)) is None
    assert set(indicateurs.attestations(con, p)["texte"]) == {"s"}
    assert indicateurs.socle_graphique(indicateurs.socle(con, p)) is None
    # Not pupil-based: shown.
    assert "s" not in set(indicateurs.etablissements_tableau(con, p)["Valeur"])


def test_sub_perimeters_of_a_department_hide_the_small_establishment(report_db, con):
    p = validate_params("indicateurs", report_db, {"niveau_perimetre": "departement", "code_perimetre": "073"})
    table = indicateurs.sous_perimetres_tableau(indicateurs.sous_perimetres(con, p))
    assert list(table["Code"]) == [MASKED_UAI]
    assert set(table.iloc[0, 2:]) == {"s"}


def test_sub_perimeters_of_an_academy_sorted_by_writing_rate(report_db, con):
    p = validate_params("indicateurs", report_db, {"niveau_perimetre": "academie", "code_perimetre": "08"})
    df = indicateurs.sous_perimetres(con, p)
    table = indicateurs.sous_perimetres_tableau(df)
    assert set(table["Code"]) == {"038", "073"}
    rates = df[df["indicateur"] == "BP_SAISIS"].set_index("code")["valeur"]
    assert list(table["Code"]) == list(rates.sort_values().index)
    effectif = _row(con, "departement", "038", "EFFECTIF")[3]
    assert table.set_index("Code").loc["038", "Élèves"] == fmt.entier(effectif)


@pytest.mark.parametrize("niveau, code, enfants", [
    ("national", "FR", {"02", "08"}),
    ("circonscription", "0380100", {"0380001A"}),
    ("etablissement", "0380002B", {"6E"}),  # an establishment is compared niveau by niveau
])
def test_sub_perimeters_one_level_down(report_db, con, niveau, code, enfants):
    p = validate_params("indicateurs", report_db, {"niveau_perimetre": niveau, "code_perimetre": code})
    assert set(indicateurs.sous_perimetres_tableau(indicateurs.sous_perimetres(con, p))["Code"]) == enfants


def test_audit_perimeter_and_severity(report_db):
    p = validate_params("audit_anomalies", report_db, {"niveau_perimetre": "academie", "code_perimetre": "08"})
    con = audit.connect(p)
    regles = audit.par_regle(con, p).set_index("rule_id")
    assert dict(regles["nombre"]) == {"HIS-01": 1, "TRF-01": 1, "VER-03": 1, "REC-01": 2, "EP-01": 1, "EP-02": 1}
    assert regles.loc["HIS-01", "titre"] and regles.loc["HIS-01", "remediation"]
    assert "année scolaire close" in regles.loc["HIS-01", "explication"]
    assert audit.totaux(con, p)["non_rattachees"] == 1
    etabs = audit.etablissements(con, p)
    assert list(etabs["uai"]) == ["0380001A", "0380002B"]  # the one with a critical anomaly first
    p = validate_params("audit_anomalies", report_db, {"niveau_perimetre": "national", "severite_min": "majeure"})
    assert set(audit.par_regle(con, p)["rule_id"]) == {"HIS-01", "TRF-01", "PER-02", "REF-01", "EP-01", "HIS-02"}
    groupes = audit.liste_par_etablissement(audit.liste(con, p))
    assert [t for t, _ in groupes][-1] == "Sans établissement"
    con.close()


def test_diagnostic_explains_search_transfer_and_locking(report_db, con):
    p = validate_params("diagnostic_eleve", report_db, {"eleve_id": "E07"})
    constats = diagnostic.recherche_constats(diagnostic.recherche(con, p), 2025)
    assert constats[0][0] == "attention" and "REC-01" in constats[0][1] and "0380002B" in constats[0][1]
    transfert = diagnostic.transfert_constats(diagnostic.transfert(con, p))
    assert transfert[0][0] == "attention" and "de l'académie d'Aix-Marseille" in transfert[0][1]
    assert "vers l'académie de Grenoble" in transfert[0][1] and "académie 02" not in transfert[0][1]
    verrou = diagnostic.verrouillage_constats(diagnostic.bilans(con, p), 2025)
    assert any("VER-02" in t for _, t in verrou) and any("PER-01" in t for _, t in verrou)

    p = validate_params("diagnostic_eleve", report_db, {"eleve_id": "E01"})
    assert diagnostic.recherche_constats(diagnostic.recherche(con, p), 2025)[0][0] == "ok"
    assert diagnostic.transfert_constats(diagnostic.transfert(con, p))[0][0] == "ok"
    vis = diagnostic.visibilite(con, p)
    assert vis.iloc[0]["Visibles des enseignants de"] == "CE2, CM1"  # a CE2 report (rules.md, VIS-01)
    assert diagnostic.consultations(con, p).iloc[0]["Règle de visibilité"] == "conforme"
