"""CLI `lsu-analytics generate`: write a realistic LSU export with known violations."""
from __future__ import annotations

import time
from pathlib import Path

import typer

from lsu_analytics.common.memory import peak_rss_kib
from lsu_analytics.contract.vocabulary import Sortie

from .duckdb_options import duckdb_options


@duckdb_options
def generate(
    pupils: int = typer.Option(..., "--pupils", help="Nombre d'élèves (lignes de eleves)."),
    seed: int = typer.Option(..., "--seed", help="Graine : mêmes paramètres, mêmes octets."),
    out: Path = typer.Option(..., "--out", help="Dossier de l'export (créé au besoin)."),
    encodage: str = typer.Option("utf-8", "--encodage", help="utf-8 ou windows-1252."),
    format_date: str = typer.Option("iso", "--format-date", help="iso (2025-09-02) ou fr (02/09/2025)."),
    fmt: str = typer.Option("csv", "--format", help="csv ou parquet."),
    millesime: int = typer.Option(2025, "--millesime", help="Millésime courant C (2025 = 2025-2026)."),
    extractions: int | None = typer.Option(
        None, "--extractions", help="K extractions successives de la même population, une par dossier "
        "AAAA-MM-JJ dans --out, la dernière mi-mars de C+1 (toutes entre le 8 septembre de C et le 5 juillet : 40 hebdomadaires au plus) ; "
        "vérité des statuts : verite_historique.json."),
    intervalle_jours: int = typer.Option(7, "--intervalle-jours",
                                         help="Jours entre deux extractions (avec --extractions)."),
) -> None:
    """Génère un export LSU réaliste (18 tables, manifest.json, verite_terrain.json)."""
    from lsu_analytics.generate import generate_export
    from lsu_analytics.generate.extractions import VERITE_HISTORIQUE, generate_extractions

    start = time.perf_counter()
    options = dict(encoding=encodage, date_format=format_date, fmt=fmt, millesime=millesime)
    try:
        if extractions is None:
            folder = generate_export(out, pupils=pupils, seed=seed, **options)
        else:
            folders = generate_extractions(out, pupils=pupils, seed=seed, extractions=extractions,
                                           intervalle_jours=intervalle_jours, **options)
    except ValueError as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from exc
    mesure = f"en {time.perf_counter() - start:.1f} s, pic mémoire {peak_rss_kib() / 1024:.0f} Mio"
    if extractions is None:
        typer.echo(f"Export de {pupils} élèves écrit dans {folder} {mesure} "
                   f"(manifest.json ; vérité terrain : verite_terrain.json).")
    else:
        typer.echo(f"{len(folders)} extractions de {pupils} élèves écrites dans {out} "
                   f"({folders[0].name} … {folders[-1].name}) {mesure} (vérité des statuts : {VERITE_HISTORIQUE}).")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.command("generate")(generate)
