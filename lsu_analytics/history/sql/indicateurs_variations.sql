-- Indicators of perimeter ($3 level, $4 code) between extraction $2 (before) and $1 (after), the largest moves
-- first ($5 rows at most). Rates only (a denominator on both sides: variations in points are comparable; counts
-- such as EFFECTIF are not). Masked cells on either side are left out: a masked figure never becomes a variation.
SELECT b.indicateur, b.niveau_scolaire, b.periode, b.millesime,
       a.valeur AS valeur_avant, b.valeur AS valeur_apres, b.valeur - a.valeur AS variation
FROM indicateurs_historique b
JOIN indicateurs_historique a
  ON a.date_extraction = $2
 AND a.niveau_perimetre = b.niveau_perimetre AND a.code_perimetre = b.code_perimetre
 AND a.indicateur = b.indicateur AND a.millesime = b.millesime
 AND a.niveau_scolaire IS NOT DISTINCT FROM b.niveau_scolaire AND a.periode IS NOT DISTINCT FROM b.periode
WHERE b.date_extraction = $1 AND b.niveau_perimetre = $3 AND b.code_perimetre = $4
  AND NOT b.masque AND NOT a.masque AND b.valeur IS NOT NULL AND a.valeur IS NOT NULL
  AND b.denominateur IS NOT NULL AND a.denominateur IS NOT NULL AND b.valeur <> a.valeur
ORDER BY abs(b.valeur - a.valeur) DESC, b.indicateur, b.niveau_scolaire NULLS FIRST, b.periode NULLS FIRST
LIMIT $5
