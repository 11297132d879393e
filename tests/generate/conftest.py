"""Fixtures for the generator's tests: one small export shared by the session."""
from __future__ import annotations

from pathlib import Path

import pytest

from gen_helpers import SMALL, load_export
from lsu_analytics.generate import generate_export


@pytest.fixture(scope="session")
def small_export(tmp_path_factory) -> Path:
    return generate_export(tmp_path_factory.mktemp("gen") / "export", pupils=SMALL, seed=7)


@pytest.fixture(scope="session")
def small_db(small_export):
    con = load_export(small_export)
    yield con
    con.close()
