"""The indicateurs report opened in headless Chromium with the network cut off: the charts are drawn."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib

import numpy as np
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium absent (apt-get install chromium)")
# Vega's default palette (tableau10), used by the chart of periodic reports: blue, orange, red.
BAR_COLOURS = [(76, 120, 168), (245, 133, 24), (228, 87, 86)]


def _chromium(page, profile, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", f"--user-data-dir={profile}",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", *args, page.as_uri()],
        capture_output=True, text=True, timeout=120)


def _read_png(path) -> np.ndarray:
    """RGB pixels of an 8-bit RGB/RGBA PNG (stdlib zlib + numpy; no imaging library needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat.append(chunk)
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(height, 1 + width * bpp)
    out = np.zeros((height, width * bpp), dtype=np.uint8)
    prev = np.zeros(width * bpp, dtype=np.int64)
    for y in range(height):  # PNG filters are defined row by row
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int64)
        if kind == 0:
            cur = line
        elif kind == 1:
            cur = np.cumsum(line.reshape(width, bpp), axis=0).reshape(-1) % 256
        elif kind == 2:
            cur = (line + prev) % 256
        else:  # average / Paeth: sequential along the row
            cur, up = line.tolist(), prev.tolist()
            for x in range(width * bpp):
                a = cur[x - bpp] if x >= bpp else 0
                if kind == 3:
                    cur[x] = (cur[x] + ((a + up[x]) >> 1)) & 255
                else:
                    c = up[x - bpp] if x >= bpp else 0
                    p = a + up[x] - c
                    pa, pb, pc = abs(p - a), abs(p - up[x]), abs(p - c)
                    cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else up[x] if pb <= pc else c)) & 255
            cur = np.array(cur, dtype=np.int64)
        out[y] = cur
        prev = cur
    return out.reshape(height, width, bpp)[:, :, :3]


def test_indicateurs_report_draws_its_charts_offline(rendered, tmp_path):
    page = tmp_path / "rapport.html"
    shutil.copy(rendered["indicateurs"][0], page)

    dom = _chromium(page, tmp_path / "profil-dom", "--dump-dom").stdout
    svgs = re.findall(r"<svg.*?</svg>", dom, re.S)
    assert len(svgs) >= 3
    bars = [s for s in svgs if re.search(r'class="mark-rect[^"]*".*?<path[^>]*d="M', s, re.S)]
    assert len(bars) >= 3, "bar charts drawn as SVG paths"

    shot = tmp_path / "rapport.png"
    _chromium(page, tmp_path / "profil-capture", "--window-size=1200,1400", "--hide-scrollbars",
              f"--screenshot={shot}")
    assert shot.is_file()
    pixels = _read_png(shot).astype(np.int64)
    assert (pixels.min(axis=2) < 200).mean() > 0.02, "the page is not blank"
    for colour in BAR_COLOURS:
        close = (np.abs(pixels - np.array(colour)).max(axis=2) <= 8).sum()
        assert close > 200, f"bars of colour {colour} are painted ({close} pixels)"


ENGLISH_ARIA = ("axis titled", "Bar chart", "Symbol legend", "for a discrete scale", "for a linear scale")
# Run in the page by Chromium: which tables are wider than the page's text column (a cut-off column).
FIT_SCRIPT = """<script>
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('table.lsu').forEach(function (t, i) {
    var box = document.querySelector('main.rapport');
    var limit = box.getBoundingClientRect().right + 1;
    var right = t.getBoundingClientRect().right;
    if (t.scrollWidth > t.getBoundingClientRect().width + 1 || right > limit) { out.push(i + ':' + Math.round(right)); }
  });
  document.body.setAttribute('data-debordements', out.join(',') || 'aucun');
  document.body.setAttribute('data-tables', String(document.querySelectorAll('table.lsu').length));
});
</script>"""


@pytest.mark.parametrize("key", ["indicateurs", "audit", "diagnostic"])
def test_accessible_charts_and_tables(rendered, tmp_path, key):
    page = tmp_path / "rapport.html"
    shutil.copy(rendered[key][0], page)
    dom = _chromium(page, tmp_path / "profil", "--dump-dom").stdout
    assert "<table" in dom
    for th in re.findall(r"<th\b[^>]*>", dom):
        assert 'scope="col"' in th or 'scope="row"' in th, th
    figures = re.findall(r'<figure class="graphique">(.*?)</figure>', dom, re.S)
    for fig in figures:
        root = re.search(r"<svg\b[^>]*>", fig).group(0)
        label = re.search(r'\baria-label="([^"]+)"', root)
        assert 'role="img"' in root and label and len(label.group(1)) > 20, "each chart is named for screen readers"
        assert re.search(r'<figcaption class="resume">[^<]{20,}</figcaption>', fig), "a sentence beside each chart"
        for english in ENGLISH_ARIA:
            assert english not in fig, english
        for field in ("libelle", "valeur", "periode", "severite_libelle", "domaine_libelle", "niveau_scolaire"):
            assert f"{field}:" not in fig and f">{field}<" not in fig, field
    if key != "diagnostic":
        assert figures, "the report has charts"


@pytest.mark.parametrize("key", ["diagnostic", "audit", "indicateurs"])
def test_tables_fit_the_page(rendered, tmp_path, key):
    page = tmp_path / "rapport.html"
    page.write_text(rendered[key][0].read_text(encoding="utf-8").replace("</body>", FIT_SCRIPT + "</body>"),
                    encoding="utf-8")
    dom = _chromium(page, tmp_path / "profil", "--window-size=1100,1400", "--dump-dom").stdout
    tables = re.search(r'data-tables="(\d+)"', dom)
    assert tables and int(tables.group(1)) > 0
    assert 'data-debordements="aucun"' in dom, re.search(r'data-debordements="([^"]*)"', dom)
    shot = tmp_path / "page.png"
    _chromium(page, tmp_path / "profil-capture", "--window-size=1100,1400", "--hide-scrollbars",
              f"--screenshot={shot}")
    assert shot.is_file()
