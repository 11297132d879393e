"""Loading an LSU export (export-contract.md) into DuckDB: every row loaded or rejected with its reason."""
from lsu_analytics.common.lazy import lazy_exports

# Imported on first use: the command line starts without pyarrow, numpy or DuckDB (a refusal is instant).
_EXPORTS = {"LoadError": "errors", "load_export": "loader", "MOTIFS": "result", "LoadResult": "result",
            "TableResult": "result"}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
