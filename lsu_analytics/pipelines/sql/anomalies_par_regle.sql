-- Anomaly counts per rule and severity (no entity: run.json and the index carry no pupil data).
SELECT rule_id, severite, count(*) AS nb
FROM anomalies
GROUP BY rule_id, severite
ORDER BY rule_id, severite
