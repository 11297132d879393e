-- id: SEL-01
-- severite: majeure
-- titre: Service en ligne non ouvert au 2D
-- entite: uai
-- uai: uai
-- millesime: NULL
-- eleve_id: NULL
-- classe_id: NULL
-- objet_id: NULL
-- date_evenement: date d'extraction X (constat : aucune date dans l'export)
-- acteur: chef_etablissement
-- explication: Un collège n'a pas ouvert le service en ligne aux familles : elles ne voient pas les bilans.
-- remediation: Le chef d'établissement doit ouvrir le service en ligne LSU au 2D pour son collège (dans LSU, menu Paramétrage), afin que les responsables accèdent à l'intégralité du livret de leur enfant (bilans périodiques, bilans de fin de cycle, attestations) sur le portail Scolarité services.
SELECT
    'SEL-01' AS rule_id,
    e.uai,
    e.academie,
    NULL AS millesime,
    NULL AS eleve_id,
    NULL AS classe_id,
    NULL AS objet_id,
    format('Le service en ligne LSU n''est pas ouvert aux familles du collège {} : l''ouvrir au 2D pour que les responsables accèdent au livret complet de leur enfant.',
        e.uai) AS detail,
    getvariable('date_extraction') AS date_evenement
FROM etablissements AS e
WHERE e.degre = '2D'
  AND e.service_en_ligne_ouvert = false
