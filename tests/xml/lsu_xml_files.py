"""Helpers of the XML tests (the files themselves come from lsu_analytics.xml.synthetic)."""
from __future__ import annotations

from pathlib import Path


def line_of(path: Path, needle: str) -> int:
    """Line reported for the element whose start tag contains `needle`: libxml2 numbers an element
    by the line where its start tag ends (its `>`). Tests never hard-code a line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for index, text in enumerate(lines):
        if needle in text:
            rest = text[text.index(needle):]
            while ">" not in rest:
                index += 1
                rest = lines[index]
            return index + 1
    raise AssertionError(f"{needle!r} absent de {path}")
