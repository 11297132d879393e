"""DuckDB settings: defaults from the machine, validation in French, applied by every command."""
from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.database import (ENV_MEMORY_LIMIT, ENV_TEMP_DIRECTORY, ENV_THREADS, SettingsError, connect,
                                    current_settings, default_settings)
from lsu_analytics.database.settings import machine_memory_bytes, parse_memory, parse_threads

GIB = 1024 ** 3


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (ENV_MEMORY_LIMIT, ENV_THREADS, ENV_TEMP_DIRECTORY):
        monkeypatch.delenv(name, raising=False)


def test_defaults_come_from_the_machine():
    s = default_settings()
    assert s.memory_bytes == machine_memory_bytes() // 3
    assert s.threads >= 1
    assert s.temp_directory is None


@pytest.mark.parametrize("text, expected", [
    ("4GB", 4 * 1000 ** 3), ("512MB", 512 * 1000 ** 2), ("1GiB", GIB), ("1,5GiB", int(1.5 * GIB)),
    ("2 gb", 2 * 1000 ** 3), ("100000000", 100_000_000),
])
def test_memory_sizes(text, expected):
    assert parse_memory(text) == expected


def test_memory_percentage_of_the_machine():
    assert parse_memory("50%") == machine_memory_bytes() // 2


@pytest.mark.parametrize("text, words", [
    ("beaucoup", "n'est pas une taille"), ("4XB", "n'est pas une taille"), ("16MB", "trop petit"),
    ("0%", "pourcentage"), ("100000TB", "dépasse la mémoire de la machine"),
])
def test_memory_refused_in_french(text, words):
    with pytest.raises(SettingsError) as e:
        parse_memory(text)
    assert words in str(e.value) and "--memory-limit" in str(e.value) and ENV_MEMORY_LIMIT in str(e.value)


@pytest.mark.parametrize("text", ["0", "-2", "deux", "1.5"])
def test_threads_refused(text):
    with pytest.raises(SettingsError, match="--threads"):
        parse_threads(text)


def test_environment_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_MEMORY_LIMIT, "256MB")
    monkeypatch.setenv(ENV_THREADS, "1")
    monkeypatch.setenv(ENV_TEMP_DIRECTORY, str(tmp_path / "spill"))
    s = current_settings()
    assert (s.memory_bytes, s.threads, s.temp_directory) == (256 * 1000 ** 2, 1, tmp_path / "spill")


def test_temp_directory_must_be_a_folder(monkeypatch, tmp_path):
    (tmp_path / "fichier").write_text("x")
    monkeypatch.setenv(ENV_TEMP_DIRECTORY, str(tmp_path / "fichier"))
    with pytest.raises(SettingsError, match="n'est pas un dossier"):
        current_settings()


def test_connection_applies_the_settings(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_MEMORY_LIMIT, "300MiB")
    monkeypatch.setenv(ENV_THREADS, "1")
    monkeypatch.setenv(ENV_TEMP_DIRECTORY, str(tmp_path / "spill"))
    con = connect(tmp_path / "x.duckdb")
    try:
        limit, threads, temp = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads'), "
            "current_setting('temp_directory')").fetchone()
    finally:
        con.close()
    assert (limit, threads) == ("300.0 MiB", 1)
    assert temp.startswith(str(tmp_path / "spill"))


@pytest.mark.parametrize("command", [
    ["load", "EXPORT", "--db", "DB"], ["check", "--db", "DB"], ["indicateurs", "--db", "DB"],
    ["rapport", "indicateurs", "--db", "DB"], ["pipeline", "run", "pipeline.yaml"],
])
def test_every_command_refuses_a_bad_setting_before_starting(command, tmp_path):
    args = [str(tmp_path / a) if a in ("EXPORT", "DB", "pipeline.yaml") else a for a in command]
    result = CliRunner().invoke(app, [*args, "--memory-limit", "trois gigas"])
    assert result.exit_code == 2
    assert "--memory-limit" in result.output and "n'est pas une taille de mémoire" in result.output
    assert not (tmp_path / "DB").exists()


def test_a_bad_environment_variable_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_THREADS, "zéro")
    result = CliRunner().invoke(app, ["check", "--db", str(tmp_path / "lsu.duckdb")])
    assert result.exit_code == 2
    assert ENV_THREADS in result.output


def test_a_step_larger_than_memory_spills(monkeypatch, tmp_path):
    """A sort of ~250 MB under a 64 MB limit finishes (DuckDB writes the excess into temp_directory)."""
    monkeypatch.setenv(ENV_MEMORY_LIMIT, "64MB")
    monkeypatch.setenv(ENV_THREADS, "1")
    con = connect(tmp_path / "x.duckdb")
    try:
        n, distinct = con.execute("SELECT count(*), count(DISTINCT s) FROM (SELECT md5(i::VARCHAR) || i AS s "
                                  "FROM range(3000000) r(i) ORDER BY s)").fetchone()
    finally:
        con.close()
    assert (n, distinct) == (3_000_000, 3_000_000)


def test_a_run_that_cannot_fit_says_which_setting_to_change(monkeypatch, tmp_path):
    from lsu_analytics.database import resource_error_message

    monkeypatch.setenv(ENV_MEMORY_LIMIT, "64MB")
    monkeypatch.setenv(ENV_THREADS, "1")
    con = connect(tmp_path / "x.duckdb", max_temp_directory_size="1MB")
    try:
        with pytest.raises(duckdb.Error) as e:
            con.execute("SELECT count(DISTINCT s) FROM (SELECT md5(i::VARCHAR) || i AS s "
                        "FROM range(3000000) r(i) ORDER BY s)").fetchone()
    finally:
        con.close()
    message = resource_error_message(e.value)
    assert message is not None
    assert "--temp-directory" in message or "--memory-limit" in message
