-- `nouveaux_rejets` (Arrow, one row per rejected row) + `gabarits` (the French sentence of each
-- reason and column; `%PREMIER%` stands for the line of the row kept when a key repeats).
INSERT INTO rejets (chargement_id, fichier, ligne, colonne, motif, detail, ligne_brute)
SELECT getvariable('chargement_id'), getvariable('fichier'), r.ligne, r.colonne, r.motif,
       replace(g.detail, '%PREMIER%', coalesce(CAST(r.premiere_ligne AS VARCHAR), '?')), r.ligne_brute
FROM nouveaux_rejets AS r
LEFT JOIN gabarits AS g ON g.motif = r.motif AND g.colonne IS NOT DISTINCT FROM r.colonne
ORDER BY r.ligne
