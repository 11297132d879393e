"""The report notebooks: the parameters each one declares and what a pipeline needs to schedule it
(the one registry, `NOTEBOOKS`, read by the reports, the CLI and the pipelines)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsu_analytics.contract.vocabulary import NIVEAUX_PERIMETRE, SEVERITES
from lsu_analytics.resources import project_dir

# notebooks/ of the repository, or of the installed data (resources.py).
NOTEBOOKS_DIR = project_dir("notebooks")



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
    after: str  # the pipeline step whose result it reads
    donnees_personnelles: bool = False  # the report shows one pupil's personal data
    # Where "each perimeter of the export" comes from: the indicators notebook only knows perimeters that
    # have indicators (at least one enrolled pupil), the others every perimeter of the establishments.
    perimetres_de: str = "etablissements"

    @property
    def path(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.name}.ipynb"

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    @property
    def par_perimetre(self) -> bool:
        """Takes niveau_perimetre / code_perimetre (a pipeline renders it once per perimeter)."""
        return "niveau_perimetre" in self.param_names


_PERIMETRE = (
    Param("niveau_perimetre", "choice", "niveau du périmètre (par défaut celui de l'export)", NIVEAUX_PERIMETRE),
    Param("code_perimetre", "text", "code du périmètre : FR, code académie, département, circonscription ou UAI"),
)
# Optional: with a history database (`lsu-analytics historiser`), the report gains its « Évolution » section.
_HISTORIQUE = Param("historique", "text", "base d'historique (lsu-analytics historiser) : ajoute la section "
                                          "Évolution")

NOTEBOOKS: dict[str, NotebookSpec] = {spec.name: spec for spec in (
    NotebookSpec(
        "indicateurs", "Indicateurs LSU",
        (Param("millesime", "int", "année scolaire (2025 = 2025-2026) ; par défaut celle de l'export"), *_PERIMETRE,
         _HISTORIQUE),
        after="indicateurs", perimetres_de="indicateurs",
    ),
    NotebookSpec(
        "audit_anomalies", "Audit des anomalies",
        (*_PERIMETRE,
         Param("severite_min", "choice", "sévérité minimale affichée", SEVERITES, default="info"), _HISTORIQUE),
        after="controles",
    ),
    NotebookSpec(
        "diagnostic_eleve", "Diagnostic d'un élève",
        (Param("eleve_id", "text", "identifiant de l'élève dans l'export"),
         Param("ine", "text", "INE de l'élève (11 caractères), à la place de eleve_id")),
        after="chargement", donnees_personnelles=True,
    ),
)}
