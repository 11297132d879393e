-- A report's connection (its loaded database is `main`) reads the history attached as `hist` through these
-- temporary views, so that the history's queries (vues.sql, rapport_*.sql) are the same everywhere.
CREATE OR REPLACE TEMP VIEW extractions AS SELECT * FROM hist.extractions;
CREATE OR REPLACE TEMP VIEW anomalies_cles AS SELECT * FROM hist.anomalies_cles;
CREATE OR REPLACE TEMP VIEW anomalies_presence AS SELECT * FROM hist.anomalies_presence;
CREATE OR REPLACE TEMP VIEW anomalies_suivi AS SELECT * FROM hist.anomalies_suivi;
CREATE OR REPLACE TEMP VIEW indicateurs_historique AS SELECT * FROM hist.indicateurs_historique;
