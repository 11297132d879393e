-- The pupil's establishments of year C with their degree and whether the online service is open (SEL-01).
SELECT DISTINCT i.uai, e.nom AS etablissement, e.degre, e.service_en_ligne_ouvert
FROM inscriptions i
LEFT JOIN etablissements e ON e.uai = i.uai
WHERE i.eleve_id = $eleve_id AND i.millesime = (SELECT millesime_courant FROM manifeste LIMIT 1)
ORDER BY i.uai
