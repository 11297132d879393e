"""The 18 tables of the export contract (shared/spec/export-contract.md), declared once.

DDL, the loader, the GX suites and the Markdown documentation are all derived
from `TABLES`; nothing else in the project spells out a column list.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import INE_PATTERN, SESAM_PATTERN, UAI_PATTERN

CONTRACT_VERSION = 1

# Contract type -> DuckDB type.
DUCKDB_TYPES = {
    "text": "VARCHAR",
    "int": "INTEGER",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "decimal": "DECIMAL(6,2)",
    "double": "DOUBLE",
}


NIVEAUX = ("CP", "CE1", "CE2", "CM1", "CM2", "6E", "5E", "4E", "3E")
CYCLE_OF_NIVEAU = {"CP": 2, "CE1": 2, "CE2": 2, "CM1": 3, "CM2": 3, "6E": 3, "5E": 4, "4E": 4, "3E": 4}
DOMAINES_SOCLE = ("CPD_FRA", "CPD_ETR", "CPD_SCI", "CPD_ART", "MET_APP", "FRM_CIT", "SYS_NAT", "REP_MND")
OBJETS = ("BILAN_PERIODIQUE", "BILAN_CYCLE", "ATTESTATION")

# VIS-01 (rules.md, LSU 23.4 note): the niveaux whose periodic reports a teacher of a niveau sees in LSU.
VISIBILITE_BILANS_PERIODIQUES = {
    "CP": ("CP",),
    "CE1": ("CP", "CE1"),
    "CE2": ("CP", "CE1", "CE2"),
    "CM1": ("CP", "CE1", "CE2", "CM1"),
    "CM2": ("CM1", "CM2"),
    "6E": ("CM1", "CM2", "6E"),
    "5E": ("CM1", "CM2", "6E", "5E"),
    "4E": ("5E", "4E"),
    "3E": ("5E", "4E", "3E"),
}


def visibilite_rows() -> list[dict]:
    """The visibility rule as rows, for `SET VARIABLE visibilite = ?` (read by SQL with getvariable)."""
    return [{"niveau_enseignant": n, "niveau_visible": v}
            for n, visibles in VISIBILITE_BILANS_PERIODIQUES.items() for v in visibles]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of DUCKDB_TYPES
    notes: str = ""
    fk: str | None = None  # "table.column"
    codes: tuple | None = None  # the only values allowed
    pattern: str | None = None  # format reported by the expectations, never a reason to reject
    min: float | None = None
    max: float | None = None
    nullable_fk: bool = False  # an FK whose NULL is documented
    personal: bool = False  # personal data: never printed in logs or inspector reports

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.type]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    pk: tuple[str, ...] = ()
    # Row key for tables with no PK (REF-01's objet_id), as in rules.md.
    row_key: tuple[str, ...] = ()
    checks: tuple[str, ...] = field(default=())  # cross-column formats/ranges, for the expectations

    @property
    def key(self) -> tuple[str, ...]:
        return self.pk or self.row_key

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def is_required(self, col: Column) -> bool:
        """A required value: every PK column, every FK column except where NULL is documented."""
        return col.name in self.pk or (col.fk is not None and not col.nullable_fk)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if self.is_required(c))

    @property
    def foreign_keys(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.fk)


C = Column

TABLES_LIST: tuple[Table, ...] = (
    Table("etablissements", "Établissements (écoles et collèges).", (
        C("uai", "text", "7 chiffres + 1 lettre, ex. `0382032C`", pattern=UAI_PATTERN),
        C("nom", "text"),
        C("degre", "text", "école (1D) ou collège (2D)", codes=("1D", "2D")),
        C("secteur", "text", codes=("PU", "PR")),
        C("academie", "text", "code académie sur 2 caractères, ex. `08`", pattern=r"^[0-9A-Z]{2}$"),
        C("departement", "text", "3 caractères, ex. `038`", pattern=r"^[0-9A-Z]{3}$"),
        C("circonscription", "text", "code de circonscription IEN ; 1D seulement, sinon NULL"),
        C("service_en_ligne_ouvert", "bool", "service en ligne ouvert aux familles"),
    ), pk=("uai",)),
    Table("periodes", "Une ligne par période d'une périodicité définie par un établissement pour une année.", (
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("millesime", "int"),
        C("periodicite", "text", "libellé, ex. `TRIMESTRE`, `SEMESTRE`"),
        C("nb_periodes", "int", "1..6", min=1, max=6),
        C("indice", "int", "1..nb_periodes", min=1, max=6),
        C("date_debut", "date"),
        C("date_fin", "date"),
        C("date_parametrage", "timestamp", "date du paramétrage"),
    ), pk=("uai", "millesime", "periodicite", "indice"),
        checks=("indice <= nb_periodes", "date_debut <= date_fin")),
    Table("classes", "Classes (divisions) d'une année.", (
        C("classe_id", "text"),
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("millesime", "int"),
        C("code_division", "text", "ex. `6EME_4`"),
        C("niveau", "text", codes=NIVEAUX),
        C("periodicite", "text", "NULL = aucune périodicité affectée"),
        C("source_donnees", "text", codes=("SAISIE", "IMPORT")),
        C("type_positionnement", "text", codes=("ECHELLE_4", "NOTES", "ATTEINT")),
    ), pk=("classe_id",)),
    Table("parametrages_classe", "Historique des changements de paramétrage des classes.", (
        C("classe_id", "text", fk="classes.classe_id"),
        C("date_changement", "timestamp"),
        C("champ", "text", codes=("SOURCE_DONNEES", "TYPE_POSITIONNEMENT", "PERIODICITE")),
        C("ancienne_valeur", "text"),
        C("nouvelle_valeur", "text"),
        C("auteur_id", "text", fk="personnels.personnel_id"),
    ), row_key=("classe_id", "date_changement")),
    Table("eleves", "Élèves.", (
        C("eleve_id", "text"),
        C("ine", "text", "identifiant national élève, 11 caractères ; donnée personnelle",
          pattern=INE_PATTERN, personal=True),
        C("nom", "text", "donnée personnelle", personal=True),
        C("prenom", "text", "donnée personnelle", personal=True),
        C("date_naissance", "date", "donnée personnelle", personal=True),
    ), pk=("eleve_id",)),
    Table("inscriptions", "Inscriptions d'un élève dans une classe pour une année.", (
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("classe_id", "text", fk="classes.classe_id"),
        C("millesime", "int"),
        C("date_entree", "date"),
        C("date_sortie", "date", "NULL = toujours inscrit"),
    ), pk=("eleve_id", "classe_id"), checks=("date_entree <= date_sortie",)),
    Table("personnels", "Personnels (enseignants, directeurs, chefs d'établissement, DASEN, IEN, support).", (
        C("personnel_id", "text"),
        C("uai", "text", "NULL pour les personnels de circonscription ou d'académie", pattern=UAI_PATTERN),
        C("role", "text", codes=("ENSEIGNANT", "DIRECTEUR", "CHEF_ETABLISSEMENT", "DASEN", "IEN", "SUPPORT")),
        C("nom", "text", "donnée personnelle", personal=True),
        C("prenom", "text", "donnée personnelle", personal=True),
    ), pk=("personnel_id",)),
    Table("bilans_periodiques", "Bilans périodiques.", (
        C("bilan_id", "text"),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("classe_id", "text", fk="classes.classe_id"),
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("millesime", "int"),
        C("periodicite", "text"),
        C("indice", "int", min=1, max=6),
        C("nb_periodes", "int", min=1, max=6),
        C("date_creation", "timestamp"),
        C("mode_creation", "text", codes=("SAISIE", "IMPORT")),
        C("date_verrou", "timestamp", "NULL = non verrouillé"),
        C("date_publication", "timestamp", "sur le service en ligne ; NULL = non publié"),
        C("date_visa", "timestamp", "visé par la famille ; NULL = pas encore"),
        C("synthese_renseignee", "bool", "synthèse générale rédigée"),
        C("vie_scolaire_renseignee", "bool", "vie scolaire renseignée (2D)"),
    ), pk=("bilan_id",), checks=("indice <= nb_periodes",)),
    Table("acquis", "Une ligne par discipline d'un bilan périodique.", (
        C("bilan_id", "text", fk="bilans_periodiques.bilan_id"),
        C("discipline_code", "text", "code national de matière, ex. `020700`"),
        C("positionnement", "text", codes=("1", "2", "3", "4")),
        C("moyenne_eleve", "decimal", "0..20 ou NULL", min=0, max=20),
        C("nb_elements_programme", "int", ">= 0", min=0),
        C("appreciation_renseignee", "bool"),
    ), pk=("bilan_id", "discipline_code")),
    Table("bilans_cycle", "Bilans de fin de cycle.", (
        C("bilan_cycle_id", "text"),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("cycle", "int", codes=(2, 3, 4)),
        C("millesime", "int"),
        C("date_creation", "timestamp"),
        C("date_verrou", "timestamp"),
        C("date_visa", "timestamp"),
    ), pk=("bilan_cycle_id",)),
    Table("bilans_cycle_socle", "Positionnement par domaine du socle d'un bilan de fin de cycle.", (
        C("bilan_cycle_id", "text", fk="bilans_cycle.bilan_cycle_id"),
        C("domaine_code", "text", "les 8 codes `domaines-socle` de la nomenclature officielle", codes=DOMAINES_SOCLE),
        C("positionnement", "int", "0 = non évalué", codes=(0, 1, 2, 3, 4)),
    ), pk=("bilan_cycle_id", "domaine_code")),
    Table("attestations", "Attestations.", (
        C("attestation_id", "text"),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("type", "text", codes=("ASSR1", "ASSR2", "AER", "PSC1", "ASNS", "PIX")),
        C("millesime", "int"),
        C("date_obtention", "date"),
    ), pk=("attestation_id",)),
    Table("recuperations_ep", "Récupérations des éléments de programme de l'année précédente dans une classe.", (
        C("classe_id", "text", fk="classes.classe_id"),
        C("millesime", "int"),
        C("date_recuperation", "timestamp"),
        C("millesime_source", "int"),
        C("perimetre", "text", codes=("ANNEE", "PERIODE")),
        C("nb_elements", "int", min=0),
    ), row_key=("classe_id", "date_recuperation")),
    Table("transferts", "Transferts inter-académiques du livret d'un élève.", (
        C("transfert_id", "text"),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("academie_origine", "text", pattern=r"^[0-9A-Z]{2}$"),
        C("academie_accueil", "text", pattern=r"^[0-9A-Z]{2}$"),
        C("uai_accueil", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("date_transfert", "timestamp"),
    ), pk=("transfert_id",)),
    Table("modifications", "Journal des actions sur les bilans et attestations.", (
        C("modification_id", "text"),
        C("objet", "text", codes=OBJETS),
        C("objet_id", "text", "bilan_id, bilan_cycle_id ou attestation_id"),
        C("date_modification", "timestamp"),
        C("auteur_id", "text", fk="personnels.personnel_id"),
        C("action", "text", codes=("CREATION", "IMPORT", "MODIFICATION", "VERROUILLAGE", "DEVERROUILLAGE", "SUPPRESSION")),
    ), pk=("modification_id",)),
    Table("autorisations", "Autorisations écrites de modifier un bilan d'une année antérieure (DASEN en 1D, "
          "chef d'établissement en 2D), jointes à un ticket SESAM.", (
        C("autorisation_id", "text"),
        C("uai", "text", fk="etablissements.uai", pattern=UAI_PATTERN),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("objet_id", "text", "un bilan_id ; NULL = tous les bilans de l'élève pour `millesime_concerne`"),
        C("millesime_concerne", "int"),
        C("autorite", "text", codes=("DASEN", "CHEF_ETABLISSEMENT")),
        C("signataire_id", "text", fk="personnels.personnel_id"),
        C("date_autorisation", "date"),
        C("reference_sesam", "text", "7 chiffres, ex. `0439473` ; NULL = non jointe", pattern=SESAM_PATTERN),
        C("elements_a_modifier", "text"),
    ), pk=("autorisation_id",)),
    Table("consultations", "Qui a ouvert quel bilan.", (
        C("consultation_id", "text"),
        C("date_consultation", "timestamp"),
        C("utilisateur_id", "text", "personnel_id, ou compte_id pour les familles"),
        C("profil", "text", codes=("ENSEIGNANT", "DIRECTEUR", "RESPONSABLE")),
        C("canal", "text", codes=("LSU", "SERVICE_EN_LIGNE")),
        C("classe_id_utilisateur", "text", "classe de l'enseignant quand profil = ENSEIGNANT"),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("objet", "text", codes=OBJETS),
        C("objet_id", "text"),
    ), pk=("consultation_id",)),
    Table("comptes_responsables", "Comptes des responsables (EduConnect) sur le service en ligne.", (
        C("compte_id", "text"),
        C("eleve_id", "text", fk="eleves.eleve_id"),
        C("date_activation", "timestamp"),
        C("date_desactivation", "timestamp", "NULL = actif"),
    ), pk=("compte_id",), checks=("date_activation <= date_desactivation",)),
)

TABLES: dict[str, Table] = {t.name: t for t in TABLES_LIST}
assert len(TABLES) == 18
