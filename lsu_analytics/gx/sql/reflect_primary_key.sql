-- Primary key columns of one table (empty: the export tables declare none, see contract/ddl.py).
SELECT constraint_column_names
FROM duckdb_constraints()
WHERE table_name = ? AND schema_name = coalesce(?, current_schema()) AND constraint_type = 'PRIMARY KEY'
