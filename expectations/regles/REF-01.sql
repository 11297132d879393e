-- id: REF-01
-- severite: majeure
-- titre: Référence orpheline
-- entite: (table, clé de la ligne, colonne) ; objet_id = table|clé de la ligne|colonne
-- uai: NULL
-- academie: NULL
-- millesime: NULL
-- eleve_id: NULL
-- classe_id: NULL
-- objet_id: `table|clé de la ligne|colonne`
-- date_evenement: date d'extraction X (constat : l'incohérence est dans l'export lui-même)
-- acteur: assistance_nationale
-- explication: Une ligne de l'export pointe vers une ligne absente (élève, classe, établissement…) : référence orpheline.
-- remediation: L'export lui-même est incohérent : ouvrir un ticket SESAM à l'assistance nationale LSU en donnant la table, la ligne et la colonne indiquées, pour obtenir un export corrigé, puis le recharger.
-- FICHIER GÉNÉRÉ depuis les clés étrangères du contrat (lsu_analytics/contract/tables.py) :
-- ne pas modifier à la main, relancer `python -m lsu_analytics.rules.references`.
-- periodes.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'periodes|' || coalesce(t."uai", '') || '|' || coalesce(CAST(t."millesime" AS VARCHAR), '') || '|' || coalesce(t."periodicite", '') || '|' || coalesce(CAST(t."indice" AS VARCHAR), '') || '|uai' AS objet_id,
    format('La ligne {} de periodes a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."uai", '') || '|' || coalesce(CAST(t."millesime" AS VARCHAR), '') || '|' || coalesce(t."periodicite", '') || '|' || coalesce(CAST(t."indice" AS VARCHAR), ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "periodes" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- classes.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'classes|' || coalesce(t."classe_id", '') || '|uai' AS objet_id,
    format('La ligne {} de classes a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."classe_id", ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "classes" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- parametrages_classe.classe_id → classes.classe_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'parametrages_classe|' || coalesce(t."classe_id", '') || '|' || coalesce(strftime(t."date_changement", '%Y-%m-%dT%H:%M:%S'), '') || '|classe_id' AS objet_id,
    format('La ligne {} de parametrages_classe a classe_id = « {} », absent de classes.classe_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."classe_id", '') || '|' || coalesce(strftime(t."date_changement", '%Y-%m-%dT%H:%M:%S'), ''), t."classe_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "parametrages_classe" AS t
WHERE t."classe_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "classes" AS r WHERE r."classe_id" = t."classe_id")
QUALIFY row_number() OVER (PARTITION BY t."classe_id", t."date_changement" ORDER BY t."classe_id") = 1

UNION ALL

-- parametrages_classe.auteur_id → personnels.personnel_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'parametrages_classe|' || coalesce(t."classe_id", '') || '|' || coalesce(strftime(t."date_changement", '%Y-%m-%dT%H:%M:%S'), '') || '|auteur_id' AS objet_id,
    format('La ligne {} de parametrages_classe a auteur_id = « {} », absent de personnels.personnel_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."classe_id", '') || '|' || coalesce(strftime(t."date_changement", '%Y-%m-%dT%H:%M:%S'), ''), t."auteur_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "parametrages_classe" AS t
WHERE t."auteur_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "personnels" AS r WHERE r."personnel_id" = t."auteur_id")
QUALIFY row_number() OVER (PARTITION BY t."classe_id", t."date_changement" ORDER BY t."auteur_id") = 1

UNION ALL

-- inscriptions.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'inscriptions|' || coalesce(t."eleve_id", '') || '|' || coalesce(t."classe_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de inscriptions a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."eleve_id", '') || '|' || coalesce(t."classe_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "inscriptions" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- inscriptions.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'inscriptions|' || coalesce(t."eleve_id", '') || '|' || coalesce(t."classe_id", '') || '|uai' AS objet_id,
    format('La ligne {} de inscriptions a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."eleve_id", '') || '|' || coalesce(t."classe_id", ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "inscriptions" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- inscriptions.classe_id → classes.classe_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'inscriptions|' || coalesce(t."eleve_id", '') || '|' || coalesce(t."classe_id", '') || '|classe_id' AS objet_id,
    format('La ligne {} de inscriptions a classe_id = « {} », absent de classes.classe_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."eleve_id", '') || '|' || coalesce(t."classe_id", ''), t."classe_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "inscriptions" AS t
WHERE t."classe_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "classes" AS r WHERE r."classe_id" = t."classe_id")

UNION ALL

-- bilans_periodiques.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'bilans_periodiques|' || coalesce(t."bilan_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de bilans_periodiques a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "bilans_periodiques" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- bilans_periodiques.classe_id → classes.classe_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'bilans_periodiques|' || coalesce(t."bilan_id", '') || '|classe_id' AS objet_id,
    format('La ligne {} de bilans_periodiques a classe_id = « {} », absent de classes.classe_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_id", ''), t."classe_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "bilans_periodiques" AS t
WHERE t."classe_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "classes" AS r WHERE r."classe_id" = t."classe_id")

UNION ALL

-- bilans_periodiques.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'bilans_periodiques|' || coalesce(t."bilan_id", '') || '|uai' AS objet_id,
    format('La ligne {} de bilans_periodiques a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_id", ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "bilans_periodiques" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- acquis.bilan_id → bilans_periodiques.bilan_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'acquis|' || coalesce(t."bilan_id", '') || '|' || coalesce(t."discipline_code", '') || '|bilan_id' AS objet_id,
    format('La ligne {} de acquis a bilan_id = « {} », absent de bilans_periodiques.bilan_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_id", '') || '|' || coalesce(t."discipline_code", ''), t."bilan_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "acquis" AS t
WHERE t."bilan_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "bilans_periodiques" AS r WHERE r."bilan_id" = t."bilan_id")

UNION ALL

-- bilans_cycle.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'bilans_cycle|' || coalesce(t."bilan_cycle_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de bilans_cycle a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_cycle_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "bilans_cycle" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- bilans_cycle.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'bilans_cycle|' || coalesce(t."bilan_cycle_id", '') || '|uai' AS objet_id,
    format('La ligne {} de bilans_cycle a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_cycle_id", ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "bilans_cycle" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- bilans_cycle_socle.bilan_cycle_id → bilans_cycle.bilan_cycle_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'bilans_cycle_socle|' || coalesce(t."bilan_cycle_id", '') || '|' || coalesce(t."domaine_code", '') || '|bilan_cycle_id' AS objet_id,
    format('La ligne {} de bilans_cycle_socle a bilan_cycle_id = « {} », absent de bilans_cycle.bilan_cycle_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."bilan_cycle_id", '') || '|' || coalesce(t."domaine_code", ''), t."bilan_cycle_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "bilans_cycle_socle" AS t
WHERE t."bilan_cycle_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "bilans_cycle" AS r WHERE r."bilan_cycle_id" = t."bilan_cycle_id")

UNION ALL

-- attestations.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'attestations|' || coalesce(t."attestation_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de attestations a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."attestation_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "attestations" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- attestations.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'attestations|' || coalesce(t."attestation_id", '') || '|uai' AS objet_id,
    format('La ligne {} de attestations a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."attestation_id", ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "attestations" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- recuperations_ep.classe_id → classes.classe_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'recuperations_ep|' || coalesce(t."classe_id", '') || '|' || coalesce(strftime(t."date_recuperation", '%Y-%m-%dT%H:%M:%S'), '') || '|classe_id' AS objet_id,
    format('La ligne {} de recuperations_ep a classe_id = « {} », absent de classes.classe_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."classe_id", '') || '|' || coalesce(strftime(t."date_recuperation", '%Y-%m-%dT%H:%M:%S'), ''), t."classe_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "recuperations_ep" AS t
WHERE t."classe_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "classes" AS r WHERE r."classe_id" = t."classe_id")
QUALIFY row_number() OVER (PARTITION BY t."classe_id", t."date_recuperation" ORDER BY t."classe_id") = 1

UNION ALL

-- transferts.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'transferts|' || coalesce(t."transfert_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de transferts a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."transfert_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "transferts" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- transferts.uai_accueil → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'transferts|' || coalesce(t."transfert_id", '') || '|uai_accueil' AS objet_id,
    format('La ligne {} de transferts a uai_accueil = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."transfert_id", ''), t."uai_accueil") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "transferts" AS t
WHERE t."uai_accueil" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai_accueil")

UNION ALL

-- modifications.auteur_id → personnels.personnel_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'modifications|' || coalesce(t."modification_id", '') || '|auteur_id' AS objet_id,
    format('La ligne {} de modifications a auteur_id = « {} », absent de personnels.personnel_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."modification_id", ''), t."auteur_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "modifications" AS t
WHERE t."auteur_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "personnels" AS r WHERE r."personnel_id" = t."auteur_id")

UNION ALL

-- autorisations.uai → etablissements.uai
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'autorisations|' || coalesce(t."autorisation_id", '') || '|uai' AS objet_id,
    format('La ligne {} de autorisations a uai = « {} », absent de etablissements.uai : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."autorisation_id", ''), t."uai") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "autorisations" AS t
WHERE t."uai" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "etablissements" AS r WHERE r."uai" = t."uai")

UNION ALL

-- autorisations.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'autorisations|' || coalesce(t."autorisation_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de autorisations a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."autorisation_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "autorisations" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- autorisations.signataire_id → personnels.personnel_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'autorisations|' || coalesce(t."autorisation_id", '') || '|signataire_id' AS objet_id,
    format('La ligne {} de autorisations a signataire_id = « {} », absent de personnels.personnel_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."autorisation_id", ''), t."signataire_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "autorisations" AS t
WHERE t."signataire_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "personnels" AS r WHERE r."personnel_id" = t."signataire_id")

UNION ALL

-- consultations.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'consultations|' || coalesce(t."consultation_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de consultations a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."consultation_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "consultations" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")

UNION ALL

-- comptes_responsables.eleve_id → eleves.eleve_id
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    'comptes_responsables|' || coalesce(t."compte_id", '') || '|eleve_id' AS objet_id,
    format('La ligne {} de comptes_responsables a eleve_id = « {} », absent de eleves.eleve_id : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        coalesce(t."compte_id", ''), t."eleve_id") AS detail,
    getvariable('date_extraction') AS date_evenement
FROM "comptes_responsables" AS t
WHERE t."eleve_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "eleves" AS r WHERE r."eleve_id" = t."eleve_id")
