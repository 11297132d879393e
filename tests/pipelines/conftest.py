"""Fixtures of the pipeline tests: a tiny export and a pipeline YAML pointing at it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# The fake steps run in spawned processes too: they find `pipeline_fakes` through sys.path.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import pipeline_fakes  # noqa: E402 - found through the sys.path entry just above


@pytest.fixture
def exports(tmp_path) -> Path:
    """A drop folder holding one export, `2026-03-15/`."""
    folder = tmp_path / "exports"
    pipeline_fakes.make_export(folder / "2026-03-15")
    return folder


@pytest.fixture
def write_pipeline(tmp_path, exports):
    """write_pipeline(rapports_yaml, **options) -> Path of a pipeline YAML reading the latest export of `exports`."""
    def write(rapports: str = "", controles: str = "", name: str = "test.yaml", extra: str = "") -> Path:
        path = tmp_path / name
        path.write_text(
            "nom: essai\n"
            "source:\n  plus_recent_dans: exports\n"
            "base: base/lsu.duckdb\n"
            "sortie: runs\n"
            + (controles or "controles:\n  echec_si: jamais\n")
            + (rapports or (
                "rapports:\n"
                "  - notebook: indicateurs\n    perimetres: academie\n"
                "  - notebook: audit_anomalies\n    perimetres: departement\n"
                "    parametres: {severite_min: majeure}\n"))
            + extra,
            encoding="utf-8")
        return path
    return write
