"""Loading an LSU export (export-contract.md) into DuckDB: every row loaded or rejected with its reason."""
from importlib import import_module

# Imported on first use: the command line starts without pyarrow, numpy or DuckDB (a refusal is instant).
_EXPORTS = {"LoadError": "errors", "load_export": "loader", "MOTIFS": "result", "LoadResult": "result",
            "TableResult": "result"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value  # also wins over a submodule of the same name (precheck)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
