"""Report file names stay valid whatever the base holds; the offline check reads the DOM, not the text;
a refused parameter is said in French before the reporting stack is imported."""
from __future__ import annotations

import html as htmllib
import subprocess
import sys
from datetime import date

import pytest

from lsu_analytics.reports.offline import remote_references
from lsu_analytics.reports.paths import MAX_PART, diagnostic_eleve_filename, name_part

from report_hostile_values import HOSTILE_NOM, LONG_ELEVE_ID


def test_name_part_keeps_safe_values_and_bounds_the_others():
    assert name_part("E07") == "E07" and name_part("academie") == "academie"
    long = name_part(LONG_ELEVE_ID)
    assert len(long) <= MAX_PART and long.startswith("EL0123456789")
    assert name_part(LONG_ELEVE_ID + "x") != long  # cut values stay distinct
    assert name_part(LONG_ELEVE_ID) == long  # and stable
    for hostile in ("../../etc/passwd", "a/b", "a b", "a_b", "é", "", "\x00"):
        part = name_part(hostile)
        assert part and "/" not in part and ".." not in part and len(part) <= MAX_PART
    assert name_part("a b") != name_part("a_b")


def test_long_eleve_id_renders_under_a_bounded_name(rendered):
    html_path, ipynb = rendered["diagnostic_long"]
    assert html_path.name == diagnostic_eleve_filename(LONG_ELEVE_ID, date.today())
    assert len(html_path.name.encode()) < 255 and len(ipynb.name.encode()) < 255
    assert LONG_ELEVE_ID in htmllib.unescape(html_path.read_text(encoding="utf-8"))


def test_an_honest_name_that_reads_like_a_network_reference_passes(rendered):
    page = rendered["audit_hostile"][0].read_text(encoding="utf-8")
    assert HOSTILE_NOM in htmllib.unescape(page)
    assert remote_references(page) == []


@pytest.mark.parametrize("fragment", [
    "<p>École &lt;img src=//exemple.fr/a.png&gt; @import url(//x.org/y.css)</p>",
    '<p title="src=//exemple.fr @import">texte</p>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use href="#a"/></svg>',
    '<a href="https://eduscol.education.fr/">lien</a>',
    '<img src="data:image/png;base64,AAAA">',
    "<style>/* @import commentaire */ .a { background: url(data:image/png;base64,AA) }</style>",
    "<script>var s = 'src=//x';</script>",
])
def test_offline_check_ignores_text_and_inline_resources(fragment):
    assert remote_references(f"<html><body>{fragment}</body></html>") == []


@pytest.mark.parametrize("fragment", [
    '<script src="https://cdn.example.org/plotly.js"></script>',
    '<link rel="stylesheet" href="//cdn.example.org/a.css">',
    '<img src="http://exemple.fr/a.png">',
    '<img srcset="a.png 1x, https://exemple.fr/b.png 2x">',
    '<iframe src="https://exemple.fr/"></iframe>',
    '<object data="//exemple.fr/x.svg"></object>',
    '<svg><image xlink:href="https://exemple.fr/i.png"/></svg>',
    "<style>@import 'local.css';</style>",
    "<style>body { background: url( 'https://exemple.fr/f.png' ) }</style>",
    '<div style="background-image: url(//exemple.fr/f.png)">x</div>',
    '<SCRIPT SRC="HTTPS://CDN.EXAMPLE.ORG/A.JS"></SCRIPT>',
])
def test_offline_check_refuses_a_real_external_resource(fragment):
    assert remote_references(f"<html><head></head><body>{fragment}</body></html>") != []


_PROBE = """
import sys
from typer.testing import CliRunner
from lsu_analytics.cli import app
res = CliRunner().invoke(app, sys.argv[1:])
heavy = sorted(m for m in ("papermill", "nbconvert", "pandas", "polars", "pyarrow") if m in sys.modules)
print(res.exit_code)
print(",".join(heavy))
print(res.output)
"""


@pytest.mark.parametrize("value", ["²", "1" * 5000, "2025.0", "٢٠٢٥", "deux"])
def test_a_bad_parameter_is_refused_in_french_before_the_heavy_imports(tmp_path, value):
    proc = subprocess.run([sys.executable, "-c", _PROBE, "rapport", "indicateurs", "--db", str(tmp_path / "x.duckdb"),
                           "-p", f"millesime={value}", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    code, heavy, output = proc.stdout.split("\n", 2)
    assert code == "2", proc.stdout + proc.stderr
    assert "le paramètre millesime doit être un entier écrit en chiffres 0-9" in output
    assert "invalid literal" not in output and "Exceeds" not in output and "Traceback" not in output
    assert heavy == ""  # neither papermill nor the data stack was needed to refuse
    assert not (tmp_path / "out").exists()


def test_an_unwritable_out_folder_is_said_in_french(report_db, tmp_path):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app

    blocked = tmp_path / "pas_un_dossier"
    blocked.write_text("x")
    res = CliRunner().invoke(app, ["rapport", "diagnostic_eleve", "--db", str(report_db), "-p", "eleve_id=E07",
                                   "--out", str(blocked)])
    assert res.exit_code == 1
    assert "écriture du rapport impossible" in res.output and "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
