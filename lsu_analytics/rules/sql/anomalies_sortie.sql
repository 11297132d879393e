-- Anomalies of the rules just run, in the stable order of the table ($1 = list of rule ids).
SELECT rule_id, severite, uai, academie, millesime, eleve_id, classe_id, objet_id, detail, date_evenement, cle
FROM anomalies
WHERE list_contains($1, rule_id)
ORDER BY rule_id, uai NULLS FIRST, millesime NULLS FIRST, eleve_id NULLS FIRST, classe_id NULLS FIRST, objet_id NULLS FIRST
