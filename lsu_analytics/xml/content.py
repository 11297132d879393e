"""What reading an import file gives: the contract's tables (polars), side tables for the
pre-checks, and the problems found."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from lsu_analytics.contract import TABLES

from .errors import AVERTISSEMENT, ERREUR, Problem

# Tables filled from an import file, in loading order (parents first).
MAPPED_TABLES = ("etablissements", "classes", "eleves", "personnels", "periodes",
                 "bilans_periodiques", "acquis", "bilans_cycle", "bilans_cycle_socle")

_POLARS_TYPES = {"text": pl.Utf8, "int": pl.Int32, "bool": pl.Boolean, "date": pl.Date,
                 "timestamp": pl.Datetime("us"), "decimal": pl.Decimal(6, 2), "double": pl.Float64}

# Side tables, XML vocabulary (ids as in the file): what the pre-checks need and the contract lacks.
EXTRA_SCHEMAS = {
    "xml_bilans": {"bilan_id": pl.Utf8, "type_bilan": pl.Utf8, "uai": pl.Utf8, "eleve_ref": pl.Utf8,
                   "periode_ref": pl.Utf8, "cycle": pl.Int32, "code_division": pl.Utf8, "millesime": pl.Int32,
                   "indice": pl.Int32, "nb_periodes": pl.Int32, "date_conseil_classe": pl.Date,
                   "date_scolarite": pl.Date, "ligne": pl.Int32},
    "xml_enseignants": {"personnel_id": pl.Utf8, "uai": pl.Utf8, "enseignant_ref": pl.Utf8, "id_sts": pl.Utf8,
                        "type": pl.Utf8, "nom": pl.Utf8, "prenom": pl.Utf8},
    "xml_bilan_enseignants": {"bilan_id": pl.Utf8, "enseignant_ref": pl.Utf8},
}


def contract_schema(table: str) -> dict[str, pl.DataType]:
    return {c.name: _POLARS_TYPES[c.type] for c in TABLES[table].columns}


@dataclass
class ImportContent:
    path: Path
    uai: str | None
    schema_version: str | None
    xsd: Path | None  # None: XSD validation skipped
    tables: dict[str, pl.DataFrame]
    extras: dict[str, pl.DataFrame]
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severite == ERREUR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severite == AVERTISSEMENT]

    @property
    def valid(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {name: self.tables[name].height for name in MAPPED_TABLES}


def frame(rows: list[tuple], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row")


class Rows:
    """Rows of one table, turned into compact polars chunks as they come: a big file's rows
    never sit in memory as Python tuples."""
    BATCH = 20_000

    def __init__(self, schema: dict[str, pl.DataType]):
        self.schema = schema
        self._pending: list[tuple] = []
        self._chunks: list[pl.DataFrame] = []

    def append(self, **values) -> None:
        """One row, by column name; columns not given are NULL."""
        unknown = values.keys() - self.schema.keys()
        if unknown:
            raise KeyError(f"colonnes inconnues : {', '.join(sorted(unknown))}")
        self._pending.append(tuple(values.get(c) for c in self.schema))
        if len(self._pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        self._chunks.append(frame(self._pending, self.schema))
        self._pending = []

    def to_frame(self) -> pl.DataFrame:
        if self._pending or not self._chunks:
            self._flush()
        return pl.concat(self._chunks, rechunk=False) if len(self._chunks) > 1 else self._chunks[0]
