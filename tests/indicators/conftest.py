"""A tiny export built pupil by pupil, and access to the computed indicators."""
from __future__ import annotations

import itertools

import pytest

from lsu_analytics.indicators import compute_indicateurs

C = 2025
X = "2026-03-15 02:00:00"


class Export:
    """Writes a tiny LSU export into `tiny_db` (C = 2025, X = 2026-03-15 02:00)."""

    def __init__(self, db):
        self.db = db
        self._ids = itertools.count(1)

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):05d}"

    def etab(self, uai, degre="2D", academie="08", departement="038", circonscription=None, sel=True):
        self.db.add("etablissements", uai=uai, nom=f"Établissement {uai}", degre=degre, secteur="PU",
                    academie=academie, departement=departement, circonscription=circonscription,
                    service_en_ligne_ouvert=sel)
        return uai

    def classe(self, uai, niveau, periodicite="TRIMESTRE", source="SAISIE", millesime=C):
        classe_id = self._id("K")
        self.db.add("classes", classe_id=classe_id, uai=uai, millesime=millesime, code_division=f"{niveau}_1",
                    niveau=niveau, periodicite=periodicite, source_donnees=source, type_positionnement="ECHELLE_4")
        return classe_id

    def inscrire(self, eleve_id, classe_id, uai, millesime=C):
        self.db.add("inscriptions", eleve_id=eleve_id, uai=uai, classe_id=classe_id, millesime=millesime,
                    date_entree=f"{millesime}-09-01")

    def eleves(self, classe_id, uai, n, millesime=C) -> list[str]:
        ids = []
        for _ in range(n):
            eleve_id = self._id("E")
            self.db.add("eleves", eleve_id=eleve_id, ine="12345678901", nom="Nom", prenom="Prénom",
                        date_naissance="2015-01-01")
            self.inscrire(eleve_id, classe_id, uai, millesime)
            ids.append(eleve_id)
        return ids

    def periodes(self, uai, fins, periodicite="TRIMESTRE", millesime=C):
        for indice, fin in enumerate(fins, start=1):
            self.db.add("periodes", uai=uai, millesime=millesime, periodicite=periodicite, nb_periodes=len(fins),
                        indice=indice, date_debut=f"{millesime}-09-01", date_fin=fin,
                        date_parametrage=f"{millesime}-09-01 08:00:00")

    def bilan(self, eleve_id, classe_id, uai, indice, verrou=False, publie=False, visa=False, millesime=C):
        bilan_id = self._id("B")
        self.db.add("bilans_periodiques", bilan_id=bilan_id, eleve_id=eleve_id, classe_id=classe_id, uai=uai,
                    millesime=millesime, periodicite="TRIMESTRE", indice=indice, nb_periodes=3,
                    date_creation=f"{millesime}-10-01 08:00:00", mode_creation="SAISIE",
                    date_verrou=f"{millesime}-12-01 08:00:00" if verrou else None,
                    date_publication=f"{millesime}-12-02 08:00:00" if publie else None,
                    date_visa=f"{millesime}-12-03 08:00:00" if visa else None,
                    synthese_renseignee=True, vie_scolaire_renseignee=True)
        return bilan_id

    def bilan_cycle(self, eleve_id, uai, cycle, verrou=False, socle=None, millesime=C):
        bilan_cycle_id = self._id("BC")
        self.db.add("bilans_cycle", bilan_cycle_id=bilan_cycle_id, eleve_id=eleve_id, uai=uai, cycle=cycle,
                    millesime=millesime, date_creation=f"{millesime + 1}-05-01 08:00:00",
                    date_verrou=f"{millesime + 1}-06-01 08:00:00" if verrou else None, date_visa=None)
        for domaine, positionnement in (socle or {}).items():
            self.db.add("bilans_cycle_socle", bilan_cycle_id=bilan_cycle_id, domaine_code=domaine,
                        positionnement=positionnement)
        return bilan_cycle_id

    def attestation(self, eleve_id, uai, type_, date_obtention, millesime=C):
        self.db.add("attestations", attestation_id=self._id("A"), eleve_id=eleve_id, uai=uai, type=type_,
                    millesime=millesime, date_obtention=date_obtention)

    def anomalie(self, rule_id, uai=None, eleve_id=None, classe_id=None):
        self.db.add("anomalies", rule_id=rule_id, severite="majeure", uai=uai, millesime=C, eleve_id=eleve_id,
                    classe_id=classe_id, detail="test")


class Indicateurs:
    """Rows of `indicateurs` after compute_indicateurs, looked up by their key."""

    def __init__(self, db, seuil_secret):
        self.db = db
        self.run = compute_indicateurs(db.con, seuil_secret=seuil_secret)

    def get(self, indicateur, niveau_perimetre="national", code="FR", niveau="TOUS", periode=None) -> dict:
        rows = self.db.con.execute(
            "SELECT millesime, numerateur, denominateur, valeur, masque FROM indicateurs "
            "WHERE indicateur = ? AND niveau_perimetre = ? AND code_perimetre = ? AND niveau_scolaire = ? "
            "AND periode IS NOT DISTINCT FROM ?",
            [indicateur, niveau_perimetre, code, niveau, periode]).fetchall()
        assert len(rows) == 1, f"{len(rows)} lignes pour {indicateur} {niveau_perimetre} {code} {niveau} {periode}"
        return dict(zip(("millesime", "numerateur", "denominateur", "valeur", "masque"), rows[0]))

    def ratio(self, *args, **kwargs) -> tuple:
        r = self.get(*args, **kwargs)
        return r["numerateur"], r["denominateur"]

    def count(self, *args, **kwargs):
        return self.get(*args, **kwargs)["valeur"]


@pytest.fixture
def export(tiny_db):
    return Export(tiny_db)


@pytest.fixture
def calcule(tiny_db):
    """calcule(seuil_secret=0) -> Indicateurs ; seuil 0 = aucun masquage, pour vérifier les définitions."""
    return lambda seuil_secret=0: Indicateurs(tiny_db, seuil_secret)
