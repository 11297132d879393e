"""A scheduled pipeline with a history: run on two successive extractions (real load, check, indicators and
historisation; stand-in report renderer): run.json records the history, the reports receive it, and the
notification says what changed, as the generator's ground truth says."""
from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import duckdb
from rich.console import Console

from lsu_analytics.pipelines import load_pipeline_spec, run_pipeline

TESTS = Path(__file__).resolve().parents[1]
for p in (TESTS / "pipelines", TESTS / "notifications"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import pipeline_fakes  # noqa: E402
import servers  # noqa: E402

YAML = """nom: suivi
source:
  plus_recent_dans: depot
base: base/lsu.duckdb
sortie: runs
historique: suivi/historique.duckdb
controles:
  data_docs: non
rapports:
  - notebook: indicateurs
    perimetres: national
  - notebook: audit_anomalies
    perimetres: national
notifications:
  webhook:
    url_env: LSU_TEST_WEBHOOK
"""


def run(path: Path):
    console = Console(record=True, width=200, file=open("/dev/null", "w"))
    return run_pipeline(load_pipeline_spec(path), steps={"rapport": pipeline_fakes.rendre}, console=console)


def test_pipeline_historises_and_reports_get_the_history(extractions, tmp_path, monkeypatch):
    hook = servers.start_http()
    monkeypatch.setenv("LSU_TEST_WEBHOOK", hook.url)
    try:
        path = tmp_path / "suivi.yaml"
        path.write_text(YAML, encoding="utf-8")
        depot = tmp_path / "depot"
        outcomes = []
        for folder in sorted(p for p in extractions.folder.iterdir() if p.is_dir())[:2]:
            shutil.copytree(folder, depot / folder.name)
            outcomes.append(run(path))
    finally:
        hook.stop()
    historique = tmp_path / "suivi" / "historique.duckdb"
    for n, outcome in enumerate(outcomes, start=1):
        assert outcome.exit_code == 0, [(s["id"], s["message"]) for s in outcome.record["etapes"]]
        record = json.loads((outcome.run_dir / "run.json").read_text(encoding="utf-8"))
        assert record["entrees"]["historique"] == {"chemin": str(historique)}
        assert record["parametres"]["historique"] == str(historique)
        steps = {s["id"]: s for s in record["etapes"]}
        assert steps["historisation"]["statut"] == "reussi"
        assert steps["historisation"]["details"]["nb_extractions"] == n
        reports = [s for s in record["etapes"] if s["type"] == "rapport"]
        assert len(reports) == 2
        for s in reports:
            assert s["parametres"]["historique"] == str(historique)
            ipynb = next(p for p in s["produits"] if p.endswith(".ipynb"))
            assert json.loads((outcome.run_dir / ipynb).read_text())["params"]["historique"] == str(historique)
    with duckdb.connect(str(historique), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM extractions").fetchone()[0] == 2
    # The second run's notification: new, reappeared and resolved anomalies as the ground truth has them.
    first, second = (p["json"] for p in hook.posts)
    assert first["extraction_precedente"] is None
    truth = Counter(a["statuts"][1] for a in extractions.truth["anomalies"] if a["statuts"][1])
    got = {statut: sum(par.values()) for statut, par in second["depuis_precedente"].items()}
    assert got == {s: truth.get(s, 0) for s in got} and set(truth) <= set(got)
    assert second["extraction_precedente"] == extractions.truth["extractions"][0]["date_extraction"]
