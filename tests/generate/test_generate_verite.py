"""The ground truth matches an independent check of the rules on the written files."""
from __future__ import annotations

from collections import Counter

from conftest import detect_anomalies, truth_anomalies


def test_truth_equals_independent_detection(small_export, small_db):
    expected = truth_anomalies(small_export)
    found = detect_anomalies(small_db)
    missing = sorted(expected - found, key=str)[:10]
    extra = sorted(found - expected, key=str)[:10]
    assert not missing and not extra, f"non détectées : {missing}\nnon déclarées : {extra}"
    assert Counter(r[0] for r in expected) == Counter(r[0] for r in found)
