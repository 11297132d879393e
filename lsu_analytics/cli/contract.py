"""`lsu-analytics contract`: prints the export contract (Markdown)."""
from __future__ import annotations

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("contract")
    def contract() -> None:
        """Affiche le contrat d'export (Markdown) : tables, colonnes, types, clés, codes autorisés."""
        from lsu_analytics.contract.markdown import render

        typer.echo(render())
