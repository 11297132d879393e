-- The anomalies of the checked database (current database of the connection, extraction $1) seen against the
-- history attached as `hl`: status relative to the history's latest extraction before $1, first extraction
-- where the key was present, age in days. Extractions at or after $1 are not looked at, so the columns are the
-- same whether this extraction was historised already or not.
WITH courantes AS (
    SELECT DISTINCT rule_id, uai, millesime, eleve_id, classe_id, objet_id,
           cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) AS cle
    FROM anomalies
), precedente AS (
    SELECT max(date_extraction) AS p FROM hl.extractions WHERE date_extraction < $1
), vues AS (
    SELECT cle, min(date_extraction) AS premiere, bool_or(date_extraction = (SELECT p FROM precedente)) AS dans_p
    FROM hl.anomalies_presence
    WHERE date_extraction < $1 AND cle IN (SELECT cle FROM courantes)
    GROUP BY cle
)
SELECT c.rule_id, c.uai, c.millesime, c.eleve_id, c.classe_id, c.objet_id,
       CASE WHEN v.cle IS NULL THEN 'nouvelle' WHEN v.dans_p THEN 'persistante' ELSE 'reapparue' END AS statut,
       coalesce(v.premiere, CAST($1 AS TIMESTAMP)) AS premiere_extraction,
       CAST(date_diff('day', coalesce(v.premiere, CAST($1 AS TIMESTAMP)), CAST($1 AS TIMESTAMP)) AS INTEGER)
           AS age_jours
FROM courantes c
LEFT JOIN vues v USING (cle)
