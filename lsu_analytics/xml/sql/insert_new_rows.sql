-- Rows of `staged` whose key is not in {table} yet: a second file of the same school repeats
-- its establishment, classes and teachers; the first row loaded is kept.
INSERT INTO {table} ({columns})
SELECT {columns}
FROM staged AS s
WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {key_match})
