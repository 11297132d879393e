"""Run a report notebook with papermill and turn it into one self-contained HTML file (no code cells)."""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from .db import ReportError
from .notebooks import NOTEBOOKS_DIR
from .offline import remote_references
from .params import notebook_spec, validate_params
from .paths import report_stem

STYLE = Path(__file__).with_name("rapport.css")


@dataclass(frozen=True)
class ReportResult:
    html: Path
    ipynb: Path


def render_report(notebook: str, db: Path, params: dict, out_dir: Path,
                  today: dt.date | None = None, *, shared_kernel: bool = False) -> ReportResult:
    """Check the parameters, execute the notebook, write `<notebook>-<perimetre>-<date>.html`
    and keep the executed notebook beside it (audit). Raises ReportParamError / ReportError.

    `shared_kernel`: run in this process's kept kernel (reports.kernel) rather than a kernel of its own:
    for a process that renders many reports one after another (a pipeline's worker)."""
    spec = notebook_spec(notebook)
    checked = validate_params(spec.name, db, params)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(spec.name, checked, today)
    ipynb, html_path = out_dir / f"{stem}.ipynb", out_dir / f"{stem}.html"
    _execute(spec.path, ipynb, {**checked, **_fichiers_joints(spec.name, checked, out_dir / stem)}, shared_kernel)
    page = to_html(ipynb, titre=f"{spec.titre} · {_perimetre(spec.name, checked).replace('-', ' ', 1)}")
    html_path.write_text(page, encoding="utf-8")
    return ReportResult(html=html_path, ipynb=ipynb)


def _fichiers_joints(name: str, p: dict, base: Path) -> dict:
    """Files written beside the report before it runs, and given to the notebook by name (not declared
    parameters: a user cannot pass them). The audit links the complete list of its anomalies."""
    if name != "audit_anomalies":
        return {}
    from . import audit

    con = audit.connect(p)
    try:
        csv, parquet = audit.ecrire_liste(con, p, base)
    finally:
        con.close()
    return {"liste_csv": csv.name, "liste_parquet": parquet.name}


def _perimetre(name: str, p: dict) -> str:
    if name == "diagnostic_eleve":
        return f"eleve-{p['eleve_id']}"  # never the INE
    return f"{p['niveau_perimetre']}-{p['code_perimetre']}"


def _execute(source: Path, target: Path, params: dict, shared_kernel: bool = False) -> None:
    import papermill as pm  # slow import, only when rendering

    from .kernel import KERNEL_ARGS

    if not source.is_file():
        raise ReportError(f"notebook introuvable : {source}. Le dossier notebooks/ du dépôt doit être présent.")
    kept = {}
    if shared_kernel:
        from .kernel import shared_kernel as kernel

        kept = {"km": kernel()}
    try:
        pm.execute_notebook(str(source), str(target), parameters=params, kernel_name="python3",
                            progress_bar=False, log_output=False, cwd=str(NOTEBOOKS_DIR),
                            extra_arguments=KERNEL_ARGS, **kept)
    except pm.PapermillExecutionError as exc:
        # The cell's rank in the notebook (a kept kernel's execution count runs on from report to report).
        raise ReportError(
            f"le notebook {source.name} a échoué à la cellule n° {exc.cell_index + 1} : {exc.ename}: {exc.evalue}. "
            f"Le notebook exécuté est gardé pour analyse : {target}"
        ) from exc


def to_html(ipynb: Path, titre: str) -> str:
    """Outputs only (no code, no prompts), in a page with inline CSS; refuses any network reference."""
    nb = nbformat.read(str(ipynb), as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, exclude_anchor_links=True)
    body, _ = exporter.from_notebook_node(nb)
    page = (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(titre)}</title>\n<style>\n{STYLE.read_text(encoding='utf-8')}\n</style>\n"
        f'</head>\n<body>\n<main class="rapport">\n{body}\n</main>\n</body>\n</html>\n'
    )
    remote = remote_references(page)
    if remote:
        raise ReportError(f"le rapport ferait appel au réseau ({', '.join(remote[:3])}) : rendu refusé.")
    return page

