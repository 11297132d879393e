"""`lsu-analytics demo`: the whole chain on a generated export (what `make demo` runs)."""
from __future__ import annotations

import shutil
from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(Path("reports/demo"), "--out", help="Dossier de la démonstration (remplacé)."),
        pupils: int = typer.Option(2000, "--pupils", min=50, help="Nombre d'élèves de l'export de démonstration."),
        seed: int = typer.Option(2026, "--seed", help="Graine du générateur."),
    ) -> None:
        """Démonstration : génère un export, le charge, le contrôle, calcule les indicateurs et rend les rapports."""
        from rich.console import Console
        from rich.markup import escape

        from lsu_analytics.cli.check import print_check_result
        from lsu_analytics.cli.indicateurs import _summary_table as indicateurs_table
        from lsu_analytics.cli.load import _summary as load_summary
        from lsu_analytics.demo import DemoRun, plan_reports, render_reports, write_index
        from lsu_analytics.generate import generate_export
        from lsu_analytics.indicators import compute_indicateurs
        from lsu_analytics.load import LoadError, load_export
        from lsu_analytics.check import check
        from lsu_analytics.rules import RulesError

        console = Console()
        out = out.resolve()
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        run = DemoRun(out=out, export=out / "export", db=out / "lsu.duckdb")
        try:
            console.rule("1. Génération de l'export de démonstration")
            with console.status(f"Génération de {pupils} élèves…"):
                generate_export(run.export, pupils=pupils, seed=seed)
            console.print(f"Export écrit dans {escape(str(run.export))}")

            console.rule("2. Chargement dans DuckDB")
            run.load = load_export(run.export, run.db)
            load_summary(console, run.load)

            console.rule("3. Contrôles : règles métier et Great Expectations")
            with console.status("Règles métier et attentes Great Expectations…"):
                run.check = check(run.db, out / "controles")
            print_check_result(console, run.check)

            console.rule("4. Indicateurs")
            import duckdb

            with duckdb.connect(str(run.db)) as con:
                run.indicateurs = compute_indicateurs(con)
            console.print(indicateurs_table(run.indicateurs, "Table indicateurs"))

            console.rule("5. Rapports")
            run.rapports = plan_reports(run.db)
            with console.status(f"Rendu de {len(run.rapports)} rapports…"):
                render_reports(run.db, run.rapports, out / "rapports")
            for r in run.rapports:
                state = f"[green]{escape(str(r.html))}[/]" if r.html else f"[red]échec : {escape(r.erreur or '')}[/]"
                console.print(f"{escape(r.libelle)} : {state}")
        except (LoadError, RulesError) as e:
            console.print(f"[red bold]Échec de la démonstration :[/] {escape(str(e))}")
            raise typer.Exit(Sortie.IMPOSSIBLE)
        run.index = write_index(run, pupils, seed)
        console.rule("Terminé")
        console.print(f"Ouvrir [bold]{escape(str(run.index))}[/]")
        if any(r.erreur for r in run.rapports):
            raise typer.Exit(Sortie.ECHEC)
