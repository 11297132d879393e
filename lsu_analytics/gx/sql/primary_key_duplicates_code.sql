-- Rows whose complete primary key occurs more than once, for a key (group columns..., code) whose last
-- column is a code with few distinct values per group (acquis: discipline of a bilan; bilans_cycle_socle:
-- domain; periodes: index). Same rows as primary_key_duplicates.sql, with far fewer groups than rows:
-- each distinct code gets a number i, and rows are grouped by (hash of the group columns, i // 64). A
-- group with no duplicate has as many rows as distinct codes, counted as the bits i % 64 set in a 64-bit
-- mask; a group with more rows than bits is suspect (a duplicate, or two groups sharing a hash). Only the
-- rows of suspect groups (none, usually) are then grouped on the real key, so a hash collision never
-- counts as a duplicate; an inner join on an empty set of them ends without a second scan.
-- {key} / {group} / {code} / {complete} are the contract's quoted column names (primary_key.py); GX
-- puts the table in place of the batch placeholder.
SELECT {key}
FROM (
    SELECT {key}, count(*) AS n
    FROM {batch}
    JOIN (
        SELECT DISTINCT h
        FROM (
            SELECT hash({group}) AS h
            FROM {batch}
            JOIN (SELECT {code}, row_number() OVER (ORDER BY {code}) - 1 AS i
                  FROM (SELECT DISTINCT {code} FROM {batch} WHERE {code} IS NOT NULL)) AS codes USING ({code})
            WHERE {complete}
            GROUP BY h, i // 64
            HAVING count(*) > bit_count(bit_or(1::UBIGINT << (i % 64)::UBIGINT))
        )
    ) AS suspects ON hash({group}) = suspects.h
    WHERE {complete}
    GROUP BY {key}
    HAVING count(*) > 1
) AS duplicated, range(duplicated.n)
