-- statuts_extractions: the status of each anomaly key at each extraction E relative to the extraction just
-- before it (P), for "what changed since the previous extraction" and "what appeared / was fixed" at any E.
-- At the latest extraction it agrees with anomalies_suivi.statut (a test checks it). A key resolved at E
-- (present at P, absent at E) has one 'resolue' row at E only, with its severity and detail at P.
CREATE OR REPLACE TEMP VIEW statuts_extractions AS
WITH ext AS (
    SELECT date_extraction,
           lag(date_extraction) OVER (ORDER BY date_extraction) AS precedente,
           lead(date_extraction) OVER (ORDER BY date_extraction) AS suivante
    FROM extractions
), pres AS (
    SELECT p.cle, p.date_extraction, p.severite, p.detail, p.academie, e.precedente, e.suivante,
           lag(p.date_extraction) OVER (PARTITION BY p.cle ORDER BY p.date_extraction) AS presence_precedente,
           lead(p.date_extraction) OVER (PARTITION BY p.cle ORDER BY p.date_extraction) AS presence_suivante
    FROM anomalies_presence p
    JOIN ext e USING (date_extraction)
), statuts AS (
    SELECT date_extraction, cle, severite, detail, academie,
           CASE WHEN presence_precedente IS NULL THEN 'nouvelle'
                WHEN presence_precedente = precedente THEN 'persistante'
                ELSE 'reapparue' END AS statut
    FROM pres
    UNION ALL
    SELECT suivante, cle, severite, detail, academie, 'resolue'
    FROM pres
    WHERE suivante IS NOT NULL AND presence_suivante IS DISTINCT FROM suivante
)
SELECT s.date_extraction, s.statut, s.severite, k.rule_id, k.uai, k.millesime, k.eleve_id, k.classe_id,
       k.objet_id, s.detail, s.cle, s.academie
FROM statuts s
JOIN anomalies_cles k USING (cle)
