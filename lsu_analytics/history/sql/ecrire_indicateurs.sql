-- Every row of the checked database's `indicateurs` at $1. A masked cell stays masked: its figures are
-- written NULL whatever the source holds. Rows sorted by perimeter then indicator: long runs of equal values
-- that DuckDB compresses (dictionary, RLE), which keeps 40 extractions of a large academy small.
INSERT INTO indicateurs_historique BY NAME
SELECT CAST($1 AS TIMESTAMP) AS date_extraction,
       * REPLACE (CASE WHEN masque THEN NULL ELSE numerateur END AS numerateur,
                  CASE WHEN masque THEN NULL ELSE denominateur END AS denominateur,
                  CASE WHEN masque THEN NULL ELSE valeur END AS valeur)
FROM src.indicateurs
ORDER BY niveau_perimetre, code_perimetre, indicateur, niveau_scolaire NULLS FIRST, periode NULLS FIRST,
         millesime NULLS FIRST
