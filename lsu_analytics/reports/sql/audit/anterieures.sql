-- Anomalies of earlier school years (the year of their event, else their millesime), per year and rule.
SELECT annee AS millesime, rule_id, min(rang) AS rang, count(*) AS nombre, count(DISTINCT uai) AS etablissements
FROM anomalies_perimetre($niveau, $code, $severite_min)
WHERE NOT courante
GROUP BY annee, rule_id
ORDER BY annee DESC, rang, rule_id
