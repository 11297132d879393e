"""Everything about a rule in its header: texts, owner, entity columns, event date; the generated doc; the key."""
from __future__ import annotations

import re
from datetime import datetime

import duckdb

from lsu_analytics.contract import TABLES, create_macros
from lsu_analytics.contract.acteurs import ACTEURS, CODES_ACTEURS, acteur_libelle
from lsu_analytics.reports.regles import catalog as report_catalog
from lsu_analytics.rules import load_catalog
from lsu_analytics.rules.documentation import DOC_PATH, render_anomalies_md
from regles_helpers import COLLEGE, ECOLE

# Words written in capitals in LSU's own texts (the note, the screens): not raw codes.
ACRONYMES = {"DASEN", "IEN", "LSU", "SESAM", "UAI", "INE", "PIX", "CP", "CE1", "CE2", "CM1", "CM2", "1D", "2D"}


def _raw_codes(text: str) -> list[str]:
    """Contract codes and CODE_LIKE tokens written as such in a sentence (e.g. CHEF_ETABLISSEMENT, SAISIE)."""
    codes = {c for t in TABLES.values() for col in t.columns for c in (col.codes or ()) if isinstance(c, str)}
    tokens = re.findall(r"[A-Za-z0-9_]+", text)
    return [t for t in tokens if t not in ACRONYMES
            and (re.fullmatch(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+", t) or (t in codes and t.isupper() and len(t) > 1))]


def test_every_rule_has_texts_an_owner_and_no_raw_code():
    rules = load_catalog()
    assert len(rules) == 21
    for r in rules:
        for name in ("titre", "explication", "remediation", "date_evenement"):
            text = getattr(r, name)
            assert len(text) > 10 or name == "titre", (r.id, name)
            assert _raw_codes(text) == [], (r.id, name, _raw_codes(text))
        assert r.acteur in CODES_ACTEURS, r.id
        assert set(r.colonnes) == {"uai", "academie", "millesime", "eleve_id", "classe_id", "objet_id"}
        assert all(r.colonnes.values()), r.id


def test_raw_code_detection_catches_what_it_must():
    assert _raw_codes("Signée par CHEF_ETABLISSEMENT") == ["CHEF_ETABLISSEMENT"]
    assert _raw_codes("classe en SAISIE") == ["SAISIE"]
    assert _raw_codes("autorisation du DASEN, ticket SESAM, école du 1D") == []


def test_remediations_follow_the_note():
    rules = {r.id: r for r in load_catalog()}
    assert "Paramétrage > Paramétrage des périodes" in rules["PER-01"].remediation
    sel01 = rules["SEL-01"].remediation
    assert "chef d'établissement" in sel01.lower() and "Paramétrage" in sel01
    assert rules["SEL-01"].acteur == "chef_etablissement"
    assert "recherche avancée" in rules["REC-01"].remediation.lower()
    # HIS-01 must not advise an action that HIS-02 flags (a past-year report modified or deleted).
    his01 = rules["HIS-01"].remediation.lower()
    assert not re.search(r"^(supprimer|modifier|déverrouiller)", his01)
    assert "ne pas le modifier ni le supprimer" in his01
    # The reader of the CSV is the support: a text never sends it « au support », it opens a SESAM ticket.
    for r in rules.values():
        assert "au support" not in r.remediation, r.id
        if r.acteur == "assistance_nationale":
            assert "ticket SESAM" in r.remediation, r.id


def test_owners_in_words():
    assert acteur_libelle("direction", "1D") == ACTEURS["directeur"] == "Directeur d'école"
    assert acteur_libelle("direction", "2D") == "Chef d'établissement"
    assert acteur_libelle("autorite_annee_anterieure", "1D") == "DASEN"
    assert acteur_libelle("direction") == "Directeur d'école ou chef d'établissement"
    info = report_catalog()["HIS-02"]
    assert info.qui_agit("2D") == "Chef d'établissement" and info.explication and info.remediation


def test_generated_doc_is_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == render_anomalies_md(), (
        "docs/anomalies.md ne correspond plus aux en-têtes des règles : relancer "
        "`python -m lsu_analytics.rules.documentation`.")


def test_generated_doc_lists_every_rule_with_its_columns():
    text = render_anomalies_md()
    for r in load_catalog():
        assert f"| {r.id} | " in text and f"## {r.id} · {r.titre}" in text and r.remediation in text


# --- key ------------------------------------------------------------------------------------------

def _cle(*values):
    con = duckdb.connect()
    create_macros(con)
    return con.execute("SELECT cle_anomalie(?, ?, ?, ?, ?, ?)", list(values)).fetchone()[0]


def test_key_is_the_identity_null_equal_to_null():
    a = _cle("PER-01", ECOLE, 2025, "E1", None, "B1")
    assert re.fullmatch(r"[0-9a-f]{32}", a)
    assert a == _cle("PER-01", ECOLE, 2025, "E1", None, "B1")  # NULL equal to NULL
    assert a != _cle("PER-01", ECOLE, 2025, "E1", "null", "B1")  # NULL is not the text 'null'
    assert a != _cle("PER-01", ECOLE, 2025, "E1", "", "B1")
    assert _cle("X", "ab", None, None, None, None) != _cle("X", "a", "b", None, None, None)  # columns never merge
    assert a != _cle("PER-01", ECOLE, 2024, "E1", None, "B1")


# --- event date -----------------------------------------------------------------------------------

def _dates(world, rule_id, seuils=None):
    world.anomalies(rule_id, seuils=seuils)
    return world.db.rows("SELECT objet_id, date_evenement, cle = cle_anomalie(rule_id, uai, millesime, eleve_id, "
                         "classe_id, objet_id) FROM anomalies WHERE rule_id = ? ORDER BY ALL", [rule_id])


def test_event_date_of_a_report_is_its_creation(ecole):
    ecole.bilan("B1", indice=4, nb_periodes=4, date_creation="2025-12-02 09:30:00")
    assert _dates(ecole, "PER-01") == [("B1", datetime(2025, 12, 2, 9, 30), True)]


def test_event_date_of_an_overdue_lock_is_the_deadline(ecole):
    ecole.bilan("B1", indice=1)  # period 1 ends 2025-11-30, not locked
    assert _dates(ecole, "VER-03") == [("B1", datetime(2025, 12, 15), True)]
    assert _dates(ecole, "VER-03", seuils={"jours_verrouillage": 20}) == [("B1", datetime(2025, 12, 20), True)]


def test_event_date_without_a_dated_fact_is_the_extraction(world):
    world.etablissement(COLLEGE, degre="2D", service_en_ligne_ouvert=False)
    assert _dates(world, "SEL-01") == [(None, datetime(2026, 3, 15, 2, 0), True)]


def test_event_date_of_a_pupil_missing_from_search_is_the_enrolment(ecole):
    assert _dates(ecole, "REC-01") == [(None, datetime(2025, 9, 1), True)]
