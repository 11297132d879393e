"""Secret statistique in the table itself: pupil-based cells of 1..seuil are hidden, 0 and > seuil shown."""
from __future__ import annotations

E1, E2, E3 = "0380001A", "0380002B", "0380003C"


def _export(export):
    export.etab(E1, degre="1D", circonscription="C1")
    export.etab(E2)
    export.periodes(E2, ["2025-11-30", "2026-02-28", "2026-06-30"])
    cp = export.classe(E1, "CP", source="IMPORT")
    cinquieme, sixieme = export.classe(E2, "5E"), export.classe(E2, "6E")
    export.eleves(cp, E1, 4)
    cinq = export.eleves(cinquieme, E2, 5)
    six = export.eleves(sixieme, E2, 4)
    for e in cinq:
        export.bilan(e, cinquieme, E2, 1, verrou=True)
    for e in six:
        export.bilan(e, sixieme, E2, 1)
    export.anomalie("TRF-01", uai=E2, eleve_id=cinq[0])
    export.anomalie("REC-01", uai=E2, eleve_id=cinq[1])
    # E3 : 4 élèves, masqués au seuil 4 ; dans le département, ils protègent les cellules masquées de C1 et
    # de E2 (secret secondaire) sans qu'il faille masquer les cellules de 5 élèves que ces tests lisent.
    export.etab(E3)
    export.periodes(E3, ["2025-11-30", "2026-02-28", "2026-06-30"])
    quatrieme = export.classe(E3, "4E")
    for e in export.eleves(quatrieme, E3, 4):
        export.bilan(e, quatrieme, E3, 1)


def _masque(row):
    return row["masque"] and row["numerateur"] is None and row["denominateur"] is None and row["valeur"] is None


def test_quatre_masque_cinq_affiche_zero_affiche(export, calcule):
    _export(export)
    ind = calcule(4)

    assert _masque(ind.get("EFFECTIF", "etablissement", E1, "CP"))
    assert _masque(ind.get("EFFECTIF", "circonscription", "C1"))           # à tous les périmètres
    assert ind.get("EFFECTIF", "etablissement", E2, "5E") == {
        "millesime": 2025, "numerateur": 5, "denominateur": None, "valeur": 5, "masque": False}
    assert _masque(ind.get("BP_SAISIS", "etablissement", E2, "6E", periode=1))  # dénominateur 4
    assert ind.ratio("BP_SAISIS", "etablissement", E2, "5E", periode=1) == (5, 5)
    assert _masque(ind.get("BP_VERROUILLES", "etablissement", E2, "6E", periode=1))
    assert ind.ratio("BP_VERROUILLES", "etablissement", E2, "5E", periode=1) == (5, 5)
    zero = ind.get("BP_SAISIS", "etablissement", E1, "CP", periode=1)          # 0/0
    assert (zero["numerateur"], zero["denominateur"], zero["valeur"], zero["masque"]) == (0, 0, None, False)
    assert _masque(ind.get("TRANSFERTS_MANQUANTS", "etablissement", E2))     # compte 1
    assert ind.get("TRANSFERTS_MANQUANTS", "etablissement", E1)["valeur"] == 0
    assert not ind.get("TRANSFERTS_MANQUANTS", "etablissement", E1)["masque"]
    assert _masque(ind.get("ANOMALIES_TRF-01", "etablissement", E2))          # même chiffre
    # Indicateurs d'établissement, de classe et des autres anomalies : jamais masqués.
    assert ind.ratio("CLASSES_IMPORT", "etablissement", E1) == (1, 1)
    assert ind.ratio("SEL_OUVERT", "etablissement", E2) == (1, 1)
    assert ind.count("ANOMALIES_REC-01", "etablissement", E2) == 1
    masquees = ind.db.rows("SELECT count(*) FROM indicateurs WHERE masque")[0][0]
    assert ind.run.lignes_masquees == masquees > 0


def test_seuil_parametrable(export, calcule):
    _export(export)
    ind = calcule(3)
    assert ind.count("EFFECTIF", "etablissement", E1, "CP") == 4
    assert ind.ratio("BP_VERROUILLES", "etablissement", E2, "6E", periode=1) == (0, 4)
    ind = calcule(5)
    assert _masque(ind.get("EFFECTIF", "etablissement", E2, "5E"))
    assert ind.count("EFFECTIF", "etablissement", E2) == 9
