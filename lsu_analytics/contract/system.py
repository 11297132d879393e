"""Tables the toolkit itself writes beside the export's 18 (rejections, loads, anomalies, indicators)."""
from __future__ import annotations

from .tables import Column as C, Table
from .vocabulary import MOTIFS_MASQUE, NIVEAUX_PERIMETRE, SEVERITES

REJETS = Table("rejets", "Lignes refusées au chargement, avec la raison.", (
    C("chargement_id", "text"),
    C("fichier", "text", "nom du fichier de l'export"),
    C("ligne", "int", "numéro de ligne physique dans le fichier (1 = en-tête) ; rang de la ligne pour Parquet"),
    C("colonne", "text", "colonne en cause (NULL pour une clé primaire répétée sur plusieurs colonnes)"),
    C("motif", "text", codes=("TYPE_INVALIDE", "VALEUR_REQUISE_MANQUANTE", "CODE_HORS_LISTE", "CLE_PRIMAIRE_EN_DOUBLE",
                               "LIGNE_TROP_LONGUE")),
    C("detail", "text", "phrase en français"),
    C("ligne_brute", "text", "la ligne telle qu'elle est dans le fichier"),
))

CHARGEMENTS = Table("chargements", "Un enregistrement par chargement réussi (historique conservé).", (
    C("chargement_id", "text"),
    C("debut", "timestamp"),
    C("fin", "timestamp"),
    C("duree_s", "decimal"),
    C("version_outil", "text"),
    C("source", "text", "dossier ou .zip chargé"),
    C("manifeste", "text", "manifest.json d'origine (JSON)"),
    C("lignes_manifeste", "int"),
    C("lignes_chargees", "int"),
    C("lignes_rejetees", "int"),
    C("manifeste_sha256", "text", "sha256 des octets de manifest.json (identité de l'export dans un historique)"),
), pk=("chargement_id",))

# One row: the manifest of the export currently in the database. Rules read C and X from here.
MANIFESTE = Table("manifeste", "Le manifeste de l'export chargé (une ligne).", (
    C("contrat", "int"),
    C("millesime_courant", "int", "C"),
    C("date_extraction", "timestamp", "X"),
    C("perimetre_niveau", "text"),
    C("perimetre_code", "text"),
    C("encodage", "text"),
    C("format_date", "text"),
    C("separateur_decimal", "text"),
    C("chargement_id", "text"),
))

ANOMALIES = Table("anomalies", "Une ligne par entité en infraction à une règle de rules.md.", (
    C("rule_id", "text"),
    C("severite", "text", codes=SEVERITES),
    C("uai", "text"),
    C("academie", "text"),
    C("millesime", "int"),
    C("eleve_id", "text"),
    C("classe_id", "text"),
    C("objet_id", "text"),
    C("detail", "text"),
    # Added to rules.md's columns (docs/choix.md): the date of the fact that makes the anomaly (see each
    # rule's header) and the anomaly's identity (history.md), both the same for every consumer.
    C("date_evenement", "timestamp", "date du fait qui constitue l'anomalie (en-tête de chaque règle)"),
    C("cle", "text", "identité de l'anomalie : cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, "
                     "objet_id), NULL égal à NULL (history.md)"),
))

INDICATEURS = Table("indicateurs", "Indicateurs LSU par périmètre (indicators.md).", (
    C("millesime", "int"),
    C("niveau_perimetre", "text", codes=NIVEAUX_PERIMETRE),
    C("code_perimetre", "text"),
    C("niveau_scolaire", "text"),
    C("periode", "int"),
    C("indicateur", "text"),
    C("numerateur", "int"),
    C("denominateur", "int"),
    C("valeur", "double"),
    C("masque", "bool"),
    C("motif_masque", "text", "effectif : 1 à N élèves (secret primaire) ; secondaire : masquée pour protéger "
      "une autre cellule ; NULL : publiée", codes=MOTIFS_MASQUE),
))

CONTROLES = Table("controles", "Un enregistrement par exécution de `lsu-analytics check`.", (
    C("controle_id", "text"),
    C("debut", "timestamp"),
    C("fin", "timestamp"),
    C("regles", "text", "identifiants des règles exécutées, séparés par des virgules"),
    C("seuils", "text", "seuils utilisés (JSON)"),
    C("nb_anomalies", "int"),
    C("version_outil", "text"),
    C("sorties", "text", "sorties écrites par ce contrôle (JSON : dossier, anomalies.csv, anomalies.parquet, "
                         "data_docs)"),
), pk=("controle_id",))

SYSTEM_TABLES = {t.name: t for t in (REJETS, CHARGEMENTS, MANIFESTE, ANOMALIES, INDICATEURS, CONTROLES)}
