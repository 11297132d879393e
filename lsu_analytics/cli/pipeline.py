"""`lsu-analytics pipeline run|check FICHIER.yaml`: scheduled runs described by a YAML file."""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import typer
from rich.console import Console

from lsu_analytics.contract.vocabulary import Sortie
from lsu_analytics.pipelines import PipelineImpossible, PipelineSpecError, load_pipeline_spec, run_pipeline
from lsu_analytics.pipelines.notify import notification_plan
from lsu_analytics.pipelines.precheck import precheck
from lsu_analytics.pipelines.source import SourceError, resolve_source

from .duckdb_options import duckdb_options

pipeline_app = typer.Typer(help="Pipelines planifiés (décrits par un fichier YAML, voir docs/planification.md).",
                           no_args_is_help=True)


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _spec_or_exit(fichier: Path):
    try:
        return load_pipeline_spec(fichier)
    except PipelineSpecError as e:
        console = _err()
        console.print(f"[red]Pipeline invalide[/] ({len(e.errors)} erreur(s)) :")
        for message in e.errors:
            console.print(f"  • {message}", markup=False)
        raise typer.Exit(Sortie.IMPOSSIBLE) from None


@pipeline_app.command("run")
@duckdb_options
def run(
    fichier: Path = typer.Argument(..., help="Le fichier YAML du pipeline, ex. pipelines/hebdomadaire.yaml."),
    sortie: Path = typer.Option(None, "--sortie", help="Dossier de sortie (remplace « sortie » du YAML)."),
    attendre: float = typer.Option(None, "--attendre", min=0,
                                   help="Si une autre exécution (pipeline, load, check, indicateurs) utilise la "
                                        "base, attendre au plus ce nombre de secondes (défaut : « verrou: "
                                        "attente_s » du YAML, sinon refuser)."),
    parallelisme: int = typer.Option(None, "--parallelisme", min=1,
                                     help="Rapports rendus en même temps (plafonné au nombre de cœurs)."),
) -> None:
    """Exécuter un pipeline.

    Codes de sortie : 0 tout bon ; 1 au moins une étape en échec ; 2 pipeline invalide ou impossible (export
    absent, base verrouillée) ; 3 anomalies au-delà de « echec_si ».
    """
    spec = _spec_or_exit(fichier)
    # systemd stops a unit with SIGTERM: leave through the normal path so run.json is written and reports stopped.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    console = Console(stderr=True, record=True, highlight=False, soft_wrap=True)
    try:
        outcome = run_pipeline(spec, sortie=sortie, attente_s=attendre, parallelisme=parallelisme, console=console)
    except PipelineImpossible as e:
        console.print(f"[red]Pipeline impossible[/] : {e}", markup=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    typer.echo(str(outcome.run_dir))
    raise typer.Exit(outcome.exit_code)


@pipeline_app.command("check")
def check(fichier: Path = typer.Argument(..., help="Le fichier YAML du pipeline.")) -> None:
    """Valider un pipeline sans l'exécuter : le YAML, l'export qu'il lirait, les rapports prévus."""
    spec = _spec_or_exit(fichier)
    console = Console(highlight=False, soft_wrap=True)
    try:
        source = resolve_source(spec.source, hash_files=False)
    except SourceError as e:
        _err().print(f"[red]Pipeline impossible[/] : {e}")
        raise typer.Exit(Sortie.IMPOSSIBLE) from None
    console.print(f"Pipeline « {spec.nom} » ({fichier})")
    console.print(f"  Export : {source.path} ({source.selection})")
    console.print(f"  Base : {spec.base}   Sortie : {spec.sortie}")
    regles = ", ".join(spec.controles.regles) if spec.controles.regles else "toutes"
    console.print(f"  Contrôles : règles {regles} ; échec si : {spec.controles.echec_si or 'jamais'}")
    console.print(f"  Indicateurs : secret statistique jusqu'à {spec.seuil_secret}")
    if spec.historique is not None:
        console.print(f"  Historique : {spec.historique}"
                      + ("" if spec.historique.exists() else " (créé au premier run)"), markup=False)
    for line in notification_plan(spec.notifications):
        console.print(f"  Notification {line}", markup=False)
    result = precheck(spec)
    for line in result.plan:
        console.print(f"  Rapport {line}", markup=False)
    if result.errors:
        err = _err()
        err.print(f"[red]Pipeline invalide[/] ({len(result.errors)} erreur(s)) :")
        for message in result.errors:
            err.print(f"  • {message}", markup=False)
        raise typer.Exit(Sortie.IMPOSSIBLE)
    console.print("[green]Pipeline valide.[/]")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.add_typer(pipeline_app, name="pipeline")
