-- Rows whose complete primary key occurs more than once (what GX's ExpectColumnValuesToBeUnique and
-- ExpectCompoundColumnsToBeUnique count; rows with a NULL key part ignored). The 64-bit hashes that
-- repeat are found first, by sorting the hashes (a sort stays linear in the rows where a hash table of
-- millions of keys outgrows the caches, as in the load's doublons.sql); only rows whose hash repeats are
-- then grouped on the real key, so a hash collision never counts as a duplicate. An
-- inner join on an empty set of repeated hashes (the usual case) ends without a second scan.
-- Each duplicated key comes back once per row holding it (range(n)): GX's row count is the count of
-- offending rows. {key} / {complete} are the contract's quoted column names (primary_key.py); GX
-- puts the table in place of the batch placeholder.
SELECT {key}
FROM (
    SELECT {key}, count(*) AS n
    FROM {batch}
    JOIN (SELECT DISTINCT h
          FROM (SELECT h, lag(h) OVER (ORDER BY h) AS previous
                FROM (SELECT hash({key}) AS h FROM {batch} WHERE {complete}))
          WHERE h = previous) AS repeated
      ON hash({key}) = repeated.h
    WHERE {complete}
    GROUP BY {key}
    HAVING count(*) > 1
) AS duplicated, range(duplicated.n)
