"""Family accounts and consultations."""
from __future__ import annotations

from .sqlfiles import run_sql


def build_consultations(con) -> None:
    run_sql(con, "consultations.sql")
