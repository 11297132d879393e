-- Tables of a history database (history.md v1), created on the first historisation.
-- extractions, anomalies_suivi and indicateurs_historique are the spec's interface; anomalies_cles and
-- anomalies_presence (one row per anomaly key x extraction where it was present) are what the statuses are
-- recomputed from after a backfill or a purge. indicateurs_historique is created from the first source's
-- `indicateurs` (historiser.py), so that its columns follow the contract.
CREATE TABLE extractions (
    date_extraction TIMESTAMP PRIMARY KEY,
    millesime_courant INTEGER NOT NULL,
    perimetre_niveau VARCHAR NOT NULL,
    perimetre_code VARCHAR NOT NULL,
    manifeste_sha256 VARCHAR NOT NULL,
    historise_le TIMESTAMP NOT NULL,
    nb_anomalies BIGINT NOT NULL
);
-- cle: cle_anomalie() of the key columns (contract/macros.sql: md5 of their JSON list, NULL equal to NULL),
-- the same `cle` as in anomalies.csv / anomalies.parquet.
CREATE TABLE anomalies_cles (
    cle VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    uai VARCHAR,
    millesime INTEGER,
    eleve_id VARCHAR,
    classe_id VARCHAR,
    objet_id VARCHAR
);
CREATE TABLE anomalies_presence (
    date_extraction TIMESTAMP NOT NULL,
    cle VARCHAR NOT NULL,
    severite VARCHAR NOT NULL,
    detail VARCHAR,
    academie VARCHAR  -- the anomaly's academy in that extraction (not in the key): columns_added.sql
);
CREATE TABLE anomalies_suivi (
    rule_id VARCHAR NOT NULL,
    uai VARCHAR,
    millesime INTEGER,
    eleve_id VARCHAR,
    classe_id VARCHAR,
    objet_id VARCHAR,
    severite VARCHAR NOT NULL,
    detail VARCHAR,
    premiere_extraction TIMESTAMP NOT NULL,
    derniere_extraction TIMESTAMP NOT NULL,
    nb_extractions INTEGER NOT NULL,
    statut VARCHAR NOT NULL,
    resolue_le TIMESTAMP,
    cle VARCHAR NOT NULL,
    academie VARCHAR  -- from the latest extraction where present, like severite and detail
);
