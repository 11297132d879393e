"""The catalogue (headers vs rules.md) and the runner (variables, transaction, controles, determinism)."""
from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from lsu_analytics.contract import SYSTEM_TABLES, create_schema
from lsu_analytics.rules import RulesError, UnknownRuleError, UnknownThresholdError, load_catalog, run_rules
from lsu_analytics.rules import catalog as catalog_module
from lsu_analytics.rules.catalog import RULES_DIR, parse_rule
from lsu_analytics.rules.runner import bind_variables, resolve_seuils

from regles_helpers import COLLEGE, SHARED_RULES


def _rules_md():
    text = SHARED_RULES.read_text(encoding="utf-8")
    return {m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r"\*\*([A-Z]+-\d\d) · (.+?)\*\*(?: \(version \d+\))? ·\s*(\w+)", text)}


def test_catalogue_matches_rules_md():
    spec = _rules_md()
    assert len(spec) == 21
    catalog = load_catalog()
    assert [r.id for r in catalog] == list(spec)  # same rules, in the order of rules.md
    for rule in catalog:
        assert (rule.titre, rule.severite) == spec[rule.id], rule.id
        assert rule.remediation and rule.entite and rule.sql_path.name == f"{rule.id}.sql"


def test_thresholds_declared_in_headers():
    seuils = {r.id: r.seuils for r in load_catalog() if r.seuils}
    assert seuils == {"PER-04": {"jours_parametrage": 30}, "VER-03": {"jours_verrouillage": 15}}


def test_every_rule_returns_exactly_the_columns_of_anomalies(tiny_db):
    catalog = load_catalog()
    bind_variables(tiny_db.con, resolve_seuils(catalog, None))
    for rule in catalog:
        cols = [c[0] for c in tiny_db.con.execute(f"DESCRIBE {rule.sql}").fetchall()]
        assert tuple(cols) == SYSTEM_TABLES["anomalies"].column_names, rule.id


def _without_header(text):
    """The rule file after its `-- clé: valeur` header lines."""
    lines = text.splitlines()
    keys = {"id", "severite", "titre", "entite", "uai", "academie", "millesime", "eleve_id", "classe_id",
            "objet_id", "date_evenement", "acteur", "explication", "remediation", "seuils"}
    n = 0
    while n < len(lines) and (m := re.match(r"^--\s*([a-z_]+)\s*:", lines[n])) and m.group(1) in keys:
        n += 1
    return "\n".join(lines[n:])


def test_severity_comes_from_the_header_only():
    """No body repeats its severity: the runner takes it from the header."""
    for rule in load_catalog():
        body = _without_header(rule.body)
        assert not re.search(r"'(critique|majeure|mineure|info)'\s+AS\s+severite", body), rule.id
        assert "severite" not in body.lower().replace("sévérité", ""), rule.id


def test_rule_sql_binds_values_instead_of_pasting_them():
    for rule in load_catalog():
        body = _without_header(rule.body)
        assert "2025" not in body and "jours_parametrage=30" not in body, rule.id
        assert re.search(r"getvariable\('seuil_", body) or not rule.seuils, rule.id


def test_header_errors_name_the_file(tmp_path):
    bad = tmp_path / "PER-09.sql"
    complet = ("-- id: PER-09\n-- severite: grave\n-- titre: x\n-- entite: y\n-- uai: u\n-- millesime: m\n"
               "-- eleve_id: e\n-- classe_id: c\n-- objet_id: o\n-- date_evenement: d\n-- acteur: direction\n"
               "-- explication: w\n-- remediation: z\nSELECT 1\n")
    bad.write_text(complet)
    with pytest.raises(RulesError, match=r"PER-09\.sql.*sévérité « grave » inconnue"):
        parse_rule(bad)
    bad.write_text(complet.replace("grave", "majeure").replace("acteur: direction", "acteur: recteur"))
    with pytest.raises(RulesError, match=r"PER-09\.sql.*acteur « recteur » inconnu"):
        parse_rule(bad)
    bad.write_text("-- id: PER-09\n-- titre: x\nSELECT 1\n")
    with pytest.raises(RulesError, match=r"il manque severite, entite, uai, millesime, eleve_id, classe_id, objet_id, "
                                         r"date_evenement, acteur, explication, remediation"):
        parse_rule(bad)


