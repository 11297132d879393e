"""`lsu-analytics` command line. Each command lives in its own module and registers itself."""
from __future__ import annotations

import importlib

import typer

from .francais import installer as _francais

_francais()  # click's and typer's own texts (help option, "Usage:", errors) in French, for every command

app = typer.Typer(
    help="Outils d'analyse des exports du Livret Scolaire Unique (LSU).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Mesures de performance (temps, mémoire).", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

# Order = order in --help.
COMMAND_MODULES = (
    "contract", "generate", "load", "xml", "check", "suites", "indicateurs", "historique", "rapport", "pipeline",
    "demo", "spark", "bench_chaine",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}").register(app, bench_app)


def main() -> None:
    app()
