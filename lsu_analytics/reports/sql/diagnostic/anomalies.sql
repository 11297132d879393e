SELECT rule_id, severite, millesime, uai, classe_id, objet_id, detail
FROM anomalies WHERE eleve_id = $eleve_id
ORDER BY rang_severite(severite), rule_id, objet_id
