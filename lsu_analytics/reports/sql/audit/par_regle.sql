-- Anomalies per rule and severity.
SELECT rule_id, severite, min(rang) AS rang, count(*) AS nombre,
       count(DISTINCT uai) AS etablissements, count(DISTINCT eleve_id) AS eleves
FROM anomalies_perimetre($niveau, $code, $severite_min)
GROUP BY rule_id, severite
ORDER BY rang, nombre DESC, rule_id
