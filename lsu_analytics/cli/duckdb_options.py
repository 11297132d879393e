"""--memory-limit, --threads, --temp-directory: the DuckDB settings (lsu_analytics/database/settings.py),
declared once here and added to every command that opens DuckDB by `@duckdb_options`."""
from __future__ import annotations

import functools
import inspect

import typer

from lsu_analytics.contract.vocabulary import Sortie
from lsu_analytics.database import (ENV_MEMORY_LIMIT, ENV_TEMP_DIRECTORY, ENV_THREADS, SettingsError,
                                    apply_to_environment)

_OPTIONS = (
    inspect.Parameter("memory_limit", inspect.Parameter.KEYWORD_ONLY, annotation=str, default=typer.Option(
        None, "--memory-limit", metavar="TAILLE", envvar=None, show_default=False,
        help=f"Mémoire permise à DuckDB (ex. 8GB, 40%), au-delà il écrit sur disque ; défaut : variable "
             f"{ENV_MEMORY_LIMIT}, sinon le tiers de la mémoire de la machine.")),
    inspect.Parameter("threads", inspect.Parameter.KEYWORD_ONLY, annotation=str, default=typer.Option(
        None, "--threads", metavar="N", show_default=False,
        help=f"Fils d'exécution de DuckDB ; défaut : variable {ENV_THREADS}, sinon les cœurs de la machine.")),
    inspect.Parameter("temp_directory", inspect.Parameter.KEYWORD_ONLY, annotation=str, default=typer.Option(
        None, "--temp-directory", metavar="DOSSIER", show_default=False,
        help=f"Dossier où DuckDB écrit ce qui ne tient pas en mémoire ; défaut : variable {ENV_TEMP_DIRECTORY}, "
             "sinon à côté de la base.")),
)
_NAMES = tuple(p.name for p in _OPTIONS)


def apply_or_exit(memory_limit: str | None, threads: str | None, temp_directory: str | None) -> None:
    try:
        apply_to_environment(memory_limit, threads, temp_directory)
    except SettingsError as e:
        typer.echo(f"Erreur : {e}", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from None


def duckdb_options(command):
    """Add the three options to a typer command; they are validated and exported before it runs."""
    signature = inspect.signature(command)

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        apply_or_exit(*(kwargs.pop(name, None) for name in _NAMES))
        return command(*args, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *_OPTIONS])
    return wrapper
