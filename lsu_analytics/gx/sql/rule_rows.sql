-- Rows of `anomalies` for one rule, shown as examples in the Data Docs. GX puts the table
-- in place of the batch placeholder; the rule id is a catalogue id checked in rule_suite.py.
-- No personal data: `anomalies` holds no name, INE or birth date.
SELECT rule_id, severite, uai, academie, millesime, eleve_id, classe_id, objet_id, detail
FROM {batch}
WHERE rule_id = '{rule_id}'
ORDER BY uai, millesime, eleve_id, classe_id, objet_id
