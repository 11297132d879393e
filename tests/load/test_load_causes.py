"""What DuckDB's reader stumbles on is told by its real cause, file and physical line; what a reader
may accept (mixed line endings, a very long text) loads; a full disk is said to be full."""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from load_exports import ETABLISSEMENTS, Export, csv_text, db_rows

from lsu_analytics.load import LoadError, load_export
from lsu_analytics.load import csv_errors, csv_read

PERSONNELS = [["personnel_id", "role", "nom"], ["P1", "IEN", "Durand"], ["P2", "DASEN", "Martin"],
              ["P3", "IEN", "Petit"]]


def _rows(db, table="personnels"):
    return db_rows(db, f"SELECT * FROM {table} ORDER BY 1")


@pytest.mark.parametrize("raw", [
    b"personnel_id;role;nom\nP1;IEN;Durand\r\nP2;DASEN;Martin\nP3;IEN;Petit\n",  # one stray CRLF line
    b"personnel_id;role;nom\r\nP1;IEN;Durand\nP2;DASEN;Martin\r\nP3;IEN;Petit\n",  # CRLF header, mixed rows
    b"personnel_id;role;nom\nP1;IEN;Durand\n\r\nP2;DASEN;Martin\nP3;IEN;Petit\n",  # a blank CR line
    b"personnel_id;role;nom\nP1;IEN;Durand\nP2;DASEN;\"Mar\r\ntin\"\r\nP3;IEN;Petit\n",  # quoted CRLF is data
])
def test_mixed_line_endings_load(export, tmp_path, raw):
    export.raw("personnels.csv", raw, lignes=3)
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert result.chargees == 3 and result.rejetees == 0, db_rows(db, "SELECT * FROM rejets")
    noms = [r[0] for r in db_rows(db, "SELECT nom FROM personnels ORDER BY personnel_id")]
    assert noms[0] == "Durand" and noms[2] == "Petit"
    assert noms[1] in ("Martin", "Mar\r\ntin")


