"""`lsu-analytics load EXPORT --db PATH` and `lsu-analytics bench load --pupils N`."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from lsu_analytics.contract.vocabulary import Sortie
from lsu_analytics.database import resource_error_message
from lsu_analytics.load.errors import LoadError
from lsu_analytics.load.result import MOTIFS, LoadResult

from .db_lock import attendre_option, database_lock
from .duckdb_options import duckdb_options


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _summary(console: Console, r: LoadResult) -> None:
    t = RichTable(title=f"Chargement {r.chargement_id}", title_justify="left")
    for col in ("Table", "Fichier", "Lignes (manifeste)", "Chargées", "Rejetées"):
        t.add_column(col, justify="right" if col not in ("Table", "Fichier") else "left", no_wrap=True)
    for tr in r.tables.values():
        t.add_row(tr.table, tr.fichier or "[dim](absente)[/]", _n(tr.lignes_manifeste), _n(tr.chargees),
                  f"[yellow]{_n(tr.rejetees)}[/]" if tr.rejetees else "0")
    t.add_section()
    t.add_row("[bold]Total[/]", "", _n(r.lignes_manifeste), _n(r.chargees), _n(r.rejetees))
    console.print(t)
    motifs = RichTable(title="Rejets par motif", title_justify="left")
    motifs.add_column("Motif")
    motifs.add_column("Lignes", justify="right")
    for motif in MOTIFS:
        motifs.add_row(motif, _n(r.rejets_par_motif[motif]))
    console.print(motifs)
    for avertissement in r.avertissements:
        console.print(f"[yellow]Avertissement :[/] {escape(avertissement)}")
    console.print(f"[green]Export chargé[/] dans {escape(str(r.db))} en {r.duree_s:.1f} s.")


@duckdb_options
def load(
    export: Path = typer.Argument(..., help="Dossier de l'export ou archive .zip (avec manifest.json)."),
    db: Path = typer.Option(..., "--db", help="Base DuckDB à créer ou remplacer (remplacée seulement si tout réussit)."),
    attendre: float = attendre_option(),
) -> None:
    """Charger un export LSU dans une base DuckDB : chaque ligne est chargée ou rejetée avec son motif.

    Codes de sortie : 0 export chargé ; 2 échec ou base utilisée par une autre exécution (verrou).
    """
    with database_lock(db, attendre, creates=True):
        _load(export, db)


def _load(export: Path, db: Path) -> None:
    from lsu_analytics.load.loader import load_export  # noqa: PLC0415 (DuckDB, pyarrow: not for --help)

    console = Console()
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("Chargement", total=None)

            def progress(table: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=f"Chargement {table}".strip())

            result = load_export(export, db, progress=progress)
    except LoadError as e:
        console.print(f"[red bold]Échec du chargement :[/] {escape(str(e))}")
        console.print(f"La base {escape(str(db))} n'a pas été modifiée.")
        raise typer.Exit(Sortie.IMPOSSIBLE)
    except Exception as e:  # noqa: BLE001 (disk full, memory...: a French message, never a traceback)
        console.print(f"[red bold]Échec du chargement[/] : "
                      f"{escape(resource_error_message(e) or f'erreur inattendue : {e}')}")
        console.print(f"La base {escape(str(db))} n'a pas été modifiée.")
        raise typer.Exit(Sortie.IMPOSSIBLE)
    _summary(console, result)


def bench_load(
    pupils: int = typer.Option(..., "--pupils", min=1, help="Nombre d'élèves de l'export généré."),
    seed: int = typer.Option(1, "--seed", help="Graine du générateur."),
    workdir: Path = typer.Option(None, "--dossier", help="Dossier de travail (par défaut : dossier temporaire)."),
    export: Path = typer.Option(None, "--export", help="Mesurer cet export déjà généré au lieu d'en générer un."),
    repetitions: int = typer.Option(2, "--repetitions", min=1,
                                    help="Mesures alternées (chargement, lecture nue) ; la plus rapide compte."),
) -> None:
    """Mesurer le chargement d'un export généré, comparé à une lecture DuckDB nue des mêmes fichiers."""
    from lsu_analytics.bench.load import run_bench

    console = Console()
    with console.status(f"Génération et chargement d'un export de {_n(pupils)} élèves..."):
        try:
            r = run_bench(pupils, seed, workdir, export, repetitions)
        except (RuntimeError, LoadError) as e:
            console.print(f"[red bold]Échec de la mesure :[/] {escape(str(e))}")
            raise typer.Exit(Sortie.IMPOSSIBLE)
    gio = 1024 ** 3
    t = RichTable(title=f"Chargement de {_n(pupils)} élèves (graine {seed})", title_justify="left")
    t.add_column("Mesure")
    t.add_column("Valeur", justify="right")
    t.add_row("Taille de l'export", f"{r.taille_octets / 1024 ** 2:,.0f} Mio".replace(",", " "))
    t.add_row("Lignes de données", _n(r.lignes))
    t.add_row("Lignes rejetées", _n(r.rejetees))
    if export is None:
        t.add_row("Temps de génération", f"{r.generation_s:.1f} s")
    t.add_row("Temps de chargement (meilleur)", f"{r.chargement_s:.1f} s")
    t.add_row("Débit", f"{_n(r.lignes_par_s)} lignes/s")
    t.add_row("Pic de mémoire (RSS) du chargement", f"{r.rss_max / gio:.2f} Gio")
    t.add_row("Lecture DuckDB nue des mêmes fichiers (meilleur)", f"{r.nu_s:.1f} s")
    t.add_row("Pic de mémoire (RSS) de la lecture nue", f"{r.rss_max_nu / gio:.2f} Gio")
    t.add_row("[bold]Ratio chargement / lecture nue[/]", f"[bold]{r.ratio:.2f}[/]")
    t.add_row("Temps CPU : chargement / lecture nue",
              f"{r.chargement_cpu_s:.1f} s / {r.nu_cpu_s:.1f} s (ratio {r.ratio_cpu:.2f})")
    console.print(t)
    console.print("[dim]Lecture nue : CREATE TABLE AS SELECT * FROM read_csv(fichier, delim=';', "
                  f"ignore_errors=true), sans contrôle. Meilleur de {r.repetitions} mesures alternées. "
                  "Cibles à 250 000 élèves : ratio ≤ 2, pic RSS ≤ 4 Gio. "
                  "Mesures sensibles à la charge de la machine.[/]")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.command("load")(load)
    bench_app.command("load")(bench_load)
