"""CLI module `suites` (commands registered by its owner)."""
from __future__ import annotations

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    pass
