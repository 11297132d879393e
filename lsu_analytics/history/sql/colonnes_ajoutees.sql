-- Columns added to history.md's tables after a history may have been created (never a changed one): a history
-- written by an earlier version gains them at its next historisation or purge, NULL for its past extractions.
ALTER TABLE anomalies_presence ADD COLUMN IF NOT EXISTS academie VARCHAR;
ALTER TABLE anomalies_suivi ADD COLUMN IF NOT EXISTS academie VARCHAR;
