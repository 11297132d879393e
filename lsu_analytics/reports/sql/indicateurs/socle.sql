-- Mastery of the socle: share of locked end-of-cycle reports at each positionnement, per domain.
SELECT niveau_scolaire,
       regexp_extract(indicateur, '^SOCLE_(.+)_([1-4])$', 1) AS domaine,
       CAST(regexp_extract(indicateur, '^SOCLE_(.+)_([1-4])$', 2) AS INTEGER) AS positionnement,
       numerateur, denominateur, valeur, coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND regexp_matches(indicateur, '^SOCLE_.+_[1-4]$')
  AND niveau_scolaire IN ('CE2', '6E', '3E', 'TOUS')
ORDER BY niveau_scolaire, domaine, positionnement
