"""Is a report page offline? What a browser would fetch, found in the DOM, never in the text.

A text that reads "@import" or "src=//" (an establishment's name, a comment) loads nothing: only
the attributes that load a resource and the CSS of <style> elements and style attributes count.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# (tag, attribute) pairs whose value a browser fetches; "*" = any tag.
_LOADING = {
    ("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
    ("source", "srcset"), ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"),
    ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"),
    ("feimage", "href"), ("feimage", "xlink:href"), ("base", "href"), ("form", "action"),
    ("*", "background"),
}
_REMOTE_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//|^\s*(?:https?|ftp|wss?):", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import\b[^;]*", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _remote(url: str) -> bool:
    return bool(_REMOTE_URL.match(url))


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_references(css: str) -> list[str]:
    """Network fetches of a style sheet: any @import (a report's style is inline), remote url()."""
    css = _CSS_COMMENT.sub("", css)
    found = [m.group(0).strip() for m in _CSS_IMPORT.finditer(css)]
    found += [f"url({m.group(2)})" for m in _CSS_URL.finditer(css) if _remote(m.group(2))]
    return found


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False
        self._style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        for name, value in attrs:
            name = name.lower()
            if value is None:
                continue
            if name == "style":
                self.found += css_references(value)
            elif (tag, name) in _LOADING or ("*", name) in _LOADING:
                urls = _srcset_urls(value) if name == "srcset" else [value]
                self.found += [f'<{tag} {name}="{u}">' for u in urls if _remote(u)]
        if tag == "style":
            self._in_style, self._style = True, ""

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._style += data

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style" and self._in_style:
            self.found += css_references(self._style)
            self._in_style = False


def remote_references(page: str) -> list[str]:
    """What a browser would fetch from the network to show `page` (empty list: the page is offline).
    xmlns identifiers of SVG and plain links (<a href>, followed only on a click) are not fetches."""
    finder = _Finder()
    finder.feed(page)
    finder.close()
    if finder._in_style:  # an unclosed <style>: its text is CSS all the same
        finder.found += css_references(finder._style)
    return finder.found
