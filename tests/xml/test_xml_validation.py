"""Versions, XSD violations with their line, the project's own structural checks, no XSD."""
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.xml import ERREUR, XmlImportError, read_import
from lsu_xml_files import bilan
from lsu_xml_files import line_of

WIDE = {"COLUMNS": "250"}


def _errors(content, source=None):
    return [p for p in content.problems if p.severite == ERREUR and (source is None or p.source == source)]


@pytest.mark.parametrize("version", ["2.0", "3.0"])
def test_both_schema_versions_are_read_and_valid(lsu_file, xsd, version):
    path = lsu_file(version=version, bilans=[bilan("EL_1", "P_1")],
                    cycles=[dict(eleve="EL_1", cycle=3, millesime=2025, socle={"CPD_FRA": 4})])
    content = read_import(path, xsd)
    assert content.problems == []
    assert content.schema_version == version
    assert content.counts()["bilans_periodiques"] == 1 and content.counts()["bilans_cycle_socle"] == 8


@pytest.mark.parametrize("use_xsd", [True, False])
def test_unknown_schema_version_is_an_error_on_the_root_line(lsu_file, xsd, use_xsd):
    path = lsu_file(version="4.0", bilans=[bilan("EL_1", "P_1")])
    content = read_import(path, xsd if use_xsd else None)
    root_line = line_of(path, "<lsun-bilans")
    assert any(p.ligne == root_line and "schemaVersion" in p.message for p in _errors(content))
    assert not content.valid


def test_xsd_violation_is_reported_with_its_line(lsu_file, xsd):
    path = lsu_file(bilans=[bilan("EL_1", "P_1", acquis=[dict(discipline="DI_1", enseignants="ENS_1",
                                                              moyenne="12/20")])])
    text = path.read_text(encoding="utf-8")
    # An unknown attribute on the acquis and a missing mandatory acquis-conseils: two violations.
    text = text.replace('<acquis discipline-ref="DI_1"', '<acquis couleur="bleu" discipline-ref="DI_1"')
    text = text.replace("<acquis-conseils>Continuer ainsi.</acquis-conseils>", "")
    path.write_text(text, encoding="utf-8")
    content = read_import(path, xsd)
    xsd_errors = _errors(content, "XSD")
    assert {p.ligne for p in xsd_errors} >= {line_of(path, 'couleur="bleu"'), line_of(path, "<vie-scolaire")}
    assert any("couleur" in p.message for p in xsd_errors)


def test_invalid_file_exits_1_and_is_not_loaded(lsu_file, xsd, tmp_path):
    path = lsu_file(uai="038203", bilans=[bilan("EL_1", "P_1")])
    out = tmp_path / "out.duckdb"
    result = CliRunner().invoke(app, ["import-xml", str(path), "--xsd", str(xsd), "--out", str(out)], env=WIDE)
    assert result.exit_code == 1, result.output
    assert "non chargé" in result.output
    assert str(line_of(path, "<etablissement>")) in result.output
    assert not out.exists()


def test_own_checks_catch_dangling_references_with_lines(lsu_file):
    path = lsu_file(bilans=[bilan("EL_1", "P_1"),
                            bilan("EL_9", "P_7", acquis=[dict(discipline="DI_8", enseignants="ENS_1 ENS_5")])])
    content = read_import(path)  # no XSD: the project's own checks still apply
    errors = _errors(content, "structure")
    line = line_of(path, 'eleve-ref="EL_9"')
    acquis_line = line_of(path, 'discipline-ref="DI_8"')
    assert any(p.ligne == line and "EL_9" in p.message for p in errors)
    assert any(p.ligne == line and "P_7" in p.message for p in errors)
    assert any(p.ligne == acquis_line and "DI_8" in p.message for p in errors)
    assert any(p.ligne == acquis_line and "ENS_5" in p.message for p in errors)
    assert not any("EL_1" in p.message for p in errors)


def test_own_checks_catch_duplicates(lsu_file):
    path = lsu_file(eleves=(("EL_1", "6EME_1", "A", "B"), ("EL_1", "6EME_1", "C", "D")),
                    bilans=[bilan("EL_1", "P_1"), bilan("EL_1", "P_1")])
    content = read_import(path)
    messages = [p.message for p in _errors(content)]
    assert any("EL_1" in m and "déjà utilisé" in m for m in messages)
    assert any("bilan périodique (élève, période) en double" in m for m in messages)


def test_wrong_root_or_namespace_is_a_structure_error(tmp_path):
    path = tmp_path / "autre.xml"
    path.write_text('<?xml version="1.0"?>\n<lsun-bilans schemaVersion="3.0"><entete/></lsun-bilans>\n')
    content = read_import(path)
    assert any("espace de noms" in p.message and p.ligne == 2 for p in _errors(content))


