"""Each indicator of indicators.md, checked against values worked out by hand from a tiny export."""
from __future__ import annotations

import pytest

E1, E2, E3 = "0380001A", "0380002B", "0690003C"  # école (08/038/C1), collège (08/038), collège (10/069)


def test_effectif_eleves_distincts_a_chaque_perimetre(export, calcule):
    export.etab(E1, degre="1D", circonscription="C1")
    export.etab(E2)
    export.etab(E3, academie="10", departement="069")
    cp, ce1 = export.classe(E1, "CP"), export.classe(E1, "CE1")
    sixieme, troisieme = export.classe(E2, "6E"), export.classe(E3, "3E")
    eleves_cp = export.eleves(cp, E1, 5)
    export.eleves(ce1, E1, 3)
    export.inscrire(eleves_cp[0], ce1, E1)        # dans deux classes de E1
    eleves_6e = export.eleves(sixieme, E2, 3)
    export.inscrire(eleves_6e[0], cp, E1)         # dans deux établissements de l'académie 08
    export.eleves(troisieme, E3, 2)
    ancienne = export.classe(E3, "4E", millesime=2024)
    export.eleves(ancienne, E3, 4, millesime=2024)  # année antérieure : ne compte pas
    ind = calcule()

    assert ind.count("EFFECTIF", "etablissement", E1, "CP") == 6
    assert ind.count("EFFECTIF", "etablissement", E1, "CE1") == 4
    assert ind.count("EFFECTIF", "etablissement", E1) == 9        # 5 + 3 + l'élève de 6E, distincts
    assert ind.count("EFFECTIF", "circonscription", "C1") == 9
    assert ind.count("EFFECTIF", "etablissement", E2) == 3
    assert ind.count("EFFECTIF", "academie", "08") == 11          # 5 + 3 + 3 élèves distincts
    assert ind.count("EFFECTIF", "departement", "038", "6E") == 3
    assert ind.count("EFFECTIF", "academie", "10") == 2
    assert ind.count("EFFECTIF") == 13
    assert ind.count("EFFECTIF", niveau="CP") == 6
    r = ind.get("EFFECTIF")
    assert r["millesime"] == 2025 and r["denominateur"] is None and r["numerateur"] == 13 and not r["masque"]


def test_bp_saisis_periodes_terminees_avant_x(export, calcule):
    export.etab(E1, degre="1D", circonscription="C1")
    # Période 2 finie la veille de X (attendue), période 3 finie le jour de X (pas encore attendue).
    export.periodes(E1, ["2025-11-30", "2026-03-14", "2026-03-15"])
    cp = export.classe(E1, "CP")
    sans_periodicite = export.classe(E1, "CE1", periodicite=None)
    a, b = export.eleves(cp, E1, 2)
    (c,) = export.eleves(sans_periodicite, E1, 1)
    export.bilan(a, cp, E1, 1)
    export.bilan(b, cp, E1, 1)
    export.bilan(a, cp, E1, 2)
    export.bilan(b, cp, E1, 3)                  # période non terminée : pas dans BP_SAISIS
    export.bilan(c, sans_periodicite, E1, 1)    # classe sans période attendue
    ind = calcule()

    assert ind.ratio("BP_SAISIS", "etablissement", E1, "CP", periode=1) == (2, 2)
    assert ind.ratio("BP_SAISIS", "etablissement", E1, "CP", periode=2) == (1, 2)
    p3 = ind.get("BP_SAISIS", "etablissement", E1, "CP", periode=3)
    assert (p3["numerateur"], p3["denominateur"], p3["valeur"], p3["masque"]) == (0, 0, None, False)
    assert ind.get("BP_SAISIS", "etablissement", E1, "CP", periode=2)["valeur"] == pytest.approx(0.5)
    assert ind.ratio("BP_SAISIS", "etablissement", E1, "CE1", periode=1) == (0, 0)
    assert ind.ratio("BP_SAISIS", "circonscription", "C1", periode=1) == (2, 2)
    assert ind.ratio("BP_SAISIS", periode=2) == (1, 2)
    assert ind.db.rows("SELECT count(*) FROM indicateurs WHERE indicateur LIKE 'BP_%' AND periode IS NULL") == [(0,)]


