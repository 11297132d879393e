"""Names of academies and departments (public nomenclatures BCN N_ACADEMIE / N_DEPARTEMENT, COG names;
SOURCE.md), shipped as package data: reports, CLI and CSV show names, not codes."""
from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from lsu_analytics.contract.vocabulary import NIVEAU_PERIMETRE_LIBELLES

__all__ = ["academies", "departements", "nom_academie", "nom_departement", "academie_du_departement",
           "de_academie", "nom_perimetre", "nomenclature_rows"]


def _read(name: str) -> list[dict]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


@cache
def academies() -> dict[str, str]:
    """Code (2 characters) -> name, e.g. "08" -> "Grenoble"."""
    return {r["code"]: r["libelle"] for r in _read("academies.csv")}


@cache
def departements() -> dict[str, tuple[str, str]]:
    """Code (3 characters) -> (name, academy code), e.g. "038" -> ("Isère", "08")."""
    return {r["code"]: (r["libelle"], r["academie"]) for r in _read("departements.csv")}


def nom_academie(code: str | None) -> str | None:
    """The academy's name; an unknown code is returned as is (never hidden), None stays None."""
    if code is None:
        return None
    return academies().get(code, code)


def nom_departement(code: str | None) -> str | None:
    """The department's name; an unknown code is returned as is, None stays None."""
    if code is None:
        return None
    entry = departements().get(code)
    return entry[0] if entry else code


def de_academie(code: str) -> str:
    """'de Grenoble' for 08, "d'Amiens" for 20 (after the word académie); an unknown code as is."""
    nom = nom_academie(code)
    if nom == code:
        return code
    return f"d'{nom}" if nom[:1] in "AEIOUYÉÈ" else f"de {nom}"


def nom_perimetre(niveau: str, code: str) -> str:
    """A perimeter inside a sentence: 'académie de Grenoble (08)', 'département Isère (038)', 'national';
    circonscriptions and establishments have no name in the nomenclatures: their code."""
    if niveau == "national":
        return "national"
    if niveau == "academie" and nom_academie(code) != code:
        return f"académie {de_academie(code)} ({code})"
    if niveau == "departement" and nom_departement(code) != code:
        return f"département {nom_departement(code)} ({code})"
    return f"{NIVEAU_PERIMETRE_LIBELLES.get(niveau, niveau)} {code}"


def academie_du_departement(code: str) -> str | None:
    entry = departements().get(code)
    return entry[1] if entry else None


def nomenclature_rows() -> dict[str, list[dict]]:
    """Both lists as rows, to register as DuckDB tables (nom_academies, nom_departements) for a SQL join."""
    return {
        "nom_academies": [{"code": k, "libelle": v} for k, v in academies().items()],
        "nom_departements": [{"code": k, "libelle": v[0], "academie": v[1]} for k, v in departements().items()],
    }
