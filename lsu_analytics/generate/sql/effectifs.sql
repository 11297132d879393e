-- Effectif de chaque (établissement, année, niveau), cumulé bloc après bloc : les divisions et le calendrier
-- des établissements dépendent de toute la population, pas d'un bloc.
CREATE OR REPLACE TABLE g_effectif AS
SELECT uai, y, lvl, degre, CAST(sum(eff) AS BIGINT) AS eff
FROM (SELECT * FROM g_effectif
      UNION ALL SELECT uai, y, lvl, degre, count(*) FROM g_parcours GROUP BY ALL)
GROUP BY ALL;
