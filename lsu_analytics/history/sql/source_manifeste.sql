-- The extraction in the checked database: its manifest, and the sha256 its load recorded.
SELECT m.date_extraction, m.millesime_courant, m.perimetre_niveau, m.perimetre_code,
       c.manifeste_sha256, c.manifeste
FROM src.manifeste m
LEFT JOIN src.chargements c USING (chargement_id)
