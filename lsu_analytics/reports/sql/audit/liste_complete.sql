-- Every anomaly of the perimeter (the file linked by the report), every column of `anomalies`, in the stable
-- order of check's file.
SELECT a.*
FROM anomalies a
LEFT JOIN etablissements e ON e.uai = a.uai
WHERE rang_severite(a.severite) <= rang_severite($severite_min)
  AND dans_perimetre($niveau, $code, coalesce(a.academie, e.academie), e.departement, e.circonscription, a.uai)
ORDER BY a.rule_id, a.uai NULLS FIRST, a.millesime NULLS FIRST, a.eleve_id NULLS FIRST, a.classe_id NULLS FIRST,
         a.objet_id NULLS FIRST
