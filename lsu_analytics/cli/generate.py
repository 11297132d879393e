"""CLI `lsu-analytics generate`: write a realistic LSU export with known violations."""
from __future__ import annotations

import time
from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie


def generate(
    pupils: int = typer.Option(..., "--pupils", help="Nombre d'élèves (lignes de eleves)."),
    seed: int = typer.Option(..., "--seed", help="Graine : mêmes paramètres, mêmes octets."),
    out: Path = typer.Option(..., "--out", help="Dossier de l'export (créé au besoin)."),
    encodage: str = typer.Option("utf-8", "--encodage", help="utf-8 ou windows-1252."),
    format_date: str = typer.Option("iso", "--format-date", help="iso (2025-09-02) ou fr (02/09/2025)."),
    fmt: str = typer.Option("csv", "--format", help="csv ou parquet."),
    millesime: int = typer.Option(2025, "--millesime", help="Millésime courant C (2025 = 2025-2026)."),
) -> None:
    """Génère un export LSU réaliste (18 tables, manifest.json, verite_terrain.json)."""
    from lsu_analytics.generate import generate_export

    start = time.perf_counter()
    try:
        folder = generate_export(out, pupils=pupils, seed=seed, encoding=encodage, date_format=format_date,
                                 fmt=fmt, millesime=millesime)
    except ValueError as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from exc
    typer.echo(f"Export de {pupils} élèves écrit dans {folder} en {time.perf_counter() - start:.1f} s "
               f"(manifest.json ; vérité terrain : verite_terrain.json).")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.command("generate")(generate)
