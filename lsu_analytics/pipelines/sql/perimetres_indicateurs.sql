-- Codes of the perimeters of one level (parameter 1) that have indicators for the export's year:
-- those with at least one enrolled pupil (indicators.md).
SELECT DISTINCT code_perimetre
FROM indicateurs
WHERE niveau_perimetre = ?
  AND millesime = (SELECT millesime_courant FROM manifeste)
ORDER BY code_perimetre
