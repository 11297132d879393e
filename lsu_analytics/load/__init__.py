"""Loading an LSU export (export-contract.md) into DuckDB: every row loaded or rejected with its reason."""
from .errors import LoadError
from .loader import load_export
from .result import MOTIFS, LoadResult, TableResult

__all__ = ["MOTIFS", "LoadError", "LoadResult", "TableResult", "load_export"]
