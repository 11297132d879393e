"""LSU import files (XML sent by schools' software to LSU): safe reading, XSD and structural
checks, mapping to the contract's tables, loading, and LSU's import pre-checks."""
from lsu_analytics.common.lazy import lazy_exports

# Imported on first use: the command line starts without polars or lxml (a refusal is instant).
_EXPORTS = {"MAPPED_TABLES": "content", "ImportContent": "content", "AVERTISSEMENT": "errors", "ERREUR": "errors",
            "Problem": "errors", "XmlImportError": "errors", "load_into": "loading", "Motif": "precheck",
            "Verdict": "precheck", "precheck": "precheck", "read_import": "reader"}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
