"""What the pipeline reads from the DuckDB database itself (read-only, short connections)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.database import connect


def sql(name: str) -> str:
    return read_sql(__package__, f"sql/{name}.sql")


def _query(db: Path, name: str, params: list | None = None) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql(name), params or []).fetchall()
    finally:
        con.close()


def manifest_info(db: Path) -> dict | None:
    """The export loaded in `db` (millesime, extraction date, perimeter, load id), or None."""
    if not Path(db).exists():
        return None
    try:
        rows = _query(db, "manifeste")
    except duckdb.Error:
        return None
    if not rows:
        return None
    c, x, niveau, code, chargement_id = rows[0]
    return {"millesime_courant": c, "date_extraction": x, "perimetre": {"niveau": niveau, "code": code},
            "chargement_id": chargement_id}


def anomaly_counts(db: Path) -> dict:
    rows = _query(db, "anomalies_par_regle")
    par_severite: dict[str, int] = {}
    for _, severite, nb in rows:
        par_severite[severite] = par_severite.get(severite, 0) + nb
    return {"total": sum(par_severite.values()), "par_severite": par_severite,
            "par_regle": {f"{rule_id} ({severite})": nb for rule_id, severite, nb in rows}}


def perimeter_codes(db: Path, niveau: str, source: str = "etablissements") -> list[str]:
    """Codes of a level: from the establishments, or (source="indicateurs") those that have indicators."""
    return [code for (code,) in _query(db, "perimetres_indicateurs" if source == "indicateurs" else "perimetres",
                                       [niveau])]


def indicator_summary(db: Path) -> dict:
    rows = _query(db, "indicateurs_resume")
    return {"lignes": sum(r[2] for r in rows), "perimetres": {niveau: n for niveau, n, _ in rows}}
