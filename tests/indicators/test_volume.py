"""Volume: the synthetic bench export, and the 250 000-pupil timing (slow)."""
from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.bench.indicateurs import run_bench


def test_bench_synthetique_coherent(tmp_path):
    result = run_bench(900, workdir=tmp_path, seuil_secret=0)
    assert result.volumes["inscriptions"] == 3 * 900          # C et deux années antérieures
    with duckdb.connect(str(tmp_path / "bench-indicateurs.duckdb")) as con:
        effectif = con.execute("SELECT valeur FROM indicateurs WHERE indicateur = 'EFFECTIF' "
                               "AND niveau_perimetre = 'national' AND niveau_scolaire = 'TOUS'").fetchall()
        par_academie = con.execute("SELECT sum(valeur) FROM indicateurs WHERE indicateur = 'EFFECTIF' "
                                   "AND niveau_perimetre = 'academie' AND niveau_scolaire = 'TOUS'").fetchall()
    assert effectif == [(900,)] and par_academie == [(900,)]
    assert result.run.lignes == sum(result.run.lignes_par_famille.values()) > 0


def test_commande_bench():
    result = CliRunner().invoke(app, ["bench", "indicateurs", "--pupils", "300", "--synthetique"])
    assert result.exit_code == 0, result.output
    assert "Calcul des indicateurs" in result.output


@pytest.mark.slow
def test_250000_eleves_en_moins_de_30_secondes(tmp_path):
    result = run_bench(250_000, workdir=tmp_path)
    print(f"\nindicateurs, 250 000 élèves : {result.run.duree_s:.1f} s, {result.run.lignes} lignes, "
          f"volumes {result.volumes}")
    assert result.volumes["bilans_periodiques"] > 1_500_000
    assert result.run.duree_s <= 30
