-- Vérité qui suit la date d'extraction, sur les classes de tout l'export (après inj_classes.sql) : un bilan en
-- cours créé tôt dans l'année peut précéder un changement de paramétrage de septembre (PAR-01, PAR-02). Premier
-- bilan de chaque classe : g_stat_classe (stats_classes.sql, cumulé bloc après bloc). Une clé déjà déclarée par
-- une injection ne l'est pas deux fois. À la date habituelle (mi-mars), rien n'est ajouté.
INSERT INTO verite
SELECT DISTINCT CASE pc.champ WHEN 'TYPE_POSITIONNEMENT' THEN 'PAR-01' ELSE 'PAR-02' END, c.uai, NULL, c.millesime,
       NULL, pc.classe_id, pc.classe_id || '|' || strftime(pc.date_changement, '%Y-%m-%dT%H:%M:%S')
FROM parametrages_classe pc
JOIN classes c ON c.classe_id = pc.classe_id
JOIN g_stat_classe s ON s.classe_id = pc.classe_id
WHERE pc.champ IN ('TYPE_POSITIONNEMENT', 'SOURCE_DONNEES')
  AND pc.date_changement > s.premier_bilan
  AND NOT EXISTS (SELECT 1 FROM verite v
                  WHERE v.rule_id IN ('PAR-01', 'PAR-02') AND v.classe_id = pc.classe_id
                    AND v.objet_id = pc.classe_id || '|' || strftime(pc.date_changement, '%Y-%m-%dT%H:%M:%S'));
