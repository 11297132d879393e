-- Perimeter codes that have indicators for a year and a level.
SELECT DISTINCT code_perimetre FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau
ORDER BY code_perimetre