def test_bp_verrouilles_et_vises(export, calcule):
    export.etab(E2)
    sixieme = export.classe(E2, "6E")
    e = export.eleves(sixieme, E2, 5)
    export.bilan(e[0], sixieme, E2, 1, verrou=True, publie=True, visa=True)
    export.bilan(e[1], sixieme, E2, 1, verrou=True, publie=True)
    export.bilan(e[2], sixieme, E2, 1, verrou=True)
    export.bilan(e[3], sixieme, E2, 1)
    export.bilan(e[4], sixieme, E2, 2, visa=True)                               # visé sans être publié
    export.bilan(e[4], sixieme, E2, 1, verrou=True, publie=True, visa=True, millesime=2024)  # autre année
    ind = calcule()

    assert ind.ratio("BP_VERROUILLES", "etablissement", E2, "6E", periode=1) == (3, 4)
    assert ind.ratio("BP_VERROUILLES", "etablissement", E2, "6E", periode=2) == (0, 1)
    assert ind.ratio("BP_VERROUILLES", "academie", "08", periode=1) == (3, 4)
    assert ind.ratio("BP_VISES", "etablissement", E2, periode=1) == (1, 2)
    assert ind.ratio("BP_VISES", periode=2) == (0, 0)
    assert ind.get("BP_VISES", periode=2)["valeur"] is None


def test_bilans_de_cycle_et_socle(export, calcule):
    export.etab(E1, degre="1D", circonscription="C1")
    ce2, cp = export.classe(E1, "CE2"), export.classe(E1, "CP")
    a, b, c = export.eleves(ce2, E1, 3)
    (d,) = export.eleves(cp, E1, 1)
    export.bilan_cycle(a, E1, 2, verrou=True, socle={"CPD_FRA": 3, "CPD_ETR": 0, "MET_APP": 1})
    export.bilan_cycle(b, E1, 2, verrou=True, socle={"CPD_FRA": 3, "MET_APP": 4})
    export.bilan_cycle(b, E1, 2, verrou=False, socle={"CPD_FRA": 1})  # non verrouillé : hors SOCLE
    export.bilan_cycle(c, E1, 3)                                      # pas le cycle de son niveau
    export.bilan_cycle(c, E1, 2, millesime=2024)                      # pas de l'année C
    export.bilan_cycle(d, E1, 2, verrou=True)                         # CP : pas en fin de cycle
    ind = calcule()

    assert ind.ratio("BFC_SAISIS", "etablissement", E1, "CE2") == (2, 3)
    assert ind.ratio("BFC_SAISIS", "etablissement", E1, "CP") == (0, 0)
    assert ind.ratio("BFC_SAISIS", "etablissement", E1) == (2, 3)
    # Bilans de cycle de C à E1 : a, b (x2), c (cycle 3), d ; verrouillés : a, b, d.
    assert ind.ratio("BFC_VERROUILLES", "etablissement", E1) == (3, 5)
    assert ind.ratio("BFC_VERROUILLES", "etablissement", E1, "CE2") == (2, 4)
    assert ind.ratio("BFC_VERROUILLES", "etablissement", E1, "CP") == (1, 1)
    assert ind.ratio("SOCLE_CPD_FRA_3", "etablissement", E1) == (2, 2)
    assert ind.ratio("SOCLE_CPD_FRA_1", "etablissement", E1) == (0, 2)
    assert ind.ratio("SOCLE_MET_APP_4", "etablissement", E1, "CE2") == (1, 2)
    assert ind.ratio("SOCLE_MET_APP_1") == (1, 2)
    assert ind.ratio("SOCLE_CPD_ETR_1") == (0, 0)                      # 0 = non évalué
    assert ind.ratio("SOCLE_MET_APP_4", "etablissement", E1, "CP") == (0, 0)


def test_attestations_datees_de_c_par_niveau(export, calcule):
    export.etab(E3, academie="10", departement="069")
    troisieme, cinquieme = export.classe(E3, "3E"), export.classe(E3, "5E")
    a, b, c = export.eleves(troisieme, E3, 3)
    (d,) = export.eleves(cinquieme, E3, 1)
    export.attestation(a, E3, "ASSR2", "2026-01-10")
    export.attestation(a, E3, "ASSR2", "2026-02-10")   # deux fois : un seul élève
    export.attestation(b, E3, "ASSR2", "2025-06-10")   # année scolaire 2024
    export.attestation(c, E3, "PSC1", "2025-09-01")    # premier jour de l'année C
    export.attestation(c, E3, "ASSR1", "2025-10-01")   # ASSR1 se compte en 5E seulement
    export.attestation(d, E3, "ASSR1", "2025-08-31")   # année scolaire 2024
    ind = calcule()

    assert ind.ratio("ATT_ASSR2", "etablissement", E3, "3E") == (1, 3)
    assert ind.ratio("ATT_ASSR2", "academie", "10") == (1, 3)
    assert ind.ratio("ATT_PSC1", "etablissement", E3, "3E") == (1, 3)
    assert ind.ratio("ATT_PIX") == (0, 3)
    assert ind.ratio("ATT_ASSR1", "etablissement", E3, "5E") == (0, 1)
    assert ind.ratio("ATT_ASSR1", "etablissement", E3, "3E") == (0, 0)
    assert ind.ratio("ATT_ASSR2", "etablissement", E3, "5E") == (0, 0)
    assert ind.ratio("ATT_AER") == (0, 0)


