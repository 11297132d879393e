"""`lsu-analytics rapport` (HTML report from a notebook) and `lsu-analytics bench rapport`."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie


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
    def rapport(
        notebook: str = typer.Argument(..., help="indicateurs, audit_anomalies ou diagnostic_eleve."),
        db: Path = typer.Option(..., "--db", help="Base DuckDB (lue en lecture seule)."),
        param: list[str] = typer.Option([], "-p", "--param", help="Paramètre du notebook, NOM=VALEUR (répétable)."),
        out: Path = typer.Option(Path("reports"), "--out", help="Dossier où écrire le rapport."),
    ) -> None:
        """Exécute un notebook de rapport et écrit OUT/<notebook>-<périmètre>-<date>.html (autonome, sans
        code), avec le notebook exécuté à côté. Codes de sortie : 0 rapport écrit, 2 paramètre refusé,
        1 échec du rendu."""
        from lsu_analytics.reports import NOTEBOOKS, ReportError, ReportParamError, render_report

        try:
            result = render_report(notebook, db, _parse_params(param), out)
        except (ReportParamError, ValueError) as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            if isinstance(exc, ReportParamError) and notebook in NOTEBOOKS:
                names = ", ".join(NOTEBOOKS[notebook].param_names)
                typer.echo(f"Paramètres de {notebook} : {names}.", err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE)
        except ReportError as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            raise typer.Exit(Sortie.ECHEC)
        typer.echo(f"Rapport : {result.html}")
        typer.echo(f"Notebook exécuté (audit) : {result.ipynb}")
