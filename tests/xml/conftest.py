"""Fixtures of the XML tests: the official files (constants of tests/conftest.py) and a file factory."""
from __future__ import annotations

from pathlib import Path

import pytest

from lsu_xml_files import write_lsu


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


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """A generated export, loaded (read-only connection), and the import files of its three largest schools."""
    import duckdb

    from lsu_analytics.generate import generate_export
    from lsu_analytics.load import load_export
    from lsu_analytics.xml.from_tables import largest_schools, write_school_file

    folder = tmp_path_factory.mktemp("xml-genere")
    db = folder / "export.duckdb"
    load_export(generate_export(folder / "export", 2000, 1), db)
    con = duckdb.connect(str(db), read_only=True)
    files = {uai: write_school_file(con, uai, folder / f"{uai}.xml") for uai in largest_schools(con, 3)}
    yield con, files
    con.close()
