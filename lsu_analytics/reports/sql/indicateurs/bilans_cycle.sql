-- End-of-cycle reports written and locked, per niveau scolaire.
SELECT niveau_scolaire, indicateur, numerateur, denominateur, valeur, coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND indicateur IN ('BFC_SAISIS', 'BFC_VERROUILLES')
  AND (niveau_scolaire IN ('CE2', '6E', '3E', 'TOUS'))
ORDER BY niveau_scolaire, indicateur
