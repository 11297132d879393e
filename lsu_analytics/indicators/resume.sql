-- Lignes écrites, lignes masquées et dont secret secondaire, par famille d'indicateurs (résumé du calcul).
SELECT a.famille, count(*) AS lignes, count(*) FILTER (WHERE i.masque) AS masquees,
       count(*) FILTER (WHERE i.motif_masque = 'secondaire') AS secondaires
FROM indicateurs i
JOIN (SELECT DISTINCT famille, indicateur FROM ind_attendus) a USING (indicateur)
GROUP BY a.famille
ORDER BY a.famille;
