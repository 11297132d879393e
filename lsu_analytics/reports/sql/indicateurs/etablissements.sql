-- Online service and class settings (all niveaux).
SELECT indicateur, numerateur, denominateur, valeur, coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND niveau_scolaire = 'TOUS'
  AND indicateur IN ('SEL_OUVERT', 'PERIODES_PARAMETREES', 'CLASSES_IMPORT')
ORDER BY indicateur
