-- id: REC-01
-- severite: info
-- titre: Élève introuvable dans la recherche
-- entite: (eleve_id, uai)
-- remediation: Saisir ou importer au moins un bilan ou une attestation de l'année en cours pour l'élève dans cet établissement ; sinon la recherche par nom ne peut pas l'afficher.
WITH inscrits AS (
    SELECT DISTINCT eleve_id, uai
    FROM inscriptions
    WHERE millesime = getvariable('millesime_courant')
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
    'info' AS severite,
    i.uai,
    e.academie,
    getvariable('millesime_courant') AS millesime,
    i.eleve_id,
    NULL AS classe_id,
    NULL AS objet_id,
    format('L''élève {} est inscrit en {}-{} dans l''établissement {} mais n''y a encore aucun bilan ni attestation cette année : la recherche par nom de LSU ne peut pas l''afficher tant qu''un bilan ou une attestation n''est pas saisi ou importé.',
        i.eleve_id, getvariable('millesime_courant'), getvariable('millesime_courant') + 1, i.uai) AS detail
FROM inscrits AS i
LEFT JOIN etablissements AS e ON e.uai = i.uai
WHERE NOT EXISTS (
    SELECT 1 FROM documents AS d WHERE d.eleve_id = i.eleve_id AND d.uai = i.uai
)
