"""Masked cells stay masked in the history; `historique purger` removes what only old extractions held."""
from __future__ import annotations

import duckdb
from history_helpers import anomalie, contents, indicateur, make_extraction, rows, ts
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.history import historiser
from lsu_analytics.history.changes import changements

runner = CliRunner()
D1, D2, D3 = "2026-03-01 02:00:00", "2026-03-08 02:00:00", "2026-03-15 02:00:00"


def test_masked_cells_are_never_unmasked_through_the_history(tmp_path):
    h = tmp_path / "h.duckdb"
    masked = indicateur(periode=2, masque=True)
    x1 = make_extraction(tmp_path / "x1.duckdb", D1, [], [indicateur(numerateur=3), masked])
    # A source whose masked cell still carries figures: the history writes them NULL all the same.
    con = duckdb.connect(str(x1))
    con.execute("UPDATE indicateurs SET numerateur = 2, denominateur = 3, valeur = 0.66, motif_masque = 'effectif' "
                "WHERE masque")
    con.close()
    historiser(x1, h)
    historiser(make_extraction(tmp_path / "x2.duckdb", D2, [], [indicateur(numerateur=9), indicateur(
        periode=2, numerateur=3, denominateur=10)]), h)
    assert rows(h, "SELECT numerateur, denominateur, valeur, motif_masque FROM indicateurs_historique "
                   "WHERE masque") == [(None, None, None, "effectif")]
    # The variations leave out a cell masked on either side.
    variations = changements(h).indicateurs
    assert [(v.periode, v.valeur_avant, v.valeur_apres) for v in variations] == [(1, 0.3, 0.9)]


def test_purge_removes_old_extractions_and_keys_only_they_held(tmp_path):
    h = tmp_path / "h.duckdb"
    old = anomalie(eleve_id="EL_ANCIEN")  # present only in the first extraction: must leave the file
    kept = anomalie(eleve_id="EL_GARDE")
    for i, (d, anoms) in enumerate([(D1, [old, kept]), (D2, [kept]), (D3, [kept])]):
        historiser(make_extraction(tmp_path / f"x{i}.duckdb", d, anoms), h)
    result = runner.invoke(app, ["historique", "purger", "--historique", str(h), "--avant", "2026-03-05"])
    assert result.exit_code == 0, result.output
    assert "1 extraction(s) retirée(s)" in result.output
    assert rows(h, "SELECT date_extraction FROM extractions ORDER BY 1") == [(ts(D2),), (ts(D3),)]
    assert rows(h, "SELECT eleve_id, statut, premiere_extraction, nb_extractions FROM anomalies_suivi") == [
        ("EL_GARDE", "persistante", ts(D2), 2)]
    assert rows(h, "SELECT count(*) FROM indicateurs_historique WHERE date_extraction < ?", [ts(D2)]) == [(0,)]
    assert b"EL_ANCIEN" not in h.read_bytes()
    # Same tables as if the first extraction had never been historised.
    fresh = tmp_path / "frais.duckdb"
    for i in (1, 2):
        historiser(tmp_path / f"x{i}.duckdb", fresh)
    assert contents(h) == contents(fresh)


def test_purge_before_every_extraction_changes_nothing(tmp_path):
    h = tmp_path / "h.duckdb"
    historiser(make_extraction(tmp_path / "x.duckdb", D2, [anomalie()]), h)
    before = contents(h)
    result = runner.invoke(app, ["historique", "purger", "--historique", str(h), "--avant", "2026-01-01"])
    assert result.exit_code == 0 and "inchangé" in result.output
    assert contents(h) == before


def test_purge_refuses_a_bad_date_or_a_missing_history(tmp_path):
    result = runner.invoke(app, ["historique", "purger", "--historique", str(tmp_path / "h.duckdb"),
                                 "--avant", "hier"])
    assert result.exit_code == 2 and "AAAA-MM-JJ" in result.output
    result = runner.invoke(app, ["historique", "purger", "--historique", str(tmp_path / "h.duckdb"),
                                 "--avant", "2026-01-01"])
    assert result.exit_code == 2 and "introuvable" in result.output


def test_historique_lists_the_extractions(tmp_path):
    h = tmp_path / "h.duckdb"
    a, b = anomalie(eleve_id="EL1"), anomalie(eleve_id="EL2")
    historiser(make_extraction(tmp_path / "x1.duckdb", D1, [a]), h)
    historiser(make_extraction(tmp_path / "x2.duckdb", D2, [b]), h)
    result = runner.invoke(app, ["historique", "--historique", str(h)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "/03/2026" in line]
    assert "01/03/2026 02:00" in lines[0] and "08/03/2026 02:00" in lines[1]
    # second extraction: 1 anomaly, 1 new, 0 back, 1 fixed
    assert [c.strip() for c in lines[1].split("│")[1:-1]] == ["08/03/2026 02:00", "2025", "1", "1", "0", "1"]
