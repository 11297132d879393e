"""`lsu-analytics suites` (regenerate the GX suites from the contract) and `lsu-analytics bench gx`."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie


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
            raise typer.Exit(Sortie.IMPOSSIBLE) from None
        typer.echo(f"{len(written)} suites écrites dans {out} :")
        for path in written:
            typer.echo(f"  {path.name}")

    @bench_app.command("gx")
    def bench_gx(
        db: Path = typer.Option(..., "--db", help="Base DuckDB chargée (et contrôlée, pour la table anomalies)."),
        out: Path = typer.Option(Path("reports/bench-gx"), "--out", help="Dossier des Data Docs produits."),
    ) -> None:
        """Mesure la couche Great Expectations seule (18 suites du contrat + suite des règles + Data Docs)
        sur une base existante : durée par suite et totale."""
        from lsu_analytics.gx import GxError, validate
        from lsu_analytics.rules import RulesError

        try:
            result = validate(db, out)
        except (GxError, RulesError) as e:
            typer.echo(f"Erreur : {e}", err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE) from None
        for suite in result.suites:
            typer.echo(f"{suite.name:<22} {suite.duration_s:7.2f} s  ({len(suite.expectations)} attentes)")
        suites_s = sum(s.duration_s for s in result.suites)
        typer.echo(f"{'suites':<22} {suites_s:7.2f} s")
        typer.echo(f"{'total (Data Docs inclus)':<22} {result.duration_s:7.2f} s")
        typer.echo(f"Data Docs : {result.data_docs_index}")
