"""A malformed file is "XML mal formé" at its line, with or without the XSD: well-formedness comes first."""
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.xml import XmlImportError, read_import
from lsu_xml_files import bilan


def _malformed(kind: str, path):
    """Damage a valid file; returns the line where a parser must stop."""
    text = path.read_text(encoding="utf-8")
    if kind == "utf8_invalide":
        raw = text.replace("EDITEUR", "EDIT\udcffEUR").encode("utf-8", "surrogateescape")
    elif kind == "entite_non_declaree":
        raw = text.replace("EDITEUR", "&xxe;").encode("utf-8")
    elif kind == "texte_20_mo":
        raw = text.replace("EDITEUR", "E" * (20 << 20)).encode("utf-8")
    elif kind == "imbrication_profonde":
        raw = text.replace("EDITEUR", "<a>" * 20_000 + "x" + "</a>" * 20_000).encode("utf-8")
    else:
        raise ValueError(kind)
    path.write_bytes(raw)
    return raw[:raw.index(b"<editeur>")].count(b"\n") + 1 if kind != "imbrication_profonde" else None


KINDS = ["utf8_invalide", "entite_non_declaree", "texte_20_mo", "imbrication_profonde"]


@pytest.mark.parametrize("kind", KINDS)
def test_malformed_is_reported_the_same_with_and_without_xsd(kind, lsu_file, xsd):
    path = lsu_file(bilans=[bilan("EL_1", "P_1")])
    line = _malformed(kind, path)
    errors = []
    for schema in (None, xsd):
        with pytest.raises(XmlImportError, match="XML mal formé") as exc:
            read_import(path, schema)
        errors.append(exc.value)
    assert errors[0].ligne == errors[1].ligne
    if line is not None:
        assert errors[1].ligne == line


@pytest.mark.parametrize("kind", ["utf8_invalide", "entite_non_declaree"])
def test_cli_says_malformed_with_exit_2_under_xsd(kind, lsu_file, xsd, tmp_path):
    path = lsu_file(bilans=[bilan("EL_1", "P_1")])
    _malformed(kind, path)
    out = tmp_path / "out.duckdb"
    res = CliRunner().invoke(app, ["import-xml", str(path), "--xsd", str(xsd), "--out", str(out)],
                             env={"COLUMNS": "250"})
    assert res.exit_code == 2, res.output
    assert "XML mal formé" in res.output and "Fichier invalide" not in res.output
    assert "donnees absent" not in res.output
    assert not out.exists()
