"""`lsu-analytics demo`: the whole chain on a generated export (what `make demo` runs)."""
from __future__ import annotations

import shutil
from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie

EXTRACTIONS = 4  # weekly, the last one mid-March


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(Path("reports/demo"), "--out", help="Dossier de la démonstration (remplacé)."),
        pupils: int = typer.Option(2000, "--pupils", min=50, help="Nombre d'élèves de l'export de démonstration."),
        seed: int = typer.Option(2026, "--seed", help="Graine du générateur."),
    ) -> None:
        """Démonstration : génère quatre extractions hebdomadaires, les charge, les contrôle, calcule les indicateurs,
        les historise et rend les rapports de la dernière avec leur évolution."""
        from rich.console import Console
        from rich.markup import escape

        from lsu_analytics.cli.check import print_check_result
        from lsu_analytics.cli.indicateurs import _summary_table as indicateurs_table
        from lsu_analytics.cli.load import _summary as load_summary
        from lsu_analytics.demo import (DemoRun, plan_reports, prepare_extraction, render_reports, with_history,
                                        write_index)
        from lsu_analytics.generate.extractions import generate_extractions
        from lsu_analytics.history import HistoryError
        from lsu_analytics.load import LoadError
        from lsu_analytics.rules import RulesError

        console = Console()
        out = out.resolve()
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        run = DemoRun(out=out, export=out / "exports", db=out / "lsu.duckdb", historique=out / "historique.duckdb")
        try:
            console.rule(f"1. Génération de {EXTRACTIONS} extractions hebdomadaires de démonstration")
            with console.status(f"Génération de {EXTRACTIONS} extractions de {pupils} élèves…"):
                folders = generate_extractions(out / "exports", pupils=pupils, seed=seed, extractions=EXTRACTIONS,
                                               intervalle_jours=7)
            console.print(f"Extractions écrites dans {escape(str(out / 'exports'))} : "
                          + ", ".join(f.name for f in folders))
            run.export = folders[-1]

            console.rule("2. Semaines précédentes : chargement, contrôles, indicateurs, historisation")
            for folder in folders[:-1]:
                with console.status(f"Extraction du {folder.name}…"):
                    loaded, checked, _ = prepare_extraction(folder, run.db, run.historique,
                                                            out / "semaines" / folder.name, gx=False)
                console.print(f"Extraction du {folder.name} : {loaded.chargees} lignes chargées, "
                              f"{checked.run.nb_anomalies} anomalies ; historisée.")

            console.rule(f"3. Dernière extraction ({folders[-1].name}) : chargement, contrôles (règles et Great "
                         "Expectations), indicateurs, historisation")
            with console.status("Chargement, règles métier, attentes Great Expectations, indicateurs…"):
                run.load, run.check, run.indicateurs = prepare_extraction(folders[-1], run.db, run.historique,
                                                                          out / "controles", gx=True)
            load_summary(console, run.load)
            print_check_result(console, run.check)
            console.print(indicateurs_table(run.indicateurs, "Table indicateurs"))

            console.rule("4. Historique")
            from lsu_analytics.cli.historique import _table_extractions
            from lsu_analytics.history.changes import open_history, resume_extractions

            with open_history(run.historique) as con:
                console.print(_table_extractions(resume_extractions(con), run.historique))

            console.rule("5. Rapports")
            run.rapports = plan_reports(run.db)
            with_history(run.rapports, run.historique)
            with console.status(f"Rendu de {len(run.rapports)} rapports…"):
                render_reports(run.db, run.rapports, out / "rapports")
            for r in run.rapports:
                state = f"[green]{escape(str(r.html))}[/]" if r.html else f"[red]échec : {escape(r.erreur or '')}[/]"
                console.print(f"{escape(r.libelle)} : {state}")
        except (LoadError, RulesError, HistoryError) as e:
            console.print(f"[red bold]Échec de la démonstration :[/] {escape(str(e))}")
            raise typer.Exit(Sortie.IMPOSSIBLE) from None
        run.index = write_index(run, pupils, seed)
        console.rule("Terminé")
        console.print(f"Ouvrir [bold]{escape(str(run.index))}[/]")
        if any(r.erreur for r in run.rapports):
            raise typer.Exit(Sortie.ECHEC)
