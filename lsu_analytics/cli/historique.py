"""`lsu-analytics historiser`, `lsu-analytics historique [purger]` and `lsu-analytics bench historique`."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from lsu_analytics.common.nombres import entier
from lsu_analytics.contract.vocabulary import Sortie

from .db_lock import attendre_option, database_lock


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(Sortie.IMPOSSIBLE)


def _date(d: datetime) -> str:
    return f"{d:%d/%m/%Y %H:%M}"


def parse_date(value: str) -> datetime:
    """`AAAA-MM-JJ` or `AAAA-MM-JJTHH:MM[:SS]` (also `JJ/MM/AAAA`), as date_extraction is written."""
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
                "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise ValueError(f"--avant « {value} » : date attendue AAAA-MM-JJ (par ex. 2026-01-31), "
                     "ou AAAA-MM-JJTHH:MM.")


def _table_extractions(resumes, historique: Path):
    from rich.table import Table

    table = Table(title=f"Historique {historique}")
    table.add_column("Extraction", no_wrap=True)
    table.add_column("Millésime", justify="right")
    table.add_column("Anomalies", justify="right")
    table.add_column("Nouvelles", justify="right")
    table.add_column("Réapparues", justify="right")
    table.add_column("Résolues", justify="right")
    for i, r in enumerate(resumes):
        first = i == 0  # nothing to compare the first extraction with
        table.add_row(_date(r.date_extraction), str(r.millesime_courant), entier(r.nb_anomalies),
                      "—" if first else entier(r.nouvelles), "—" if first else entier(r.reapparues),
                      "—" if first else entier(r.resolues))
    return table


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("historiser")
    def historiser_command(
        db: Path = typer.Option(..., "--db", help="Base chargée, contrôlée avec toutes les règles et dont les "
                                                  "indicateurs sont calculés."),
        historique: Path = typer.Option(..., "--historique", help="Base d'historique (créée si absente)."),
        forcer: bool = typer.Option(False, "--forcer", help="Remplacer une extraction de même date_extraction "
                                                            "venant d'un autre export (export corrigé)."),
        attendre: float = attendre_option(),
    ) -> None:
        """Ajoute l'extraction de la base à l'historique : anomalies suivies (nouvelles, réapparues,
        persistantes, résolues) et indicateurs. Codes de sortie : 0 historisée, 2 refus ou échec."""
        from rich.console import Console

        from lsu_analytics.contract.nomenclatures import nom_perimetre
        from lsu_analytics.history import HistoryError, historiser

        with database_lock(db, attendre):
            try:
                result = historiser(db, historique, forcer=forcer, attendre=attendre)
            except HistoryError as e:
                raise _fail(str(e)) from None
            except Exception as e:  # noqa: BLE001 - the user gets a French message, never a traceback
                raise _fail(f"l'historisation a échoué ({type(e).__name__} : {e}) ; l'historique est resté tel "
                            "qu'il était.") from None
        x = result.extraction
        verbe = "remplacée dans" if result.remplacee else "ajoutée à"
        cree = " (créé)" if result.cree else ""
        Console().print(
            f"Extraction du {_date(x.date_extraction)} ({nom_perimetre(x.perimetre_niveau, x.perimetre_code)}, "
            f"millésime {x.millesime_courant}) {verbe} l'historique {historique}{cree} : {entier(x.nb_anomalies)} "
            f"anomalie(s), {entier(x.nb_indicateurs)} ligne(s) d'indicateurs ; {result.nb_extractions} "
            f"extraction(s) dans l'historique. Voir : lsu-analytics historique --historique {historique}")
        from lsu_analytics.history.changes import changements

        try:
            ch = changements(historique, x.date_extraction)
        except HistoryError:
            return  # historised all the same; the summary is a courtesy
        if ch.precedente is not None:
            Console().print(f"Depuis l'extraction du {_date(ch.precedente)} : {entier(ch.total('nouvelle'))} "
                            f"nouvelle(s), {entier(ch.total('reapparue'))} réapparue(s), "
                            f"{entier(ch.total('persistante'))} persistante(s), {entier(ch.total('resolue'))} "
                            "résolue(s).")

    historique_app = typer.Typer(
        help="Affiche les extractions de l'historique (date, millésime, anomalies ; nouvelles, réapparues et "
             "résolues depuis l'extraction précédente). `historique purger` retire les plus anciennes. Codes de "
             "sortie : 0, 2 (historique absent ou illisible).",
        invoke_without_command=True, no_args_is_help=False)
    app.add_typer(historique_app, name="historique")

    @historique_app.callback()
    def historique_command(
        ctx: typer.Context,
        historique: Path = typer.Option(None, "--historique", help="Base d'historique."),
    ) -> None:
        """Affiche les extractions de l'historique : date, millésime, anomalies, nouvelles, réapparues et
        résolues depuis l'extraction précédente. `historique purger` retire les plus anciennes."""
        if ctx.invoked_subcommand is not None:
            return
        if historique is None:
            raise _fail("donnez la base d'historique : lsu-analytics historique --historique CHEMIN.")
        from rich.console import Console

        from lsu_analytics.history import HistoryError
        from lsu_analytics.history.changes import open_history, resume_extractions

        try:
            with open_history(historique) as con:
                resumes = resume_extractions(con)
        except HistoryError as e:
            raise _fail(str(e)) from None
        console = Console()
        console.print(_table_extractions(resumes, historique))
        if resumes:
            last = resumes[-1]
            console.print(f"{len(resumes)} extraction(s) ; dernière : {_date(last.date_extraction)}, "
                          f"{entier(last.nb_anomalies)} anomalie(s) dont {entier(last.nouvelles)} nouvelle(s) et "
                          f"{entier(last.persistantes)} persistante(s) ; {entier(last.resolues)} résolue(s) depuis "
                          "la précédente.")

    @historique_app.command("purger")
    def purger_command(
        historique: Path = typer.Option(..., "--historique", help="Base d'historique."),
        avant: str = typer.Option(..., "--avant", metavar="DATE", help="Retirer les extractions antérieures à "
                                                                       "cette date (AAAA-MM-JJ)."),
        attendre: float = attendre_option(),
    ) -> None:
        """Retire les extractions antérieures à --avant et tout ce qu'elles seules contenaient (identifiants
        d'élèves compris : durée de conservation) ; les statuts sont recalculés. Codes de sortie : 0, 2."""
        from lsu_analytics.history import HistoryError
        from lsu_analytics.history.purge import purger

        try:
            date = parse_date(avant)
            if not Path(historique).is_file():
                raise HistoryError(f"historique introuvable : {historique}.")
            result = purger(historique, date, attendre=attendre)
        except (ValueError, HistoryError) as e:
            raise _fail(str(e)) from None
        if not result.supprimees:
            typer.echo(f"Aucune extraction antérieure au {_date(date)} : l'historique {historique} est inchangé.")
            return
        typer.echo(f"{len(result.supprimees)} extraction(s) retirée(s) ({', '.join(map(_date, result.supprimees))}) "
                   f"et {entier(result.cles_supprimees)} anomalie(s) que seules elles contenaient ; "
                   f"{result.restantes} extraction(s) restent, statuts recalculés.")

    @bench_app.command("historique")
    def bench_historique_command(
        pupils: int = typer.Option(..., "--pupils", help="Nombre d'élèves de l'export généré."),
        extractions: int = typer.Option(..., "--extractions", min=1, help="Nombre d'extractions historisées."),
        seed: int = typer.Option(1, "--seed", help="Graine du générateur."),
        intervalle_jours: int = typer.Option(7, "--intervalle-jours", min=1, help="Jours entre deux extractions."),
        workdir: Path = typer.Option(None, "--workdir", help="Dossier de travail gardé (défaut : temporaire) : "
                                                             "historique et base de la dernière extraction."),
        sans_rapports: bool = typer.Option(False, "--sans-rapports", help="Ne pas mesurer le rendu des rapports."),
    ) -> None:
        """Mesure `historiser` (temps d'une extraction), la taille de l'historique après N extractions et le
        rendu des rapports indicateurs et audit_anomalies avec cet historique. Les extractions sont celles du
        générateur (generate --extractions), produites, chargées, contrôlées et historisées une à une."""
        from lsu_analytics.history.bench import bench_historique

        try:
            result = bench_historique(pupils, extractions, seed=seed, intervalle_jours=intervalle_jours,
                                      workdir=workdir, rapports=not sans_rapports,
                                      echo=lambda m: typer.echo(m, err=True))
        except Exception as e:  # noqa: BLE001 - a benchmark reports any failure in French
            raise _fail(f"la mesure a échoué ({type(e).__name__} : {e}).") from None
        typer.echo(result.resume())
