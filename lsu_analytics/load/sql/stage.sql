-- One pass over the file, straight into its table: typed values, plus `_erreur`, the first reason to
-- reject the row ("MOTIF:colonne", NULL when valid). The table starts empty and insertion order is
-- kept, so rowid = the row's rank in the file. Rejected rows are deleted afterwards.
INSERT INTO {table} ({columns}, _erreur)
SELECT {typed}, {erreur}
FROM (
    SELECT {casts}
    FROM {reader}
) AS lu
