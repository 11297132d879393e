-- Periodic reports written, locked and acknowledged, period by period (all niveaux).
SELECT periode, indicateur, numerateur, denominateur, valeur, coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND niveau_scolaire = 'TOUS' AND indicateur IN ('BP_SAISIS', 'BP_VERROUILLES', 'BP_VISES')
  AND periode IS NOT NULL
ORDER BY periode, indicateur
