-- The yardstick: DuckDB reading one file into a table with no checks at all.
CREATE TABLE {table} AS SELECT * FROM {reader}
