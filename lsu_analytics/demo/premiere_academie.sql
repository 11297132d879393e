-- The academy with the most enrolled pupils in year C (ties: smallest code).
SELECT e.academie
FROM inscriptions i
JOIN etablissements e USING (uai)
WHERE i.millesime = (SELECT millesime_courant FROM manifeste)
GROUP BY e.academie
ORDER BY count(DISTINCT i.eleve_id) DESC, e.academie
LIMIT 1
