"""`lsu-analytics spark-regles`: the rule files on Spark (lsu_analytics/spark/), from Parquet."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.contract.vocabulary import Sortie



def spark_regles(
    parquet: Path = typer.Option(..., "--parquet", help="Dossier des <table>.parquet et de manifest.json (lu par "
                                                        "Spark ; écrit d'abord depuis --db si elle est donnée)."),
    sortie: Path = typer.Option(..., "--sortie", help="Dossier où Spark écrit anomalies.parquet."),
    db: Path = typer.Option(None, "--db", help="Base chargée par `lsu-analytics load` : ses tables (lignes "
                                               "rejetées exclues) sont d'abord écrites dans --parquet."),
    master: str = typer.Option("local[*]", "--master", help="Maître Spark (local[*], spark://hôte:7077, yarn…)."),
) -> None:
    """Exécute les règles métier (mêmes fichiers expectations/regles/) sur Spark et écrit les anomalies en
    Parquet. Sur un cluster, lancer plutôt `spark-submit …/lsu_analytics/spark/job.py` (docs/echelle.md)."""
    try:
        from lsu_analytics.spark import job
        from lsu_analytics.spark.tables import write_tables
    except ImportError as e:
        typer.echo(f"Erreur : Spark n'est pas installé ({e}) ; installer pyspark (pip install pyspark) et Java 17.",
                   err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE) from None
    if db is not None:
        if not db.is_file():
            typer.echo(f"Erreur : base introuvable : {db} ; charger d'abord un export avec `lsu-analytics load`.",
                       err=True)
            raise typer.Exit(Sortie.IMPOSSIBLE)
        write_tables(db, parquet)
        typer.echo(f"Tables de {db} écrites en Parquet dans {parquet}.")
    if not (parquet / "manifest.json").is_file():
        typer.echo(f"Erreur : {parquet / 'manifest.json'} introuvable ; donner --db pour écrire les tables d'une "
                   "base chargée, ou un dossier écrit ainsi.", err=True)
        raise typer.Exit(Sortie.IMPOSSIBLE)
    raise typer.Exit(job.main(["--export", str(parquet), "--sortie", str(sortie), "--master", master]))


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.command("spark-regles")(spark_regles)
