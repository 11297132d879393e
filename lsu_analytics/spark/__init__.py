"""The business rules on Spark: the same rule files, translated by sqlglot (transpile.py), run by job.py."""
