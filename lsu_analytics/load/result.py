"""What a load reports back (CLI summary, demo, pipelines, bench)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lsu_analytics.contract import SYSTEM_TABLES

MOTIFS = SYSTEM_TABLES["rejets"].column("motif").codes  # declared once, in the contract


@dataclass
class TableResult:
    table: str
    fichier: str | None  # None: table absent from the export (created empty)
    lignes_manifeste: int
    chargees: int
    rejetees: int
    rejets_par_motif: dict[str, int] = field(default_factory=dict)


@dataclass
class LoadResult:
    chargement_id: str
    source: Path
    db: Path
    tables: dict[str, TableResult]
    duree_s: float
    avertissements: list[str] = field(default_factory=list)

    @property
    def lignes_manifeste(self) -> int:
        return sum(t.lignes_manifeste for t in self.tables.values())

    @property
    def chargees(self) -> int:
        return sum(t.chargees for t in self.tables.values())

    @property
    def rejetees(self) -> int:
        return sum(t.rejetees for t in self.tables.values())

    @property
    def rejets_par_motif(self) -> dict[str, int]:
        total = {m: 0 for m in MOTIFS}
        for t in self.tables.values():
            for motif, n in t.rejets_par_motif.items():
                total[motif] += n
        return total
