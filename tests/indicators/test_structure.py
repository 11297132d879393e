"""Shape of the table: every indicator for every perimeter × niveau with a pupil, sums, replacement."""
from __future__ import annotations

from collections import defaultdict

import duckdb
import pytest

from lsu_analytics.contract import DOMAINES_SOCLE
from lsu_analytics.indicators import IndicateursError, compute_indicateurs
from lsu_analytics.indicators.regles import rule_ids

E1, E2, E3, E4 = "0380001A", "0380002B", "0690003C", "0690004D"
# (uai, degre, academie, departement, circonscription)
ETABS = ((E1, "1D", "08", "038", "C1"), (E2, "2D", "08", "038", "C9"),   # C9 sur un collège : ignorée
         (E3, "2D", "10", "069", None), (E4, "1D", "10", "069", "C2"))
# (uai, niveau, élèves) ; E4 n'a d'élève qu'en 2024.
CLASSES = ((E1, "CP", 3), (E1, "CM2", 2), (E2, "6E", 6), (E2, "3E", 1), (E3, "3E", 7))


@pytest.fixture
def scenario(export):
    for uai, degre, academie, departement, circ in ETABS:
        export.etab(uai, degre=degre, academie=academie, departement=departement, circonscription=circ)
    for uai in (E1, E2, E3):
        export.periodes(uai, ["2025-11-30", "2026-02-28", "2026-06-30"])
    for uai, niveau, n in CLASSES:
        classe = export.classe(uai, niveau)
        for i, eleve in enumerate(export.eleves(classe, uai, n)):
            for indice in (1, 2)[: 1 + i % 2]:
                export.bilan(eleve, classe, uai, indice, verrou=i % 3 == 0, publie=i % 3 == 0, visa=i == 0)
    export.eleves(export.classe(E4, "CE1", millesime=2024), E4, 2, millesime=2024)
    export.anomalie("REF-01")
    return export


def _expected_cells():
    """Perimeter × niveau cells with a pupil in C, derived from the scenario's declaration."""
    perimetres = {}
    for uai, degre, academie, departement, circ in ETABS:
        p = [("national", "FR"), ("academie", academie), ("departement", departement), ("etablissement", uai)]
        if degre == "1D":
            p.append(("circonscription", circ))
        perimetres[uai] = p
    cells = set()
    for uai, niveau, _ in CLASSES:
        for p in perimetres[uai]:
            cells |= {(*p, niveau), (*p, "TOUS")}
    return cells


def _expected_indicators(periodes):
    ids = ["EFFECTIF", "BFC_SAISIS", "BFC_VERROUILLES", "SEL_OUVERT", "PERIODES_PARAMETREES", "CLASSES_IMPORT",
           "TRANSFERTS_MANQUANTS", "COMPTES_FAMILLES_ACTIFS"]
    ids += [f"SOCLE_{d}_{n}" for d in DOMAINES_SOCLE for n in range(1, 5)]
    ids += [f"ATT_{t}" for t in ("ASSR1", "ASSR2", "AER", "ASNS", "PSC1", "PIX")]
    ids += [f"ANOMALIES_{r}" for r in dict.fromkeys([*rule_ids()[0], "REF-01"])]
    keys = {(i, None) for i in ids}
    keys |= {(bp, p) for bp in ("BP_SAISIS", "BP_VERROUILLES", "BP_VISES", "BP_VERROUILLES_SAISIE",
                                             "BP_CONSULTES_FAMILLES") for p in periodes}
    return keys


def test_chaque_indicateur_pour_chaque_cellule_ayant_un_eleve(scenario, tiny_db):
    compute_indicateurs(tiny_db.con, seuil_secret=0)
    rows = tiny_db.rows("SELECT niveau_perimetre, code_perimetre, niveau_scolaire, indicateur, periode "
                        "FROM indicateurs")
    assert len(rows) == len(set(rows)), "lignes en double"
    by_cell = defaultdict(set)
    for np_, cp, ns, indicateur, periode in rows:
        by_cell[(np_, cp, ns)].add((indicateur, periode))
    assert set(by_cell) == _expected_cells()
    expected = _expected_indicators(periodes=(1, 2, 3))
    for cell, keys in by_cell.items():
        assert keys == expected, cell


def test_circonscription_seulement_pour_le_1d(scenario, tiny_db):
    compute_indicateurs(tiny_db.con)
    circs = {r[0] for r in tiny_db.rows(
        "SELECT DISTINCT code_perimetre FROM indicateurs WHERE niveau_perimetre = 'circonscription'")}
    assert circs == {"C1"}  # C9 est sur un collège ; C2 n'a pas d'élève en C


@pytest.mark.parametrize("indicateur", ["EFFECTIF", "BP_SAISIS", "BP_VERROUILLES", "BP_VISES"])
def test_national_egale_somme_des_academies(scenario, tiny_db, indicateur):
    compute_indicateurs(tiny_db.con, seuil_secret=0)
    ecarts = tiny_db.rows("""
        SELECT n.niveau_scolaire, n.periode, n.numerateur, sum(a.numerateur), n.denominateur, sum(a.denominateur)
        FROM indicateurs n
        JOIN indicateurs a USING (indicateur, niveau_scolaire)
        WHERE n.indicateur = ? AND n.niveau_perimetre = 'national' AND a.niveau_perimetre = 'academie'
          AND a.periode IS NOT DISTINCT FROM n.periode
        GROUP BY ALL
        HAVING n.numerateur <> sum(a.numerateur) OR n.denominateur IS DISTINCT FROM sum(a.denominateur)
    """, [indicateur])
    assert ecarts == []
    assert tiny_db.rows("SELECT numerateur FROM indicateurs WHERE indicateur = 'EFFECTIF' "
                        "AND niveau_perimetre = 'national' AND niveau_scolaire = 'TOUS'") == [(19,)]


def test_remplace_le_contenu_precedent(scenario, tiny_db):
    tiny_db.add("indicateurs", millesime=1999, niveau_perimetre="national", code_perimetre="FR",
                niveau_scolaire="TOUS", indicateur="ANCIEN", masque=False)
    premier = compute_indicateurs(tiny_db.con)
    second = compute_indicateurs(tiny_db.con)
    total = tiny_db.rows("SELECT count(*) FROM indicateurs")[0][0]
    assert premier.lignes == second.lignes == total
    assert tiny_db.rows("SELECT count(*) FROM indicateurs WHERE indicateur = 'ANCIEN' OR millesime <> 2025") == [(0,)]
    assert sum(second.lignes_par_famille.values()) == total
    assert tiny_db.rows("SELECT count(*) FROM duckdb_tables() WHERE temporary") == [(0,)]


def test_sans_manifeste_erreur_en_francais(tiny_db):
    tiny_db.con.execute("DELETE FROM manifeste")
    with pytest.raises(IndicateursError, match="manifeste"):
        compute_indicateurs(tiny_db.con)


def test_echec_laisse_la_table_intacte(scenario, tiny_db):
    compute_indicateurs(tiny_db.con)
    avant = tiny_db.rows("SELECT count(*) FROM indicateurs")[0][0]
    tiny_db.con.execute("ALTER TABLE bilans_periodiques DROP COLUMN date_visa")
    with pytest.raises(duckdb.Error):  # the missing column, named by DuckDB
        compute_indicateurs(tiny_db.con)
    assert tiny_db.rows("SELECT count(*) FROM indicateurs")[0][0] == avant
