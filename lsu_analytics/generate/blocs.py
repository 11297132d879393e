"""One block of pupils: everything about them, their injected violations, then their rows in the files.

A block holds every row of its pupils (reports, subjects, audit log, consultations...), so nothing ever
holds the whole export; the reference data (establishments, classes, periods) is the whole export's.
"""
from __future__ import annotations

from lsu_analytics.contract import quote

from .injections import inject_block
from .params import GenerationParams, injections_for
from .sqlfiles import run_sql, set_variables

BLOCK_SQL = ("parcours.sql", "divisions.sql", "eleves.sql", "bilans.sql", "journal.sql", "consultations.sql")
# Tables written block by block; the others are reference data, written once.
PUPIL_TABLES = ("eleves", "inscriptions", "bilans_periodiques", "acquis", "bilans_cycle", "bilans_cycle_socle",
                "attestations", "modifications", "autorisations", "transferts", "comptes_responsables",
                "consultations")
REFERENCE_TABLES = ("etablissements", "personnels", "classes", "periodes", "parametrages_classe",
                    "recuperations_ep")


def build_block(con, params: GenerationParams, pupils: range) -> None:
    """Rows of the pupils k in `pupils`, with the block's own share of injected violations."""
    set_variables(con, {"k_debut": pupils.start, "k_fin": pupils.stop, "n_inj": injections_for(len(pupils))})
    for name in BLOCK_SQL:
        run_sql(con, name)
    inject_block(con)
    run_sql(con, "stats_classes.sql")


def keep_first_rows(con, first_block: bool) -> None:
    """The row of smallest `_ord` of each pupils' table so far: rejets.sql copies it into rows to reject."""
    for name in PUPIL_TABLES:
        keep = f"g_premiere_{name}"
        if first_block:
            con.execute(f"CREATE OR REPLACE TABLE {keep} AS SELECT * FROM {quote(name)} ORDER BY _ord LIMIT 1")
        else:
            con.execute(f"INSERT INTO {keep} SELECT * FROM {quote(name)} ORDER BY _ord LIMIT 1")


def first_rows_as_tables(con) -> None:
    """After the last block: each pupils' table reduced to the kept first rows (the block's rows are written)."""
    for name in PUPIL_TABLES:
        con.execute(f"CREATE OR REPLACE TABLE {quote(name)} AS SELECT * FROM g_premiere_{name}")
        con.execute(f"DROP TABLE g_premiere_{name}")
