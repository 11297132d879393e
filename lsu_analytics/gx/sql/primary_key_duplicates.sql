-- Rows whose complete compound key occurs more than once (what ExpectCompoundColumnsToBeUnique
-- counts, rows with a NULL key part ignored), from one aggregate: each duplicated key comes back
-- once per row holding it (range(n)), so GX's row count is the count of offending rows, without
-- GX's join of the whole table with its group counts. {key} / {complete} are the contract's quoted
-- column names (compound_key.py); GX puts the table in place of the batch placeholder.
SELECT {key}
FROM (SELECT {key}, count(*) AS n FROM {batch} WHERE {complete} GROUP BY {key} HAVING count(*) > 1) AS duplicated,
     range(duplicated.n)
