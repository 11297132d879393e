"""preload(): the GX import runs in the background and validate() waits for it."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300)


def test_package_import_is_light_and_preload_imports_gx_in_a_thread():
    done = _run("""
        import sys, threading
        import lsu_analytics.gx as layer
        from lsu_analytics.gx import background as module
        assert "great_expectations" not in sys.modules, "import du paquet sans great_expectations"
        layer.preload()
        layer.preload()  # idempotent: one thread
        assert [t.name for t in threading.enumerate()].count("lsu-gx-preload") <= 1
        module.wait()
        assert "great_expectations" in sys.modules and "lsu_analytics.gx.run" in sys.modules
        assert callable(layer.build_suites)
        print("ok")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_validate_raises_the_background_import_error():
    done = _run("""
        import sys
        import lsu_analytics.gx as layer
        sys.modules["lsu_analytics.gx.run"] = None  # the layer's import fails in the thread
        layer.preload()
        try:
            layer.validate("x.duckdb", "out")
        except ImportError:
            print("ImportError")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ImportError"


def test_package_import_fails_without_great_expectations():
    # rules/command.py reads this ImportError as "couche Great Expectations indisponible".
    done = _run("""
        import sys
        sys.modules["great_expectations"] = None
        try:
            import lsu_analytics.gx
        except ImportError as e:
            print(e.name)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "great_expectations"
