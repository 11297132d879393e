"""What a pipeline YAML describes, once validated (see docs/planification.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
class CourrielSpec:
    """E-mail through SMTP. Credentials are read at run time from the environment variables NAMED here."""
    serveur: str
    port: int
    starttls: bool
    expediteur: str
    destinataires: tuple[str, ...]
    utilisateur_env: str | None = None
    mot_de_passe_env: str | None = None
    certificat_ac: Path | None = None  # a CA bundle to trust besides the system's (an internal CA)
    delai_s: float = 30.0


@dataclass(frozen=True)
class WebhookSpec:
    """JSON POST (e.g. a chat channel's incoming webhook). A URL holding a token is given by an env variable."""
    url: str | None = None
    url_env: str | None = None
    delai_s: float = 15.0


@dataclass(frozen=True)
class NotificationsSpec:
    courriel: CourrielSpec | None = None
    webhook: WebhookSpec | None = None


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
    historique: Path | None = None  # history database: the run historises into it, reports show it
    notifications: NotificationsSpec = field(default_factory=NotificationsSpec)
