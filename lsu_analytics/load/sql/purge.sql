-- Rejected rows leave the table (they are in `rejets` now), then the work column goes.
DELETE FROM {table} WHERE _erreur IS NOT NULL {ou_doublons};
ALTER TABLE {table} DROP COLUMN _erreur;
