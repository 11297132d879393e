-- The export currently in the database.
SELECT millesime_courant,
       strftime(date_extraction, '%Y-%m-%dT%H:%M:%S') AS date_extraction,
       perimetre_niveau,
       perimetre_code,
       chargement_id
FROM manifeste
LIMIT 1
