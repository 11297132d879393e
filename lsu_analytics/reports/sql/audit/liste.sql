-- The anomalies one by one, by establishment then severity (pupils by eleve_id only).
SELECT uai, etablissement, rule_id, severite, eleve_id, classe_id, objet_id, detail
FROM anomalies_perimetre($niveau, $code, $severite_min)
ORDER BY uai NULLS LAST, rang, rule_id, eleve_id NULLS FIRST, classe_id NULLS FIRST, objet_id NULLS FIRST
LIMIT $limite
