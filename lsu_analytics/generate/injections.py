"""Known violations of every rule of rules.md, and rows the loader must reject."""
from __future__ import annotations

from .sqlfiles import run_sql

# Order matters: each file picks its targets among rows no earlier file touched.
INJECTION_FILES: tuple[str, ...] = (
    "inj_pools.sql",
    "inj_etapes.sql",
    "inj_historique.sql",
    "inj_bilans.sql",
    "inj_eleves.sql",
    "inj_transferts.sql",
    "inj_consultations.sql",
    "inj_classes.sql",
    "inj_periodes.sql",
    "inj_references.sql",
    "rejets.sql",
)


def inject_violations(con) -> None:
    for name in INJECTION_FILES:
        run_sql(con, name)
