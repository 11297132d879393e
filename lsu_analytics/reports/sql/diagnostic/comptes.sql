-- The pupil's family accounts on the online service, and whether each is active at X.
WITH x AS (SELECT date_extraction AS x FROM manifeste LIMIT 1)
SELECT c.compte_id, c.date_activation, c.date_desactivation,
       coalesce(c.date_activation <= x.x AND (c.date_desactivation IS NULL OR c.date_desactivation > x.x), false)
           AS actif
FROM comptes_responsables c, x
WHERE c.eleve_id = $eleve_id
ORDER BY c.date_activation, c.compte_id
