-- Periodic reports written / expected, per niveau scolaire and period.
SELECT niveau_scolaire, periode, numerateur, denominateur, valeur, coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND indicateur = 'BP_SAISIS' AND periode IS NOT NULL
ORDER BY niveau_scolaire, periode
