-- The academy with the most pupils in year C (the bench renders its report).
SELECT code_perimetre FROM indicateurs
WHERE niveau_perimetre = 'academie' AND indicateur = 'EFFECTIF' AND niveau_scolaire = 'TOUS'
  AND millesime = (SELECT millesime_courant FROM manifeste LIMIT 1)
ORDER BY valeur DESC NULLS LAST, code_perimetre
LIMIT 1
