-- Rules run on the checked database: every `check` since its load (a load replaces the database) is a row of
-- `controles` with its rule ids, comma-separated.
SELECT DISTINCT trim(unnest(string_split(regles, ','))) AS rule_id
FROM src.controles
WHERE regles IS NOT NULL
