"""`bench chaine`: the chain (load, check up to the anomalies, indicateurs) against the bare read; Great
Expectations measured beside it, outside the chain's total and ratio; the loaded database kept on request."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from lsu_analytics.bench.chaine import ChainReport, StepFigures, Tour, run_chain
from lsu_analytics.contract.vocabulary import Sortie


def _step(nom: str, mur: float, cpu: float = 1.0, details: dict | None = None) -> StepFigures:
    return StepFigures(nom, mur, cpu, 2**30, 0, details or {})


def test_gx_is_reported_beside_the_chain_not_in_its_total_or_ratio():
    controle = _step("controle", 20.0, details={"regles_s": 10.0, "sorties_s": 1.0, "nb_anomalies": 5})
    report = ChainReport(1000, Path("export"), 2**30, "réglages", None,
                         [_step("chargement", 50.0), controle, _step("indicateurs", 10.0)],
                         _step("GX + Data Docs", 30.0, details={"validation_s": 25.0}), _step("lecture nue", 40.0),
                         True, charge=(1.0, 2.0))
    assert report.chaine_s == 80.0 and report.ratio == 2.0
    lines = report.render().splitlines()
    total = next(i for i, line in enumerate(lines) if "chaîne (somme)" in line)
    gx = next(i for i, line in enumerate(lines) if line.strip().startswith("GX + Data Docs"))
    assert gx > total and "80,0" in lines[total] and "hors chaîne" in lines[gx]
    assert any("Ratio chaîne / lecture nue : 2,00" in line and "GX non compris" in line for line in lines)
    assert any("GX : 3,00 fois le temps SQL des règles" in line for line in lines)
    assert any("Charge moyenne" in line and "1,00" in line for line in lines)


def test_tours_give_every_pair_ratio_and_their_median():
    report = ChainReport(1000, Path("export"), 2**30, "réglages", None,
                         [_step("chargement", 50.0), _step("controle", 20.0), _step("indicateurs", 10.0)],
                         None, _step("lecture nue", 40.0), True,
                         tours=[Tour(80.0, 150.0, 40.0, 100.0), Tour(66.0, 140.0, 44.0, 100.0),
                                Tour(70.0, 160.0, 50.0, 100.0)])
    line = next(x for x in report.render().splitlines() if x.startswith("Sur 3 tours"))
    assert "ratio 2,00 ; 1,50 ; 1,40 ; médiane 1,50 (de 1,40 à 2,00) ; médiane des ratios CPU 1,50." in line


@pytest.mark.slow
def test_the_chain_keeps_its_checked_database_on_request(tmp_path):
    base = tmp_path / "garde" / "lsu.duckdb"
    base.parent.mkdir()
    report = run_chain(120, None, workdir=tmp_path, echo=lambda _: None, base=base, gx=False, tours=2)
    assert report.exact and report.gx is None and report.lecture_nue.mur_s > 0
    assert len(report.tours) == 2 and all(t.chaine_s > 0 and t.nue_s > 0 for t in report.tours)
    assert report.tours[0].chaine_s == report.chaine_s
    assert [s.nom for s in report.etapes] == ["chargement", "controle", "indicateurs"]
    con = duckdb.connect(str(base), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM anomalies").fetchone()[0] == report.etapes[1].details["nb_anomalies"]
        assert con.execute("SELECT count(*) FROM indicateurs").fetchone()[0] > 0
    finally:
        con.close()
    assert (tmp_path / "garde" / "lsu-controles" / "anomalies.csv").is_file()
    assert not list(tmp_path.glob("lsu-bench-chaine-*"))  # the work folder is gone, the database stays


def _bench_chaine(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from lsu_analytics.cli import main; main()", "bench", "chaine",
                           *args], capture_output=True, text=True, timeout=600)


def test_bench_chaine_refuses_a_work_folder_it_cannot_create(tmp_path):
    fichier = tmp_path / "un-fichier"
    fichier.write_text("pas un dossier")
    proc = _bench_chaine("--pupils", "50", "--dossier", str(fichier / "travail"))
    assert proc.returncode == Sortie.IMPOSSIBLE
    assert "Traceback" not in proc.stderr
    assert f"impossible de créer le dossier {fichier / 'travail'} (--dossier)" in proc.stderr
    assert "Donnez un dossier où vous pouvez écrire" in proc.stderr


def test_bench_chaine_refuses_tours_without_the_bare_read(tmp_path):
    proc = _bench_chaine("--pupils", "50", "--tours", "3", "--sans-lecture-nue", "--dossier", str(tmp_path))
    assert proc.returncode == Sortie.IMPOSSIBLE and "Traceback" not in proc.stderr
    assert "--tours compare la chaîne à la lecture nue ; retirer --sans-lecture-nue." in proc.stderr


def test_bench_chaine_creates_the_folders_it_is_given(tmp_path):
    """--dossier and --base in folders that do not exist yet: created, the chain runs, the base is kept."""
    travail, base = tmp_path / "absent" / "travail", tmp_path / "autre" / "bases" / "lsu.duckdb"
    proc = _bench_chaine("--pupils", "50", "--dossier", str(travail), "--base", str(base), "--sans-gx",
                         "--sans-lecture-nue")
    assert proc.returncode == 0, proc.stderr
    assert "Anomalies = vérité terrain du générateur : oui" in proc.stdout
    assert travail.is_dir() and not list(travail.iterdir())  # the run's temporary folder inside it is gone
    with duckdb.connect(str(base), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM indicateurs").fetchone()[0] > 0
