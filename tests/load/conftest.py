"""Fixtures of the loader's tests."""
from __future__ import annotations

import pytest
from load_exports import Export


@pytest.fixture
def export(tmp_path):
    return Export(tmp_path / "export")
