-- The identity of an anomaly (history.md): its key columns, NULL equal to NULL, as one 128-bit number.
-- The JSON list keeps NULL apart from the text 'null' and never merges two columns.
CREATE OR REPLACE TEMP MACRO cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) AS
    md5_number(CAST(to_json(list_value(rule_id, uai, CAST(millesime AS VARCHAR), eleve_id, classe_id, objet_id))
                    AS VARCHAR));
