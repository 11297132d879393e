"""The suites as JSON files under expectations/suites/ (committed, read by reviewers)."""
from __future__ import annotations

import json
from pathlib import Path

from great_expectations import ExpectationSuite

from .contract_suites import build_suites

def suite_json(suite: ExpectationSuite) -> str:
    """Stable text of a suite: same contract, same bytes (no ids, no dates)."""
    return json.dumps(suite.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """File name -> content, for every suite derived from the contract."""
    return {f"{name}.json": suite_json(suite) for name, suite in build_suites().items()}


def write_suites(out_dir: Path) -> list[Path]:
    """(Re)write every suite file; remove stale ones left by a table that no longer exists."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = expected_files()
    for stale in sorted(set(p.name for p in out_dir.glob("*.json")) - set(files)):
        (out_dir / stale).unlink()
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
