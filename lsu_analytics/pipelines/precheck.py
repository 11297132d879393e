"""`pipeline check`: what can be checked without running — report parameters against the notebooks' declarations,
and the perimeters the reports would cover with the database as it is now."""
from __future__ import annotations

from dataclasses import dataclass, field

from lsu_analytics.contract.vocabulary import NIVEAU_PERIMETRE_LIBELLES

from . import database
from lsu_analytics.reports.notebooks import NOTEBOOKS

from .spec import PipelineSpec


@dataclass
class Precheck:
    errors: list[str] = field(default_factory=list)  # the pipeline would fail: fix the YAML
    plan: list[str] = field(default_factory=list)  # one French line per planned report group


def precheck(spec: PipelineSpec) -> Precheck:
    out = Precheck()
    for r in spec.rapports:
        where = f"{spec.path}, ligne {r.line}"
        declared = NOTEBOOKS.get(r.notebook)
        if declared is None:
            out.errors.append(f"{where} : le notebook {r.notebook} n'existe pas dans lsu_analytics.reports.")
            continue
        params = {p.name: p for p in declared.params}
        for name, value in r.parametres.items():
            p = params.get(name)
            if p is None:
                allowed = ", ".join(n for n in params if n not in ("niveau_perimetre", "code_perimetre",
                                                                    "eleve_id", "ine")) or "aucun"
                out.errors.append(f"{where} : paramètre « {name} » inconnu du notebook {r.notebook} ; "
                                  f"paramètres permis : {allowed}.")
            elif p.choices and value not in p.choices:
                out.errors.append(f"{where} : {name} = {value!r} n'est pas permis pour {r.notebook} ; valeurs "
                                  f"permises : {', '.join(p.choices)}.")
        out.plan.append(_planned(spec, r))
    return out


def _planned(spec: PipelineSpec, r) -> str:
    traits = NOTEBOOKS[r.notebook]
    if not traits.par_perimetre:
        return f"{r.notebook} : {len(r.eleves)} élève(s) — données personnelles"
    if r.codes is not None:
        return f"{r.notebook} : {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} {', '.join(r.codes)}"
    try:
        codes = database.perimeter_codes(spec.base, r.niveau, traits.perimetres_de) if spec.base.exists() else None
    except Exception:  # noqa: BLE001 - the base may be busy or not loaded yet: only the plan is less precise
        codes = None
    if codes is None:
        return f"{r.notebook} : chaque {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} de l'export (connus après le chargement)"
    return (f"{r.notebook} : chaque {NIVEAU_PERIMETRE_LIBELLES[r.niveau]} de l'export — d'après la base actuelle, {len(codes)} rapport(s) "
            f"({', '.join(codes[:10])}{'…' if len(codes) > 10 else ''})")
