"""Great Expectations layer: suites from the contract and the rules, exact DuckDB engine, Data Docs.

Importing this package does not import great_expectations (~2.5 s, see lean_import.py): `validate()`
does, or a worker process (worker.py) that `check` starts before its rules.
"""
import importlib.util as _util

from .result import ExpectationOutcome, GxError, GxResult, SuiteOutcome


def _require_great_expectations() -> None:
    # Without GX the package import fails, as when it imported GX itself: callers
    # (rules/command.py) turn that ImportError into "couche Great Expectations indisponible".
    try:
        found = _util.find_spec("great_expectations") is not None
    except (ValueError, AttributeError):  # present in sys.modules without a spec (None: blocked)
        found = False
    if not found:
        raise ImportError("No module named 'great_expectations'", name="great_expectations")


_require_great_expectations()

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
