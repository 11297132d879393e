-- Anomalies present at each extraction, per rule, in the perimeter.
SELECT date_extraction, rule_id, count(*) AS nombre
FROM statuts_perimetre($niveau, $code, $severite_min)
WHERE statut <> 'resolue'
GROUP BY ALL
ORDER BY date_extraction, rule_id
