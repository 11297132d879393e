"""What a pipeline YAML describes, once validated (see docs/planification.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

NIVEAUX_PERIMETRE = ("national", "academie", "departement", "circonscription", "etablissement")
SEVERITES = ("critique", "majeure", "mineure", "info")


@dataclass(frozen=True)
class NotebookTraits:
    perimetre: bool  # takes niveau_perimetre / code_perimetre
    millesime: bool = False  # takes millesime (the pipeline passes the export's C)
    personnel: bool = False  # shows personal data: only on explicit request
    after: str = "indicateurs"  # the step whose result it reads
    # Where "each perimeter of the export" comes from: the indicators notebook only knows perimeters that
    # have indicators (at least one enrolled pupil), the others every perimeter of the establishments.
    perimetres_de: str = "etablissements"


# The notebooks the pipelines know how to schedule (notebooks/<nom>.ipynb).
NOTEBOOKS = {
    "indicateurs": NotebookTraits(perimetre=True, millesime=True, after="indicateurs", perimetres_de="indicateurs"),
    "audit_anomalies": NotebookTraits(perimetre=True, after="controles"),
    "diagnostic_eleve": NotebookTraits(perimetre=False, personnel=True, after="chargement"),
}


@dataclass(frozen=True)
class SourceSpec:
    kind: str  # "dossier", "zip" or "plus_recent"
    path: Path


@dataclass(frozen=True)
class ControlesSpec:
    regles: tuple[str, ...] | None = None  # None = every rule
    seuils: dict = field(default_factory=dict)
    echec_si: str | None = None  # a severity: exit code 3 when an anomaly of it (or worse) exists
    data_docs: bool = True  # the Great Expectations layer (Data Docs); off = rules only, much faster


@dataclass(frozen=True)
class RapportSpec:
    notebook: str
    niveau: str | None = None  # perimeter level, for perimeter notebooks
    codes: tuple[str, ...] | None = None  # None = every perimeter of that level in the export
    eleves: tuple[str, ...] = ()  # diagnostic_eleve only
    parametres: dict = field(default_factory=dict)
    donnees_personnelles: bool = False
    line: int = 0  # where it is declared in the YAML, for messages


@dataclass(frozen=True)
class PipelineSpec:
    path: Path
    nom: str
    source: SourceSpec
    base: Path
    sortie: Path
    controles: ControlesSpec
    seuil_secret: int
    rapports: tuple[RapportSpec, ...]
    parallelisme: int | None = None  # None = os.cpu_count()
    attente_verrou_s: float = 0.0  # 0 = refuse at once if another run holds the database
    delai_rapport_s: float | None = 1800.0  # a report still running after this is stopped
