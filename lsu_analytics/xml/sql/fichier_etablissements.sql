-- Schools by the number of periodic reports of the year their import file would carry, most first.
SELECT uai, count(*) AS bilans
FROM bilans_periodiques
WHERE millesime = $millesime AND date_verrou IS NOT NULL
GROUP BY uai
ORDER BY bilans DESC, uai
LIMIT $n
