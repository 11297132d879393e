"""`lsu-analytics rapport` (HTML report from a notebook) and `lsu-analytics bench rapports`."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie

from .duckdb_options import duckdb_options

FORMATS = ("html", "xlsx")


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"paramètre « {pair} » illisible : écrivez -p NOM=VALEUR, par ex. -p code_perimetre=08.")
        if name.strip() in params:
            raise ValueError(f"paramètre {name.strip()} donné deux fois.")
        params[name.strip()] = value
    return params


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("rapport")
    @duckdb_options
    def rapport(
        notebook: str = typer.Argument(..., help="indicateurs, audit_anomalies ou diagnostic_eleve."),
        db: Path = typer.Option(..., "--db", help="Base DuckDB (lue en lecture seule)."),
        param: list[str] = typer.Option([], "-p", "--param", help="Paramètre du notebook, NOM=VALEUR (répétable)."),
        out: Path = typer.Option(Path("reports"), "--out", help="Dossier où écrire le rapport."),
        format_: str = typer.Option("html", "--format", help="html (rapport autonome) ou xlsx (les tableaux du "
                                    "rapport en classeur Excel : une feuille par tableau, nombres et taux typés)."),
    ) -> None:
        """Exécute un notebook de rapport et écrit OUT/<notebook>-<périmètre>-<date>.html (autonome, sans
        code), avec le notebook exécuté à côté ; avec --format xlsx, écrit ses tableaux dans
        OUT/<notebook>-<périmètre>-<date>.xlsx. Codes de sortie : 0 rapport écrit, 2 paramètre refusé,
        1 échec du rendu."""
        # Declared names, types and values first: a refusal imports neither DuckDB nor papermill.
        from lsu_analytics.reports.errors import ReportError, ReportParamError
        from lsu_analytics.reports.notebooks import NOTEBOOKS
        from lsu_analytics.reports.params import check_declared

        if format_ not in FORMATS:
            typer.echo(f"Erreur : format « {format_} » inconnu ; formats permis : {', '.join(FORMATS)}.", err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE)
        try:
            params = _parse_params(param)
            check_declared(notebook, params)
            if format_ == "xlsx":
                from lsu_analytics.reports.classeur import render_classeur

                typer.echo(f"Classeur : {render_classeur(notebook, db, params, out)}")
                return
            from lsu_analytics.reports.render import render_report

            result = render_report(notebook, db, params, out)
        except (ReportParamError, ValueError) as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            if isinstance(exc, ReportParamError) and notebook in NOTEBOOKS:
                names = ", ".join(NOTEBOOKS[notebook].param_names)
                typer.echo(f"Paramètres de {notebook} : {names}.", err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE) from None
        except ReportError as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            raise typer.Exit(Sortie.ECHEC) from None
        except OSError as exc:  # disk full, read-only folder...: said in French, never a traceback
            where = f" ({exc.filename})" if exc.filename else ""
            typer.echo(f"Erreur : écriture du rapport impossible dans {out}{where} : {exc.strerror or exc}. "
                       "Vérifiez le dossier --out (droits, place libre).", err=True)
            raise typer.Exit(Sortie.ECHEC) from None
        except Exception as exc:  # noqa: BLE001 (never a traceback for a user; the kind of error is kept)
            typer.echo(f"Erreur inattendue pendant le rendu ({type(exc).__name__} : {exc}). Le rapport n'a pas été "
                       "écrit ; signalez ce message au support.", err=True)
            raise typer.Exit(Sortie.ECHEC) from None
        typer.echo(f"Rapport : {result.html}")
        typer.echo(f"Notebook exécuté (audit) : {result.ipynb}")

    @bench_app.command("rapports")
    def bench_rapports(
        db: Path = typer.Option(..., "--db", help="Base chargée, contrôlée, avec ses indicateurs (lue en lecture "
                                                  "seule)."),
        tous: bool = typer.Option(False, "--tous", help="Aussi le rapport indicateurs de chaque académie et l'audit "
                                                        "de chaque département, rendus comme par un pipeline."),
        parallelisme: int = typer.Option(None, "--parallelisme", min=1, help="Processus de rendu (défaut et "
                                                                             "maximum : le nombre de cœurs)."),
        out: Path = typer.Option(None, "--out", help="Dossier des rapports (défaut : dossier temporaire effacé)."),
    ) -> None:
        """Mesure le rendu des rapports indicateurs (cible : 60 s) et audit_anomalies nationaux et, avec
        --tous, le rendu de tous les rapports d'académie et de département en parallèle (cible : 15 min) : temps
        de chaque rapport et total."""
        import tempfile

        from lsu_analytics.bench.rapports_nationaux import run_bench

        if not db.is_file():
            typer.echo(f"Erreur : base introuvable : {db}. Donnez une base produite par `lsu-analytics load`, "
                       "`check` et `indicateurs`.", err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE)
        with tempfile.TemporaryDirectory(prefix="lsu-bench-rapports-") as tmp:
            try:
                result = run_bench(db, Path(out or tmp), tous=tous, parallelisme=parallelisme,
                                   echo=lambda m: typer.echo(m, err=True))
            except Exception as e:  # noqa: BLE001 - a benchmark reports any failure in French
                typer.echo(f"Erreur : mesure interrompue ({type(e).__name__} : {e}).", err=True)
                raise typer.Exit(Sortie.ECHEC) from None
        typer.echo(result.resume())
