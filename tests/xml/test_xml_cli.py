"""`lsu-analytics import-xml`: load, summary in French, default output, several files."""
import re
import shutil

import duckdb
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_xml_files import bilan

WIDE = {"COLUMNS": "250"}


def _count(db, table):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


def test_sample_is_loaded_in_the_current_folder_by_default(tmp_path, sample_xml, xsd, monkeypatch):
    inbox, here = tmp_path / "depot", tmp_path / "ici"
    inbox.mkdir()
    here.mkdir()
    copy = inbox / "sample-bilan-complet.xml"
    shutil.copy(sample_xml, copy)
    inbox.chmod(0o555)  # a read-only or shared folder of received files: nothing is written there
    monkeypatch.chdir(here)
    try:
        result = CliRunner().invoke(app, ["import-xml", str(copy), "--xsd", str(xsd)], env=WIDE)
    finally:
        inbox.chmod(0o755)
    assert result.exit_code == 0, result.output
    db = here / "sample-bilan-complet.duckdb"
    assert db.exists() and sorted(p.name for p in inbox.iterdir()) == ["sample-bilan-complet.xml"]
    assert f"Base écrite : {db}" in result.output.replace("\n", "")
    assert "Tables écrites dans" in result.output and "Validation contre le XSD" in result.output
    assert {t: _count(db, t) for t in ("eleves", "periodes", "bilans_periodiques", "bilans_cycle", "personnels")} \
        == {"eleves": 3, "periodes": 3, "bilans_periodiques": 5, "bilans_cycle": 3, "personnels": 12}
    assert "Grenelle" not in result.output  # a pupil's name never reaches the screen


def test_several_files_of_one_school_share_the_base(lsu_file, tmp_path):
    first = lsu_file("a.xml", bilans=[bilan("EL_1", "P_1")])
    second = lsu_file("b.xml", eleves=(("EL_2", "6EME_1", "N", "P"),), bilans=[bilan("EL_2", "P_1")])
    out = tmp_path / "ecole.duckdb"
    result = CliRunner().invoke(app, ["import-xml", str(first), str(second), "--out", str(out)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert _count(out, "bilans_periodiques") == 2 and _count(out, "eleves") == 2
    assert _count(out, "etablissements") == 1 and _count(out, "periodes") == 1 and _count(out, "classes") == 1


def test_exit_code_is_the_worst_file(lsu_file, tmp_path):
    good = lsu_file("bon.xml", bilans=[bilan("EL_1", "P_1")])
    invalid = lsu_file("invalide.xml", bilans=[bilan("EL_9", "P_1")])
    out = tmp_path / "o.duckdb"
    result = CliRunner().invoke(app, ["import-xml", str(good), str(invalid), "--out", str(out)], env=WIDE)
    assert result.exit_code == 1
    assert _count(out, "bilans_periodiques") == 1  # the valid file is loaded, the invalid one is not


def test_bench_import_xml_measures_files_derived_from_a_generated_export(tmp_path):
    result = CliRunner().invoke(app, ["bench", "import-xml", "--pupils", "300", "--etablissements", "2",
                                      "--dossier", str(tmp_path)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert re.search(r"Fichiers \(établissements\)\s+│\s+2 ", result.output)
    bilans, acquis = map(int, re.search(r"(\d+) / (\d+)", result.output).groups())
    assert 0 < bilans < acquis and "bilans/s" in result.output
    assert list(tmp_path.iterdir()) == []  # the generated file and base are removed
