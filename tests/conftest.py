"""Shared fixtures: a tiny in-memory LSU database built row by row in a test."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

# The Spark tests need pyspark: loaded before any test imports lsu_analytics.gx, which hides it from GX when
# the process does not already use it (gx/__init__.py).
try:
    import pyspark  # noqa: F401 - imported for its side effect on lsu_analytics.gx
except ImportError:
    pyspark = None

from lsu_analytics.contract import SYSTEM_TABLES, TABLES, create_schema, quote

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LSU = SHARED / "lsu"
XSD = LSU / "xsd" / "import-bilan-complet.xsd"
SAMPLE_XML = LSU / "samples" / "sample-bilan-complet.xml"


class TinyDb:
    """A DuckDB database with the contract's schema, filled by tests with `add`."""

    def __init__(self, path: Path):
        self.path = path
        self.con = duckdb.connect(str(path))
        create_schema(self.con)

    def add(self, table: str, **values) -> dict:
        t = TABLES.get(table) or SYSTEM_TABLES[table]
        unknown = set(values) - set(t.column_names)
        assert not unknown, f"colonnes inconnues pour {table}: {unknown}"
        cols = list(values)
        self.con.execute(
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [values[c] for c in cols],
        )
        return values

    def manifeste(self, millesime_courant: int = 2025, date_extraction: str = "2026-03-15 02:00:00",
                  niveau: str = "academie", code: str = "08") -> None:
        self.con.execute("DELETE FROM manifeste")
        self.add("manifeste", contrat=1, millesime_courant=millesime_courant, date_extraction=date_extraction,
                 perimetre_niveau=niveau, perimetre_code=code, encodage="utf-8", format_date="iso",
                 separateur_decimal=".", chargement_id="test")

    def rows(self, sql: str, params=None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def close(self) -> None:
        self.con.close()


@pytest.fixture
def tiny_db(tmp_path):
    db = TinyDb(tmp_path / "lsu.duckdb")
    db.manifeste()
    yield db
    db.close()


def _prepared_export(work: Path, pupils: int, seed: int) -> Path:
    """A generated export, loaded, checked with every rule, indicators computed: `<work>/lsu.duckdb`."""
    from lsu_analytics.generate import generate_export
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.rules import run_rules

    db = work / "lsu.duckdb"
    load_export(generate_export(work / "export", pupils, seed), db)
    with duckdb.connect(str(db)) as con:
        run_rules(con)
        compute_indicateurs(con)
    return db


@pytest.fixture(scope="session")
def prepared_export():
    """`prepared_export(work, pupils, seed)`: for fixtures of any scope that need a real checked export."""
    return _prepared_export
