-- A readable name for a perimeter (establishment name, or the level and code).
SELECT CASE $niveau
    WHEN 'national' THEN 'France entière'
    WHEN 'academie' THEN 'Académie ' || $code
    WHEN 'departement' THEN 'Département ' || $code
    WHEN 'circonscription' THEN 'Circonscription ' || $code
    WHEN 'etablissement' THEN coalesce((SELECT nom FROM etablissements WHERE uai = $code LIMIT 1), 'Établissement')
                              || ' (' || $code || ')'
END
