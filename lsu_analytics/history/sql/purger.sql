-- The history without the extractions before $1, written into a fresh database `neuf` (purge.py replaces
-- the file with it): the removed rows (pupils' eleve_id in keys and details, indicators) are not left in free
-- blocks of the file. Keys with no presence left go; anomalies_suivi is recomputed afterwards.
INSERT INTO neuf.extractions BY NAME SELECT * FROM hist.extractions WHERE date_extraction >= $1;
INSERT INTO neuf.anomalies_presence BY NAME SELECT * FROM hist.anomalies_presence WHERE date_extraction >= $1
    ORDER BY date_extraction, cle;
INSERT INTO neuf.indicateurs_historique BY NAME SELECT * FROM hist.indicateurs_historique WHERE date_extraction >= $1;
INSERT INTO neuf.anomalies_cles BY NAME
SELECT * FROM hist.anomalies_cles k
WHERE k.cle IN (SELECT cle FROM hist.anomalies_presence WHERE date_extraction >= $1)
ORDER BY k.cle
