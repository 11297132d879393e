-- Parquet has no text line: rebuild one, `;`-separated, for the rejected ranks only.
SELECT file_row_number AS ord, concat_ws(';', {valeurs}) AS ligne_brute
FROM read_parquet(?, file_row_number = true)
WHERE file_row_number IN (SELECT ord FROM rangs_rejetes)
ORDER BY ord
