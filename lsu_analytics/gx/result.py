"""What a GX run returns to its caller (the `check` command, tests)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ExpectationOutcome:
    type: str  # e.g. expect_column_values_to_match_regex
    column: str | None  # column, "a,b" for a column list or pair, None for the table
    success: bool
    unexpected_count: int | None  # rows breaking it (rule expectations: rows of that rule)
    element_count: int | None  # rows examined, when GX reports it
    description: str
    rule_id: str | None = None
    error: str | None = None  # GX could not evaluate it (then success is False)
    kwargs: dict = field(default_factory=dict, compare=False)  # the expectation's arguments (column, regex...)
    observed: object = field(default=None, compare=False)  # GX's observed_value, when it reports one


@dataclass(frozen=True)
class SuiteOutcome:
    name: str
    table: str
    success: bool
    expectations: tuple[ExpectationOutcome, ...]
    duration_s: float = 0.0


class GxError(Exception):
    """The GX layer cannot run; the message (French) says what to do."""


@dataclass(frozen=True)
class GxResult:
    success: bool
    suites: tuple[SuiteOutcome, ...]
    data_docs_index: Path
    duration_s: float

    def suite(self, name: str) -> SuiteOutcome:
        for s in self.suites:
            if s.name == name:
                return s
        raise KeyError(name)
