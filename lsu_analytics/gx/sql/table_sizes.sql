-- Rows per table of the main schema (run.py: no example values for the largest tables).
SELECT table_name, estimated_size
FROM duckdb_tables()
WHERE schema_name = 'main'
