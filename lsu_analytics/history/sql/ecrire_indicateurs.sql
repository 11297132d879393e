-- Every row of the checked database's `indicateurs` at $1. A masked cell stays masked: its figures are
-- written NULL whatever the source holds. Rows kept in the source's order (computed per indicator family and
-- perimeter: long runs of equal values that DuckDB compresses); sorting them again was slower and larger.
INSERT INTO indicateurs_historique BY NAME
SELECT CAST($1 AS TIMESTAMP) AS date_extraction,
       * REPLACE (CASE WHEN masque THEN NULL ELSE numerateur END AS numerateur,
                  CASE WHEN masque THEN NULL ELSE denominateur END AS denominateur,
                  CASE WHEN masque THEN NULL ELSE valeur END AS valeur)
FROM src.indicateurs
