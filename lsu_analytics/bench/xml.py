"""Measure reading and loading import files derived from a generated export (`lsu-analytics bench import-xml`)."""
from __future__ import annotations

import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import duckdb

from lsu_analytics.common.memory import peak_rss_kib
from lsu_analytics.generate import generate_export
from lsu_analytics.load import load_export
from lsu_analytics.xml.from_tables import largest_schools, write_school_file
from lsu_analytics.xml.loading import load_into
from lsu_analytics.xml.reader import read_import


def write_files(pupils: int, seed: int, etablissements: int, folder: Path) -> list[Path]:
    """Generate and load an export of `pupils` pupils, then write the import files of its
    `etablissements` largest schools (their bilans of the current year) into `folder`."""
    export = generate_export(folder / "export", pupils, seed)
    db = folder / "export.duckdb"
    load_export(export, db)
    with duckdb.connect(str(db), read_only=True) as con:
        return [write_school_file(con, uai, folder / f"{uai}.xml") for uai in largest_schools(con, etablissements)]


def measure(pupils: int, etablissements: int = 10, seed: int = 1, xsd: Path | None = None,
            folder: Path | None = None) -> dict:
    """Read and load each file. The files are prepared in a child process, so that the memory figure, the
    growth of this process's peak RSS while reading, is the reader's and not the generator's."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as child:
            paths = child.submit(write_files, pupils, seed, etablissements, Path(tmp)).result()
        preparation_s = time.perf_counter() - start
        base = peak_rss_kib()
        read_s = load_s = 0.0
        bilans = acquis = 0
        for path in paths:
            start = time.perf_counter()
            content = read_import(path, xsd)
            read_s += time.perf_counter() - start
            counts = content.counts()
            bilans, acquis = bilans + counts["bilans_periodiques"], acquis + counts["acquis"]
            start = time.perf_counter()
            load_into(content, Path(tmp) / "bench.duckdb")
            load_s += time.perf_counter() - start
        return {"fichiers": len(paths), "bilans": bilans, "acquis": acquis,
                "taille_mo": sum(p.stat().st_size for p in paths) / 1e6,
                "plus_gros_mo": max((p.stat().st_size for p in paths), default=0) / 1e6, "xsd": xsd is not None,
                "preparation_s": preparation_s, "lecture_s": read_s, "chargement_s": load_s,
                "pic_memoire_lecture_mo": (peak_rss_kib() - base) / 1024, "bilans_par_s": bilans / read_s}
