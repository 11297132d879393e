-- Codes of the perimeters of one level (parameter 1) that the loaded export covers.
SELECT DISTINCT code
FROM (
    SELECT 'national' AS niveau, 'FR' AS code FROM etablissements
    UNION ALL SELECT 'academie', academie FROM etablissements
    UNION ALL SELECT 'departement', departement FROM etablissements
    UNION ALL SELECT 'circonscription', circonscription FROM etablissements WHERE degre = '1D'
    UNION ALL SELECT 'etablissement', uai FROM etablissements
)
WHERE niveau = ? AND code IS NOT NULL
ORDER BY code
