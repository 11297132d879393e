-- The demo's diagnostic pupil: the one whose anomalies span the most rules (ties: smallest eleve_id).
SELECT eleve_id
FROM anomalies
WHERE eleve_id IS NOT NULL
  AND eleve_id IN (SELECT eleve_id FROM eleves)
GROUP BY eleve_id
ORDER BY count(DISTINCT rule_id) DESC, eleve_id
LIMIT 1
