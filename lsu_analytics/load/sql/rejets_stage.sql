-- The rejected rows of the file just inserted, by rank: reason and column.
SELECT rowid AS ord, split_part(_erreur, ':', 1) AS motif, nullif(split_part(_erreur, ':', 2), '') AS colonne,
       CAST(NULL AS BIGINT) AS premier
FROM {table}
WHERE _erreur IS NOT NULL
{doublons}
ORDER BY ord
