-- Fin du secret secondaire : les cellules ajoutées prennent le motif `secondaire` ; bilan des pertes par
-- motif sur les cellules fondées sur les élèves, et relations restées déficitaires (0 attendu).
UPDATE ind_lignes SET masque = true, motif_masque = 'secondaire'
WHERE id IN (SELECT id FROM ind_sec_masquees WHERE tour > 0);

CREATE OR REPLACE TEMP TABLE ind_sec_nb AS
SELECT rel, count(*) AS n
FROM ind_sec_membres
WHERE id IN (SELECT id FROM ind_sec_masquees)
GROUP BY rel;
