read_parquet(?)
