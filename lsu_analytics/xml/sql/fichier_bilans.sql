-- The periodic reports of the file with their subjects, one row per subject, a report's rows together.
-- Council and schooling dates: the end and start of the school's period (the report's lock date without one).
SELECT b.bilan_id, b.eleve_id, 'P_' || b.nb_periodes || '_' || b.indice AS periode,
       CAST(coalesce(p.date_fin, CAST(b.date_verrou AS DATE)) AS VARCHAR) AS conseil,
       CAST(coalesce(p.date_debut, CAST(b.date_verrou AS DATE)) AS VARCHAR) AS scolarite,
       strftime(b.date_verrou, '%Y-%m-%dT%H:%M:%S') AS verrou, coalesce(b.vie_scolaire_renseignee, false) AS vie,
       'DI_' || a.discipline_code AS discipline, t.enseignant,
       CAST(a.moyenne_eleve AS VARCHAR) AS moyenne, a.positionnement,
       coalesce(a.appreciation_renseignee, false) AS appreciation
FROM xml_bilans b
LEFT JOIN periodes p
       ON p.uai = b.uai AND p.millesime = b.millesime AND p.periodicite = b.periodicite AND p.indice = b.indice
JOIN acquis a USING (bilan_id)
JOIN xml_enseignants_classes t USING (classe_id)
WHERE t.enseignant IS NOT NULL
ORDER BY b.eleve_id, b.nb_periodes, b.indice, a.discipline_code
