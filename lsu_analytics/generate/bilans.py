"""Periodic reports and subjects, end-of-cycle reports and socle, attestations."""
from __future__ import annotations

from .sqlfiles import run_sql


def build_bilans(con) -> None:
    run_sql(con, "bilans.sql")
