-- Division de chaque élève du bloc, tirée parmi celles de son (établissement, année, niveau) sur l'effectif total.
CREATE OR REPLACE TABLE g_parcours_div AS
SELECT p.*, 1 + rndi2('div', p.k, p.y, greatest(1, ceil(c.eff / CASE WHEN p.degre = '1D' THEN 25 ELSE 27 END)::BIGINT)) AS div,
       'CL' || p.y || '_' || p.uai || '_' || p.niveau || '_' ||
           (1 + rndi2('div', p.k, p.y, greatest(1, ceil(c.eff / CASE WHEN p.degre = '1D' THEN 25 ELSE 27 END)::BIGINT))) AS classe_id
FROM g_parcours p JOIN g_effectif c USING (uai, y, lvl);
