"""`lsu-analytics import-xml`: read LSU import files, load them, and say what LSU would refuse."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lsu_analytics.contract.vocabulary import Sortie
from lsu_analytics.xml.errors import XmlImportError
from lsu_analytics.xml.xsd import ENV_VAR, configured_xsd, load_schema

# lxml only at start; polars, DuckDB and the reader are imported by the command that runs.

MAX_ROWS_ALL = 500  # above this many bilans, only those LSU would refuse or warn about are listed

# Exit codes (docs/choix.md): predicted LSU refusals do not fail the command, they are its answer.
OK, INVALIDE, REFUSE = Sortie.OK, Sortie.ECHEC, Sortie.IMPOSSIBLE


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.command("import-xml")(import_xml)
    bench_app.command("import-xml")(bench_import_xml)


def bench_import_xml(
    pupils: int = typer.Option(20_000, "--pupils", min=50, help="Nombre d'élèves de l'export généré."),
    etablissements: int = typer.Option(10, "--etablissements", min=1,
                                       help="Fichiers d'import écrits : ceux des N établissements qui ont le plus "
                                            "de bilans dans l'export."),
    seed: int = typer.Option(1, "--seed", help="Graine du générateur."),
    xsd: Path | None = typer.Option(None, "--xsd", help=f"Valider aussi contre ce XSD (sinon ${ENV_VAR})."),
    dossier: Path | None = typer.Option(None, "--dossier", help="Dossier des fichiers temporaires (défaut : /tmp)."),
) -> None:
    """Mesure la lecture en flux et le chargement des fichiers d'import XML que les plus grands établissements
    d'un export généré auraient envoyés à LSU (leurs bilans de l'année en cours)."""
    from lsu_analytics.bench.xml import measure

    console = Console(highlight=False)
    with console.status("Génération de l'export et écriture des fichiers d'import…"):
        result = measure(pupils, etablissements, seed, configured_xsd(xsd), dossier)
    table = Table(title="Import XML : mesure")
    table.add_column("Mesure")
    table.add_column("Valeur", justify="right")
    table.add_row("Fichiers (établissements)", str(result["fichiers"]))
    table.add_row("Bilans périodiques / acquis", f"{result['bilans']} / {result['acquis']}")
    table.add_row("Taille des fichiers", f"{result['taille_mo']:.1f} Mo (le plus gros : {result['plus_gros_mo']:.1f} Mo)")
    table.add_row("Validation XSD", "oui" if result["xsd"] else "non")
    table.add_row("Préparation (export généré, chargé, fichiers écrits)", f"{result['preparation_s']:.1f} s")
    table.add_row("Lecture", f"{result['lecture_s']:.1f} s ({result['bilans_par_s']:.0f} bilans/s)")
    table.add_row("Chargement DuckDB", f"{result['chargement_s']:.1f} s")
    table.add_row("Hausse du pic mémoire pendant la lecture", f"{result['pic_memoire_lecture_mo']:.0f} Mo")
    console.print(table)
    console.print("Mesures bruitées si la machine est chargée. La lecture est en flux, mais les tables produites "
                  "restent en mémoire jusqu'au chargement : la mémoire suit leur taille, donc celle du fichier.")


def import_xml(
    fichiers: list[Path] = typer.Argument(..., help="Fichiers d'import XML LSU (bilans).", show_default=False),
    db: Path | None = typer.Option(None, "--db", help="Base où un export LSU a été chargé : applique les "
                                   "pré-contrôles d'import de LSU (ouverte en lecture seule)."),
    xsd: Path | None = typer.Option(None, "--xsd", help=f"XSD officiel du ministère (sinon ${ENV_VAR})."),
    out: Path | None = typer.Option(None, "--out", help="Base DuckDB où écrire les tables "
                                    "(défaut : <nom du premier fichier>.duckdb dans le dossier courant)."),
) -> None:
    """Lit des fichiers d'import XML LSU, les valide, les charge dans une base DuckDB et, avec --db,
    dit bilan par bilan ce que LSU refuserait et pourquoi.

    Codes de sortie : 0 fichiers lus et chargés (même si LSU refuserait des bilans), 1 fichier
    invalide (XSD ou structure, non chargé), 2 fichier refusé ou illisible."""
    console = Console(highlight=False)
    # Never beside the input by default: its folder may be read-only or shared.
    out = out or Path.cwd() / f"{fichiers[0].stem}.duckdb"
    if db is not None and out.resolve() == db.resolve():
        console.print("[red]Refusé[/] : --out ne peut pas être la base --db, qui n'est jamais modifiée. "
                      "Choisissez un autre fichier pour --out.")
        raise typer.Exit(REFUSE)
    xsd_path = configured_xsd(xsd)
    try:
        if xsd_path is not None:
            load_schema(xsd_path)  # a bad XSD path fails once, before any file
    except XmlImportError as exc:
        console.print(f"[red]Refusé[/] : {escape(str(exc))}")
        raise typer.Exit(REFUSE)
    if xsd_path is None:
        console.print(f"[yellow]Validation XSD ignorée[/] : aucun XSD configuré (option --xsd ou variable "
                      f"{ENV_VAR}). Les contrôles structurels de lsu-analytics sont appliqués.")
    else:
        console.print(f"Validation contre le XSD {escape(str(xsd_path))}.")

    code = OK
    for path in fichiers:
        console.rule(escape(str(path)))
        code = max(code, _one_file(console, path, xsd_path, out, db))
    raise typer.Exit(code)


def _one_file(console: Console, path: Path, xsd_path: Path | None, out: Path, db: Path | None) -> int:
    from lsu_analytics.xml.loading import load_into  # noqa: PLC0415
    from lsu_analytics.xml.precheck import precheck  # noqa: PLC0415
    from lsu_analytics.xml.reader import read_import  # noqa: PLC0415

    try:
        content = read_import(path, xsd_path)
    except XmlImportError as exc:
        console.print(f"[red]Fichier refusé[/] : {escape(str(exc))}")
        return REFUSE
    _print_problems(console, content)
    if not content.valid:
        console.print(f"[red]Fichier invalide[/] : {len(content.errors)} erreur(s), fichier non chargé. "
                      "Corrigez-les (numéros de ligne ci-dessus) ou redemandez le fichier au logiciel de l'école.")
        return INVALIDE
    try:
        added = load_into(content, out)
    except XmlImportError as exc:
        console.print(f"[red]Chargement impossible[/] : {escape(str(exc))}")
        return REFUSE
    _print_counts(console, content, added, out)
    if db is not None:
        try:
            verdicts = precheck(content, db)
        except XmlImportError as exc:
            console.print(f"[red]Pré-contrôles impossibles[/] : {escape(str(exc))}")
            return REFUSE
        _print_verdicts(console, verdicts, db)
    return OK


def _print_problems(console: Console, content) -> None:
    if not content.problems:
        console.print("Aucun problème de structure" + (" ni de conformité au XSD." if content.xsd else "."))
        return
    table = Table(title=f"Problèmes ({len(content.errors)} erreur(s), {len(content.warnings)} avertissement(s))")
    for column in ("Ligne", "Gravité", "Contrôle", "Problème"):
        table.add_column(column, overflow="fold")
    for p in content.problems:
        table.add_row(str(p.ligne), p.severite, p.source, escape(p.message))
    console.print(table)


def _print_counts(console: Console, content, added: dict[str, int], out: Path) -> None:
    from lsu_analytics.xml.content import MAPPED_TABLES  # noqa: PLC0415

    table = Table(title=f"Tables écrites dans {escape(str(out))}")
    table.add_column("Table")
    table.add_column("Lignes du fichier", justify="right")
    table.add_column("Ajoutées", justify="right")
    for name in MAPPED_TABLES:
        table.add_row(name, str(content.tables[name].height), str(added[name]))
    console.print(table)
    console.print(f"UAI {content.uai}, schemaVersion {content.schema_version}.")
    console.print(f"Base écrite : {escape(str(out.resolve()))}")


def _print_verdicts(console: Console, verdicts, db: Path) -> None:
    table = Table(title=f"Pré-contrôles d'import LSU (base {escape(str(db))})")
    for column in ("Ligne", "Bilan (id XML)", "Verdict", "Pourquoi"):
        table.add_column(column, overflow="fold")
    listed = verdicts if len(verdicts) <= MAX_ROWS_ALL else [v for v in verdicts if v.motifs]
    for v in listed:
        style = "red" if v.refuse else ("yellow" if v.motifs else "green")
        table.add_row(str(v.ligne), escape(v.designation), f"[{style}]{v.statut}[/]",
                      escape("\n".join(f"{m.severite} : {m.detail}" for m in v.motifs)) or "—")
    if listed:
        console.print(table)
    if len(listed) < len(verdicts):
        console.print(f"{len(verdicts) - len(listed)} bilan(s) importable(s) sans réserve non listé(s).")
    refused = sum(v.refuse for v in verdicts)
    warned = sum(1 for v in verdicts if v.motifs and not v.refuse)
    console.print(f"Verdict : {len(verdicts)} bilan(s), {refused} refusé(s) par LSU, {warned} importable(s) avec "
                  f"avertissement, {len(verdicts) - refused - warned} importable(s) sans réserve.")
