-- Counts by status and severity at extraction $1, relative to the extraction before it.
SELECT statut, severite, count(*) AS nb
FROM statuts_extractions
WHERE date_extraction = $1
GROUP BY ALL