def test_without_xsd_the_message_says_validation_was_skipped(lsu_file, tmp_path, monkeypatch):
    monkeypatch.delenv("LSU_XSD", raising=False)
    path = lsu_file(bilans=[bilan("EL_1", "P_1")])
    result = CliRunner().invoke(app, ["import-xml", str(path), "--out", str(tmp_path / "o.duckdb")], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Validation XSD ignorée" in result.output
    assert read_import(path).xsd is None


def test_xsd_from_environment_variable(lsu_file, xsd, tmp_path, monkeypatch):
    monkeypatch.setenv("LSU_XSD", str(xsd))
    path = lsu_file(uai="038203", bilans=[bilan("EL_1", "P_1")])
    content = read_import(path)
    assert content.xsd == xsd and _errors(content, "XSD")


def test_missing_xsd_file_is_refused(lsu_file, tmp_path):
    path = lsu_file(bilans=[bilan("EL_1", "P_1")])
    with pytest.raises(XmlImportError, match="XSD introuvable"):
        read_import(path, tmp_path / "absent.xsd")


def test_malformed_xml_is_refused_with_its_line(lsu_file, tmp_path):
    path = lsu_file(bilans=[bilan("EL_1", "P_1")])
    text = path.read_text(encoding="utf-8").replace("</liste-acquis>", "</liste-acquise>")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(XmlImportError) as exc:
        read_import(path)
    assert exc.value.ligne == line_of(path, "</liste-acquise>")
    assert "mal formé" in str(exc.value)
    result = CliRunner().invoke(app, ["import-xml", str(path), "--out", str(tmp_path / "o.duckdb")], env=WIDE)
    assert result.exit_code == 2


def test_xsd_messages_never_show_a_name(lsu_file, xsd):
    long_name = "Confidentiel" + "x" * 100
    path = lsu_file(eleves=(("EL_1", "6EME_1", long_name, "Secretprenom"),), bilans=[bilan("EL_1", "P_1")])
    content = read_import(path, xsd)
    assert any(p.source == "XSD" and "maxLength" in p.message for p in content.problems)
    assert not any("Confidentiel" in p.message for p in content.problems)


def test_unreadable_moyenne_is_a_warning_and_null(lsu_file):
    path = lsu_file(bilans=[bilan("EL_1", "P_1", acquis=[dict(discipline="DI_1", enseignants="ENS_1",
                                                              moyenne="Abs")])])
    content = read_import(path)
    assert content.valid
    assert content.tables["acquis"]["moyenne_eleve"].to_list() == [None]
    assert any("Abs" in p.message and p.ligne == line_of(path, 'moyenne-eleve="Abs"') for p in content.warnings)


def test_too_many_xsd_violations_stop_the_reading(lsu_file, xsd):
    path = lsu_file(eleves=tuple((f"EL_{i}", "6EME_1", "N", "P") for i in range(300)),
                    bilans=[bilan(f"EL_{i}", "P_1") for i in range(300)])
    path.write_text(path.read_text(encoding="utf-8").replace("<acquis ", '<acquis couleur="x" '), encoding="utf-8")
    content = read_import(path, xsd)
    assert any("plus de 200 violations" in p.message for p in content.problems)
    assert content.counts()["bilans_periodiques"] < 300 and not content.valid


def test_duplicate_keys_show_ids_but_never_labels(lsu_file, xsd):
    path = lsu_file(bilans=[bilan("EL_1", "P_1"), bilan("EL_1", "P_1")])
    text = path.read_text(encoding="utf-8").replace(
        '<responsable-etab id="RESP_1" libelle="Chef Un" />',
        '<responsable-etab id="RESP_1" libelle="Chef Un" /><responsable-etab id="RESP_2" libelle="Chef Un" />')
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in read_import(path, xsd).problems if p.source == "XSD"]
    assert any("'EL_1', 'P_1'" in m for m in messages)
    assert any("responsable-etab" in m for m in messages) and not any("Chef Un" in m for m in messages)


def test_old_xsd_rejects_newer_elements_of_the_sample_with_their_lines(sample_xml, xsd):
    old_xsd = xsd.with_name("import-bilan-complet_20190427.xsd")  # before appliVersion and compétences numériques
    content = read_import(sample_xml, old_xsd)
    lines = {p.ligne for p in _errors(content, "XSD")}
    assert line_of(sample_xml, "<appliVersion>") in lines
    assert line_of(sample_xml, "<competences-numeriques-communs>") in lines
    assert not content.valid and read_import(sample_xml, xsd).valid


def test_unknown_cycle_is_an_error(lsu_file):
    path = lsu_file(cycles=[dict(eleve="EL_1", cycle=5, millesime=2025, socle={})])
    content = read_import(path)
    assert any("cycle 5" in p.message and p.ligne == line_of(path, 'cycle="5"') for p in _errors(content))
    assert content.counts()["bilans_cycle"] == 0


def test_positionnement_is_kept_and_checked(lsu_file):
    good = lsu_file("bon.xml", bilans=[bilan("EL_1", "P_1", acquis=[dict(discipline="DI_1", enseignants="ENS_1",
                                                                        positionnement=3)])])
    assert read_import(good).tables["acquis"]["positionnement"].to_list() == ["3"]
    bad = lsu_file("mauvais.xml", bilans=[bilan("EL_1", "P_1", acquis=[dict(discipline="DI_1", enseignants="ENS_1",
                                                                           positionnement=7)])])
    assert any(p.ligne == line_of(bad, 'positionnement="7"') for p in _errors(read_import(bad)))
