-- Évolution: BP_SAISIS, BP_VERROUILLES, BP_VISES of the perimeter ($niveau, $code), all niveaux, per period,
-- at every extraction of the history, for year $millesime. A masked cell keeps NULL figures.
SELECT date_extraction, indicateur, periode, numerateur, denominateur, valeur, masque
FROM indicateurs_historique
WHERE niveau_perimetre = $niveau AND code_perimetre = $code AND millesime = $millesime
  AND niveau_scolaire = 'TOUS' AND periode IS NOT NULL
  AND indicateur IN ('BP_SAISIS', 'BP_VERROUILLES', 'BP_VISES')
ORDER BY date_extraction, indicateur, periode
