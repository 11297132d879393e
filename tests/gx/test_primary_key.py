"""The two duplicate-key queries of gx/primary_key.py count the rows of duplicated complete keys, as direct SQL."""
from __future__ import annotations

import duckdb
import pytest

import oracle
from lsu_analytics.gx.primary_key import duplicates_query


@pytest.fixture
def con():
    con = duckdb.connect()
    # 3 000 groups of 20 distinct codes spread over 3 words of 64 codes (C000, C007 ... C133), no duplicate;
    # then duplicates in the first word (G1), in the last words (G2, G3), a code three times (G4), keys with a
    # NULL part (ignored) and a new code (G7, not a duplicate).
    con.execute("CREATE TABLE t (g VARCHAR, code VARCHAR, autre INTEGER)")
    con.execute("INSERT INTO t SELECT 'G' || (i % 3000), 'C' || lpad(((i // 3000) * 7)::VARCHAR, 3, '0'), i "
                "FROM range(60000) r(i)")
    con.execute("INSERT INTO t VALUES ('G1', 'C000', 0), ('G2', 'C199', 0), ('G2', 'C199', 1), ('G3', 'C133', 0), "
                "('G4', 'C070', 0), ('G4', 'C070', 1), ('G5', NULL, 0), (NULL, 'C001', 0), (NULL, 'C001', 0), "
                "('G7', 'C150', 0)")
    yield con
    con.close()


@pytest.mark.parametrize("ends_with_code", [False, True])
def test_duplicated_rows_counted_as_direct_sql(con, ends_with_code):
    expected = oracle.unexpected_count(con, "t", "expect_primary_key_to_be_unique", {"column_list": ["g", "code"]})
    assert expected == 2 + 2 + 2 + 3
    query = duplicates_query(["g", "code"], ends_with_code).replace("{batch}", "(SELECT * FROM t WHERE true)")
    assert con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0] == expected


@pytest.mark.parametrize("ends_with_code", [False, True])
def test_no_duplicate_no_row(con, ends_with_code):
    con.execute("CREATE TABLE u AS SELECT DISTINCT g, code FROM t WHERE g IS NOT NULL AND code IS NOT NULL")
    query = duplicates_query(["g", "code"], ends_with_code).replace("{batch}", "u")
    assert con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0] == 0
