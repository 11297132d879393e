-- The statuses of the anomalies of the checked database, to be filled from the history (colonnes.py); a
-- temporary table of the connection, empty when there is no history (every anomaly is then new).
CREATE OR REPLACE TEMP TABLE sortie_statuts AS
SELECT rule_id, uai, millesime, eleve_id, classe_id, objet_id,
       CAST(NULL AS VARCHAR) AS statut, CAST(NULL AS TIMESTAMP) AS premiere_extraction,
       CAST(NULL AS INTEGER) AS age_jours
FROM anomalies
WHERE false
