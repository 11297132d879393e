"""`lsu-analytics rapport … --format xlsx`: the workbook read back with openpyxl (a reader library)."""
from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app

MASKED_UAI = "0730001C"


def _export(report_db, tmp_path, notebook, *params):
    args = ["rapport", notebook, "--db", str(report_db), "--format", "xlsx", "--out", str(tmp_path)]
    for p in params:
        args += ["-p", p]
    result = CliRunner().invoke(app, args, prog_name="lsu-analytics")
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.glob(f"{notebook}-*.xlsx")
    assert f"Classeur : {path}" in result.output
    return openpyxl.load_workbook(path)


def _rows(ws):
    """Rows under the header row (the first row whose first cell is a header), as (value, number_format)."""
    rows = [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0][0] in ("Indicateur", "Période", "Niveau", "Groupe", "Code",
                                                               "Attestation", "Règle", "UAI", "Année scolaire"))
    header = [v for v, _ in rows[start]]
    return header, rows[start + 1:]


def test_indicateurs_workbook_typed_with_names_and_secret(report_db, tmp_path):
    wb = _export(report_db, tmp_path, "indicateurs", "niveau_perimetre=departement", "code_perimetre=038")
    assert wb.sheetnames[:3] == ["Chiffres clés", "Par période", "Saisie par niveau"]
    assert {"Établissements à relancer", "Sous-périmètres", "Attestations", "Anomalies par règle"} <= set(wb.sheetnames)
    import duckdb
    with duckdb.connect(str(report_db), read_only=True) as con:
        num, den, val = con.execute(
            "SELECT numerateur, denominateur, valeur FROM indicateurs WHERE niveau_perimetre = 'departement' AND "
            "code_perimetre = '038' AND indicateur = 'BP_SAISIS' AND niveau_scolaire = 'TOUS' AND periode = 1"
        ).fetchone()
    header, rows = _rows(wb["Par période"])
    line = next(r for r in rows if r[0][0] == 1 and r[1][0] == "Bilans périodiques saisis / attendus")
    assert [v for v, _ in line[2:5]] == [num, den, pytest.approx(val)]
    assert line[2][1] == "#,##0" and line[4][1] == "0.0%"  # typed: numbers and a percentage, not text
    _, niveaux = _rows(wb["Saisie par niveau"])
    assert {r[0][0] for r in niveaux} >= {"CE2", "6e", "3e", "Tous niveaux"} and "6E" not in {r[0][0] for r in niveaux}
    header, sous = _rows(wb["Sous-périmètres"])
    assert {r[0][0] for r in sous} == {"0380001A", "0380002B"}
    assert all(isinstance(r[header.index("Élèves")][0], int) for r in sous)


def test_secret_cells_are_s_in_the_key_figures(report_db, tmp_path):
    wb = _export(report_db, tmp_path, "indicateurs", "niveau_perimetre=etablissement", f"code_perimetre={MASKED_UAI}")
    header, rows = _rows(wb["Chiffres clés"])
    effectif = next(r for r in rows if r[0][0] == "Élèves inscrits")
    assert effectif[header.index("Nombre")][0] == "s"
    saisis = next(r for r in rows if r[0][0] == "Bilans périodiques saisis / attendus")
    assert [v for v, _ in saisis[1:4]] == ["s", "s", "s"]
    wb = _export(report_db, tmp_path / "dep", "indicateurs", "niveau_perimetre=departement", "code_perimetre=073")
    header, sous = _rows(wb["Sous-périmètres"])
    (masque,) = [r for r in sous if r[0][0] == MASKED_UAI]
    assert masque[header.index("Élèves")][0] == "s"
    assert all(v == "s" for v, _ in masque[2:])


def test_audit_workbook_and_diagnostic_refused(report_db, tmp_path):
    wb = _export(report_db, tmp_path, "audit_anomalies", "niveau_perimetre=national")
    header, rows = _rows(wb["Par règle"])
    ep = next(r for r in rows if r[0][0] == "EP-01")
    assert ep[header.index("Anomalies")] == (1, "#,##0")
    _, etabs = _rows(wb["Établissements"])
    assert {r[0][0] for r in etabs} >= {"0380001A", "0380002B"}
    result = CliRunner().invoke(app, ["rapport", "diagnostic_eleve", "--db", str(report_db), "-p", "eleve_id=E07",
                                      "--format", "xlsx", "--out", str(tmp_path / "d")])
    assert result.exit_code == 2 and "pas d'export en classeur" in result.output
    result = CliRunner().invoke(app, ["rapport", "indicateurs", "--db", str(report_db), "--format", "pdf"])
    assert result.exit_code == 2 and "formats permis : html, xlsx" in result.output
