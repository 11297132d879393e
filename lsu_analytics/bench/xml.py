"""Measure reading and loading a generated import file (for `lsu-analytics bench import-xml`)."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from lsu_analytics.common.memory import peak_rss_kib

from lsu_analytics.xml.loading import load_into
from lsu_analytics.xml.reader import read_import
from lsu_analytics.xml.synthetic import write_big


def measure(n_bilans: int, xsd: Path | None = None, folder: Path | None = None) -> dict:
    """Generate a file of `n_bilans` periodic reports (10 subjects each), read it, load it.
    The memory figure is the growth of the process's peak RSS while reading (0: below an earlier peak)."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = write_big(Path(tmp) / "bench.xml", n_bilans)
        base = peak_rss_kib()
        start = time.perf_counter()
        content = read_import(path, xsd)
        read_s = time.perf_counter() - start
        read_peak_kb = peak_rss_kib() - base
        start = time.perf_counter()
        load_into(content, Path(tmp) / "bench.duckdb")
        load_s = time.perf_counter() - start
        return {"bilans": n_bilans, "acquis": content.counts()["acquis"], "taille_mo": path.stat().st_size / 1e6,
                "xsd": xsd is not None, "lecture_s": read_s, "chargement_s": load_s,
                "pic_memoire_lecture_mo": read_peak_kb / 1024, "bilans_par_s": n_bilans / read_s}
