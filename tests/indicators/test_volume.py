"""`bench indicateurs` on a generated export: the figures it prints, and (slow) the indicators at volume."""
from __future__ import annotations

import re

import duckdb
import pytest
from typer.testing import CliRunner

from lsu_analytics.bench.rapports import run_bench
from lsu_analytics.cli import app

from test_secret_secondaire import FONDES_ELEVES


def _effectifs(db) -> tuple[int, int]:
    """National EFFECTIF (every niveau) and its sum over the academies (published cells)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT sum(valeur) FILTER (niveau_perimetre = 'national'), "
            "sum(valeur) FILTER (niveau_perimetre = 'academie') FROM indicateurs "
            "WHERE indicateur = 'EFFECTIF' AND niveau_scolaire = 'TOUS' AND NOT masque").fetchone()


def test_commande_bench(tmp_path):
    result = CliRunner().invoke(app, ["bench", "indicateurs", "--pupils", "300", "--workdir", str(tmp_path)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert re.search(r"Remplissage de la table indicateurs : \d+,\d s", result.output)
    assert re.search(r"Rendu du rapport indicateurs \(académie \d+\) : \d+,\d s", result.output)
    assert list((tmp_path / "rapports").glob("*.html"))
    eleves = int(re.search(r"Élèves inscrits en C : (\d+)", result.output).group(1))
    national, academies = _effectifs(tmp_path / "bench-rapport.duckdb")
    assert national == eleves > 0
    assert academies >= national  # a pupil who moved between two academies counts in each


@pytest.mark.slow
def test_indicateurs_a_250000_eleves(tmp_path):
    """At volume the totals still add up across perimeters, and no published pupil-based cell is small."""
    result = run_bench(250_000, workdir=tmp_path)
    print("\n" + result.resume())
    db = tmp_path / "bench-rapport.duckdb"
    national, academies = _effectifs(db)
    assert national == result.pupils > 200_000  # pupils enrolled in the current year
    assert academies >= national  # a pupil who moved between two academies counts in each
    with duckdb.connect(str(db), read_only=True) as con:
        petites = con.execute("SELECT DISTINCT indicateur FROM indicateurs WHERE NOT masque "
                              "AND coalesce(denominateur, numerateur) BETWEEN 1 AND 4").fetchall()
        bp = con.execute("SELECT count(*) FROM bilans_periodiques").fetchone()[0]
    assert [i for (i,) in petites if FONDES_ELEVES.match(i)] == []
    assert bp > 1_000_000  # the volume is real: about seven periodic reports per pupil of the current year
    assert result.html.is_file()
