"""The exactness proof on an export made by the generator, loaded by the loader, checked by the rules."""
from __future__ import annotations

import pytest

from lsu_analytics.generate import generate_export
from lsu_analytics.gx import build_suites
from lsu_analytics.load import load_export
from lsu_analytics.check import check

from test_exactness import assert_contract_counts_exact, assert_rule_counts_exact


@pytest.mark.slow
def test_gx_counts_like_sql_on_a_generated_export(tmp_path, catalog):
    export = generate_export(tmp_path / "export", pupils=300, seed=7)
    db = tmp_path / "lsu.duckdb"
    load_export(export, db)
    result = check(db, tmp_path / "controles")  # the rules fill `anomalies`, then the GX layer runs
    gx_result = result.gx
    assert gx_result is not None, result.gx_note
    # Every contract expectation checked (through check(), after the anomalies).
    assert assert_contract_counts_exact(db, gx_result) == sum(len(s.expectations) for s in build_suites().values())
    assert_rule_counts_exact(db, gx_result, [r.id for r in catalog])
    # The generator injects rule violations: GX shows them.
    assert any(e.unexpected_count for e in gx_result.suite("regles").expectations)
    assert gx_result.data_docs_index.is_file()
