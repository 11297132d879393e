"""`lsu-analytics bench rapports --tous` on a small generated export: it runs, prints the figures it
promises (each report's time and page size, the total against its target), and the reports it timed exist
and are offline pages."""
from __future__ import annotations

import re
import subprocess
import sys

import duckdb

from lsu_analytics.reports.offline import remote_references

# A report's line: notebook, level, code, total, cells, imports, other, CPU, page size.
LIGNE = re.compile(r"^  (indicateurs|audit_anomalies) +(national|academie|departement) +(\S+) +([\d,]+) s +"
                   r"([\d,]+) s +([\d,]+) s +(-?[\d,]+) s +([\d,]+) s +([\d,]+) Mo", re.MULTILINE)


def _nombre(texte: str) -> float:
    return float(texte.replace(",", "."))


def test_bench_rapports_renders_and_times_every_report(export_db, tmp_path):
    out = tmp_path / "rapports"
    proc = subprocess.run([sys.executable, "-c", "from lsu_analytics.cli import main; main()", "bench", "rapports",
                           "--db", str(export_db), "--tous", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "ÉCHEC" not in text and "Traceback" not in proc.stderr
    with duckdb.connect(str(export_db), read_only=True) as con:
        academies = {a for (a,) in con.execute(
            "SELECT DISTINCT code_perimetre FROM indicateurs WHERE niveau_perimetre = 'academie'").fetchall()}
        departements = {d for (d,) in con.execute("SELECT DISTINCT departement FROM etablissements").fetchall()}

    lignes = LIGNE.findall(text)
    assert sorted((n, niv, c) for n, niv, c, *_ in lignes) == sorted(
        [("indicateurs", "national", "FR"), ("audit_anomalies", "national", "FR")]
        + [("indicateurs", "academie", a) for a in academies]
        + [("audit_anomalies", "departement", d) for d in departements])
    for *_, total, cellules, imports, _autre, cpu, page in lignes:
        assert _nombre(total) >= _nombre(cellules) >= _nombre(imports) > 0 and _nombre(page) > 0
        assert _nombre(cpu) > 0  # the rendering process and its kernel, each report its own share
    assert re.search(r"indicateurs +national +FR .* \(cible 60,0 s\)", text)
    assert f"Tous les périmètres ({len(academies) + len(departements)} rapports, " in text
    assert re.search(r"par rapport : médiane [\d,]+ s, maximum [\d,]+ s, somme [\d,]+ s ; CPU : somme [\d,]+ s",
                     text)
    total = re.search(r"Total \(rendu de tous les rapports\) : ([\d,]+) s \(cible 900,0 s\)", text)
    assert total and _nombre(total.group(1)) > 0
    assert re.search(r"Charge moyenne de la machine \(1 min\) : [\d,]+ au début, [\d,]+ à la fin", text)

    pages = sorted(out.rglob("*.html"))
    assert len(pages) == len(lignes)
    for page in pages:
        assert remote_references(page.read_text(encoding="utf-8")) == [], page
    # Each audit links the complete list of its perimeter, written beside it.
    audits = [p for p in pages if p.name.startswith("audit_anomalies")]
    assert audits and all(p.with_suffix(".csv").is_file() and p.with_suffix(".parquet").is_file() for p in audits)
