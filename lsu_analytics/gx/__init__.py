"""Great Expectations layer: suites from the contract and the rules, exact DuckDB engine, Data Docs.

It reads the rule catalogue and a loaded database, nothing else. Importing this package does not import
great_expectations: `validate()` and `build_suites` do.
"""
from .result import ExpectationOutcome, GxError, GxResult, SuiteOutcome

__all__ = ["ExpectationOutcome", "GxError", "GxResult", "SuiteOutcome", "build_suites", "validate"]


def validate(*args, **kwargs) -> GxResult:
    """lsu_analytics.gx.run.validate (imports great_expectations)."""
    from .run import validate as run_validate
    return run_validate(*args, **kwargs)


def __getattr__(name: str):
    if name == "build_suites":  # imports great_expectations: only when asked for
        from .contract_suites import build_suites
        return build_suites
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
