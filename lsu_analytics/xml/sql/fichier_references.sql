-- The periods, subjects and teachers the reports of the file refer to, each with its XML id.
SELECT 'periode' AS quoi, 'P_' || nb_periodes || '_' || indice AS id, CAST(millesime AS VARCHAR) AS a,
       CAST(indice AS VARCHAR) AS b, CAST(nb_periodes AS VARCHAR) AS c
FROM (SELECT DISTINCT millesime, indice, nb_periodes FROM xml_bilans)
UNION ALL
SELECT 'discipline', 'DI_' || discipline_code, discipline_code, 'S', NULL
FROM (SELECT DISTINCT a.discipline_code FROM acquis a JOIN xml_bilans b USING (bilan_id))
UNION ALL
SELECT 'enseignant', t.personnel_id, CAST(row_number() OVER (ORDER BY t.personnel_id) AS VARCHAR),
       left(coalesce(nullif(trim(p.nom), ''), '?'), 100), left(coalesce(p.prenom, ''), 100)
FROM (SELECT DISTINCT enseignant AS personnel_id FROM xml_enseignants_classes WHERE enseignant IS NOT NULL) t
JOIN personnels p USING (personnel_id)
ORDER BY quoi, id
