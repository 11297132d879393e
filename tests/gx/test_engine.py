"""The exact DuckDB engine: why it exists (duckdb_engine loses GX's results) and what it adapts."""
from __future__ import annotations

import duckdb
import great_expectations as gx
import great_expectations.expectations as gxe
import pytest
import sqlalchemy as sa

from lsu_analytics.contract import TABLES, create_schema
from lsu_analytics.gx import GxError, engine, validate
from lsu_analytics.gx.contract_suites import sql_type_name

ROWS, NULLS = 5000, 500


@pytest.fixture
def db_with_nulls(tmp_path):
    path = tmp_path / "nulls.duckdb"
    con = duckdb.connect(str(path))
    create_schema(con)
    con.execute("INSERT INTO eleves (eleve_id) SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE 'E' || i END "
                "FROM range(?) AS r(i)", [ROWS])
    con.close()
    return path


def _not_null_result(connection_string: str, kwargs: dict):
    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_sql(name="s", connection_string=connection_string, kwargs=kwargs)
    batch = source.add_table_asset(name="eleves", table_name="eleves").add_batch_definition_whole_table("b")
    try:
        result = batch.get_batch().validate(gxe.ExpectColumnValuesToNotBeNull(column="eleve_id"))
    finally:
        source.get_engine().dispose()
        source.get_execution_engine().engine.dispose()
    return result.result


def test_stock_duckdb_engine_loses_gx_results(db_with_nulls):
    # duckdb_engine issue 1087 / GX issue 10738: cursors share one result per connection, and GX
    # reads a result after its connection went back to the pool. The count is lost.
    for _ in range(3):
        result = _not_null_result(f"duckdb:///{db_with_nulls}", {})
        assert result.get("unexpected_count") != NULLS


def test_exact_engine_keeps_gx_results(db_with_nulls):
    for _ in range(3):
        result = _not_null_result(engine.connection_string(db_with_nulls), engine.engine_kwargs(db_with_nulls))
        assert (result["unexpected_count"], result["element_count"]) == (NULLS, ROWS)


def test_cursors_keep_their_own_result(db_with_nulls):
    eng = sa.create_engine(engine.connection_string(db_with_nulls), **engine.engine_kwargs(db_with_nulls))
    raw = eng.raw_connection()
    try:
        first, second = raw.cursor(), raw.cursor()
        first.execute("SELECT count(*) FROM eleves")
        second.execute("SELECT count(*) FROM eleves WHERE eleve_id IS NULL")
        raw.cursor().execute("SELECT 42")  # the next query on the same connection
        assert first.fetchall() == [(ROWS,)] and second.fetchall() == [(NULLS,)]
    finally:
        raw.close()
        eng.dispose()


def test_reflection_gives_the_contract_types(db_with_nulls):
    eng = sa.create_engine(engine.connection_string(db_with_nulls), **engine.engine_kwargs(db_with_nulls))
    try:
        assert eng.dialect.name == "duckdb"
        inspector = sa.inspect(eng)
        for name, table in TABLES.items():
            columns = inspector.get_columns(name)
            assert [c["name"] for c in columns] == list(table.column_names)
            assert [type(c["type"]).__name__ for c in columns] == [sql_type_name(c) for c in table.columns]
    finally:
        eng.dispose()


def test_database_is_opened_read_only(db_with_nulls):
    eng = sa.create_engine(engine.connection_string(db_with_nulls), **engine.engine_kwargs(db_with_nulls))
    try:
        with eng.connect() as con, pytest.raises(sa.exc.DBAPIError, match="read-only"):
            con.exec_driver_sql("DELETE FROM eleves")
    finally:
        eng.dispose()
    con = duckdb.connect(str(db_with_nulls))  # released: the file opens again read-write
    assert con.execute("SELECT count(*) FROM eleves").fetchone()[0] == ROWS
    con.close()


def test_validate_explains_a_database_held_open_for_writing(db_with_nulls, tmp_path):
    con = duckdb.connect(str(db_with_nulls))  # read-write, in this process
    try:
        with pytest.raises(GxError, match="fermer la connexion en écriture"):
            validate(db_with_nulls, tmp_path / "out", rules=[])
    finally:
        con.close()


def test_validate_names_a_missing_database(tmp_path):
    with pytest.raises(GxError, match="introuvable.*lsu-analytics load"):
        validate(tmp_path / "absente.duckdb", tmp_path / "out", rules=[])
