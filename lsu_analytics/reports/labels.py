"""French labels shown in the reports."""
from __future__ import annotations

from lsu_analytics.contract.nomenclatures import de_academie, nom_departement
from lsu_analytics.contract.vocabulary import NIVEAU_PERIMETRE_TITRES, SEVERITE_LIBELLES

# Official nomenclature (LSUN_nomenclatures.xml, domaines-socle).
DOMAINES_SOCLE = {
    "CPD_FRA": "Langue française (oral et écrit)",
    "CPD_ETR": "Langue étrangère ou régionale",
    "CPD_SCI": "Langages mathématiques, scientifiques et informatiques",
    "CPD_ART": "Langages des arts et du corps",
    "MET_APP": "Méthodes et outils pour apprendre",
    "FRM_CIT": "Formation de la personne et du citoyen",
    "SYS_NAT": "Systèmes naturels et systèmes techniques",
    "REP_MND": "Représentations du monde et activité humaine",
}

POSITIONNEMENTS_SOCLE = {
    1: "1 – maîtrise insuffisante",
    2: "2 – maîtrise fragile",
    3: "3 – maîtrise satisfaisante",
    4: "4 – très bonne maîtrise",
}

INDICATEURS = {
    "EFFECTIF": "Élèves inscrits",
    "BP_SAISIS": "Bilans périodiques saisis / attendus",
    "BP_VERROUILLES": "Bilans périodiques verrouillés / saisis",
    "BP_VISES": "Bilans périodiques visés par la famille / publiés",
    "BP_VERROUILLES_SAISIE": "Bilans périodiques verrouillés / saisis (saisie directe, périodes terminées)",
    "COMPTES_FAMILLES_ACTIFS": "Élèves dont une famille a un compte actif",
    "BP_CONSULTES_FAMILLES": "Bilans périodiques publiés consultés par une famille",
    "BFC_SAISIS": "Bilans de fin de cycle saisis (CE2, 6e, 3e)",
    "BFC_VERROUILLES": "Bilans de fin de cycle verrouillés / saisis",
    "SEL_OUVERT": "Collèges ayant ouvert le service en ligne",
    "PERIODES_PARAMETREES": "Classes dont les périodes sont paramétrées",
    "CLASSES_IMPORT": "Classes alimentées par import (logiciel de notes)",
    "TRANSFERTS_MANQUANTS": "Transferts inter-académiques manquants (élèves)",
    "ANOMALIES": "Anomalies détectées (toutes règles)",
}

ATTESTATIONS = {
    "AER": "Attestation de première éducation à la route",
    "ASNS": "Attestation du savoir-nager en sécurité",
    "ASSR1": "Attestation scolaire de sécurité routière, niveau 1",
    "ASSR2": "Attestation scolaire de sécurité routière, niveau 2",
    "PSC1": "Prévention et secours civiques de niveau 1",
    "PIX": "Certification Pix",
}

NIVEAUX_PERIMETRE = NIVEAU_PERIMETRE_TITRES

SOUS_PERIMETRES = {
    "national": "académies",
    "academie": "départements",
    "departement": "établissements",
    "circonscription": "écoles",
    "etablissement": "niveaux",
}

SEVERITES = SEVERITE_LIBELLES

SECRET = (
    "« s » : secret statistique. Une valeur qui porte sur 1 à 4 élèves (seuil par défaut) n'est pas "
    "publiée, pour qu'aucun élève ne puisse être reconnu ; d'autres valeurs sont masquées seulement pour "
    "protéger celles-là, qu'on retrouverait sinon par différence avec un total. « — » : rien d'attendu "
    "(pas de dénominateur)."
)

# Said wherever circonscriptions are shown by their code (no name in the export, no nomenclature shipped).
CIRCONSCRIPTIONS_PAR_CODE = ("Les circonscriptions sont désignées par leur code : l'export LSU ne donne pas leur "
                             "nom, et aucune nomenclature publique des circonscriptions n'est livrée avec l'outil.")

# Niveaux as LSU writes them (the contract's codes are upper-case: 6E -> 6e).
NIVEAUX_SCOLAIRES = {"CP": "CP", "CE1": "CE1", "CE2": "CE2", "CM1": "CM1", "CM2": "CM2",
                     "6E": "6e", "5E": "5e", "4E": "4e", "3E": "3e", "TOUS": "Tous niveaux"}

# Roles of `personnels`, in words (never the raw code in a sentence or a table).
ROLES = {"ENSEIGNANT": "enseignant", "DIRECTEUR": "directeur", "CHEF_ETABLISSEMENT": "chef d'établissement",
         "DASEN": "DASEN", "IEN": "IEN", "SUPPORT": "assistance"}

PERIODICITES = {"TRIMESTRE": "Trimestre", "SEMESTRE": "Semestre"}


def niveau(code) -> str:
    return NIVEAUX_SCOLAIRES.get(code, code) if isinstance(code, str) else ""


def academie(code) -> str:
    """'Académie de Grenoble' for 08, 'Académie d'Amiens' for 20 (nomenclature shipped in the package);
    an unknown code is shown as is."""
    if not isinstance(code, str):
        return "Académie inconnue"
    return f"Académie {de_academie(code)}"


def l_academie(code) -> str:
    """'l'académie de Grenoble', inside a sentence."""
    return "l'a" + academie(code)[1:]


def departement(code) -> str:
    """'Isère (038)': the department's name, with its code as the inspectors use it."""
    if not isinstance(code, str):
        return "Département inconnu"
    nom = nom_departement(code)
    return f"Département {code}" if nom == code else f"{nom} ({code})"


# Codes of the contract in words (diagnostic tables and sentences).
ACTIONS = {"CREATION": "création", "IMPORT": "import", "MODIFICATION": "modification", "VERROUILLAGE": "verrouillage",
           "DEVERROUILLAGE": "déverrouillage", "SUPPRESSION": "suppression"}
OBJETS = {"BILAN_PERIODIQUE": "bilan périodique", "BILAN_CYCLE": "bilan de fin de cycle",
          "ATTESTATION": "attestation"}
MODES_CREATION = {"SAISIE": "saisie dans LSU", "IMPORT": "import (logiciel de notes)"}
CANAUX = {"LSU": "LSU", "SERVICE_EN_LIGNE": "service en ligne (familles)"}
PROFILS = {"ENSEIGNANT": "enseignant", "DIRECTEUR": "directeur", "RESPONSABLE": "famille"}
AUTORITES = {"DASEN": "DASEN", "CHEF_ETABLISSEMENT": "chef d'établissement"}
DEGRES = {"1D": "1er degré (école)", "2D": "2d degré (collège)"}
