-- What is due at X in a perimeter: the extraction date, and for each period index the earliest and latest
-- end among the perimeter's establishments (a period not ended anywhere is not due yet).
WITH x AS (SELECT CAST(date_extraction AS DATE) AS x_date FROM manifeste LIMIT 1)
SELECT (SELECT x_date FROM x) AS x_date, pe.indice AS periode, min(pe.date_fin) AS premiere_fin,
       max(pe.date_fin) AS derniere_fin
FROM periodes pe
JOIN etablissements e ON e.uai = pe.uai
WHERE pe.millesime = $millesime
  AND dans_perimetre($niveau, $code, e.academie, e.departement, e.circonscription, e.uai)
GROUP BY pe.indice
ORDER BY pe.indice
