"""Known violations of every rule of rules.md, rows the loader must reject, and what the date alone makes appear."""
from __future__ import annotations

from .sqlfiles import run_sql

# In each block of pupils, in this order: each file picks its targets among rows no earlier file touched.
BLOCK_FILES: tuple[str, ...] = (
    "inj_pools.sql",
    "inj_etapes.sql",
    "inj_historique.sql",
    "inj_bilans.sql",
    "inj_eleves.sql",
    "inj_transferts.sql",
    "inj_consultations.sql",
    "inj_references.sql",
    "verite_date_eleves.sql",
)
# Once the blocks are written, on the reference data of the whole export (classes, periods, establishments;
# inj_classes.sql reads the final state of every block's reports through stats_classes.sql).
EXPORT_FILES: tuple[str, ...] = (
    "inj_classes.sql",
    "inj_periodes.sql",
    "inj_references_classes.sql",
    "verite_date_classes.sql",
)


def inject_block(con) -> None:
    for name in BLOCK_FILES:
        run_sql(con, name)


def inject_export(con) -> None:
    for name in EXPORT_FILES:
        run_sql(con, name)


def add_rejected_rows(con) -> None:
    """Rows to reject (`g_extra`), copied from the first row of tables: see blocs.keep_first_rows."""
    run_sql(con, "rejets.sql")
