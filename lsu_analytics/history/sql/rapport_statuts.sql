-- Counts by status and severity at extraction $l (against the one before it) in the perimeter.
SELECT statut, severite, count(*) AS nombre
FROM statuts_perimetre($niveau, $code, $severite_min)
WHERE date_extraction = $l
GROUP BY ALL
