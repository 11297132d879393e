-- Rows whose complete compound key occurs more than once (what ExpectCompoundColumnsToBeUnique
-- counts, rows with a NULL key part ignored), in one hash aggregate + semi-join instead of GX's
-- join of the whole table with its group counts. {key} / {complete} come from the contract's
-- quoted column names (compound_key.py); GX puts the table in place of the batch placeholder.
SELECT {key}
FROM {batch}
WHERE {complete}
  AND ({key}) IN (SELECT ({key}) FROM {batch} WHERE {complete} GROUP BY {key} HAVING count(*) > 1)
