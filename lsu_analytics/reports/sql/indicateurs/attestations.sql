-- Attestations held by the pupils of the niveau each one concerns (indicators.md).
WITH types(type, niveau_scolaire, ordre) AS (
    VALUES ('AER', 'CM2', 1), ('ASNS', '6E', 2), ('ASSR1', '5E', 3), ('ASSR2', '3E', 4),
           ('PSC1', '3E', 5), ('PIX', '3E', 6)
)
SELECT t.type, t.niveau_scolaire, i.numerateur, i.denominateur, i.valeur, coalesce(i.masque, false) AS masque
FROM types t
JOIN indicateurs i
  ON i.millesime = $millesime AND i.niveau_perimetre = $niveau AND i.code_perimetre = $code
 AND i.indicateur = 'ATT_' || t.type AND i.niveau_scolaire = t.niveau_scolaire
ORDER BY t.ordre
