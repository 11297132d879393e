"""A synthetic export full of contract violations, validated once by GX for the whole session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # synthetic.py, oracle.py

import synthetic  # noqa: E402 - found through the sys.path entry just above

from lsu_analytics.gx import validate  # noqa: E402 - kept below, with the test helpers
from lsu_analytics.rules.catalog import load_catalog  # noqa: E402 - idem


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def synthetic_run(tmp_path_factory, catalog):
    """(database, GxResult, out_dir, progress calls) of one GX run on the synthetic export, with relative paths."""
    work = tmp_path_factory.mktemp("gx")
    db = synthetic.build(work / "lsu.duckdb", catalog)
    calls = []
    here = Path.cwd()
    os.chdir(work)
    try:
        result = validate(Path("lsu.duckdb"), Path("controles"), progress=lambda *a: calls.append(a))
    finally:
        os.chdir(here)
    return db, result, work / "controles", calls
