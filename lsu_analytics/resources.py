"""Where the project's files that are not Python live: expectations/ (rules, suites) and notebooks/.

In a source checkout or an editable install (`make install`) they sit at the repository root,
beside the package. A regular install (`pip install .` or a wheel) puts them under
`<prefix>/share/lsu-analytics/` (pyproject.toml, `data-files`). An environment variable, when
given, wins over both.
"""
from __future__ import annotations

import os
import site
import sys
from pathlib import Path

SHARE_NAME = "lsu-analytics"
REPO_ROOT = Path(__file__).resolve().parents[1]


def _prefixes() -> list[str]:
    prefixes = [sys.prefix, sys.base_prefix]
    user_base = getattr(site, "USER_BASE", None)  # pip install --user
    if user_base:
        prefixes.append(user_base)
    return list(dict.fromkeys(prefixes))


def candidates(*parts: str) -> list[Path]:
    """Every place `parts` may be, in the order they are tried (repository first)."""
    return [REPO_ROOT.joinpath(*parts)] + [Path(p, "share", SHARE_NAME, *parts) for p in _prefixes()]


def project_dir(*parts: str, env: str | None = None) -> Path:
    """The directory `parts` (e.g. "expectations", "regles"); the repository's path if none exists,
    so that the caller's error message names where it was expected."""
    if env and os.environ.get(env):
        return Path(os.environ[env])
    for path in candidates(*parts):
        if path.is_dir():
            return path
    return REPO_ROOT.joinpath(*parts)
