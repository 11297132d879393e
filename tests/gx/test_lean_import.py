"""GX is imported without altair, scipy.stats and the IRI grammar, which still work when asked for."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

PROBE = """
import sys
import lsu_analytics.gx.run
print(type(sys.modules["altair"]).__name__, type(sys.modules["jsonschema"]).__name__, "rfc3987_syntax" in sys.modules)
import altair
print(altair.Chart.__name__, type(sys.modules["altair"]).__name__)
import scipy.stats
print(round(float(scipy.stats.norm.cdf(0)), 2))
try:
    import rfc3987_syntax
    print("iri importable")
except ImportError:
    print("iri not installed")
"""


def test_great_expectations_imports_without_unused_parts_which_still_load_on_use():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "_LazyModule _LazyModule False"  # deferred, grammar not compiled at GX's import
    assert out[1] == "Chart module"  # loaded for real on first use
    assert out[2] == "0.5"
    installed = importlib.util.find_spec("rfc3987_syntax") is not None
    assert out[3] == ("iri importable" if installed else "iri not installed")  # not left marked absent
