"""Nomenclatures of academies and departments shipped with the package (names, not codes)."""
from __future__ import annotations

import re

from lsu_analytics.contract import TABLES
from lsu_analytics.contract.nomenclatures import (academie_du_departement, academies, departements, nom_academie,
                                                  nom_departement, nomenclature_rows)
from lsu_analytics.generate.sqlfiles import read_sql


def test_lists_follow_the_contract_formats():
    etab = TABLES["etablissements"]
    acad_pattern = etab.column("academie").pattern
    dept_pattern = etab.column("departement").pattern
    assert all(re.match(acad_pattern, c) for c in academies())
    assert all(re.match(dept_pattern, c) for c in departements())
    assert len(departements()) == 105  # 96 metropolitan (2A, 2B) + 9 overseas
    # Every department belongs to a known, open academy.
    assert {a for _, a in departements().values()} <= set(academies())
    assert {a for _, a in departements().values()} & {"05", "21"} == set()


def test_names_of_known_codes():
    assert (nom_academie("08"), nom_departement("038"), academie_du_departement("038")) == ("Grenoble", "Isère", "08")
    assert (nom_academie("24"), nom_departement("093")) == ("Créteil", "Seine-Saint-Denis")
    assert (nom_academie("70"), academie_du_departement("076")) == ("Normandie", "70")
    assert nom_departement("02B") == "Haute-Corse" and academie_du_departement("02B") == "27"


def test_unknown_codes_are_shown_as_is():
    assert nom_academie("99") == "99" and nom_departement("999") == "999"
    assert nom_academie(None) is None


def test_rows_for_sql():
    rows = nomenclature_rows()
    assert {"code": "08", "libelle": "Grenoble"} in rows["nom_academies"]
    assert {"code": "038", "libelle": "Isère", "academie": "08"} in rows["nom_departements"]


def test_generator_geography_matches_the_nomenclature():
    """The generator's academies and their departments are the real ones (names shown in reports)."""
    sql = read_sql("referentiel.sql")
    pairs = re.findall(r"\(\d+, '(\w\w)', \[([^\]]*)\]\)", sql)
    assert len(pairs) == 24
    for academie, depts in pairs:
        for d in re.findall(r"'(\w{3})'", depts):
            assert academie_du_departement(d) == academie, (academie, d)
