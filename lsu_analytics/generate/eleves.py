"""Pupils and their three-year paths: classes, periods, enrolments, teachers."""
from __future__ import annotations

from .sqlfiles import run_sql


def build_eleves(con) -> None:
    run_sql(con, "eleves.sql")
