-- `bench historique`: extraction k of K derived from one checked database `base` (documented in docs/choix.md):
--   date_extraction = the base's minus 7 × (K-1-k) days (the last one is the base's own);
--   anomalies: a key is present iff (hash(key) + k) % 10 < 8: a fifth absent each week, on a rotating window,
--     so that anomalies are fixed, come back and persist;
--   indicators: rates scaled by (k+1)/K (the campaign progressing), masked cells and counts unchanged;
--   manifest sha256: one per k (a different export each week).
-- $1 = k, $2 = K. Writes the tables historiser reads into the current database.
CREATE TABLE manifeste AS
SELECT * REPLACE (date_extraction - to_days(CAST(7 * ($2 - 1 - $1) AS INTEGER)) AS date_extraction)
FROM base.manifeste;
CREATE TABLE chargements AS
SELECT * REPLACE (sha256(manifeste_sha256 || '-' || $1) AS manifeste_sha256) FROM base.chargements
WHERE chargement_id = (SELECT chargement_id FROM base.manifeste);
CREATE TABLE controles AS SELECT * FROM base.controles;
CREATE TABLE anomalies AS
SELECT * FROM base.anomalies
WHERE (hash(rule_id, uai, millesime, eleve_id, classe_id, objet_id) + $1) % 10 < 8;
CREATE TABLE indicateurs AS
SELECT * REPLACE (
    CASE WHEN masque OR denominateur IS NULL THEN numerateur
         ELSE CAST(round(numerateur * ($1 + 1) / $2) AS INTEGER) END AS numerateur,
    CASE WHEN masque OR denominateur IS NULL OR denominateur = 0 THEN valeur
         ELSE round(numerateur * ($1 + 1) / $2) / denominateur END AS valeur)
FROM base.indicateurs
