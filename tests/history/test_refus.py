"""`lsu-analytics historiser` refusals: each exits 2 with a French message and leaves the history as it was."""
from __future__ import annotations

import hashlib

import pytest
from history_helpers import anomalie, contents, indicateur, make_extraction, rows
from typer.testing import CliRunner

from lsu_analytics.cli import app

runner = CliRunner()
D1, D2 = "2026-03-01 02:00:00", "2026-03-08 02:00:00"


def _historiser(db, h, *extra):
    return runner.invoke(app, ["historiser", "--db", str(db), "--historique", str(h), *extra])


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture
def history(tmp_path):
    h = tmp_path / "h.duckdb"
    result = _historiser(make_extraction(tmp_path / "x1.duckdb", D1, [anomalie()]), h)
    assert result.exit_code == 0, result.output
    return h


def _refused(result, h, before, *words):
    assert result.exit_code == 2, result.output
    assert contents(h) == before
    for w in words:
        assert w in result.output, result.output


def test_refuses_a_database_checked_with_only_some_rules(tmp_path, history):
    before = contents(history)
    db = make_extraction(tmp_path / "x2.duckdb", D2, [anomalie()], regles="PER-01,HIS-02")
    _refused(_historiser(db, history), history, before, "qu'avec une partie des règles", "HIS-02, PER-01",
             "sans --regles")


def test_refuses_a_database_never_checked(tmp_path, history):
    before = contents(history)
    db = make_extraction(tmp_path / "x2.duckdb", D2, [], regles=None)
    _refused(_historiser(db, history), history, before, "n'a pas été contrôlée", "lsu-analytics check")


def test_accepts_every_rule_over_several_checks(tmp_path, history):
    from history_helpers import ALL_RULES
    db = make_extraction(tmp_path / "x2.duckdb", D2, [anomalie()], regles=ALL_RULES.split(",")[0])
    import duckdb
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO controles (controle_id, regles) VALUES ('k2', ?)",
                [",".join(ALL_RULES.split(",")[1:])])
    con.close()
    assert _historiser(db, history).exit_code == 0


def test_refuses_a_database_without_indicators(tmp_path, history):
    before = contents(history)
    db = make_extraction(tmp_path / "x2.duckdb", D2, [anomalie()], indicateurs=[])
    _refused(_historiser(db, history), history, before, "pas d'indicateurs", "lsu-analytics indicateurs --db")


def test_refuses_another_perimeter(tmp_path, history):
    before = contents(history)
    db = make_extraction(tmp_path / "x2.duckdb", D2, [anomalie()], niveau="departement", code="038",
                         indicateurs=[indicateur(niveau="departement", code="038")])
    _refused(_historiser(db, history), history, before, "suit le périmètre académie de Grenoble (08)",
             "département Isère (038)")


def test_refuses_another_export_with_the_same_date_unless_forced(tmp_path, history):
    before = contents(history)
    other = make_extraction(tmp_path / "autre.duckdb", D1, [anomalie(eleve_id="EL9")], export="corrigé")
    _refused(_historiser(other, history), history, before, "d'un autre export", "--forcer")
    result = _historiser(other, history, "--forcer")
    assert result.exit_code == 0, result.output
    assert rows(history, "SELECT eleve_id FROM anomalies_suivi") == [("EL9",)]


@pytest.mark.parametrize("kind", ["texte", "base chargée", "dossier"])
def test_refuses_a_history_that_is_not_one(tmp_path, kind):
    db = make_extraction(tmp_path / "x1.duckdb", D1, [anomalie()])
    if kind == "texte":
        h = tmp_path / "notes.json"
        h.write_text('{"a": 1}')
    elif kind == "base chargée":
        h = make_extraction(tmp_path / "autre.duckdb", D2, [])
    else:
        h = tmp_path / "dossier"
        h.mkdir()
    before = _digest(h) if h.is_file() else None
    result = _historiser(db, h)
    assert result.exit_code == 2, result.output
    assert "n'est pas une base d'historique" in result.output
    assert (_digest(h) if h.is_file() else None) == before
    assert not (tmp_path / f"{h.name}.lock").exists() or kind == "base chargée"


def test_refuses_a_missing_database_without_creating_a_history(tmp_path):
    h = tmp_path / "h.duckdb"
    result = _historiser(tmp_path / "absente.duckdb", h)
    assert result.exit_code == 2 and "base introuvable" in result.output
    assert not h.exists()


def test_a_refused_first_historisation_leaves_no_history_file(tmp_path):
    h = tmp_path / "h.duckdb"
    result = _historiser(make_extraction(tmp_path / "x.duckdb", D1, [], indicateurs=[]), h)
    assert result.exit_code == 2
    assert not h.exists()
