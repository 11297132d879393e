"""Fixtures of the XML tests: the official files (constants of tests/conftest.py) and a file factory."""
from __future__ import annotations

from pathlib import Path

import pytest

from lsu_analytics.xml.synthetic import write_lsu


def _root_conftest(config):
    # tests/conftest.py holds the paths of the official files (XSD, SAMPLE_XML): read them from there.
    return config.pluginmanager.get_plugin(str(Path(__file__).resolve().parents[1] / "conftest.py"))


@pytest.fixture(scope="session")
def xsd(pytestconfig) -> Path:
    return _root_conftest(pytestconfig).XSD


@pytest.fixture(scope="session")
def sample_xml(pytestconfig) -> Path:
    return _root_conftest(pytestconfig).SAMPLE_XML


@pytest.fixture
def lsu_file(tmp_path):
    """Factory: lsu_file(name, **write_lsu options) -> Path of a new import file."""
    def make(name: str = "import.xml", **options) -> Path:
        return write_lsu(tmp_path / name, **options)
    return make


@pytest.fixture(autouse=True)
def _no_xsd_from_environment(monkeypatch):
    # A developer's $LSU_XSD must not change what these tests mean; they set it when they need it.
    monkeypatch.delenv("LSU_XSD", raising=False)
