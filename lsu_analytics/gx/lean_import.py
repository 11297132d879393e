"""Import Great Expectations without the parts `check` never runs (~5 s -> ~2.3 s).

Every module of this package that needs GX imports this one first. At import time
GX also imports, for features this project does not use:
- altair (charts of ExpectColumnKlDivergenceToBeLessThan), scipy.stats
  (distribution expectations) and jsonschema (JSON-schema expectations): about
  1.4 s. They are deferred with the standard library's `importlib.util.LazyLoader`:
  the module object exists at once and its code runs on first attribute access,
  so whoever uses them still gets them;
- rfc3987_syntax, which jsonschema (imported by altair) compiles into an IRI
  grammar at its own import when the package is installed (JupyterLab's event
  schemas pull it in): 1.5 s. It is marked absent, jsonschema then skips the
  "iri" format, which neither GX nor this project validates.
Modules imported before this one (by another caller of the process) are left as
they are.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from contextlib import contextmanager
from typing import Iterator

DEFERRED = ("altair", "scipy.stats", "jsonschema")
SKIPPED = ("rfc3987_syntax",)


class _DeferringFinder(importlib.abc.MetaPathFinder):
    """Finds `names` with the normal machinery, then wraps their loader in a LazyLoader."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = set(names)
        self._busy: set[str] = set()

    def find_spec(self, name, path=None, target=None):
        if name not in self._names or name in self._busy:
            return None
        self._busy.add(name)  # importlib.util.find_spec below consults this finder again
        try:
            spec = importlib.util.find_spec(name)
        finally:
            self._busy.discard(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


@contextmanager
def deferred_imports(deferred: tuple[str, ...] = DEFERRED, skipped: tuple[str, ...] = SKIPPED) -> Iterator[None]:
    """While in the block, `deferred` modules import lazily and `skipped` ones are absent."""
    for name in skipped:
        if name not in sys.modules and "jsonschema" not in sys.modules:
            sys.modules[name] = None  # ImportError on import: jsonschema treats it as not installed
    finder = _DeferringFinder(tuple(n for n in deferred if n not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in skipped:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]  # a later, explicit import of it works again


with deferred_imports():
    import great_expectations  # noqa: E402,F401  (the reason for this module)
