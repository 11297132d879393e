-- The anomalies one by one (an object flagged by several rules once), by establishment then severity, for
-- the current year or for the earlier ones ($courante), restricted to the establishments in $uais when
-- given (the top ones of a large perimeter, then in their ranking's order); at most $par_etablissement rows per
-- establishment.
WITH e AS (
    SELECT *, row_number() OVER (PARTITION BY uai ORDER BY rang, regles, eleve_id NULLS FIRST,
                                 classe_id NULLS FIRST, objet_id NULLS FIRST) AS n,
           count(*) OVER (PARTITION BY uai) AS nombre_etablissement
    FROM entites_perimetre($niveau, $code, $severite_min)
    WHERE courante = $courante AND ($uais IS NULL OR list_contains($uais, uai))
)
SELECT uai, etablissement, regles, severite, millesime, eleve_id, classe_id, objet_id, detail,
       nombre_etablissement
FROM e
WHERE n <= $par_etablissement
ORDER BY list_position($uais, uai) NULLS LAST, uai NULLS LAST, rang, regles, eleve_id NULLS FIRST,
         classe_id NULLS FIRST, objet_id NULLS FIRST
LIMIT $limite
