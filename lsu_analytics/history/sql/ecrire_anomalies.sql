-- The anomalies of the checked database as presences at $1 (keys first seen are added to anomalies_cles).
-- A key repeated within one extraction counts once (one row kept, always the same one).
CREATE OR REPLACE TEMP TABLE hist_source AS
SELECT cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) AS cle,
       rule_id, uai, millesime, eleve_id, classe_id, objet_id, severite, detail, academie
FROM src.anomalies;
INSERT INTO anomalies_cles
SELECT DISTINCT ON (cle) cle, rule_id, uai, millesime, eleve_id, classe_id, objet_id
FROM hist_source s
WHERE NOT EXISTS (SELECT 1 FROM anomalies_cles k WHERE k.cle = s.cle)
ORDER BY cle;
INSERT INTO anomalies_presence BY NAME
SELECT DISTINCT ON (cle) CAST($1 AS TIMESTAMP) AS date_extraction, cle, severite, detail, academie
FROM hist_source
ORDER BY cle, severite, detail, academie;
DROP TABLE hist_source
