-- id: SEL-01
-- severite: majeure
-- titre: Service en ligne non ouvert au 2D
-- entite: uai
-- remediation: Ouvrir le service en ligne LSU au 2D pour le collège, afin que les familles accèdent à l'intégralité du livret de leur enfant.
SELECT
    'SEL-01' AS rule_id,
    'majeure' AS severite,
    e.uai,
    e.academie,
    NULL AS millesime,
    NULL AS eleve_id,
    NULL AS classe_id,
    NULL AS objet_id,
    format('Le service en ligne LSU n''est pas ouvert aux familles du collège {} : l''ouvrir au 2D pour que les responsables accèdent au livret complet de leur enfant.',
        e.uai) AS detail
FROM etablissements AS e
WHERE e.degre = '2D'
  AND e.service_en_ligne_ouvert = false
