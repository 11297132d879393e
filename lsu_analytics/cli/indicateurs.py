"""`lsu-analytics indicateurs` (table `indicateurs`) and `lsu-analytics bench indicateurs`."""
from __future__ import annotations

from pathlib import Path

import typer

from lsu_analytics.common.nombres import entier, secondes
from lsu_analytics.contract.vocabulary import Sortie

from .db_lock import attendre_option, database_lock
from .duckdb_options import duckdb_options

FAMILLES_LIBELLES = {
    "effectif": "Effectifs (EFFECTIF)",
    "bilans_periodiques": "Bilans périodiques (BP_*)",
    "verrouillage_saisie": "Verrouillage en saisie directe (BP_VERROUILLES_SAISIE)",
    "familles": "Accès des familles (COMPTES_FAMILLES_ACTIFS, BP_CONSULTES_FAMILLES)",
    "bilans_cycle": "Bilans de fin de cycle (BFC_*)",
    "socle": "Socle commun (SOCLE_*)",
    "attestations": "Attestations (ATT_*)",
    "etablissements": "Service en ligne (SEL_OUVERT)",
    "classes": "Classes (PERIODES_PARAMETREES, CLASSES_IMPORT)",
    "anomalies": "Anomalies (ANOMALIES_*, TRANSFERTS_MANQUANTS)",
}


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(Sortie.IMPOSSIBLE)


def _summary_table(run, title: str):
    from rich.table import Table

    table = Table(title=title)
    for col, justify in (("Famille", "left"), ("Lignes", "right"), ("Masquées", "right"),
                         ("dont secondaire", "right")):
        table.add_column(col, justify=justify)
    for famille, lignes in run.lignes_par_famille.items():
        table.add_row(FAMILLES_LIBELLES.get(famille, famille), entier(lignes),
                      entier(run.masquees_par_famille.get(famille, 0)),
                      entier(run.secondaires_par_famille.get(famille, 0)))
    table.add_row("[bold]Total[/]", f"[bold]{entier(run.lignes)}[/]", f"[bold]{entier(run.lignes_masquees)}[/]",
                  f"[bold]{entier(sum(run.secondaires_par_famille.values()))}[/]")
    return table


def _run_rules_if_needed(con, console) -> None:
    """Sans contrôle enregistré, lance les règles pour que ANOMALIES_* aient un sens."""
    from lsu_analytics.indicators import IndicateursError

    if con.execute("SELECT count(*) FROM controles").fetchone()[0] > 0:
        return
    from lsu_analytics.rules import run_rules

    console.print("Aucun contrôle enregistré sur cette base : exécution des règles métier d'abord…")
    try:
        rules_run = run_rules(con)
    except Exception as e:  # noqa: BLE001 - reported in French by the command
        raise IndicateursError(f"les règles métier ont échoué avant le calcul des indicateurs ({e}) ; "
                               "lancez `lsu-analytics check --db ...` pour le détail.") from None
    console.print(f"Règles exécutées : {rules_run.nb_anomalies} anomalie(s).")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("indicateurs")
    @duckdb_options
    def indicateurs(
        db: Path = typer.Option(..., "--db", help="Base DuckDB chargée par `lsu-analytics load`."),
        seuil_secret: int = typer.Option(4, "--seuil-secret", min=0,
                                         help="Secret statistique : masquer les cellules fondées sur 1 à N élèves."),
        attendre: float = attendre_option(),
    ) -> None:
        """Calcule les indicateurs LSU (indicators.md) pour tous les périmètres et remplace le contenu de la
        table `indicateurs`. Exécute d'abord les règles métier si aucun contrôle n'a tourné sur la base.
        Codes de sortie : 0 indicateurs calculés, 2 échec ou base utilisée par une autre exécution (verrou)."""
        import duckdb
        from rich.console import Console

        from lsu_analytics.database import connect, resource_error_message
        from lsu_analytics.indicators import IndicateursError, compute_indicateurs

        console = Console()
        if not db.is_file():
            raise _fail(f"base introuvable : {db} ; chargez d'abord un export avec `lsu-analytics load EXPORT --db {db}`.")
        with database_lock(db, attendre):
            try:
                con = connect(db)
                con.execute("SET enable_progress_bar = false")  # l'affichage est celui de rich
            except duckdb.Error as e:
                raise _fail(f"impossible d'ouvrir la base {db} ({e}) ; vérifiez que c'est une base DuckDB et "
                            "qu'aucun autre programme ne l'a ouverte en écriture.")
            try:
                _run_rules_if_needed(con, console)
                with console.status("Calcul des indicateurs…"):
                    run = compute_indicateurs(con, seuil_secret=seuil_secret)
            except IndicateursError as e:
                raise _fail(str(e))
            except Exception as e:  # noqa: BLE001 - the user gets a French message, never a traceback
                if resource_error_message(e):
                    raise _fail(f"{resource_error_message(e)} La table `indicateurs` est restée telle qu'elle "
                                "était.") from None
                raise _fail(f"le calcul a échoué sur {db} ({type(e).__name__} : {e}) ; la table `indicateurs` est "
                            "restée telle qu'elle était. Vérifiez que la base a été chargée par `lsu-analytics load`.")
            finally:
                con.close()
        console.print(_summary_table(run, f"Indicateurs LSU, millésime {run.millesime}"))
        console.print(f"{entier(run.lignes)} ligne(s) écrite(s) dans `indicateurs`, dont "
                      f"{entier(run.lignes_masquees)} masquée(s) par le secret statistique ; durée : "
                      f"{secondes(run.duree_s)}.")
        for ligne in run.secret.resume(run.seuil_secret):
            console.print(ligne, style="red" if ligne.startswith("Attention") else None)
        if run.source_regles == "aucune":
            console.print("[yellow]Avertissement : catalogue des règles introuvable ; seules les règles présentes "
                          "dans `anomalies` ont un indicateur ANOMALIES_*.[/]")

    @bench_app.command("indicateurs")
    def bench_indicateurs(
        pupils: int = typer.Option(..., "--pupils", min=1, help="Nombre d'élèves de l'export généré."),
        seed: int = typer.Option(1, "--seed", help="Graine du générateur."),
        db: Path = typer.Option(None, "--db", help="Base déjà chargée à réutiliser au lieu de générer un export "
                                                   "(sa table indicateurs est recalculée)."),
        workdir: Path = typer.Option(None, "--workdir", help="Dossier de travail (défaut : dossier temporaire)."),
    ) -> None:
        """Mesure le remplissage de la table `indicateurs` et le rendu du rapport indicateurs de la plus
        grande académie, sur un export généré de PUPILS élèves (cible : 30 s chacun à 250 000 élèves)."""
        from rich.console import Console

        from lsu_analytics.bench.rapports import run_bench

        console = Console()
        try:
            result = run_bench(pupils, seed=seed, workdir=workdir, db=db, echo=console.print)
        except Exception as e:  # noqa: BLE001 - a benchmark reports any failure in French
            raise _fail(f"la mesure a échoué ({type(e).__name__} : {e}).")
        console.print(result.resume())
