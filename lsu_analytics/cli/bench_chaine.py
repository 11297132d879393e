"""`lsu-analytics bench chaine --pupils N [--export DIR]`: the whole chain against a bare DuckDB read."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie

from .duckdb_options import duckdb_options


@duckdb_options
def bench_chaine(
    pupils: int = typer.Option(None, "--pupils", min=50, help="Élèves de l'export généré (sans --export)."),
    export: Path = typer.Option(None, "--export", help="Mesurer cet export déjà généré au lieu d'en générer un."),
    seed: int = typer.Option(1, "--seed", help="Graine du générateur."),
    dossier: Path = typer.Option(None, "--dossier", help="Dossier de travail (défaut : dossier temporaire)."),
    base: Path = typer.Option(None, "--base", help="Garder la base chargée, contrôlée, indicateurs calculés, à ce "
                                                   "chemin (sorties du contrôle dans <base>-controles à côté) ; "
                                                   "défaut : supprimée avec le dossier de travail."),
    sans_gx: bool = typer.Option(False, "--sans-gx", help="Ne pas mesurer Great Expectations (hors chaîne)."),
    sans_lecture_nue: bool = typer.Option(False, "--sans-lecture-nue",
                                          help="Ne pas mesurer la lecture nue (ni donc le ratio)."),
    tours: int = typer.Option(1, "--tours", min=1, max=20,
                              help="Relancer la chaîne puis la lecture nue, l'une après l'autre, autant de fois "
                                   "en tout, et donner la médiane des ratios (une machine partagée varie d'un "
                                   "passage à l'autre)."),
) -> None:
    """Mesure chargement, contrôle (règles et sorties) et indicateurs sur un même export, chaque étape dans
    son processus : temps écoulé, temps CPU, pic de mémoire (RSS), pic de disque temporaire ; puis, hors de la
    chaîne, Great Expectations (validation et Data Docs) ; puis la lecture nue des mêmes fichiers par DuckDB
    (read_csv, colonnes en texte, aucun contrôle) et le ratio chaîne / lecture nue."""
    from lsu_analytics.bench.chaine import run_chain

    if (pupils is None) == (export is None):
        typer.echo("Erreur : donner --pupils N (export généré) ou --export DOSSIER (export existant).", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE)
    if tours > 1 and sans_lecture_nue:
        typer.echo("Erreur : --tours compare la chaîne à la lecture nue ; retirer --sans-lecture-nue.", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE)
    if export is not None and not (export / "manifest.json").is_file():
        typer.echo(f"Erreur : {export / 'manifest.json'} introuvable ; --export doit être le dossier d'un export.",
                   err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE)
    for option, dossier_a_creer in (("--dossier", dossier), ("--base", base.parent if base else None)):
        if dossier_a_creer is None:
            continue
        try:
            dossier_a_creer.mkdir(parents=True, exist_ok=True)  # a folder named by the user, made as asked
        except OSError as e:
            typer.echo(f"Erreur : impossible de créer le dossier {dossier_a_creer} ({option}) : "
                       f"{e.strerror or e}. Donnez un dossier où vous pouvez écrire, ou créez-le d'abord.", err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE) from None
    try:
        report = run_chain(pupils, export, seed=seed, workdir=dossier, echo=lambda m: typer.echo(m, err=True),
                           base=base, gx=not sans_gx, lecture_nue=not sans_lecture_nue, tours=tours)
    except RuntimeError as e:
        typer.echo(f"Erreur : la mesure a échoué ({e}).", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from None
    typer.echo(report.render())


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    bench_app.command("chaine")(bench_chaine)