@pytest.fixture
def sample(world):
    """A few anomalies of several rules."""
    world.etablissement(COLLEGE, degre="2D", service_en_ligne_ouvert=False)
    world.etablissement()
    world.periodes()
    world.classe()
    world.eleve()
    world.inscription()
    world.bilan("B1", indice=4, date_verrou="2025-12-01 10:00:00")
    world.bilan("B2", classe_id="FANTOME")
    return world


def _all_rows(db):
    return db.rows("SELECT * FROM anomalies ORDER BY ALL")


def test_two_runs_give_the_same_rows(sample):
    run_rules(sample.db.con)
    first = sample.db.rows("SELECT * FROM anomalies")
    run_rules(sample.db.con)
    assert sample.db.rows("SELECT * FROM anomalies") == first  # same rows, same order
    assert {r[0] for r in first} >= {"PER-01", "SEL-01", "CMP-01", "REF-01"}


def test_run_replaces_only_the_rules_it_runs_and_logs_controles(sample):
    run_rules(sample.db.con)
    before = _all_rows(sample.db)
    sample.db.con.execute("UPDATE etablissements SET service_en_ligne_ouvert = true")
    run = run_rules(sample.db.con, ["sel-01", "PER-01"])
    assert run.rule_ids == ["PER-01", "SEL-01"]
    assert run.count("SEL-01") == 0 and run.count("PER-01") == 1
    assert _all_rows(sample.db) == [r for r in before if r[0] != "SEL-01"]
    (controle,) = sample.db.rows("SELECT regles, seuils, nb_anomalies FROM controles ORDER BY debut DESC LIMIT 1")
    assert controle == ("PER-01,SEL-01", '{"jours_parametrage": 30, "jours_verrouillage": 15}', 1)
    assert run.results[0].nb_etablissements == 1
    assert [(r["id"], r["titre"], r["severite"], r["nb_anomalies"], r["nb_etablissements"]) for r in run.summary()] == [
        ("PER-01", "Bilan sur une période non définie", "critique", 1, 1),
        ("SEL-01", "Service en ligne non ouvert au 2D", "majeure", 0, 0)]
    assert run.par_severite() == {"critique": 1, "majeure": 0}


def test_progress_reports_each_rule(sample):
    calls = []
    run_rules(sample.db.con, ["PER-01", "PER-02"], progress=lambda *a: calls.append(a))
    assert calls == [("PER-01", 0, 2), ("PER-02", 1, 2), (None, 2, 2)]


def test_unknown_rule_lists_the_known_ones(sample):
    with pytest.raises(UnknownRuleError, match=r"règle\(s\) inconnue\(s\) : XYZ-01\. Règles disponibles : PER-01, "):
        run_rules(sample.db.con, ["PER-01", "XYZ-01"])


def test_unknown_threshold_lists_the_known_ones(sample):
    with pytest.raises(UnknownThresholdError, match=r"seuil inconnu : « jours ».*jours_parametrage \(défaut 30\), "
                                                    r"jours_verrouillage \(défaut 15\)"):
        run_rules(sample.db.con, seuils={"jours": 3})
    with pytest.raises(UnknownThresholdError, match="nombre entier"):
        run_rules(sample.db.con, seuils={"jours_parametrage": -1})


def test_missing_manifest_is_a_french_error(sample):
    sample.db.con.execute("DELETE FROM manifeste")
    with pytest.raises(RulesError, match="manifeste doit contenir une ligne"):
        run_rules(sample.db.con)


def test_a_failing_rule_leaves_anomalies_unchanged(sample, tmp_path, monkeypatch):
    run_rules(sample.db.con)
    before = _all_rows(sample.db)
    nb_controles = sample.db.rows("SELECT count(*) FROM controles")
    broken = tmp_path / "regles"
    shutil.copytree(RULES_DIR, broken)
    (broken / "SEL-01.sql").write_text((broken / "SEL-01.sql").read_text().replace("e.degre", "e.degree"))
    monkeypatch.setattr(catalog_module, "RULES_DIR", broken)
    with pytest.raises(RulesError, match=r"la règle SEL-01 \(.*SEL-01\.sql\) a échoué"):
        run_rules(sample.db.con)
    assert _all_rows(sample.db) == before
    assert sample.db.rows("SELECT count(*) FROM controles") == nb_controles


def test_runs_on_a_database_without_the_system_tables_fails_clearly(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    create_schema(con, system=False)
    with pytest.raises(RulesError, match="lsu-analytics load"):
        run_rules(con)
