"""Great Expectations layer: suites from the contract and the rules, exact DuckDB engine, Data Docs."""
from .contract_suites import build_suites
from .result import ExpectationOutcome, GxError, GxResult, SuiteOutcome
from .run import validate

__all__ = ["ExpectationOutcome", "GxError", "GxResult", "SuiteOutcome", "build_suites", "validate"]
