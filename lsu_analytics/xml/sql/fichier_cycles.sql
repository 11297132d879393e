-- The end-of-cycle reports of the file with their eight domains (a missing one: 0, not assessed).
SELECT c.eleve_id, c.cycle, c.millesime,
       CAST(CAST(coalesce(c.date_creation, c.date_verrou) AS DATE) AS VARCHAR) AS creation,
       strftime(c.date_verrou, '%Y-%m-%dT%H:%M:%S') AS verrou,
       list({'code': s.domaine_code, 'positionnement': s.positionnement}) FILTER (s.domaine_code IS NOT NULL) AS socle
FROM xml_cycles c
LEFT JOIN bilans_cycle_socle s USING (bilan_cycle_id)
GROUP BY ALL
ORDER BY c.eleve_id, c.cycle
