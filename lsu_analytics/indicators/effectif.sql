-- EFFECTIF : élèves distincts inscrits en C. Un élève inscrit dans plusieurs classes ou
-- établissements compte dans chacun de leurs périmètres, une seule fois par périmètre.
INSERT INTO ind_attendus VALUES ('effectif', 'EFFECTIF', NULL, false, true);

-- Élèves seuls (ind_eleves) comptés par (uai, niveau) puis additionnés ; les autres dédoublonnés par périmètre.
INSERT INTO ind_bruts
WITH par_uai AS (
    SELECT uai, niveau, count(*) AS eleves FROM ind_eleves WHERE seul GROUP BY ALL
), comptes AS (
    SELECT p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END AS niveau_scolaire,
           sum(u.eleves) AS eleves
    FROM par_uai u
    JOIN ind_perimetres p USING (uai)
    GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, u.niveau),
                            (p.niveau_perimetre, p.code_perimetre))
    UNION ALL
    SELECT p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(e.niveau) = 1 THEN 'TOUS' ELSE e.niveau END,
           count(DISTINCT e.eleve_id)
    FROM ind_eleves e
    JOIN ind_perimetres p USING (uai)
    WHERE NOT e.seul
    GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, e.niveau),
                            (p.niveau_perimetre, p.code_perimetre))
)
SELECT 'EFFECTIF', NULL, niveau_perimetre, code_perimetre, niveau_scolaire, sum(eleves), NULL
FROM comptes
GROUP BY ALL;
