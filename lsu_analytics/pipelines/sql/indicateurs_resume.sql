-- Size of the indicators table, per perimeter level.
SELECT niveau_perimetre, count(DISTINCT code_perimetre) AS perimetres, count(*) AS lignes
FROM indicateurs
GROUP BY niveau_perimetre
ORDER BY niveau_perimetre
