"""`make demo`: four weekly extractions generated → each loaded, checked, its indicators computed and
historised → the three reports on the latest, with the history → index.html.

Each step is the same public function the commands use; this module only chains them and
prints what a first-time user needs to see.
"""
from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from string import Template

import duckdb

from lsu_analytics.reports.labels import academie as libelle_academie

HERE = Path(__file__).parent
INDEX_TEMPLATE = Template((HERE / "index.html").read_text(encoding="utf-8"))



@dataclass
class DemoReport:
    notebook: str
    libelle: str
    params: dict
    html: Path | None = None
    erreur: str | None = None


@dataclass
class DemoRun:
    out: Path
    export: Path
    db: Path
    historique: Path | None = None
    load: object = None
    check: object = None
    indicateurs: object = None
    rapports: list[DemoReport] = field(default_factory=list)
    index: Path | None = None


def prepare_extraction(folder: Path, db: Path, historique: Path, controles: Path, gx: bool):
    """load → check (every rule) → indicators → historise: what a weekly run does to one extraction."""
    from lsu_analytics.history import historiser
    from lsu_analytics.indicators import compute_indicateurs
    from lsu_analytics.load import load_export
    from lsu_analytics.check import check

    loaded = load_export(folder, db)
    checked = check(db, controles, gx=gx)
    with duckdb.connect(str(db)) as con:
        indicateurs = compute_indicateurs(con)
    historiser(db, historique)
    return loaded, checked, indicateurs


def with_history(reports: list[DemoReport], historique: Path) -> None:
    """The reports whose notebook takes a history get it (their « Évolution » section)."""
    from lsu_analytics.reports.notebooks import NOTEBOOKS

    for r in reports:
        if "historique" in NOTEBOOKS[r.notebook].param_names:
            r.params["historique"] = str(historique)


def _one(con: duckdb.DuckDBPyConnection, sql_file: str):
    row = con.execute((HERE / sql_file).read_text(encoding="utf-8")).fetchone()
    return row[0] if row else None


def plan_reports(db: Path) -> list[DemoReport]:
    """National and largest-academy indicators, the national audit, and one pupil with anomalies."""
    with duckdb.connect(str(db), read_only=True) as con:
        academie = _one(con, "premiere_academie.sql")
        eleve_id = _one(con, "eleve_a_diagnostiquer.sql")
    reports = [DemoReport("indicateurs", "Indicateurs — national",
                          {"niveau_perimetre": "national", "code_perimetre": "FR"})]
    if academie:
        reports.append(DemoReport("indicateurs", f"Indicateurs — {libelle_academie(academie)}",
                                  {"niveau_perimetre": "academie", "code_perimetre": academie}))
    reports.append(DemoReport("audit_anomalies", "Audit des anomalies — national",
                              {"niveau_perimetre": "national", "code_perimetre": "FR", "severite_min": "info"}))
    if eleve_id:
        reports.append(DemoReport("diagnostic_eleve", f"Diagnostic de l'élève {eleve_id}", {"eleve_id": eleve_id}))
    return reports


def render_reports(db: Path, reports: list[DemoReport], out: Path, workers: int = 2) -> None:
    """Render in parallel: each papermill run is its own kernel process, so threads are enough."""
    from lsu_analytics.reports import ReportError, render_report

    def one(r: DemoReport) -> None:
        try:
            r.html = render_report(r.notebook, db, r.params, out).html
        except ReportError as e:
            r.erreur = str(e)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, reports))


def write_index(run: DemoRun, eleves: int, graine: int) -> Path:
    with duckdb.connect(str(run.db), read_only=True) as con:
        millesime, extraction = con.execute("SELECT millesime_courant, date_extraction FROM manifeste").fetchone()
    rows = []
    for r in run.rapports:
        perso = ' <span class="perso">données personnelles</span>' if r.notebook == "diagnostic_eleve" else ""
        cible = (f'<a href="{escape(r.html.relative_to(run.out).as_posix())}">ouvrir</a>' if r.html
                 else f"échec : {escape(r.erreur or '')}")
        if r.html and "historique" in r.params:
            anchor = evolution_anchor(r.html)
            if anchor:
                cible += (f' — <a href="{escape(r.html.relative_to(run.out).as_posix())}#{escape(anchor)}">'
                          "section Évolution</a>")
        rows.append(f"<tr><td>{escape(r.libelle)}{perso}</td><td>{escape(r.notebook)}</td><td>{cible}</td></tr>")
    check = run.check
    docs = check.data_docs_index if check else None
    index = run.out / "index.html"
    index.write_text(INDEX_TEMPLATE.substitute(
        eleves=eleves, graine=graine, millesime=millesime,
        date_extraction=extraction.strftime("%d/%m/%Y à %H:%M") if isinstance(extraction, dt.datetime) else extraction,
        rapports="\n".join(rows),
        chargees=run.load.chargees, rejetees=run.load.rejetees,
        anomalies=check.run.nb_anomalies,
        csv=escape(check.csv_path.relative_to(run.out).as_posix()),
        parquet=escape(check.parquet_path.relative_to(run.out).as_posix()),
        data_docs=(f'<a href="{escape(docs.relative_to(run.out).as_posix())}">Data Docs Great Expectations</a>'
                   if docs else f"Data Docs non produites : {escape(check.gx_note or '')}"),
        db=escape(str(run.db)), export=escape(str(run.export)),
        suivi=history_table(run.historique) if run.historique else "",
        historique=escape(str(run.historique)) if run.historique else "—",
    ), encoding="utf-8")
    return index


def evolution_anchor(html: Path) -> str | None:
    """The id of the report's « Évolution » section (its cell's or its heading's id), None if it has none."""
    m = re.search(r'\bid="([^"]*[ÉéEe]volution[^"]*)"', html.read_text(encoding="utf-8"))
    return m.group(1) if m else None


def history_table(historique: Path) -> str:
    """The extractions of the history, with what changed since the one before (as `lsu-analytics historique`)."""
    from lsu_analytics.history.changes import open_history, resume_extractions

    with open_history(historique) as con:
        resumes = resume_extractions(con)
    rows = []
    for i, r in enumerate(resumes):
        cells = [f"{r.date_extraction:%d/%m/%Y}", f"{r.nb_anomalies}"]
        cells += ["—"] * 3 if i == 0 else [str(r.nouvelles), str(r.reapparues), str(r.resolues)]
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return ("<table>\n<tr><th>Extraction</th><th>Anomalies</th><th>Nouvelles</th><th>Réapparues</th>"
            "<th>Résolues</th></tr>\n" + "\n".join(rows) + "\n</table>")
