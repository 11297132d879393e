-- Anomalies per rule and severity, split between the current year and the earlier ones.
SELECT rule_id, severite, min(rang) AS rang, count(*) AS nombre,
       count(*) FILTER (WHERE courante) AS courantes, count(*) FILTER (WHERE NOT courante) AS anterieures,
       count(DISTINCT uai) AS etablissements, count(DISTINCT eleve_id) AS eleves
FROM anomalies_perimetre($niveau, $code, $severite_min)
GROUP BY rule_id, severite
ORDER BY rang, nombre DESC, rule_id
