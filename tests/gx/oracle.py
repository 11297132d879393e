"""Direct DuckDB SQL counting what each GX expectation counts: the reference of the exactness tests.

Written independently of GX from the expectation's own kwargs; values are bound as parameters.
"""
from __future__ import annotations

from lsu_analytics.contract import quote


def unexpected_count(con, table: str, type_: str, kwargs: dict) -> int | None:
    """Rows breaking the expectation, as GX defines it (NULLs are ignored by column map expectations)."""
    t = quote(table)
    col = quote(kwargs["column"]) if "column" in kwargs else None
    if type_ == "expect_column_values_to_not_be_null":
        return _count(con, f"SELECT count(*) FROM {t} WHERE {col} IS NULL")
    if type_ == "expect_column_values_to_be_in_set":
        return _count(con, f"SELECT count(*) FROM {t} WHERE {col} IS NOT NULL AND NOT list_contains(?, {col})",
                      [kwargs["value_set"]])
    if type_ == "expect_column_values_to_match_regex":
        return _count(con, f"SELECT count(*) FROM {t} WHERE {col} IS NOT NULL AND NOT regexp_matches({col}, ?)",
                      [kwargs["regex"]])
    if type_ == "expect_column_values_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        return _count(con, f"SELECT count(*) FROM {t} WHERE {col} IS NOT NULL "
                           f"AND ((? IS NOT NULL AND {col} < ?) OR (? IS NOT NULL AND {col} > ?))",
                      [low, low, high, high])
    if type_ == "expect_primary_key_to_be_unique":
        cols = ", ".join(quote(c) for c in kwargs["column_list"])
        complete = " AND ".join(f"{quote(c)} IS NOT NULL" for c in kwargs["column_list"])
        # Rows whose key tuple occurs more than once; rows with a NULL key column are skipped.
        return _count(con, f"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {t} WHERE {complete} "
                           f"GROUP BY {cols} HAVING count(*) > 1)")
    if type_ == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = quote(kwargs["column_A"]), quote(kwargs["column_B"])
        op = ">=" if kwargs.get("or_equal") else ">"
        return _count(con, f"SELECT count(*) FROM {t} WHERE {a} IS NOT NULL AND {b} IS NOT NULL "
                           f"AND NOT ({a} {op} {b})")
    return None  # table-level expectations (columns, types): no row count


def column_type(con, table: str, column: str) -> str | None:
    row = con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                      [table, column]).fetchone()
    return row[0] if row else None


def column_names(con, table: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                                      [table]).fetchall()}


def row_count(con, table: str) -> int:
    return _count(con, f"SELECT count(*) FROM {quote(table)}")


def rule_count(con, rule_id: str) -> int:
    return _count(con, "SELECT count(*) FROM anomalies WHERE rule_id = ?", [rule_id])


def _count(con, sql: str, params=None) -> int:
    return int(con.execute(sql, params or []).fetchone()[0])
