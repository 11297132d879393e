-- Secret secondaire, 2/4 (répété jusqu'à stabilité) : deux parents d'un même enfant prennent la plus petite
-- des deux composantes. Pour une hiérarchie emboîtée, aucune ligne ne change au premier passage.
UPDATE ind_sec_composantes c
SET composante = n.composante
FROM (
    SELECT a2.parent_niveau, a2.parent_code, min(c1.composante) AS composante
    FROM ind_sec_aretes a1
    JOIN ind_sec_composantes c1 USING (parent_niveau, parent_code)
    JOIN ind_sec_aretes a2 USING (enfant_niveau, enfant_code)
    GROUP BY ALL
) n
WHERE n.parent_niveau = c.parent_niveau AND n.parent_code = c.parent_code AND n.composante < c.composante;
