-- The establishments with the most anomalies of the current year (what can be fixed now), critical first;
-- an object flagged by several rules counts once, at its most severe.
SELECT uai, coalesce(etablissement, '?') AS etablissement,
       count(*) FILTER (WHERE severite = 'critique') AS critique,
       count(*) FILTER (WHERE severite = 'majeure') AS majeure,
       count(*) FILTER (WHERE severite = 'mineure') AS mineure,
       count(*) FILTER (WHERE severite = 'info') AS info,
       count(*) AS total
FROM entites_perimetre($niveau, $code, $severite_min)
WHERE uai IS NOT NULL AND courante
GROUP BY ALL
ORDER BY critique DESC, majeure DESC, total DESC, uai
LIMIT $limite
