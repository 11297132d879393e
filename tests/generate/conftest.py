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


@pytest.fixture(scope="session")
def extractions4(tmp_path_factory) -> Path:
    """Four weekly extractions of the small population (generate --extractions 4)."""
    from lsu_analytics.generate.extractions import generate_extractions

    out = tmp_path_factory.mktemp("gen") / "extractions"
    generate_extractions(out, pupils=SMALL, seed=7, extractions=4, intervalle_jours=7)
    return out
