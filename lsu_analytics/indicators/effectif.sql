-- EFFECTIF : élèves distincts inscrits en C. Un élève inscrit dans plusieurs classes ou
-- établissements compte dans chacun de leurs périmètres, une seule fois par périmètre.
INSERT INTO ind_attendus VALUES ('effectif', 'EFFECTIF', NULL, false, true);

INSERT INTO ind_bruts
SELECT 'EFFECTIF', NULL, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(i.niveau) = 1 THEN 'TOUS' ELSE i.niveau END,
       count(DISTINCT i.eleve_id), NULL
FROM ind_inscriptions i
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, i.niveau),
                        (p.niveau_perimetre, p.code_perimetre));
