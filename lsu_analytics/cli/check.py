"""`lsu-analytics check` (business rules + GX layer) and `lsu-analytics bench check`."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import SEVERITES, Sortie

from .db_lock import attendre_option, database_lock
from .duckdb_options import duckdb_options


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(Sortie.IMPOSSIBLE)


def parse_seuils(values: list[str]) -> dict[str, int]:
    """`NOM=VALEUR` options -> {nom: valeur}; names are checked against the catalogue by the runner."""
    seuils = {}
    for value in values:
        name, sep, raw = value.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--seuil « {value} » : écrire NOM=VALEUR, par ex. --seuil jours_parametrage=45.")
        try:
            seuils[name.strip()] = int(raw.strip())
        except ValueError:
            raise ValueError(f"--seuil {name.strip()} : « {raw} » n'est pas un nombre entier de jours.") from None
    return seuils


def _summary_table(result):
    from rich.table import Table

    table = Table(title="Contrôles des règles métier LSU")
    table.add_column("Règle", no_wrap=True)
    table.add_column("Titre", ratio=1)
    table.add_column("Sévérité", no_wrap=True)
    table.add_column("Anomalies", justify="right", no_wrap=True)
    table.add_column("Étab. touchés", justify="right", no_wrap=True)
    table.add_column("SQL (s)", justify="right", no_wrap=True)
    colors = {"critique": "red", "majeure": "yellow", "mineure": "cyan", "info": "dim"}
    for r in result.run.summary():
        sev = r["severite"]
        table.add_row(r["id"], r["titre"], f"[{colors[sev]}]{sev}[/]", str(r["nb_anomalies"]),
                      str(r["nb_etablissements"]), f"{r['duree_s']:.2f}".replace(".", ","))
    return table


def print_check_result(console, result) -> None:
    """Summary of a check: per-rule table, totals, output paths, Data Docs (also used by the demo)."""
    console.print(_summary_table(result))
    run = result.run
    console.print(f"{run.nb_anomalies} anomalie(s) ; SQL des règles : {_secondes(run.duree_sql_s)} ; "
                  f"anomalies prêtes en {_secondes(result.duree_anomalies_s)} ; "
                  f"Great Expectations : {_secondes(result.duree_gx_s)}.")
    console.print(f"Anomalies : {result.csv_path} et {result.parquet_path}")
    if result.data_docs_index is not None:
        console.print(f"Data Docs : {result.data_docs_index}")
    else:
        console.print(f"Data Docs non produits : {result.gx_note}.")


def _secondes(s: float) -> str:
    return f"{s:.1f} s".replace(".", ",")


def _known_seuils() -> str:
    """Thresholds of the catalogue for --help (the CLI must start even if the catalogue is broken)."""
    try:
        from lsu_analytics.rules.catalog import default_seuils, load_catalog

        return ", ".join(f"{k} (défaut {v})" for k, v in sorted(default_seuils(load_catalog()).items()))
    except Exception:  # noqa: BLE001 - `check` itself reports a broken catalogue
        return "voir expectations/regles/"


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("check")
    @duckdb_options
    def check(
        db: Path = typer.Option(..., "--db", help="Base DuckDB chargée par `lsu-analytics load`."),
        out: Path = typer.Option(None, "--out", help="Dossier des sorties (défaut : controles/ à côté de la base)."),
        regles: str = typer.Option(None, "--regles", help="Règles à exécuter, séparées par des virgules (défaut : toutes)."),
        seuil: list[str] = typer.Option([], "--seuil", help="Seuil NOM=VALEUR en jours, répétable ; seuils : "
                                        f"{_known_seuils()}."),
        echec_si: str = typer.Option(None, "--echec-si", help="Code de sortie 3 s'il existe des anomalies de cette "
                                                              "sévérité ou plus grave (critique, majeure, mineure, info)."),
        sans_data_docs: bool = typer.Option(False, "--sans-data-docs", help="Règles seules : ni validation "
                                            "Great Expectations ni Data Docs (bien plus rapide)."),
        historique: Path = typer.Option(None, "--historique", help="Base d'historique (`lsu-analytics historiser`) : "
                                        "anomalies.csv et .parquet gagnent statut, première extraction et âge en "
                                        "jours."),
        attendre: float = attendre_option(),
    ) -> None:
        """Exécute les règles métier (rules.md) sur une base chargée, écrit anomalies.csv / anomalies.parquet,
        puis valide la base avec Great Expectations et écrit les Data Docs. Codes de sortie : 0 contrôles
        exécutés, 2 contrôle impossible ou base utilisée par une autre exécution (verrou), 3 anomalies au
        moins de la sévérité --echec-si."""
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from lsu_analytics.check import check as run_check
        from lsu_analytics.database import resource_error_message
        from lsu_analytics.rules import RulesError, load_catalog

        console = Console(stderr=True)
        try:
            if echec_si is not None and echec_si not in SEVERITES:
                raise ValueError(f"--echec-si « {echec_si} » inconnu ; valeurs possibles : {', '.join(SEVERITES)}.")
            seuils = parse_seuils(seuil)
            rule_ids = [r for r in regles.split(",")] if regles is not None else None
            titres = {r.id: r.titre for r in load_catalog()}
        except (ValueError, RulesError) as e:
            raise _fail(str(e))

        # The lock is held until the outputs are written (the anomalies table is written in run_check).
        with database_lock(db, attendre), \
                Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                         console=console, transient=True) as bar:
            task = bar.add_task("Règles métier", total=None)

            def progress(step, done, total):
                # Rule ids come from the rules, other labels (e.g. "GX …") from the GX layer.
                label = f"{step} · {titres[step]}" if step in titres else (step or "Règles terminées")
                bar.update(task, description=label, completed=done, total=total)

            def anomalies_ready(partial) -> None:
                console.print(f"Anomalies prêtes ({_secondes(partial.duree_anomalies_s)}) : {partial.csv_path} et "
                              f"{partial.parquet_path} ; validation Great Expectations et Data Docs…")

            try:
                result = run_check(db, out, rule_ids=rule_ids, seuils=seuils, progress=progress,
                                   gx=not sans_data_docs, on_anomalies=anomalies_ready if not sans_data_docs else None,
                                   historique=historique)
            except RulesError as e:
                raise _fail(str(e))
            except Exception as e:  # noqa: BLE001 - the user gets a French message, never a traceback
                raise _fail(resource_error_message(e) or f"les contrôles ont échoué ({type(e).__name__} : {e}).")

        out_console = Console()
        print_check_result(out_console, result)
        if echec_si is not None and result.nb_at_least(echec_si) > 0:
            out_console.print(f"[red]{result.nb_at_least(echec_si)} anomalie(s) de sévérité {echec_si} ou plus grave.[/]")
            raise typer.Exit(Sortie.ANOMALIES)

    @bench_app.command("check")
    def bench_check(
        pupils: int = typer.Option(..., "--pupils", help="Nombre d'élèves de l'export généré."),
        seed: int = typer.Option(1, "--seed", help="Graine du générateur."),
        workdir: Path = typer.Option(None, "--workdir", help="Dossier de travail (défaut : dossier temporaire)."),
        runs: int = typer.Option(3, "--executions", min=1, help="Nombre de check mesurés sur le même export."),
    ) -> None:
        """Mesure `check` sur un export généré : temps jusqu'aux anomalies (table, CSV, Parquet) comparé au SQL
        des règles seul, et, à côté, la validation Great Expectations avec ses Data Docs ; pic de mémoire."""
        from lsu_analytics.bench.check import bench_check as run_bench
        from lsu_analytics.rules import RulesError

        try:
            report = run_bench(pupils, seed=seed, workdir=workdir, runs=runs, echo=lambda m: typer.echo(m, err=True))
        except RulesError as e:
            raise _fail(str(e))
        typer.echo(report.render())
