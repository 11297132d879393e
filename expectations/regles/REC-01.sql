-- id: REC-01
-- severite: info
-- titre: Élève introuvable dans la recherche
-- entite: (eleve_id, uai)
-- uai: uai
-- millesime: C
-- eleve_id: eleve_id
-- classe_id: NULL
-- objet_id: NULL
-- date_evenement: dernière entrée de l'élève dans l'établissement en C (inscriptions.date_entree)
-- acteur: direction
-- explication: Un élève inscrit dans un établissement n'y a, cette année, aucun bilan ni attestation : la recherche de LSU ne peut pas l'afficher.
-- remediation: Pour retrouver l'élève dès maintenant, utiliser la recherche avancée (écran « Consultation et recherche de livrets scolaires », bouton « Recherche avancée » : recherche par filtre avancé) ; pour qu'il apparaisse dans la recherche par nom, saisir ou importer au moins un bilan ou une attestation de l'année en cours dans cet établissement.
WITH inscrits AS (
    SELECT eleve_id, uai, max(date_entree) AS date_entree
    FROM inscriptions
    WHERE millesime = getvariable('millesime_courant')
    GROUP BY eleve_id, uai
),
documents AS (
    SELECT eleve_id, uai FROM bilans_periodiques WHERE millesime = getvariable('millesime_courant')
    UNION ALL
    SELECT eleve_id, uai FROM bilans_cycle WHERE millesime = getvariable('millesime_courant')
    UNION ALL
    SELECT eleve_id, uai FROM attestations WHERE millesime = getvariable('millesime_courant')
)
SELECT
    'REC-01' AS rule_id,
    i.uai,
    e.academie,
    getvariable('millesime_courant') AS millesime,
    i.eleve_id,
    NULL AS classe_id,
    NULL AS objet_id,
    format('L''élève {} est inscrit en {}-{} dans l''établissement {} mais n''y a encore aucun bilan ni attestation cette année : la recherche par nom de LSU ne peut pas l''afficher tant qu''un bilan ou une attestation n''est pas saisi ou importé.',
        i.eleve_id, getvariable('millesime_courant'), getvariable('millesime_courant') + 1, i.uai) AS detail,
    i.date_entree AS date_evenement
FROM inscrits AS i
LEFT JOIN etablissements AS e ON e.uai = i.uai
WHERE NOT EXISTS (
    SELECT 1 FROM documents AS d WHERE d.eleve_id = i.eleve_id AND d.uai = i.uai
)
