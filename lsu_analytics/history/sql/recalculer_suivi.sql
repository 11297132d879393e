-- anomalies_suivi recomputed from the presences and the extractions: it depends only on the set of
-- extractions present, never on the order in which they were historised (history.md, backfill).
-- L = latest extraction, P = the one before it. The statuses are history.md's words.
DELETE FROM anomalies_suivi;
INSERT INTO anomalies_suivi BY NAME
WITH rangs AS (
    SELECT date_extraction,
           row_number() OVER (ORDER BY date_extraction DESC) AS rang,
           lead(date_extraction) OVER (ORDER BY date_extraction) AS suivante
    FROM extractions
), lp AS (
    SELECT max(date_extraction) FILTER (WHERE rang = 1) AS l,
           max(date_extraction) FILTER (WHERE rang = 2) AS p
    FROM rangs
), agregats AS (
    SELECT cle,
           min(date_extraction) AS premiere,
           max(date_extraction) AS derniere,
           count(*) AS nb,
           arg_max(severite, date_extraction) AS severite,
           arg_max(detail, date_extraction) AS detail,
           arg_max(academie, date_extraction) AS academie,
           bool_or(date_extraction = (SELECT p FROM lp)) AS present_p
    FROM anomalies_presence
    GROUP BY cle
)
SELECT k.rule_id, k.uai, k.millesime, k.eleve_id, k.classe_id, k.objet_id, a.severite, a.detail,
       a.premiere AS premiere_extraction, a.derniere AS derniere_extraction, a.nb AS nb_extractions,
       CASE WHEN a.derniere < lp.l THEN 'resolue'
            WHEN a.premiere = lp.l THEN 'nouvelle'
            WHEN a.present_p THEN 'persistante'
            ELSE 'reapparue' END AS statut,
       CASE WHEN a.derniere < lp.l THEN r.suivante END AS resolue_le,
       a.cle, a.academie
FROM agregats a
JOIN anomalies_cles k USING (cle)
JOIN rangs r ON r.date_extraction = a.derniere
CROSS JOIN lp
ORDER BY k.rule_id, k.uai NULLS FIRST, k.millesime NULLS FIRST, k.eleve_id NULLS FIRST, k.classe_id NULLS FIRST,
         k.objet_id NULLS FIRST
