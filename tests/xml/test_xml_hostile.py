"""Hostile files: refused clearly, in French, without ever reading what they point at."""
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.xml import XmlImportError, read_import
from lsu_analytics.xml.reader import NS
from lsu_xml_files import bilan

SECRET = "SECRET-7f3a9c-NE-DOIT-PAS-SORTIR"
ROOT = f'<lsun-bilans xmlns="{NS}" schemaVersion="3.0">'


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "passwd"
    path.write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n")
    return path


def _billion_laughs():
    lines = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10)]
    return "<!DOCTYPE lsun-bilans [\n" + "\n".join(lines) + "\n]>\n"


def _hostile(kind: str, secret_file, tmp_path) -> str:
    if kind == "billion_laughs":
        return _billion_laughs() + ROOT + "<entete><editeur>&lol9;</editeur></entete></lsun-bilans>\n"
    if kind == "xxe_fichier_local":
        return (f'<!DOCTYPE lsun-bilans [<!ENTITY xxe SYSTEM "file://{secret_file}">]>\n'
                + ROOT + "<entete><editeur>&xxe;</editeur></entete></lsun-bilans>\n")
    if kind == "xxe_etc_passwd":
        return ('<!DOCTYPE lsun-bilans [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                + ROOT + "<entete><editeur>&xxe;</editeur></entete></lsun-bilans>\n")
    if kind == "dtd_externe":
        dtd = tmp_path / "evil.dtd"
        dtd.write_text(f'<!ENTITY fuite SYSTEM "file://{secret_file}">\n')
        return f'<!DOCTYPE lsun-bilans SYSTEM "file://{dtd}">\n' + ROOT + "<entete><editeur>&fuite;</editeur>" \
               "</entete></lsun-bilans>\n"
    if kind == "dtd_reseau":
        return '<!DOCTYPE lsun-bilans SYSTEM "http://127.0.0.1:9/evil.dtd">\n' + ROOT + "</lsun-bilans>\n"
    if kind == "entites_parametres":
        return (f'<!DOCTYPE lsun-bilans [<!ENTITY % p SYSTEM "file://{secret_file}"> %p;]>\n'
                + ROOT + "</lsun-bilans>\n")
    raise ValueError(kind)


KINDS = ["billion_laughs", "xxe_fichier_local", "xxe_etc_passwd", "dtd_externe", "dtd_reseau",
         "entites_parametres"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("use_xsd", [False, True])
def test_hostile_file_is_refused_and_nothing_leaks(kind, use_xsd, tmp_path, secret_file, xsd):
    path = tmp_path / f"{kind}.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + _hostile(kind, secret_file, tmp_path))
    with pytest.raises(XmlImportError) as exc:
        read_import(path, xsd if use_xsd else None)
    message = str(exc.value)
    assert "DOCTYPE" in message and "refusé" in message
    assert str(path) in message and exc.value.ligne == 2
    assert SECRET not in message and "root:x:0:0" not in message


@pytest.mark.parametrize("kind", KINDS)
def test_cli_refuses_hostile_file_with_exit_2(kind, tmp_path, secret_file):
    path = tmp_path / f"{kind}.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + _hostile(kind, secret_file, tmp_path))
    out = tmp_path / "out.duckdb"
    result = CliRunner().invoke(app, ["import-xml", str(path), "--out", str(out)], env={"COLUMNS": "250"})
    assert result.exit_code == 2
    assert "Fichier refusé" in result.output
    assert SECRET not in result.output and "root:x:0:0" not in result.output
    assert not out.exists()


def test_doctype_in_utf16_is_refused_too(tmp_path, secret_file):
    # The byte scan cannot see a UTF-16 DOCTYPE: the parser's own document info is the second barrier.
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n'
            f'<!DOCTYPE lsun-bilans [<!ENTITY xxe SYSTEM "file://{secret_file}">]>\n'
            + ROOT + "<entete><editeur>&xxe;</editeur></entete></lsun-bilans>\n")
    path = tmp_path / "utf16.xml"
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(XmlImportError) as exc:
        read_import(path)
    assert "DOCTYPE" in str(exc.value) and SECRET not in str(exc.value)


def test_undeclared_entity_is_refused(lsu_file):
    path = lsu_file(bilans=[bilan("EL_1", "P_1")])
    path.write_text(path.read_text(encoding="utf-8").replace("EDITEUR", "&xxe;"), encoding="utf-8")
    with pytest.raises(XmlImportError, match="mal formé"):
        read_import(path)
