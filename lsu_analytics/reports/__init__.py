"""Reports: parameterised notebooks rendered into self-contained HTML.

Public API (used by the CLI, the pipelines and the demo):
- `NOTEBOOKS`: the notebooks and their declared parameters;
- `validate_params(notebook, db, params) -> dict`, raises `ReportParamError` (French message);
- `render_report(notebook, db, params, out_dir) -> ReportResult(html, ipynb)`.
"""
from __future__ import annotations

from .db import ReportError, ReportParamError
from .notebooks import NOTEBOOKS, NOTEBOOKS_DIR
from .params import validate_params
from .render import ReportResult, render_report

__all__ = ["NOTEBOOKS", "NOTEBOOKS_DIR", "ReportError", "ReportParamError", "ReportResult",
           "render_report", "validate_params"]
