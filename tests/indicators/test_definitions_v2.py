"""The three indicators of indicators.md version 2, against values worked out by hand on tiny exports
(X = 2026-03-15 02:00, C = 2025)."""
from __future__ import annotations

E1, E2 = "0380001A", "0380002B"  # école (08/038/C1), collège (08/038)
FINS = ["2025-11-30", "2026-03-14", "2026-03-15"]  # période 3 finie le jour de X : pas terminée


def _masque(row):
    return row["masque"] and row["numerateur"] is None and row["denominateur"] is None and row["valeur"] is None


def test_bp_verrouilles_saisie_periodes_terminees_classes_en_saisie(export, calcule):
    export.etab(E1, degre="1D", circonscription="C1")
    export.etab(E2)
    export.periodes(E1, FINS)
    export.periodes(E2, FINS)
    saisie, importee = export.classe(E2, "6E"), export.classe(E2, "5E", source="IMPORT")
    cp = export.classe(E1, "CP")
    a, b, c, d = export.eleves(saisie, E2, 4)
    i1, i2 = export.eleves(importee, E2, 2)
    (p,) = export.eleves(cp, E1, 1)
    # Période 1 : 3 saisis dont 2 verrouillés ; période 2 : 2 saisis dont 1 verrouillé.
    export.bilan(a, saisie, E2, 1, verrou=True)
    export.bilan(b, saisie, E2, 1, verrou=True)
    export.bilan(c, saisie, E2, 1)
    export.bilan(a, saisie, E2, 2, verrou=True)
    export.bilan(b, saisie, E2, 2)
    export.bilan(a, saisie, E2, 3, verrou=True)          # période pas terminée : hors indicateur
    export.bilan(i1, importee, E2, 1)                    # classe alimentée par import : hors indicateur
    export.bilan(i2, importee, E2, 1, verrou=True)
    export.bilan(d, saisie, E2, 1, verrou=True, millesime=2024)  # autre année
    # Sa ligne de `periodes` n'existe pas (nb_periodes 2 au lieu de 3, comme PER-01 compare) : pas compté.
    export.db.add("bilans_periodiques", bilan_id="BSANS", eleve_id=d, classe_id=saisie, uai=E2, millesime=2025,
                  periodicite="TRIMESTRE", indice=1, nb_periodes=2, date_creation="2025-10-01 08:00:00",
                  mode_creation="SAISIE", date_verrou="2025-12-01 08:00:00")
    export.bilan(p, cp, E1, 1, verrou=True)
    ind = calcule()

    assert ind.ratio("BP_VERROUILLES_SAISIE", "etablissement", E2, "6E", periode=1) == (2, 3)
    assert ind.ratio("BP_VERROUILLES_SAISIE", "etablissement", E2, "6E", periode=2) == (1, 2)
    p3 = ind.get("BP_VERROUILLES_SAISIE", "etablissement", E2, "6E", periode=3)
    assert (p3["numerateur"], p3["denominateur"], p3["valeur"]) == (0, 0, None)
    assert ind.ratio("BP_VERROUILLES_SAISIE", "etablissement", E2, "5E", periode=1) == (0, 0)
    assert ind.ratio("BP_VERROUILLES_SAISIE", "etablissement", E2, periode=1) == (2, 3)
    assert ind.ratio("BP_VERROUILLES_SAISIE", "circonscription", "C1", periode=1) == (1, 1)
    assert ind.ratio("BP_VERROUILLES_SAISIE", "academie", "08", periode=1) == (3, 4)
    assert ind.ratio("BP_VERROUILLES_SAISIE", periode=2) == (1, 2)
    # L'ancien indicateur compte tout : les deux ne se confondent pas.
    assert ind.ratio("BP_VERROUILLES", "etablissement", E2, periode=1) == (4, 6)
    assert ind.db.rows("SELECT count(*) FROM indicateurs WHERE indicateur = 'BP_VERROUILLES_SAISIE' "
                       "AND periode IS NULL") == [(0,)]


def _compte(export, eleve_id, activation, desactivation=None):
    export.db.add("comptes_responsables", compte_id=export._id("R"), eleve_id=eleve_id,
                  date_activation=activation, date_desactivation=desactivation)


