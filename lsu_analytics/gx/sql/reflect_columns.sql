-- Columns of one table, for SQLAlchemy reflection (the PostgreSQL catalog queries of
-- SQLAlchemy 2.1 use pg_collation, which DuckDB does not emulate).
SELECT column_name, data_type, is_nullable = 'YES' AS nullable, column_default
FROM information_schema.columns
WHERE table_name = ? AND table_schema = coalesce(?, current_schema())
ORDER BY ordinal_position