def test_a_lone_cr_is_named_with_its_line(export, tmp_path):
    export.raw("personnels.csv", b"personnel_id;role;nom\nP1;IEN;Dur\rand\nP2;DASEN;Martin\n", lignes=2)
    with pytest.raises(LoadError, match=r"personnels\.csv, ligne 2 : fichier illisible \(retour chariot \(CR\) seul"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")


def test_physical_line_counts_the_lines_inside_quotes(export, tmp_path):
    raw = b'personnel_id;role;nom\nP1;IEN;"Du\nr\nand"\nP2;DASEN;Martin;en trop\n'
    export.raw("personnels.csv", raw, lignes=2)
    with pytest.raises(LoadError, match=r"personnels\.csv, ligne 5 : fichier illisible \(4 champs au lieu des 3"):
        load_export(export.manifest(), tmp_path / "lsu.duckdb")


@pytest.mark.parametrize("raw, cause", [
    ("personnel_id;role\nP1;IEN\n".encode("utf-16-le"), "UTF-16 \\(ou UTF-32\\) sans marque"),
    ("personnel_id;role\nP1;IEN\n".encode("utf-16-be"), "UTF-16 \\(ou UTF-32\\) sans marque"),
    ("personnel_id;role\nP1;IEN\n".encode("utf-16"), "marque d'ordre des octets de l'UTF-16"),
    (b"\xef\xbb\xbf\xef\xbb\xbfpersonnel_id;role\nP1;IEN\n", "deux marques d'ordre des octets"),
])
def test_other_encodings_are_an_encoding_problem_not_a_missing_column(export, tmp_path, raw, cause):
    export.raw("personnels.csv", raw, lignes=1)
    with pytest.raises(LoadError, match=rf"personnels\.csv, ligne 1 : problème d'encodage, .*{cause}") as err:
        load_export(export.manifest(), tmp_path / "lsu.duckdb")
    assert "colonne requise" not in str(err.value)


def test_the_cause_is_never_read_in_the_options_or_the_data():
    """`quote = "` is in every message; a field may read like a cause: neither is taken for the cause."""
    message = ('Invalid Input Error: CSV Error on Line: 7\nOriginal Line: P1;Invalid unicode (byte sequence '
               'mismatch) detected;x\nExpected Number of Columns: 2 Found: 3\nPossible fixes:\n* ...\n\n'
               '  file = personnels.csv\n  delimiter = ; (Set By User)\n  quote = " (Set By User)\n')
    failure = csv_errors.parse(message)
    assert (failure.kind, failure.record, failure.rank, failure.numbers) == (csv_errors.COLUMNS, 7, 5, (2, 3))
    assert csv_errors.parse("Invalid Input Error: something new\n  quote = \" (Set By User)\n").kind == csv_errors.OTHER


def test_a_field_over_two_million_bytes_loads(export, tmp_path):
    long_nom = "é" * 1_500_000  # 3 000 000 bytes: over DuckDB's default line size
    export.raw("personnels.csv", csv_text([PERSONNELS[0], PERSONNELS[1], ["P2", "DASEN", long_nom],
                                           PERSONNELS[3]]).encode(), lignes=3)
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert result.chargees == 3 and result.rejetees == 0
    assert db_rows(db, "SELECT length(nom) FROM personnels WHERE personnel_id = 'P2'") == [(1_500_000,)]


def test_a_record_over_the_limit_is_rejected_alone(export, tmp_path, monkeypatch):
    monkeypatch.setattr(csv_read, "MAX_LINE_SIZE", 3_000_000)  # a small limit; the mechanism is the same
    rows = [PERSONNELS[0], PERSONNELS[1], ["P2", "DASEN", "x" * 2_500_000 + "\n" + "y" * 1_000_000], PERSONNELS[3]]
    export.raw("personnels.csv", csv_text(rows).encode(), lignes=3)
    db = tmp_path / "lsu.duckdb"
    result = load_export(export.manifest(), db)
    assert (result.chargees, result.rejetees) == (2, 1)
    assert result.tables["personnels"].rejets_par_motif == {"LIGNE_TROP_LONGUE": 1}
    (ligne, motif, colonne, detail, brute), = db_rows(db, "SELECT ligne, motif, colonne, detail, ligne_brute "
                                                          "FROM rejets")
    assert (ligne, motif, colonne) == (3, "LIGNE_TROP_LONGUE", None)
    assert "la ligne dépasse" in detail and "non recopiée" in brute and len(brute) < 1000
    assert [r[0] for r in db_rows(db, "SELECT personnel_id FROM personnels ORDER BY 1")] == ["P1", "P3"]
    assert db_rows(db, "SELECT ligne FROM rejets") == [(3,)]


def _snapshot(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _first_load(tmp_path) -> Path:
    first = Export(tmp_path / "premier")
    first.csv("etablissements.csv", ETABLISSEMENTS)
    db = tmp_path / "bases" / "lsu.duckdb"
    load_export(first.manifest(), db)
    return db


def _big_export(tmp_path) -> Path:
    e = Export(tmp_path / "gros")
    e.csv("etablissements.csv", ETABLISSEMENTS)
    e.raw("personnels.csv", csv_text([PERSONNELS[0]] + [[f"P{i}", "IEN", f"Nom {i} " + "z" * 80]
                                                        for i in range(60_000)]).encode(), lignes=60_000)
    return e.manifest()


def _assert_disk_full_message(message: str, folder: Path) -> None:
    assert f"disque plein dans {folder}" in message
    assert "le chargement a besoin d'environ" in message and "Mio" in message
    assert "illisible" not in message and "dialecte" not in message


def test_disk_full_hook_says_disk_full_where_and_how_much(tmp_path, monkeypatch):
    """A write hook: DuckDB's write fails with ENOSPC while the file is read into its table."""
    db = _first_load(tmp_path)
    before = _snapshot(db)
    from lsu_analytics.load import table_load

    real = table_load.run

    def full(con, query, params=None):
        if "read_csv" in query:
            raise duckdb.IOException('IO Error: Could not write file "x.duckdb.tmp": No space left on device')
        return real(con, query, params)

    monkeypatch.setattr(table_load, "run", full)
    with pytest.raises(LoadError) as err:
        load_export(_big_export(tmp_path), db)
    _assert_disk_full_message(str(err.value), db.parent.resolve())
    assert _snapshot(db) == before


def test_disk_full_oserror_hook(tmp_path, monkeypatch):
    db = _first_load(tmp_path)
    before = _snapshot(db)
    from lsu_analytics.load import source

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    e = Export(tmp_path / "zip")
    e.csv("etablissements.csv", ETABLISSEMENTS)
    archive = shutil.make_archive(str(tmp_path / "export"), "zip", e.manifest())
    monkeypatch.setattr(source, "_copy_bounded", full)
    with pytest.raises(LoadError) as err:
        load_export(Path(archive), db)
    _assert_disk_full_message(str(err.value), db.parent.resolve())
    assert "plus leur extraction de l'archive" in str(err.value)
    assert _snapshot(db) == before


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MiB tmpfs (root only): the real thing, skipped with its reason elsewhere."""
    mount = tmp_path / "petit_disque"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("monter un petit système de fichiers demande root (mount -t tmpfs)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs impossible ici : {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_disk_full_on_a_small_filesystem(tmp_path, small_disk):
    db = small_disk / "lsu.duckdb"
    first = Export(tmp_path / "premier")
    first.csv("etablissements.csv", ETABLISSEMENTS)
    load_export(first.manifest(), db)
    before = _snapshot(db)
    with pytest.raises(LoadError) as err:
        load_export(_big_export(tmp_path), db)
    _assert_disk_full_message(str(err.value), small_disk.resolve())
    assert _snapshot(db) == before
    assert not list(small_disk.glob(".chargement-*"))


def test_csv_text_helper_is_the_contract_dialect():
    assert csv_text([["a", "b"], ["x;y", None]]) == 'a;b\n"x;y";\n'
