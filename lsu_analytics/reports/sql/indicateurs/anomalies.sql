-- Anomalies counted per rule (ANOMALIES_<rule_id>), all niveaux.
SELECT substr(indicateur, length('ANOMALIES_') + 1) AS rule_id, valeur AS nombre,
       coalesce(masque, false) AS masque
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND niveau_scolaire = 'TOUS' AND indicateur LIKE 'ANOMALIES\_%' ESCAPE '\'
ORDER BY rule_id
