-- Functions the contract defines (export-contract.md), shared by the rules and the indicators.
-- annee_scolaire(d): the school year of a date, 1 September boundary (2025 = 2025-2026).
CREATE OR REPLACE TEMP MACRO annee_scolaire(d) AS
    year(d) - CASE WHEN month(d) < 9 THEN 1 ELSE 0 END;
-- cle_anomalie(...): the identity of an anomaly (history.md): its key columns, NULL equal to NULL, as the
-- md5 (32 hex characters) of their JSON list, which keeps NULL apart from the text 'null' and never merges
-- two columns. The history, the CSV and the Parquet all use this one definition.
CREATE OR REPLACE TEMP MACRO cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) AS
    md5(CAST(to_json(list_value(CAST(rule_id AS VARCHAR), CAST(uai AS VARCHAR), CAST(millesime AS VARCHAR),
                                CAST(eleve_id AS VARCHAR), CAST(classe_id AS VARCHAR), CAST(objet_id AS VARCHAR)))
             AS VARCHAR));
