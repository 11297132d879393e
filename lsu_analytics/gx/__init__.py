"""Great Expectations layer: suites from the contract and the rules, exact DuckDB engine, Data Docs.

It reads the rule catalogue and a loaded database, nothing else. Importing this package does not import
great_expectations: `validate()` and `build_suites` do.
"""
import sys

from .result import ExpectationOutcome, GxError, GxResult, SuiteOutcome

# GX probes pyspark when it is installed (dev and spark extras), and pyspark.sql.connect calls sys.exit(0) in a
# process whose __main__ has no __file__ (python -c, multiprocessing's forkserver): the GX step would vanish
# with exit code 0. GX needs no Spark here: unless this process already uses pyspark, GX does not see it.
if "pyspark" not in sys.modules:
    sys.modules["pyspark"] = None

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
