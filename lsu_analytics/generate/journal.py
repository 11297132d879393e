"""Audit log, authorisations, class settings history, retrievals, transfers."""
from __future__ import annotations

from .sqlfiles import run_sql


def build_journal(con) -> None:
    run_sql(con, "journal.sql")
