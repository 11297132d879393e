-- Codes of the perimeters of one level (parameter 1) that the loaded export's establishments cover
-- (the national perimeter FR always exists), as the reports module checks them.
SELECT DISTINCT code
FROM (
    SELECT 'national' AS niveau, 'FR' AS code
    UNION ALL SELECT 'academie', academie FROM etablissements
    UNION ALL SELECT 'departement', departement FROM etablissements
    UNION ALL SELECT 'circonscription', circonscription FROM etablissements
    UNION ALL SELECT 'etablissement', uai FROM etablissements
)
WHERE niveau = ? AND code IS NOT NULL
ORDER BY code
