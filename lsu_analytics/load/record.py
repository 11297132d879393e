"""The load's own records: `manifeste` (one row), `chargements` (history kept across loads)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb

from lsu_analytics import __version__

from .errors import LoadError
from .manifest import Manifest
from .sqlfiles import run, scalar, sql


def copy_history(con, old_db: Path) -> None:
    if not old_db.exists():
        return
    try:
        run(con, "ATTACH ? AS ancienne (READ_ONLY)", [str(old_db)])
    except duckdb.Error as e:
        raise LoadError(f"{old_db} : la base existante ne peut pas être ouverte ({str(e).splitlines()[0]}). "
                        "Fermez les programmes qui l'utilisent, ou choisissez un autre chemin --db.") from None
    try:
        has = scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'ancienne' "
                          "AND table_name = 'chargements'")
        if has:
            run(con, sql("historique.sql"))
    finally:
        run(con, "DETACH ancienne")


def record_manifest(con, m: Manifest, chargement_id: str) -> None:
    run(con, sql("manifeste.sql"), [m.contrat, m.millesime_courant, m.date_extraction, m.perimetre_niveau,
                                       m.perimetre_code, m.encodage, m.format_date, m.separateur_decimal,
                                       chargement_id])


def record_load(con, m: Manifest, *, chargement_id: str, debut: datetime, fin: datetime, source: Path,
                lignes_manifeste: int, chargees: int, rejetees: int) -> None:
    duree = round((fin - debut).total_seconds(), 2)
    run(con, sql("chargement.sql"), [chargement_id, debut, fin, duree, __version__, str(source),
                                        json.dumps(m.raw, ensure_ascii=False), lignes_manifeste, chargees,
                                        rejetees, m.sha256])
