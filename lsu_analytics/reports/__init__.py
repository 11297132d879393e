"""Reports: parameterised notebooks rendered into self-contained HTML.

Public API (used by the CLI, the pipelines and the demo):
- `NOTEBOOKS`: the notebooks and their declared parameters;
- `validate_params(notebook, db, params) -> dict`, raises `ReportParamError` (French message);
- `render_report(notebook, db, params, out_dir) -> ReportResult(html, ipynb)`.

Imported lazily: reading the notebook registry (`reports.notebooks`) must not load pandas.
"""
from __future__ import annotations

from lsu_analytics.common.lazy import lazy_exports

_API = {"NOTEBOOKS": "notebooks", "NOTEBOOKS_DIR": "notebooks", "ReportError": "errors", "ReportParamError": "errors",
        "validate_params": "params", "ReportResult": "render", "render_report": "render"}

__all__ = sorted(_API)

__getattr__ = lazy_exports(__name__, _API)
