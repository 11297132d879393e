"""`lsu-analytics suites`: regenerate the GX Expectation Suites (JSON) from the contract."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("suites")
    def suites(
        out: Path = typer.Option(Path("expectations/suites"), "--out",
                                 help="Dossier des suites JSON (une par table du contrat)."),
    ) -> None:
        """Régénère les Expectation Suites Great Expectations (une par table) à partir du contrat
        déclaré dans lsu_analytics/contract/tables.py. À relancer et committer après tout changement du contrat."""
        from lsu_analytics.gx.suite_files import write_suites

        try:
            written = write_suites(out)
        except OSError as e:
            typer.echo(f"Erreur : impossible d'écrire les suites dans {out} ({e}) ; vérifier le dossier --out.",
                       err=True)
            raise typer.Exit(2) from None
        typer.echo(f"{len(written)} suites écrites dans {out} :")
        for path in written:
            typer.echo(f"  {path.name}")
