-- Every anomaly of the perimeter (the file linked by the report), in the stable order of check's file.
SELECT rule_id, severite, uai, academie, millesime, eleve_id, classe_id, objet_id, detail
FROM anomalies_perimetre($niveau, $code, $severite_min)
ORDER BY rule_id, uai NULLS FIRST, millesime NULLS FIRST, eleve_id NULLS FIRST, classe_id NULLS FIRST,
         objet_id NULLS FIRST
