-- Perimeter codes of a level, as known from the establishments of the export.
SELECT DISTINCT code FROM (
    SELECT CASE $niveau
        WHEN 'national' THEN 'FR'
        WHEN 'academie' THEN academie
        WHEN 'departement' THEN departement
        WHEN 'circonscription' THEN circonscription
        WHEN 'etablissement' THEN uai
    END AS code
    FROM etablissements
    UNION ALL SELECT 'FR' WHERE $niveau = 'national'
)
WHERE code IS NOT NULL
ORDER BY code
