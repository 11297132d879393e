"""Builders for the rule tests: a small world (establishments, classes, periods, reports) on `tiny_db`."""
from __future__ import annotations

from pathlib import Path

from lsu_analytics.rules import run_rules

SHARED_RULES = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "rules.md"

ECOLE, COLLEGE = "0380001A", "0380002B"  # academy 08
ECOLE_LYON = "0690001C"  # academy 10

KEY_COLUMNS = "rule_id, severite, uai, academie, millesime, eleve_id, classe_id, objet_id"

TRIMESTRES = (("2025-09-01", "2025-11-30"), ("2025-12-01", "2026-02-28"), ("2026-03-01", "2026-07-04"))


class World:
    """Adds consistent rows with sensible defaults; every test then adds its (quasi-)violations."""

    def __init__(self, db):
        self.db = db

    def add(self, table, **values):
        return self.db.add(table, **values)

    def etablissement(self, uai=ECOLE, degre="1D", academie="08", service_en_ligne_ouvert=True):
        return self.add("etablissements", uai=uai, nom=f"Établissement {uai}", degre=degre, secteur="PU",
                        academie=academie, departement="038", service_en_ligne_ouvert=service_en_ligne_ouvert)

    def periodes(self, uai=ECOLE, millesime=2025, periodicite="TRIMESTRE", bornes=TRIMESTRES,
                 date_parametrage="2025-09-05 10:00:00", nb_periodes=None, indices=None):
        for n, (debut, fin) in enumerate(bornes, start=1):
            self.add("periodes", uai=uai, millesime=millesime, periodicite=periodicite,
                     nb_periodes=nb_periodes or len(bornes), indice=(indices or {}).get(n, n),
                     date_debut=debut, date_fin=fin, date_parametrage=date_parametrage)

    def classe(self, classe_id="CL1", uai=ECOLE, millesime=2025, niveau="CM1", periodicite="TRIMESTRE",
               source_donnees="SAISIE", type_positionnement="ECHELLE_4"):
        return self.add("classes", classe_id=classe_id, uai=uai, millesime=millesime, code_division=classe_id,
                        niveau=niveau, periodicite=periodicite, source_donnees=source_donnees,
                        type_positionnement=type_positionnement)

    def eleve(self, eleve_id="E1"):
        return self.add("eleves", eleve_id=eleve_id, ine="12345678901", nom="Nom", prenom="Prénom",
                        date_naissance="2015-01-01")

    def inscription(self, eleve_id="E1", classe_id="CL1", uai=ECOLE, millesime=2025, date_entree="2025-09-01"):
        return self.add("inscriptions", eleve_id=eleve_id, uai=uai, classe_id=classe_id, millesime=millesime,
                        date_entree=date_entree)

    def bilan(self, bilan_id="B1", eleve_id="E1", classe_id="CL1", uai=ECOLE, millesime=2025,
              periodicite="TRIMESTRE", indice=1, nb_periodes=3, date_creation="2025-11-20 10:00:00",
              mode_creation="SAISIE", date_verrou=None, date_publication=None, date_visa=None,
              synthese_renseignee=True, vie_scolaire_renseignee=True, publie_si_verrouille=True):
        if date_verrou and publie_si_verrouille and date_publication is None:
            date_publication = date_verrou  # locking publishes (keeps VER-02 quiet unless a test wants it)
        return self.add("bilans_periodiques", bilan_id=bilan_id, eleve_id=eleve_id, classe_id=classe_id, uai=uai,
                        millesime=millesime, periodicite=periodicite, indice=indice, nb_periodes=nb_periodes,
                        date_creation=date_creation, mode_creation=mode_creation, date_verrou=date_verrou,
                        date_publication=date_publication, date_visa=date_visa,
                        synthese_renseignee=synthese_renseignee, vie_scolaire_renseignee=vie_scolaire_renseignee)

    def acquis(self, bilan_id="B1", discipline_code="020700", positionnement="3", moyenne_eleve=None,
               nb_elements_programme=2):
        return self.add("acquis", bilan_id=bilan_id, discipline_code=discipline_code, positionnement=positionnement,
                        moyenne_eleve=moyenne_eleve, nb_elements_programme=nb_elements_programme,
                        appreciation_renseignee=True)

    def bilan_cycle(self, bilan_cycle_id="BC1", eleve_id="E1", uai=ECOLE, cycle=3, millesime=2025,
                    date_creation="2026-01-10 10:00:00"):
        return self.add("bilans_cycle", bilan_cycle_id=bilan_cycle_id, eleve_id=eleve_id, uai=uai, cycle=cycle,
                        millesime=millesime, date_creation=date_creation)

    def attestation(self, attestation_id="AT1", eleve_id="E1", uai=ECOLE, millesime=2025, type="PIX"):
        return self.add("attestations", attestation_id=attestation_id, eleve_id=eleve_id, uai=uai, type=type,
                        millesime=millesime, date_obtention="2026-01-15")

    def anomalies(self, rule_id, seuils=None):
        """Run one rule; its rows (key columns only) sorted, and the details by objet/eleve/classe/uai."""
        run_rules(self.db.con, [rule_id], seuils=seuils)
        return self.db.rows(f"SELECT {KEY_COLUMNS} FROM anomalies WHERE rule_id = ? ORDER BY ALL", [rule_id])

    def detail_by(self, rule_id, column="objet_id"):
        """{value of `column`: detail} for the rows of the rule."""
        return dict(self.db.rows(f"SELECT {column}, detail FROM anomalies WHERE rule_id = ?", [rule_id]))

    def details(self, rule_id):
        return [d for (d,) in self.db.rows("SELECT detail FROM anomalies WHERE rule_id = ? ORDER BY ALL", [rule_id])]


