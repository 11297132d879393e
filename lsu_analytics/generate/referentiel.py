"""Reference data of the whole export: academies, establishments, then (from passes over the population)
the establishments' calendars and periods, the classes, their teachers and settings history."""
from __future__ import annotations

from .params import GenerationParams
from .sqlfiles import run_sql, set_variables


def build_referentiel(con, params: GenerationParams) -> None:
    run_sql(con, "noms.sql")
    run_sql(con, "referentiel.sql")
    run_sql(con, "blocs_init.sql")
    # Two passes that only count, pupils by steps: the number of classes of an (establishment, year, level)
    # follows its pupils, and a class exists when one pupil is in it.
    for step in params.passes():
        set_variables(con, {"k_debut": step.start, "k_fin": step.stop})
        run_sql(con, "parcours.sql")
        run_sql(con, "effectifs.sql")
    run_sql(con, "calendrier.sql")
    for step in params.passes():
        set_variables(con, {"k_debut": step.start, "k_fin": step.stop})
        run_sql(con, "parcours.sql")
        run_sql(con, "divisions.sql")
        run_sql(con, "classes_vues.sql")
    run_sql(con, "classes.sql")
