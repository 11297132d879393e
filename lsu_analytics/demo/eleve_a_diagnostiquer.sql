-- The demo's diagnostic pupil: one the diagnostic explains best ("can't find them": REC-01, "their
-- livret is missing": TRF-01), then the one whose anomalies span the most rules (ties: smallest id).
SELECT eleve_id
FROM anomalies
WHERE eleve_id IS NOT NULL
  AND eleve_id IN (SELECT eleve_id FROM eleves)
GROUP BY eleve_id
ORDER BY bool_or(rule_id IN ('REC-01', 'TRF-01')) DESC, count(DISTINCT rule_id) DESC, eleve_id
LIMIT 1