def test_service_en_ligne_et_classes(export, calcule):
    export.etab(E1, degre="1D", circonscription="C1")
    export.etab(E2, sel=True)
    export.etab(E3, academie="10", departement="069", sel=False)
    export.etab("0380005E", sel=True)                   # collège sans élève : hors SEL_OUVERT
    export.periodes(E1, ["2025-11-30", "2026-02-28", "2026-06-30"])
    cp = export.classe(E1, "CP")
    export.classe(E1, "CP", source="IMPORT")             # sans élève
    ce1 = export.classe(E1, "CE1", periodicite=None, source="IMPORT")
    ce2 = export.classe(E1, "CE2", periodicite="SEMESTRE")  # périodicité sans période
    export.classe(E1, "CP", source="IMPORT", millesime=2024)  # autre année
    sixieme, troisieme = export.classe(E2, "6E"), export.classe(E3, "3E")
    for classe, uai in ((cp, E1), (ce1, E1), (ce2, E1), (sixieme, E2), (troisieme, E3)):
        export.eleves(classe, uai, 1)
    ind = calcule()

    assert ind.ratio("SEL_OUVERT", "academie", "08") == (1, 1)
    assert ind.ratio("SEL_OUVERT", "academie", "10") == (0, 1)
    assert ind.ratio("SEL_OUVERT") == (1, 2)
    assert ind.ratio("SEL_OUVERT", niveau="6E") == (1, 1)
    assert ind.ratio("SEL_OUVERT", "etablissement", E1) == (0, 0)
    assert ind.ratio("PERIODES_PARAMETREES", "etablissement", E1) == (1, 3)
    assert ind.ratio("PERIODES_PARAMETREES", "etablissement", E1, "CP") == (1, 1)
    assert ind.ratio("PERIODES_PARAMETREES", "etablissement", E2) == (0, 1)
    assert ind.ratio("CLASSES_IMPORT", "etablissement", E1) == (2, 4)
    assert ind.ratio("CLASSES_IMPORT", "etablissement", E1, "CP") == (1, 2)
    assert ind.ratio("CLASSES_IMPORT") == (2, 6)


def test_anomalies_et_transferts_manquants(export, calcule, monkeypatch):
    import lsu_analytics.indicators.compute as compute
    monkeypatch.setattr(compute, "rule_ids", lambda: (["PER-02", "TRF-01", "SEL-01", "REF-01", "VER-03"],
                                                      "catalogue"))
    export.etab(E1, degre="1D", circonscription="C1")
    export.etab(E3, academie="10", departement="069", sel=False)
    cp, ce1 = export.classe(E1, "CP"), export.classe(E1, "CE1")
    troisieme = export.classe(E3, "3E")
    export.eleves(cp, E1, 2)
    export.eleves(ce1, E1, 1)
    arrivants = export.eleves(troisieme, E3, 2)
    export.anomalie("TRF-01", uai=E3, eleve_id=arrivants[0])
    export.anomalie("TRF-01", uai=E3, eleve_id=arrivants[1])
    export.anomalie("SEL-01", uai=E3)
    export.anomalie("REF-01")                       # sans uai : national seulement
    export.anomalie("PER-02", uai=E1, classe_id=cp)
    export.anomalie("HIS-01", uai=E1)               # hors catalogue : compté quand même
    ind = calcule()

    assert ind.count("ANOMALIES_TRF-01", "etablissement", E3, "3E") == 2
    assert ind.count("TRANSFERTS_MANQUANTS", "academie", "10") == 2
    assert ind.count("TRANSFERTS_MANQUANTS") == 2
    assert ind.count("TRANSFERTS_MANQUANTS", "academie", "08") == 0
    assert ind.count("ANOMALIES_SEL-01", "etablissement", E3) == 1
    assert ind.count("ANOMALIES_SEL-01", "etablissement", E3, "3E") == 0   # pas d'élève ni de classe
    assert ind.count("ANOMALIES_REF-01") == 1
    assert ind.count("ANOMALIES_REF-01", "academie", "08") == 0
    assert ind.count("ANOMALIES_PER-02", "circonscription", "C1", "CP") == 1
    assert ind.count("ANOMALIES_PER-02", "etablissement", E1, "CE1") == 0
    assert ind.count("ANOMALIES_VER-03") == 0
    assert ind.count("ANOMALIES_HIS-01", "departement", "038") == 1
    assert ind.get("ANOMALIES_SEL-01")["denominateur"] is None


