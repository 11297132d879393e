"""Make GX's Data Docs open offline.

GX's pages load Bootstrap, jQuery, Font Awesome and Vega from CDNs, and its
index page builds its list of results in JavaScript with those. The GX package
ships none of these files (only its own CSS, fonts and images), so: remote
<link>/<script>/<img> tags are removed, a small local stylesheet stands in for
Bootstrap, and the index page is rewritten as plain HTML from the run's results.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from string import Template
from typing import Sequence

from .result import SuiteOutcome

STATIC = Path(__file__).parent / "static"
OFFLINE_CSS = "lsu_offline.css"

_REMOTE_TAGS = re.compile(
    r"<script[^>]*\ssrc=\"https?://[^\"]*\"[^>]*>\s*</script>"
    r"|<link[^>]*\shref=\"https?://[^\"]*\"[^>]*>"
    r"|<img[^>]*\ssrc=\"https?://[^\"]*\"[^>]*>",
    re.S,
)
# GX links its static files with a wrong depth from the results pages: recompute it.
_STATIC_LINK = re.compile(r"(?<=\")(?:\.\./)*static/")
# A link to a page of the site (e.g. the suite pages, not built: run.py) whose target is absent.
_PAGE_LINK = re.compile(r'<a href="([^"#:]+\.html)"\s*>([^<]*)</a>')


def make_autonomous(docs_dir: Path, suites: Sequence[SuiteOutcome]) -> Path:
    """Rewrite `docs_dir` for offline reading; return its index page."""
    styles = docs_dir / "static" / "styles"
    styles.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STATIC / OFFLINE_CSS, styles / OFFLINE_CSS)
    for page in docs_dir.rglob("*.html"):
        depth = len(page.relative_to(docs_dir).parts) - 1
        css = "../" * depth + f"static/styles/{OFFLINE_CSS}"
        text = _REMOTE_TAGS.sub("", page.read_text(encoding="utf-8"))
        text = _STATIC_LINK.sub("../" * depth + "static/", text)
        text = text.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)
        text = _PAGE_LINK.sub(lambda m, here=page.parent: m[0] if (here / m[1]).exists() else m[2], text)
        page.write_text(text, encoding="utf-8")
    index = docs_dir / "index.html"
    index.write_text(index_page(docs_dir, suites), encoding="utf-8")
    return index


def index_page(docs_dir: Path, suites: Sequence[SuiteOutcome]) -> str:
    rows = "\n".join(_row(docs_dir, s) for s in suites)
    ok = all(s.success for s in suites)
    return Template((STATIC / "index_template.html").read_text(encoding="utf-8")).substitute(
        global_class="lsu-ok" if ok else "lsu-ko",
        global_text="Toutes les attentes sont satisfaites." if ok else "Des attentes ne sont pas satisfaites.",
        rows=rows,
    )


def _row(docs_dir: Path, suite: SuiteOutcome) -> str:
    failed = [e for e in suite.expectations if not e.success]
    defects = sum(e.unexpected_count or 0 for e in failed)
    links = []
    for page in sorted((docs_dir / "validations" / suite.name).rglob("*.html")):
        links.append(f'<a href="{html.escape(page.relative_to(docs_dir).as_posix())}">résultats</a>')
    status = '<span class="lsu-ok">réussie</span>' if suite.success else '<span class="lsu-ko">en échec</span>'
    return (f"<tr><td>{html.escape(suite.name)}</td><td>{html.escape(suite.table)}</td><td>{status}</td>"
            f"<td>{len(failed)} / {len(suite.expectations)}</td><td>{defects}</td><td>{' · '.join(links)}</td></tr>")
