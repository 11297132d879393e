"""`check` as its own use case, above `rules` and `gx`: the rules fill `anomalies` and its CSV/Parquet,
then Great Expectations validates the checked database and writes its Data Docs, as a separate step."""
from .command import CheckResult, check, default_out
from .gx_step import run_gx_step
from .outputs import record_outputs

__all__ = ["CheckResult", "check", "default_out", "record_outputs", "run_gx_step"]
