"""LSU import files (XML sent by schools' software to LSU): safe reading, XSD and structural
checks, mapping to the contract's tables, loading, and LSU's import pre-checks."""
from .content import MAPPED_TABLES, ImportContent
from .errors import AVERTISSEMENT, ERREUR, Problem, XmlImportError
from .loading import load_into
from .precheck import Motif, Verdict, precheck
from .reader import read_import

__all__ = ["AVERTISSEMENT", "ERREUR", "MAPPED_TABLES", "ImportContent", "Motif", "Problem", "Verdict",
           "XmlImportError", "load_into", "precheck", "read_import"]
