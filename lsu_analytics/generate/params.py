"""Scale and fixed dates of a generated export, derived from (pupils, seed, millesime)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ENCODINGS = ("utf-8", "windows-1252")
DATE_FORMATS = ("iso", "fr")
FORMATS = ("csv", "parquet")
N_ACADEMIES_MAX = 24  # academies listed in sql/referentiel.sql
# Pupils of one block: the unit of memory and of injection (see generate/__init__.py). Changing it changes
# which rows receive the injected violations of exports larger than one block.
ELEVES_PAR_BLOC = 100_000
# Pupils per step of the passes that only count (effectifs, classes): any value gives the same export.
ELEVES_PAR_PASSE = 1_000_000


@dataclass(frozen=True)
class GenerationParams:
    pupils: int
    seed: int
    millesime: int = 2025
    encoding: str = "utf-8"
    date_format: str = "iso"
    fmt: str = "csv"
    # Successive extractions (generate --extractions): this one's date and rank among nb_etapes.
    date_extraction_forcee: datetime | None = None
    etape: int = 0
    nb_etapes: int = 1
    eleves_par_bloc: int = ELEVES_PAR_BLOC
    eleves_par_passe: int = ELEVES_PAR_PASSE

    def __post_init__(self) -> None:
        if self.pupils < 50:
            raise ValueError(f"--pupils doit valoir au moins 50 (reçu {self.pupils}).")
        if self.encoding not in ENCODINGS:
            raise ValueError(f"--encodage doit être l'un de {', '.join(ENCODINGS)} (reçu {self.encoding!r}).")
        if self.date_format not in DATE_FORMATS:
            raise ValueError(f"--format-date doit être l'un de {', '.join(DATE_FORMATS)} (reçu {self.date_format!r}).")
        if self.fmt not in FORMATS:
            raise ValueError(f"--format doit être l'un de {', '.join(FORMATS)} (reçu {self.fmt!r}).")
        if not 2000 <= self.millesime <= 2100:
            raise ValueError(f"--millesime doit être une année entre 2000 et 2100 (reçu {self.millesime}).")
        if self.eleves_par_bloc < 50 or self.eleves_par_passe < 1:
            raise ValueError(f"blocs d'au moins 50 élèves (reçu {self.eleves_par_bloc}).")
        if not 0 <= self.etape < self.nb_etapes:
            raise ValueError(f"extraction {self.etape} hors de 0..{self.nb_etapes - 1}.")

    @property
    def date_extraction(self) -> datetime:
        if self.date_extraction_forcee is not None:
            return self.date_extraction_forcee
        # Mid-March of year C: periods 1 (and the 2nd trimester) are over, the last one is not.
        return datetime(self.millesime + 1, 3, 15, 2, 0, 0)

    @property
    def n_academies(self) -> int:
        return max(2, min(N_ACADEMIES_MAX, round(self.pupils / 20000)))

    @property
    def n_ecoles(self) -> int:
        return max(6, round(self.pupils * 5 / 11 / 110))

    @property
    def n_colleges(self) -> int:
        return max(4, round(self.pupils * 4 / 11 / 480))

    @property
    def depts_per_academy(self) -> int:
        return max(1, min(4, self.n_colleges // (self.n_academies * 6)))

    @property
    def injections_per_rule(self) -> int:
        return injections_for(self.pupils)

    def blocs(self) -> list[range]:
        """The pupils (k) of each block, in order: as many blocks as needed, of even sizes."""
        return split(self.pupils, self.eleves_par_bloc)

    def passes(self) -> list[range]:
        return split(self.pupils, self.eleves_par_passe)

    def variables(self) -> dict:
        """DuckDB variables read by the SQL files through getvariable()."""
        return {
            "seed": self.seed,
            "k_debut": 0,
            "k_fin": self.pupils,
            "c": self.millesime,
            "x": self.date_extraction,
            "n_acad": self.n_academies,
            "depts_par_acad": self.depts_per_academy,
            "n_ecoles": self.n_ecoles,
            "n_colleges": self.n_colleges,
            "n_inj": self.injections_per_rule,
            "etape": self.etape,
            "nb_etapes": self.nb_etapes,
        }


def injections_for(pupils: int) -> int:
    """Injected violations per rule among `pupils` pupils (a block's own, or the whole export's)."""
    return max(2, pupils // 2000)


def split(n: int, size: int) -> list[range]:
    count = -(-n // size)
    return [range(i * n // count, (i + 1) * n // count) for i in range(count)]
