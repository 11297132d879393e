"""French labels shown in the reports."""
from __future__ import annotations

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

# What each rule of rules.md detects, in a sentence for the support (the catalogue gives title and remedy).
EXPLICATIONS_REGLES = {
    "PER-01": "Un bilan périodique porte sur une période (périodicité, indice, nombre de périodes) que "
              "l'établissement n'a pas paramétrée pour l'année : il n'apparaît pas dans le livret.",
    "PER-02": "Une classe de l'année en cours, avec des élèves, n'a pas de périodicité ou sa périodicité n'a "
              "aucune période paramétrée : aucun bilan périodique ne peut y être saisi.",
    "PER-03": "Les périodes d'une périodicité sont incohérentes : indices manquants ou en trop, nombre de "
              "périodes variable, période qui finit avant de commencer ou qui chevauche la suivante.",
    "PER-04": "Les périodes ont été paramétrées bien après le début de la première période (30 jours par défaut).",
    "PAR-01": "Le type de positionnement d'une classe a changé après la création de son premier bilan : "
              "tous les positionnements de la classe ont été effacés.",
    "PAR-02": "La source des données (saisie ou import) d'une classe a changé après la création de son premier "
              "bilan : les bilans non verrouillés ont été supprimés avec leurs saisies.",
    "EP-01": "Des éléments de programme ont été récupérés dans une classe après le verrouillage d'un de ses "
             "bilans, ce que LSU refuse : les données sont incohérentes.",
    "EP-02": "La récupération des éléments de programme a été partielle (une seule période) ou faite après la "
             "fin de la première période.",
    "HIS-01": "Un bilan d'une année scolaire close a été saisi ou importé après la fin de cette année.",
    "HIS-02": "Un bilan d'une année close a été modifié, verrouillé, déverrouillé ou supprimé sans "
              "autorisation écrite valable (DASEN au 1er degré, chef d'établissement au 2d, référence SESAM).",
    "TRF-01": "Un élève a changé d'académie et son livret (bilans, attestations) est resté dans l'académie "
              "d'origine faute de transfert inter-académique.",
    "TRF-02": "Un élève a quitté une académie il y a plus d'un an et son livret y est resté : aucun transfert "
              "inter-académique n'a été fait depuis cette académie.",
    "VIS-01": "Un enseignant a consulté le bilan périodique d'un niveau que la règle de visibilité de LSU ne "
              "lui permet pas de voir depuis le niveau de sa classe.",
    "VIS-02": "Une consultation sur le service en ligne a été faite par un compte responsable qui n'était pas "
              "actif pour cet élève à cette date.",
    "SEL-01": "Un collège n'a pas ouvert le service en ligne aux familles : elles ne voient pas les bilans.",
    "VER-01": "Un bilan a été déverrouillé après que la famille l'a visé.",
    "VER-02": "Un bilan est verrouillé sans être publié, ou publié sans être verrouillé.",
    "VER-03": "Un bilan saisi dans LSU n'est pas verrouillé alors que sa période est terminée depuis plus de "
              "15 jours (par défaut) : la famille ne le voit pas.",
    "REC-01": "Un élève inscrit dans un établissement n'y a, cette année, aucun bilan ni attestation : la "
              "recherche de LSU ne peut pas l'afficher.",
    "CMP-01": "Un bilan verrouillé est incomplet : aucune discipline, synthèse ou vie scolaire (2d degré) non "
              "renseignée, discipline sans élément de programme ou sans positionnement ni moyenne.",
    "REF-01": "Une ligne de l'export pointe vers une ligne absente (élève, classe, établissement…) : "
              "référence orpheline.",
}
