-- Classes vues jusqu'ici (une classe existe si au moins un élève y est).
CREATE OR REPLACE TABLE g_classe_vue AS
SELECT * FROM g_classe_vue
UNION SELECT classe_id, uai, y, lvl, niveau, degre, div FROM g_parcours_div;
