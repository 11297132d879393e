-- Anomalies of earlier school years, per year and rule.
SELECT millesime, rule_id, min(rang) AS rang, count(*) AS nombre, count(DISTINCT uai) AS etablissements
FROM anomalies_perimetre($niveau, $code, $severite_min)
WHERE NOT courante
GROUP BY millesime, rule_id
ORDER BY millesime DESC, rang, rule_id
