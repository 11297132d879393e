-- Cumuls bloc après bloc (effectifs.sql, classes_vues.sql, stats_classes.sql), vides au départ.
CREATE OR REPLACE TABLE g_effectif (uai VARCHAR, y BIGINT, lvl BIGINT, degre VARCHAR, eff BIGINT);
CREATE OR REPLACE TABLE g_classe_vue (
    classe_id VARCHAR, uai VARCHAR, y BIGINT, lvl BIGINT, niveau VARCHAR, degre VARCHAR, div BIGINT
);
CREATE OR REPLACE TABLE g_stat_classe (
    classe_id VARCHAR, premier_bilan TIMESTAMP, premier_verrou TIMESTAMP, non_verrouille_echu BOOLEAN
);
