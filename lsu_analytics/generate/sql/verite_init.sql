-- Vérité terrain : anomalies attendues (une ligne par entité, comme docs/anomalies.md)
-- et lignes supplémentaires que le chargeur doit rejeter.
CREATE OR REPLACE TABLE verite (
    rule_id VARCHAR, uai VARCHAR, academie VARCHAR, millesime INTEGER,
    eleve_id VARCHAR, classe_id VARCHAR, objet_id VARCHAR
);
CREATE OR REPLACE TABLE g_extra (
    tbl VARCHAR, ordre INTEGER, colonne VARCHAR, motif VARCHAR,
    csv_seulement BOOLEAN,  -- une valeur illisible n'existe pas dans un Parquet typé
    vals MAP(VARCHAR, VARCHAR)
);
