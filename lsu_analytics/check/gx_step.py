"""Great Expectations as a consumer of the checked database: validate the contract and rules suites,
write the Data Docs. Runs after the anomalies are written, in the check's process or as a pipeline step
of its own; it only reads the database."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsu_analytics import gx
from lsu_analytics.gx import GxError, GxResult
from lsu_analytics.rules import RulesError
from lsu_analytics.rules.runner import Progress


def run_gx_step(db: Path, out: Path, rule_ids: Sequence[str] | None = None,
                progress: Progress | None = None) -> GxResult:
    """Validate and write `out/data_docs/` (replaced whole once complete). A GxError (French message)
    becomes a RulesError, which the CLI prints as is."""
    try:
        return gx.validate(Path(db), Path(out), rule_ids=list(rule_ids) if rule_ids is not None else None,
                        progress=progress)
    except GxError as e:
        raise RulesError(f"couche Great Expectations : {e}") from None
