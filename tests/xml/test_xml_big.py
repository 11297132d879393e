"""Big files are read in a stream: processed elements are freed, memory stays bounded."""
import json
import subprocess
import sys
import textwrap

import pytest

from lsu_analytics.xml import read_import, reader
from lsu_analytics.xml.synthetic import write_big


def test_processed_bilans_are_released_while_reading(tmp_path, monkeypatch):
    path = write_big(tmp_path / "moyen.xml", 600)
    siblings = []
    original = reader._Builder.bilan_periodique

    def spy(self, elem):
        # Elements attached to <bilans-periodiques> when a bilan ends: those of the block of
        # 64 KiB the parser has just read (about 30), never the whole list.
        siblings.append(len(elem.getparent()))
        original(self, elem)

    monkeypatch.setattr(reader._Builder, "bilan_periodique", spy)
    content = read_import(path)
    assert len(siblings) == 600 and max(siblings) < 100
    assert content.counts()["bilans_periodiques"] == 600 and content.counts()["acquis"] == 6000


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
def test_20000_bilans_with_bounded_memory(tmp_path):
    path = write_big(tmp_path / "gros.xml", 20_000)
    size_kb = path.stat().st_size // 1024  # about 40 MB; a full lxml tree of it takes about 8 times that
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True)
    measure = json.loads(result.stdout)
    assert measure["counts"]["bilans_periodiques"] == 20_000 and measure["counts"]["acquis"] == 200_000
    # The stream itself holds one bilan at a time: its peak does not grow with the file.
    assert measure["stream_kb"] < 20_000, measure
    # Reading and mapping: the tables (compact, polars) and the allocator, far below a full tree.
    assert measure["total_kb"] < 2.5 * size_kb, (measure, size_kb)
