-- SEL_OUVERT : établissements 2D ayant des élèves inscrits en C (du niveau de la cellule)
-- dont le service en ligne est ouvert / ces établissements 2D. Pas fondé sur les élèves : jamais masqué.
INSERT INTO ind_attendus VALUES ('etablissements', 'SEL_OUVERT', NULL, true, false);

INSERT INTO ind_bruts
WITH etab AS (
    SELECT DISTINCT i.uai, i.niveau, e.service_en_ligne_ouvert IS TRUE AS ouvert
    FROM ind_inscriptions i
    JOIN etablissements e USING (uai)
    WHERE e.degre = '2D'
)
SELECT 'SEL_OUVERT', NULL, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(t.niveau) = 1 THEN 'TOUS' ELSE t.niveau END,
       count(DISTINCT t.uai) FILTER (WHERE t.ouvert), count(DISTINCT t.uai)
FROM etab t
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, t.niveau),
                        (p.niveau_perimetre, p.code_perimetre));
