"""The Data Docs open offline, list every suite and rule, and show no personal data."""
from __future__ import annotations

import re
import shutil
import subprocess

import duckdb
import pytest

from lsu_analytics.contract import TABLES

RESOURCE = re.compile(r"<(?:script|img|link)\b[^>]*?\s(?:src|href)=\"([^\"]+)\"", re.S)
ANY_LINK = re.compile(r"\s(?:src|href)=\"([^\"#]+)\"")


def _pages(out):
    return sorted((out / "data_docs").rglob("*.html"))


def test_index_is_in_out_dir(synthetic_run):
    _, result, out, _ = synthetic_run
    assert result.data_docs_index == out / "data_docs" / "index.html"
    assert result.data_docs_index.is_file()


def test_no_page_loads_anything_from_the_network(synthetic_run):
    _, _, out, _ = synthetic_run
    pages = _pages(out)
    assert len(pages) == len(TABLES) + 1 + 1  # a results page per suite (18 + rules) and the index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        remote = [u for u in RESOURCE.findall(text) if re.match(r"(https?:)?//", u)]
        assert not remote, f"{page} charge {remote[:3]}"
        for link in ANY_LINK.findall(text):
            if not re.match(r"(https?|mailto):", link):
                assert (page.parent / link).resolve().exists(), f"{page} : lien cassé {link}"


def test_index_links_every_suite_results_page(synthetic_run):
    _, result, out, _ = synthetic_run
    index = result.data_docs_index.read_text(encoding="utf-8")
    for suite in result.suites:
        assert f'href="validations/{suite.name}/' in index


def test_rules_page_shows_each_rule_with_example_rows(synthetic_run, catalog):
    _, _, out, _ = synthetic_run
    (page,) = (out / "data_docs" / "validations" / "regles").rglob("*.html")
    text = page.read_text(encoding="utf-8")
    for rule in catalog:
        assert f"{rule.id} · {rule.titre}" in text
    # The synthetic export has k rows for the k-th rule, objet_id 'O0', 'O1'...: example rows are shown.
    assert "Exemples : 1 ligne(s) de la table anomalies sur 1" in text
    assert ">O0<" in text and "Anomalie de test 0" in text


def test_no_personal_value_in_data_docs(synthetic_run):
    db, _, out, _ = synthetic_run
    con = duckdb.connect(str(db), read_only=True)
    try:
        personal = {table: [c.name for c in t.columns if c.personal] for table, t in TABLES.items()}
        values = set()
        for table, columns in personal.items():
            for col in columns:
                values |= {str(v) for (v,) in con.execute(
                    f'SELECT DISTINCT "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL').fetchall()}
    finally:
        con.close()
    assert values
    for page in _pages(out):
        cells = set(re.findall(r">\s*([^<>]+?)\s*<", page.read_text(encoding="utf-8")))
        quoted = set(re.findall(r"'([^'<>]+)'", page.read_text(encoding="utf-8")))
        leaked = values & (cells | quoted)
        assert not leaked, f"{page} montre des données personnelles : {sorted(leaked)[:3]}"


def test_format_failures_of_other_tables_do_show_sample_values(synthetic_run):
    # The privacy rule hides values only for tables holding personal data.
    _, _, out, _ = synthetic_run
    (page,) = (out / "data_docs" / "validations" / "etablissements").rglob("*.html")
    assert "HORS_LISTE" in page.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium absent (installé par .ci/run)")
def test_pages_open_in_a_browser_without_network(synthetic_run, catalog):
    _, result, out, _ = synthetic_run
    (rules_page,) = (out / "data_docs" / "validations" / "regles").rglob("*.html")
    for page, expected in ((result.data_docs_index, "regles"), (rules_page, f"{catalog[1].id} · {catalog[1].titre}")):
        dom = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
             "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
        assert expected in dom


def test_primary_key_results_show_their_count(synthetic_run):
    # ExpectPrimaryKeyToBeUnique (gx/primary_key.py): same count statement as GX's own map expectations.
    _, result, out, _ = synthetic_run
    (e,) = [e for e in result.suite("periodes").expectations if e.type == "expect_primary_key_to_be_unique"]
    assert e.unexpected_count > 0
    (page,) = (out / "data_docs" / "validations" / "periodes").rglob("*.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    assert f"{e.unexpected_count} unexpected values found" in text
    assert "Sampled Unexpected Values" in text  # example keys: periodes is a small table


def test_progress_ends_with_the_data_docs_and_nothing_is_left_beside(synthetic_run):
    _, result, out, calls = synthetic_run
    assert calls[-1] == ("GX Data Docs", len(result.suites) + 1, len(result.suites) + 1)
    assert sorted(p.name for p in out.iterdir()) == ["data_docs"]  # the staging folder was renamed into place
