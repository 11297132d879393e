"""Academies, departments, districts, establishments and non-teaching staff."""
from __future__ import annotations

from .sqlfiles import run_sql


def build_referentiel(con) -> None:
    run_sql(con, "noms.sql")
    run_sql(con, "referentiel.sql")
