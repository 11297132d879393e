"""What a check wrote, on its row of `controles` (column `sorties`, JSON)."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb

from lsu_analytics.common.sqlfiles import read_sql


def outputs_json(out: Path, anomalies: bool, data_docs: str) -> str:
    """`data_docs`: "produits", "non demandés", "en attente" (GX step not run yet) or "échec"."""
    return json.dumps({"dossier": str(out), "anomalies.csv": anomalies, "anomalies.parquet": anomalies,
                       "data_docs": data_docs}, ensure_ascii=False)


def record_outputs(target: duckdb.DuckDBPyConnection | Path, controle_id: str, sorties: str) -> None:
    """Write `sorties` on the `controles` row of `controle_id` (an open connection, or a database file)."""
    con = target if isinstance(target, duckdb.DuckDBPyConnection) else duckdb.connect(str(target))
    try:
        con.execute(read_sql(__package__, "sql/sorties_colonne.sql"))
        con.execute(read_sql(__package__, "sql/sorties.sql"), {"sorties": sorties, "controle_id": controle_id})
    finally:
        if con is not target:
            con.close()
