"""The report notebooks and the parameters each one declares (the public list `NOTEBOOKS`)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsu_analytics.resources import project_dir

# notebooks/ of the repository, or of the installed data (resources.py).
NOTEBOOKS_DIR = project_dir("notebooks")

NIVEAUX_PERIMETRE = ("national", "academie", "departement", "circonscription", "etablissement")
SEVERITES = ("critique", "majeure", "mineure", "info")  # most severe first


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "int", "text" or "choice"
    description: str
    choices: tuple[str, ...] = ()
    default: object = None  # None = resolved from the database (see params.py)


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    titre: str
    params: tuple[Param, ...]
    donnees_personnelles: bool = False  # the report shows one pupil's personal data

    @property
    def path(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.name}.ipynb"

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)


_PERIMETRE = (
    Param("niveau_perimetre", "choice", "niveau du périmètre (par défaut celui de l'export)", NIVEAUX_PERIMETRE),
    Param("code_perimetre", "text", "code du périmètre : FR, code académie, département, circonscription ou UAI"),
)

NOTEBOOKS: dict[str, NotebookSpec] = {spec.name: spec for spec in (
    NotebookSpec(
        "indicateurs", "Indicateurs LSU",
        (Param("millesime", "int", "année scolaire (2025 = 2025-2026) ; par défaut celle de l'export"), *_PERIMETRE),
    ),
    NotebookSpec(
        "audit_anomalies", "Audit des anomalies",
        (*_PERIMETRE,
         Param("severite_min", "choice", "sévérité minimale affichée", SEVERITES, default="info")),
    ),
    NotebookSpec(
        "diagnostic_eleve", "Diagnostic d'un élève",
        (Param("eleve_id", "text", "identifiant de l'élève dans l'export"),
         Param("ine", "text", "INE de l'élève (11 caractères), à la place de eleve_id")),
        donnees_personnelles=True,
    ),
)}
