-- Periodic reports written, locked, acknowledged and opened by families, period by period (all niveaux).
SELECT periode, indicateur, numerateur, denominateur, valeur, coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND niveau_scolaire = 'TOUS' AND indicateur IN ('BP_SAISIS', 'BP_VERROUILLES', 'BP_VISES', 'BP_VERROUILLES_SAISIE',
                                                'BP_CONSULTES_FAMILLES')
  AND periode IS NOT NULL
ORDER BY periode, indicateur
