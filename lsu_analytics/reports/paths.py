"""File names of the reports: safe and bounded whatever the database holds.

One place for the rule, used by the rendering and by whoever links to a report (the ticket CSV
points at a pupil's diagnostic report): the same inputs always give the same name.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

MAX_PART = 80  # characters kept of a value in a name; well under the 255 bytes of common filesystems
HASH_LEN = 10  # hex digits of sha256 added when a value is shortened or altered (names stay distinct)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
# The values name_part keeps as they are (safe characters, no `_` at either end, at most MAX_PART), as a
# regular expression SQL can use (RE2 and Python alike): the ticket CSV names its reports in DuckDB.
KEPT_AS_IS = f"[A-Za-z0-9-]([A-Za-z0-9_-]{{0,{MAX_PART - 2}}}[A-Za-z0-9-])?"


def name_part(value: str, max_len: int = MAX_PART) -> str:
    """`value` as a piece of file name: ASCII letters, digits, `_` and `-` only, at most `max_len`
    characters. A value that had to be altered or cut ends with a short hash of the original, so two
    values never share a name; a value already safe and short is kept as it is."""
    text = str(value)
    slug = _UNSAFE.sub("_", text).strip("_")
    if slug == text and 0 < len(slug) <= max_len:
        return slug
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LEN]
    keep = max(max_len - HASH_LEN - 1, 1)
    return f"{slug[:keep].rstrip('_')}_{digest}" if slug else digest


def perimetre_part(notebook: str, params: dict) -> str:
    """What a report is about, as it appears in its name (a pupil by eleve_id, never by INE)."""
    if notebook == "diagnostic_eleve":
        return f"eleve-{name_part(params['eleve_id'])}"
    return f"{name_part(params['niveau_perimetre'])}-{name_part(params['code_perimetre'])}"


def report_stem(notebook: str, params: dict, day: dt.date | None = None) -> str:
    """`<notebook>-<périmètre>-<date>`: the name of the HTML report (and of its executed notebook)
    without extension."""
    return f"{notebook}-{perimetre_part(notebook, params)}-{(day or dt.date.today()).isoformat()}"


def diagnostic_eleve_filename(eleve_id: str, day: dt.date | None = None) -> str:
    """File name of the diagnostic report of one pupil (what `rapport diagnostic_eleve` writes)."""
    return report_stem("diagnostic_eleve", {"eleve_id": eleve_id}, day) + ".html"
