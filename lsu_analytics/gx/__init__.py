"""Great Expectations layer: suites from the contract and the rules, exact DuckDB engine, Data Docs.

Importing this package does not import great_expectations (~6 s): `preload()` starts that
import in the background (call it before the rules' SQL), `validate()` waits for it.
"""
from .background import preload
from .result import ExpectationOutcome, GxError, GxResult, SuiteOutcome

__all__ = ["ExpectationOutcome", "GxError", "GxResult", "SuiteOutcome", "build_suites", "preload", "validate"]


def validate(*args, **kwargs) -> GxResult:
    """lsu_analytics.gx.run.validate, once a background `preload()` (if any) has ended."""
    from .background import wait
    wait()
    from .run import validate as run_validate
    return run_validate(*args, **kwargs)


def __getattr__(name: str):
    if name == "build_suites":  # imports great_expectations: only when asked for
        from .contract_suites import build_suites
        return build_suites
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
