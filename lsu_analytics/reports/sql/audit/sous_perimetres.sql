-- Anomalies of the current year per sub-perimeter (academies of the country, departments of an academy,
-- circonscriptions of a department's écoles), by severity: the summary of a large audit.
SELECT CASE $niveau WHEN 'national' THEN coalesce(academie, e_academie)
                    WHEN 'academie' THEN departement
                    ELSE circonscription END AS code,
       count(*) FILTER (WHERE severite = 'critique') AS critique,
       count(*) FILTER (WHERE severite = 'majeure') AS majeure,
       count(*) FILTER (WHERE severite = 'mineure') AS mineure,
       count(*) FILTER (WHERE severite = 'info') AS info,
       count(*) AS total,
       count(DISTINCT uai) AS etablissements
FROM (SELECT a.*, e.academie AS e_academie FROM anomalies_perimetre($niveau, $code, $severite_min) a
      LEFT JOIN etablissements e USING (uai)) t
WHERE courante AND $niveau IN ('national', 'academie', 'departement')
GROUP BY ALL
ORDER BY critique DESC, majeure DESC, total DESC, code NULLS LAST
