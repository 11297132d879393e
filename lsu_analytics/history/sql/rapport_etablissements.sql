-- Per establishment at the latest extraction $l: anomalies that appeared (new or back) and that were fixed
-- since the extraction before it; the busiest first.
SELECT uai, coalesce(etablissement, '?') AS etablissement,
       count(*) FILTER (WHERE statut = 'nouvelle') AS nouvelles,
       count(*) FILTER (WHERE statut = 'reapparue') AS reapparues,
       count(*) FILTER (WHERE statut = 'resolue') AS resolues,
       count(*) FILTER (WHERE statut <> 'resolue') AS presentes
FROM statuts_perimetre($niveau, $code, $severite_min)
WHERE date_extraction = $l AND uai IS NOT NULL
GROUP BY ALL
HAVING count(*) FILTER (WHERE statut IN ('nouvelle', 'reapparue', 'resolue')) > 0
ORDER BY nouvelles + reapparues + resolues DESC, uai
LIMIT $limite
