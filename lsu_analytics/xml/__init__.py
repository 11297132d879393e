"""LSU import files (XML sent by schools' software to LSU): safe reading, XSD and structural
checks, mapping to the contract's tables, loading, and LSU's import pre-checks."""
from importlib import import_module

# Imported on first use: the command line starts without polars or lxml (a refusal is instant).
_EXPORTS = {"MAPPED_TABLES": "content", "ImportContent": "content", "AVERTISSEMENT": "errors", "ERREUR": "errors",
            "Problem": "errors", "XmlImportError": "errors", "load_into": "loading", "Motif": "precheck",
            "Verdict": "precheck", "precheck": "precheck", "read_import": "reader"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value  # also wins over a submodule of the same name (precheck)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
