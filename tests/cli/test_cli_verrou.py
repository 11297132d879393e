"""`load`, `check` and `indicateurs` take the database lock of the pipelines: refuse (code 2) or wait."""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.pipelines import lock as lock_module
from lsu_analytics.pipelines.lock import DatabaseLock

runner = CliRunner()
ETABLISSEMENTS = ("uai;nom;degre;secteur;academie;departement;circonscription;service_en_ligne_ouvert\n"
                  "0380001A;École A;1D;PU;08;038;0380001X;oui\n"
                  "0730002B;Collège B;2D;PU;08;073;;non\n")


def _export(folder: Path) -> Path:
    """A two-school export (the other tables are absent: the loader creates them empty)."""
    folder.mkdir(parents=True)
    raw = ETABLISSEMENTS.encode("utf-8")
    (folder / "etablissements.csv").write_bytes(raw)
    (folder / "manifest.json").write_text(json.dumps({
        "contrat": 1, "millesime_courant": 2025, "date_extraction": "2026-03-15T02:00:00",
        "perimetre": {"niveau": "academie", "code": "08"}, "encodage": "utf-8", "format_date": "iso",
        "fichiers": {"etablissements.csv": {"lignes": 2, "sha256": hashlib.sha256(raw).hexdigest()}}}),
        encoding="utf-8")
    return folder


@pytest.fixture
def export(tmp_path) -> Path:
    return _export(tmp_path / "export")


@pytest.fixture
def db(export, tmp_path, monkeypatch) -> Path:
    """A database loaded by `lsu-analytics load`; `check` runs without its (slow) GX layer, tested elsewhere."""
    from lsu_analytics.check import command as check_command

    def no_data_docs(*args, **kwargs):
        return None

    monkeypatch.setattr(check_command, "run_gx_step", no_data_docs)
    path = tmp_path / "base" / "lsu.duckdb"
    result = runner.invoke(app, ["load", str(export), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _args(command: str, export: Path, db: Path) -> list[str]:
    return ["load", str(export), "--db", str(db)] if command == "load" else [command, "--db", str(db)]


def _snapshot(db: Path) -> tuple:
    """What a writing command would change: the file's bytes and inode, and the files beside it."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_ino, sorted(p.name for p in db.parent.iterdir())


def _count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("command", ["load", "check", "indicateurs"])
def test_refuses_a_locked_database_without_touching_it(command, export, db):
    with DatabaseLock(db):
        before = _snapshot(db)
        result = runner.invoke(app, _args(command, export, db))
        assert _snapshot(db) == before
    assert result.exit_code == 2, result.output
    assert "utilisée par une autre exécution de lsu-analytics (pipeline, load, check ou indicateurs" in result.output
    assert f"verrou {db}.lock" in result.output and f"processus {os.getpid()}" in result.output
    assert "--attendre SECONDES" in result.output and "n'a pas été modifiée" in result.output
    assert "Traceback" not in result.output
    assert (_count(db, "chargements"), _count(db, "controles"), _count(db, "indicateurs")) == (1, 0, 0)


def test_a_relative_path_takes_the_same_lock(export, db, monkeypatch):
    monkeypatch.chdir(db.parent.parent)
    with DatabaseLock(db):
        result = runner.invoke(app, ["check", "--db", "base/lsu.duckdb", "--attendre", "0.2"])
    assert result.exit_code == 2, result.output
    assert "encore après 0.2 s d'attente" in result.output


@pytest.mark.parametrize("command, table", [("load", "chargements"), ("check", "controles"),
                                            ("indicateurs", "controles")])
def test_waits_for_the_lock_then_runs(command, table, export, db, monkeypatch):
    before = _count(db, table)
    lock = DatabaseLock(db).__enter__()
    counts_when_waiting = []

    def sleep(_seconds):
        # Handshake, no timer: the command found the lock busy and waits; it is released at that moment.
        if not counts_when_waiting:
            counts_when_waiting.append(_count(db, table))
            lock.__exit__(None, None, None)

    monkeypatch.setattr(lock_module, "time", SimpleNamespace(sleep=sleep, monotonic=time.monotonic))
    try:
        result = runner.invoke(app, _args(command, export, db) + ["--attendre", "30"])
    finally:
        if not counts_when_waiting:
            lock.__exit__(None, None, None)
    assert result.exit_code == 0, result.output
    # It waited, and had not run while the lock was held.
    assert counts_when_waiting == [before]
    assert f"Attente du verrou {db}.lock (au plus 30 s)" in result.output
    assert _count(db, table) == before + 1
    # Released at the end: the next run takes it at once.
    with DatabaseLock(db):
        pass


def test_check_of_a_missing_database_leaves_no_lock_file(tmp_path):
    result = runner.invoke(app, ["check", "--db", str(tmp_path / "absente" / "lsu.duckdb")])
    assert result.exit_code == 2
    assert "base introuvable" in result.output
    assert not (tmp_path / "absente").exists()
