"""Packages whose public names are imported from their submodules on first use, so that importing the
package (the command line does at start) loads none of their heavy dependencies."""
from __future__ import annotations

import sys
from importlib import import_module


def lazy_exports(package: str, exports: dict[str, str]):
    """The module `__getattr__` of `package` for `exports` (public name -> submodule that defines it)."""
    def __getattr__(name: str):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{exports[name]}", package), name)
        setattr(sys.modules[package], name, value)  # also wins over a submodule of the same name (precheck)
        return value
    return __getattr__
