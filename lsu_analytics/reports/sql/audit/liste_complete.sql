-- Keys of every anomaly of the perimeter (the rows of the ticket list linked by the report).
SELECT a.cle
FROM anomalies a
LEFT JOIN etablissements e ON e.uai = a.uai
WHERE rang_severite(a.severite) <= rang_severite($severite_min)
  AND dans_perimetre($niveau, $code, coalesce(a.academie, e.academie), e.departement, e.circonscription, a.uai)
