"""Issue 13 item 6: check's outputs are replaced whole. A write failure (full disk) or a kill -9 during the
Great Expectations phase leaves the previous outputs as they were, and `controles` says what exists."""
from __future__ import annotations

import errno
import json
import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from lsu_analytics.check import check
from lsu_analytics.rules import RulesError
from lsu_analytics.rules import outputs as rules_outputs

from regles_helpers import COLLEGE


@pytest.fixture
def db_file(world):
    world.etablissement()
    world.etablissement(COLLEGE, degre="2D", service_en_ligne_ouvert=False)  # SEL-01
    world.periodes()
    world.classe()
    world.eleve()
    world.inscription()
    world.bilan("B1", indice=4)  # PER-01
    world.db.close()
    return world.db.path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _last_sorties(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return json.loads(con.execute("SELECT sorties FROM controles ORDER BY fin DESC LIMIT 1").fetchone()[0])
    finally:
        con.close()


def _disk_full(real_writer):
    def write(*args):
        path = args[-1]
        real_writer(*args)
        with open(path, "r+b") as f:  # as a full disk does: the file is cut, then the write fails
            f.truncate(os.path.getsize(path) // 2)
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    return write


@pytest.mark.parametrize("failing", ["write_csv", "write_parquet"])
def test_a_failed_write_leaves_the_previous_outputs_whole(db_file, tmp_path, monkeypatch, failing):
    out = tmp_path / "controles"
    first = check(db_file, out, gx=False)
    assert first.run.nb_anomalies == 2
    before = _snapshot(out)
    monkeypatch.setattr(rules_outputs, failing, _disk_full(getattr(rules_outputs, failing)))
    with pytest.raises(RulesError, match="sorties précédentes sont intactes"):
        check(db_file, out, rule_ids=["SEL-01"], gx=False)
    assert _snapshot(out) == before  # neither a cut file nor one new file beside an old one
    assert _last_sorties(db_file) == {"dossier": str(out), "anomalies.csv": False, "anomalies.parquet": False,
                                      "data_docs": "non produits"}


def test_the_controles_row_says_which_outputs_exist(db_file, tmp_path):
    out = tmp_path / "controles"
    check(db_file, out, gx=False)
    assert _last_sorties(db_file) == {"dossier": str(out), "anomalies.csv": True, "anomalies.parquet": True,
                                      "data_docs": "non demandés"}


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from lsu_analytics.check import check

    db, out, fifo = map(Path, sys.argv[1:4])

    def progress(step, done, total):
        # The Data Docs are complete in their folder beside, not yet in place: say so, then wait to be killed.
        if step == "GX Data Docs" and done == total:
            with open(fifo, "w") as f:
                f.write("pret")
            sys.stdin.read()

    check(db, out, rule_ids=["SEL-01"], progress=progress)
""")


def _handshake(fifo, child) -> str:
    """What the child writes in the FIFO; fails (instead of blocking forever) if the child dies first."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        while True:
            select.select([fd], [], [], 0.5)
            try:
                data = os.read(fd, 64)
            except BlockingIOError:
                data = b""
            if data:
                return data.decode()
            if child.poll() is not None:
                raise AssertionError(f"le contrôle s'est arrêté ({child.returncode}) avant la poignée de main : "
                                     + child.stderr.read().decode(errors="replace")[-2000:])
    finally:
        os.close(fd)


def test_kill_9_during_great_expectations_keeps_the_previous_data_docs(db_file, tmp_path):
    out = tmp_path / "controles"
    check(db_file, out, gx=False)
    docs = out / "data_docs"
    docs.mkdir()
    (docs / "index.html").write_text("<html>Data Docs du contrôle précédent</html>", encoding="utf-8")
    (docs / "validations").mkdir()
    (docs / "validations" / "page.html").write_text("<html>résultats</html>", encoding="utf-8")
    previous_docs = _snapshot(docs)
    fifo = tmp_path / "poignee"
    os.mkfifo(fifo)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_file), str(out), str(fifo)],
                             stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert _handshake(fifo, child) == "pret"
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert _snapshot(docs) == previous_docs
    # The anomalies were out before GX started: this check's own, and its row says the Data Docs are not.
    assert [line.split(";")[0] for line in (out / "anomalies.csv").read_text(encoding="utf-8-sig").splitlines()[1:]] \
        == ["SEL-01"]
    assert _last_sorties(db_file)["data_docs"] == "en attente"
    assert any(p.name.startswith(".data_docs.") for p in out.iterdir())  # what the killed run was building
    check(db_file, out, gx=False)
    assert not any(p.name.startswith(".") for p in out.iterdir())  # the next check removes it
