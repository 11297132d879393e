"""A regular (non-editable) install finds the rules, the suites and the notebooks (resources.py)."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
from lsu_analytics.rules.catalog import RULES_DIR, load_catalog
from lsu_analytics.reports.notebooks import NOTEBOOKS_DIR
print(RULES_DIR)
print(len(load_catalog()))
print(sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")))
"""


@pytest.mark.slow  # builds a wheel (pip downloads setuptools into its isolated build environment)
def test_wheel_install_finds_rules_and_notebooks_outside_the_repository(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(REPO), "-w", str(wheels)],
                   check=True, cwd=tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    (wheel,) = wheels.glob("*.whl")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True)
    # The dependencies come from this environment; lsu_analytics itself only from the new install.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    out = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout.splitlines()
    assert Path(out[0]) == venv / "share" / "lsu-analytics" / "expectations" / "regles"
    assert int(out[1]) == len(list((REPO / "expectations" / "regles").glob("*.sql")))
    assert out[2] == str(sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb")))
