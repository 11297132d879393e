"""History across extractions (history.md v1): a DuckDB file of its own, grown by `historiser`."""
from .errors import HistoryError
from .historiser import HistoriserResult, historiser
from .statuts import LIBELLES, STATUTS

__all__ = ["HistoryError", "HistoriserResult", "LIBELLES", "STATUTS", "historiser"]