def test_rattachements_particuliers(export, calcule):
    export.etab(E2)
    export.etab(E3, academie="10", departement="069")
    sixieme, troisieme = export.classe(E2, "6E"), export.classe(E3, "3E")
    (mobile,) = export.eleves(sixieme, E2, 1)
    export.inscrire(mobile, troisieme, E3)                 # inscrit dans deux académies
    export.eleves(troisieme, E3, 1)
    export.inscrire(mobile, "CLASSE_INCONNUE", E2)         # classe absente : TOUS seulement
    export.eleves(export.classe("9990009Z", "CP"), "9990009Z", 2)   # UAI absent d'etablissements
    ind = calcule()

    assert ind.count("EFFECTIF", "academie", "08") == 1
    assert ind.count("EFFECTIF", "academie", "10") == 2
    assert ind.count("EFFECTIF") == 4                      # l'élève mobile une seule fois
    assert ind.count("EFFECTIF", niveau="3E") == 2
    assert ind.count("EFFECTIF", "etablissement", "9990009Z", "CP") == 2
    niveaux_e2 = {r[0] for r in ind.db.rows(
        "SELECT DISTINCT niveau_scolaire FROM indicateurs WHERE code_perimetre = ?", [E2])}
    assert niveaux_e2 == {"6E", "TOUS"}
    academies = {r[0] for r in ind.db.rows(
        "SELECT DISTINCT code_perimetre FROM indicateurs WHERE niveau_perimetre = 'academie'")}
    assert academies == {"08", "10"}


def test_eleve_de_plusieurs_etablissements_ou_niveaux_compte_une_fois_par_perimetre(export, calcule):
    # Les élèves inscrits une seule fois se comptent par établissement puis s'additionnent ; ceux inscrits
    # plusieurs fois (ici a et b) ne doivent compter qu'une fois à chaque périmètre qui les contient.
    export.etab(E2)
    export.etab("0380004D")
    export.etab(E3, academie="10", departement="069")
    t2, t4, q2 = export.classe(E2, "3E"), export.classe("0380004D", "3E"), export.classe(E2, "4E")
    t3 = export.classe(E3, "3E")
    a, b, c = export.eleves(t2, E2, 3)
    export.inscrire(a, t4, "0380004D")            # a : 3E dans deux collèges de l'académie 08
    export.inscrire(b, q2, E2)                    # b : 3E et 4E dans le même collège
    export.inscrire(b, t3, E3)                    # ... et 3E dans l'académie 10
    (d,) = export.eleves(t4, "0380004D", 1)
    for eleve in (a, b, d):
        export.attestation(eleve, E2, "ASSR2", "2026-01-10")
    export.bilan_cycle(a, E2, 4)
    export.bilan_cycle(c, E2, 4)
    for eleve in (a, b):
        export.db.add("comptes_responsables", compte_id=export._id("R"), eleve_id=eleve,
                      date_activation="2025-09-01 08:00:00")
    ind = calcule()

    assert ind.count("EFFECTIF", "academie", "08") == 4                 # a, b, c, d
    assert ind.count("EFFECTIF", "etablissement", E2) == 3
    assert ind.count("EFFECTIF", "etablissement", E2, "4E") == 1
    assert ind.count("EFFECTIF") == 4
    assert ind.count("EFFECTIF", niveau="3E") == 4
    assert ind.ratio("ATT_ASSR2", "academie", "08") == (3, 4)             # a, b, d sur a, b, c, d
    assert ind.ratio("ATT_ASSR2", "etablissement", E2, "3E") == (2, 3)
    assert ind.ratio("ATT_ASSR2", "academie", "10") == (1, 1)
    assert ind.ratio("ATT_ASSR2") == (3, 4)
    assert ind.ratio("BFC_SAISIS", "departement", "038", "3E") == (2, 4)  # a, c
    assert ind.ratio("BFC_SAISIS", "etablissement", "0380004D") == (1, 2)
    assert ind.ratio("BFC_SAISIS") == (2, 4)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "academie", "08") == (2, 4)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "etablissement", E2) == (2, 3)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "etablissement", E2, "4E") == (1, 1)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", niveau="3E") == (2, 4)
