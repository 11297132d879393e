"""The notebooks executed by papermill (through `lsu-analytics rapport`) and their HTML."""
from __future__ import annotations

import hashlib
import html as htmllib
import json
import re
from datetime import date

import duckdb
import nbformat
import pytest

from lsu_analytics.reports import NOTEBOOKS, format as fmt, labels
from lsu_analytics.reports.render import remote_references


def _html(rendered, key) -> str:
    return rendered[key][0].read_text(encoding="utf-8")


def _pupils(db) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT nom, prenom, ine, date_naissance FROM eleves").fetchall()


def _staff_names(db) -> set[str]:
    """Directors are named in the follow-up list; a generated pupil may share a director's name."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {f"{p} {n}" for n, p in con.execute("SELECT nom, prenom FROM personnels").fetchall()}


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_sources_have_one_parameters_cell_and_no_outputs(name):
    nb = nbformat.read(str(NOTEBOOKS[name].path), as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert 'os.environ.get("LSU_DB"' in params[0].source
    for p in NOTEBOOKS[name].param_names:
        assert re.search(rf"^{p} = ", params[0].source, re.M), p
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_file_names_and_executed_notebooks_kept(rendered):
    today = date.today().isoformat()
    assert rendered["indicateurs"][0].name == f"indicateurs-academie-08-{today}.html"
    assert rendered["audit"][0].name == f"audit_anomalies-national-FR-{today}.html"
    assert rendered["diagnostic"][0].name == f"diagnostic_eleve-eleve-E07-{today}.html"
    assert "<title>Indicateurs LSU · academie 08</title>" in _html(rendered, "indicateurs")
    for key in ("indicateurs", "audit", "diagnostic", "indicateurs_secret"):
        html_path, ipynb = rendered[key]
        assert ipynb.with_suffix(".html") == html_path
        nb = nbformat.read(str(ipynb), as_version=4)
        assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_the_bases_are_not_modified_by_rendering(rendered, report_db, export_db):
    for db in (report_db, export_db):
        assert hashlib.sha256(db.read_bytes()).hexdigest() == rendered["hashes"][db]


@pytest.mark.parametrize("key", ["indicateurs", "indicateurs_secret", "audit", "diagnostic"])
def test_html_is_self_contained_and_without_code(rendered, key):
    page = _html(rendered, key)
    assert remote_references(page) == []
    assert "<script" not in page and "<link" not in page
    assert "lsu_analytics" not in page and "validate_params" not in page  # no code cell
    assert "jp-InputArea" not in page and "In&nbsp;[" not in page
    assert "Traceback" not in page and "Warning" not in page


def test_indicateurs_show_the_figures_of_the_table(rendered, export_db):
    page = _html(rendered, "indicateurs")
    with duckdb.connect(str(export_db), read_only=True) as con:
        def one(sql):
            return con.execute(sql).fetchone()
        effectif = one("SELECT valeur FROM indicateurs WHERE niveau_perimetre = 'academie' AND code_perimetre = '08' "
                       "AND indicateur = 'EFFECTIF' AND niveau_scolaire = 'TOUS'")[0]
        bp = one("SELECT sum(numerateur), sum(denominateur), bool_or(masque) FROM indicateurs WHERE "
                 "niveau_perimetre = 'academie' AND code_perimetre = '08' AND indicateur = 'BP_SAISIS' "
                 "AND niveau_scolaire = 'TOUS'")
        p1 = one("SELECT masque, numerateur, denominateur, valeur FROM indicateurs WHERE niveau_perimetre = 'academie' "
                 "AND code_perimetre = '08' AND indicateur = 'BP_VERROUILLES' AND niveau_scolaire = 'TOUS' "
                 "AND periode = 1")
        dep = one("SELECT code_perimetre, valeur FROM indicateurs WHERE niveau_perimetre = 'departement' "
                  "AND indicateur = 'EFFECTIF' AND niveau_scolaire = 'TOUS' AND code_perimetre IN "
                  "(SELECT departement FROM etablissements WHERE academie = '08') ORDER BY 1 LIMIT 1")
    assert not bp[2]
    assert f'<div class="valeur">{fmt.entier(effectif)}</div>' in page
    assert fmt.taux(False, bp[0], bp[1], bp[0] / bp[1]) in page
    if p1 is not None:
        assert fmt.taux(*p1) in page
    assert re.search(rf"<td[^>]*>{dep[0]}</td><td[^>]*>{re.escape(labels.departement(dep[0]))}</td>"
                     rf"<td[^>]*>{fmt.entier(dep[1])}</td>",
                     page)
    assert page.count("<svg") >= 3
    assert htmllib.unescape(page).count(labels.SECRET) == 1  # said once


def test_a_hidden_cell_never_appears_in_clear(rendered, report_db):
    page = _html(rendered, "indicateurs_secret")
    row = re.search(r"<tr><td[^>]*>0730001C</td><td[^>]*>Collège du Lac \(0730001C\)</td>(.*?)</tr>", page)
    assert row, "the small establishment is listed"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert len(cells) >= 4 and set(cells) == {"s"}
    assert htmllib.unescape(page).count(labels.SECRET) == 1


@pytest.mark.parametrize("key, db_fixture", [("indicateurs", "export_db"), ("audit", "report_db"),
                                             ("indicateurs_secret", "report_db")])
def test_no_name_ine_or_birth_date_in_inspector_and_support_reports(rendered, key, db_fixture, request):
    page = htmllib.unescape(_html(rendered, key))
    pupils = _pupils(request.getfixturevalue(db_fixture))
    staff = _staff_names(request.getfixturevalue(db_fixture))
    assert pupils
    for nom, prenom, ine, naissance in pupils:
        names = () if f"{prenom} {nom}" in staff else (f"{prenom} {nom}", f"{nom} {prenom}")
        for text in (*names, ine, naissance.isoformat(), naissance.strftime("%d/%m/%Y")):
            assert text not in page, text
        if db_fixture == "report_db":  # names made unique there: not even alone
            assert nom not in page and prenom not in page


def test_audit_explains_each_rule_and_lists_by_establishment(rendered):
    page = htmllib.unescape(_html(rendered, "audit"))
    from lsu_analytics.reports.regles import catalog
    for rule_id in ("HIS-01", "TRF-01", "REC-01", "REF-01", "PER-02", "VER-03"):
        rule = catalog()[rule_id]
        assert f"{rule_id} · {rule.titre}" in page
        assert rule.remediation in page and rule.explication in page
    for heading in ("École Les Tilleuls (0380001A)", "Collège Stendhal (0380002B)", "Sans établissement"):
        assert f"<h2>{heading}</h2>" in page
    assert "E06" in page and "E07" in page


def test_diagnostic_is_marked_personal_and_explains_the_pupil(rendered):
    page = htmllib.unescape(_html(rendered, "diagnostic"))
    assert "Données personnelles." in page
    assert ("Transfert en attente (TRF-01) de l'académie d'Aix-Marseille (2024-2025) vers l'académie de Grenoble"
            in page)
    assert "Introuvable dans la recherche LSU à Collège Stendhal (0380002B) (REC-01)" in page
    assert "07ABCDEFGH7" in page  # the support needs the INE to identify the pupil
    meta = json.loads(rendered["diagnostic"][1].read_text(encoding="utf-8"))["metadata"]["papermill"]["parameters"]
    assert meta["eleve_id"] == "E07" and meta["ine"] is None


def test_make_lab_defaults_read_lsu_db_and_the_export_perimeter(report_db, monkeypatch, capsys):
    """What JupyterLab runs first (`make lab` sets LSU_DB): the parameters cell, then the setup cell."""
    monkeypatch.setenv("LSU_DB", str(report_db))
    nb = nbformat.read(str(NOTEBOOKS["indicateurs"].path), as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    namespace: dict = {}
    exec(code[0], namespace)  # the project's own notebook: its parameters cell
    exec(code[1], namespace)  # and the cell that checks them
    assert namespace["p"] == {"db": str(report_db.resolve()), "millesime": 2025, "niveau_perimetre": "academie",
                              "code_perimetre": "08", "historique": None}
    namespace["con"].close()


def test_diagnostic_family_side_and_authorisations_in_words(rendered):
    page = htmllib.unescape(_html(rendered, "diagnostic"))
    assert "1 compte(s) famille, aucun actif à la date d'extraction." in page
    assert "1 consultation(s) par la famille." in page
    assert "Service en ligne ouvert aux familles par Collège Stendhal (0380002B)." in page
    assert ("non couverte (HIS-02) : l'autorisation la plus proche, AUT1, n'a pas : référence SESAM à 7 chiffres"
            in page)
    text = re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1])
    for code in ("BILAN_PERIODIQUE", "SERVICE_EN_LIGNE", "CHEF_ETABLISSEMENT", "MODIFICATION", "RESPONSABLE"):
        assert code not in text, code