def test_comptes_familles_actifs_a_x(export, calcule):
    export.etab(E1, degre="1D", circonscription="C1")
    export.etab(E2)
    sixieme, cp = export.classe(E2, "6E"), export.classe(E1, "CP")
    a, b, c, d, e = export.eleves(sixieme, E2, 5)
    (p,) = export.eleves(cp, E1, 1)
    ancienne = export.classe(E2, "5E", millesime=2024)
    (f,) = export.eleves(ancienne, E2, 1, millesime=2024)
    _compte(export, a, "2025-09-10 08:00:00")                            # actif
    _compte(export, b, "2026-03-15 02:00:00")                            # activé à X exactement : actif
    _compte(export, c, "2025-09-10 08:00:00", "2026-03-15 02:00:00")     # désactivé à X : plus actif
    _compte(export, c, "2026-03-16 08:00:00")                            # activé après X : pas encore
    _compte(export, d, "2025-09-10 08:00:00", "2026-03-20 08:00:00")     # désactivé après X : actif
    _compte(export, d, "2025-10-01 08:00:00")                            # second compte : compté une fois
    _compte(export, f, "2024-09-10 08:00:00")                            # pas élève de C
    ind = calcule()

    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "etablissement", E2, "6E") == (3, 5)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "etablissement", E2) == (3, 5)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "etablissement", E1, "CP") == (0, 1)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "academie", "08") == (3, 6)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS") == (3, 6)
    assert ind.get("COMPTES_FAMILLES_ACTIFS")["valeur"] == 0.5
    assert ind.db.rows("SELECT count(*) FROM indicateurs WHERE indicateur = 'COMPTES_FAMILLES_ACTIFS' "
                       "AND periode IS NOT NULL") == [(0,)]


def _consultation(export, bilan_id, eleve_id, profil="RESPONSABLE", objet="BILAN_PERIODIQUE"):
    export.db.add("consultations", consultation_id=export._id("C"), date_consultation="2026-01-05 18:00:00",
                  utilisateur_id="R1", profil=profil, canal="SERVICE_EN_LIGNE", eleve_id=eleve_id, objet=objet,
                  objet_id=bilan_id)


def test_bp_consultes_familles_parmi_les_publies(export, calcule):
    export.etab(E2)
    sixieme = export.classe(E2, "6E")
    a, b, c, d = export.eleves(sixieme, E2, 4)
    r1 = export.bilan(a, sixieme, E2, 1, verrou=True, publie=True)
    r2 = export.bilan(b, sixieme, E2, 1, verrou=True, publie=True)
    export.bilan(c, sixieme, E2, 1, verrou=True, publie=True)        # publié, jamais ouvert
    r4 = export.bilan(d, sixieme, E2, 1, verrou=True)                # non publié : hors dénominateur
    r5 = export.bilan(a, sixieme, E2, 2, verrou=True, publie=True)
    r6 = export.bilan(b, sixieme, E2, 2, verrou=True, publie=True)
    r7 = export.bilan(c, sixieme, E2, 1, verrou=True, publie=True, millesime=2024)  # autre année
    _consultation(export, r1, a)
    _consultation(export, r1, a)                                      # deux ouvertures : un bilan
    _consultation(export, r2, b, profil="ENSEIGNANT")                 # pas une famille
    _consultation(export, r4, d)
    _consultation(export, r5, a)
    _consultation(export, r6, b, objet="BILAN_CYCLE")                 # autre objet du même identifiant
    _consultation(export, r7, c)
    ind = calcule()

    assert ind.ratio("BP_CONSULTES_FAMILLES", "etablissement", E2, "6E", periode=1) == (1, 3)
    assert ind.ratio("BP_CONSULTES_FAMILLES", "etablissement", E2, "6E", periode=2) == (1, 2)
    assert ind.ratio("BP_CONSULTES_FAMILLES", periode=1) == (1, 3)
    assert ind.get("BP_CONSULTES_FAMILLES", periode=2)["valeur"] == 0.5


def test_les_trois_sont_fondes_sur_les_eleves_et_masques(export, calcule):
    export.etab(E2)
    export.periodes(E2, FINS)
    sixieme = export.classe(E2, "6E")
    eleves = export.eleves(sixieme, E2, 3)
    for e in eleves:
        r = export.bilan(e, sixieme, E2, 1, verrou=True, publie=True)
        _consultation(export, r, e)
        _compte(export, e, "2025-09-10 08:00:00")
    ind = calcule(4)
    assert _masque(ind.get("BP_VERROUILLES_SAISIE", "etablissement", E2, "6E", periode=1))
    assert _masque(ind.get("COMPTES_FAMILLES_ACTIFS", "etablissement", E2))
    assert _masque(ind.get("BP_CONSULTES_FAMILLES", "academie", "08", periode=1))
    ind = calcule(2)
    assert ind.ratio("BP_VERROUILLES_SAISIE", "etablissement", E2, "6E", periode=1) == (3, 3)
    assert ind.ratio("COMPTES_FAMILLES_ACTIFS", "etablissement", E2) == (3, 3)
    assert ind.ratio("BP_CONSULTES_FAMILLES", "academie", "08", periode=1) == (3, 3)
