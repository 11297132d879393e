"""Big files are read in a stream: processed elements are freed, memory stays bounded."""
import json
import subprocess
import sys
import textwrap

import pytest

from lsu_analytics.xml import read_import, reader


def test_processed_bilans_are_released_while_reading(generated, monkeypatch):
    _, files = generated
    path = max(files.values(), key=lambda p: p.stat().st_size)
    written = path.read_text(encoding="utf-8").count("<bilan-periodique ")
    siblings = []
    original = reader._Builder.bilan_periodique

    def spy(self, elem):
        # Elements attached to <bilans-periodiques> when a bilan ends: those of the block of
        # 64 KiB the parser has just read (about 30), never the whole list.
        siblings.append(len(elem.getparent()))
        original(self, elem)

    monkeypatch.setattr(reader._Builder, "bilan_periodique", spy)
    content = read_import(path)
    assert written > 200 and len(siblings) == written and max(siblings) < 100
    assert content.counts()["bilans_periodiques"] == written


_MEASURE = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    from lsu_analytics.xml import read_import
    from lsu_analytics.xml.safe_reader import SafeStream, release

    def peak_kb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    path = Path(sys.argv[1])
    base = peak_kb()  # after the imports, whose own peak is not the reader's
    for elem in SafeStream(path):
        if elem.tag.endswith(("}bilan-periodique", "}eleve")):
            release(elem)
    stream_kb = peak_kb() - base
    counts = read_import(path).counts()
    total_kb = peak_kb() - base
    print(json.dumps({"stream_kb": stream_kb, "total_kb": total_kb, "counts": counts}))
""")


@pytest.mark.slow
def test_a_full_school_year_with_bounded_memory(tmp_path):
    """The largest school of a 20 000-pupil export, its last complete year (every period locked): the
    stream holds one bilan at a time, far below the file (a full lxml tree takes about 8 times its size)."""
    import duckdb

    from lsu_analytics.generate import generate_export
    from lsu_analytics.load import load_export
    from lsu_analytics.xml.from_tables import largest_schools, write_school_file

    db = tmp_path / "export.duckdb"
    load_export(generate_export(tmp_path / "export", 20_000, 1), db)
    with duckdb.connect(str(db), read_only=True) as con:
        millesime = con.execute("SELECT millesime_courant - 1 FROM manifeste").fetchone()[0]
        (uai,) = largest_schools(con, 1, millesime)
        path = write_school_file(con, uai, tmp_path / "gros.xml", millesime)
    written = path.read_text(encoding="utf-8").count("<bilan-periodique ")
    size_kb = path.stat().st_size // 1024
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True)
    measure = json.loads(result.stdout)
    assert written > 1000 and measure["counts"]["bilans_periodiques"] == written
    assert measure["stream_kb"] < size_kb, (measure, size_kb)
