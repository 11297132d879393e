-- VIS-01 (rules.md): from which teacher niveaux each of the pupil's periodic reports is visible.
WITH regle AS (SELECT * FROM regle_visibilite()),
ordre(niveau, rang) AS (
    VALUES ('CP', 1), ('CE1', 2), ('CE2', 3), ('CM1', 4), ('CM2', 5), ('6E', 6), ('5E', 7), ('4E', 8), ('3E', 9)
)
SELECT b.millesime, c.niveau AS niveau_bilan, count(DISTINCT b.bilan_id) AS bilans,
       (SELECT string_agg(r.niveau_enseignant, ', ' ORDER BY o.rang)
        FROM regle r JOIN ordre o ON o.niveau = r.niveau_enseignant
        WHERE r.niveau_visible = c.niveau) AS visible_des_classes_de
FROM bilans_periodiques b
LEFT JOIN classes c ON c.classe_id = b.classe_id
WHERE b.eleve_id = $eleve_id
GROUP BY b.millesime, c.niveau
ORDER BY b.millesime DESC, c.niveau
