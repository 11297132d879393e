-- The oldest anomalies still open at the latest extraction $l, with their age in days.
SELECT s.rule_id, s.severite, s.uai, s.etablissement, s.eleve_id, s.classe_id, s.objet_id,
       a.premiere_extraction, CAST(date_diff('day', a.premiere_extraction, $l) AS INTEGER) AS age_jours,
       a.nb_extractions
FROM statuts_perimetre($niveau, $code, $severite_min) s
JOIN anomalies_suivi a USING (cle)
WHERE s.date_extraction = $l AND s.statut <> 'resolue'
ORDER BY a.premiere_extraction, rang_severite(s.severite), s.rule_id, s.uai NULLS FIRST, s.cle
LIMIT $limite
