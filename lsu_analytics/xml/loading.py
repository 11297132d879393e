"""`load_into`: write what a file gave into a DuckDB database with the contract's schema."""
from __future__ import annotations

from pathlib import Path

import duckdb

from lsu_analytics.contract import TABLES, create_schema, quote

from .content import MAPPED_TABLES, ImportContent
from .errors import XmlImportError
from .sql import sql


def load_into(content: ImportContent, db_path: Path) -> dict[str, int]:
    """Append the file's rows to `db_path` (created with the contract's schema if new).
    Rows whose key is already there are skipped. Returns the rows added per table.
    An invalid file (errors) is never loaded."""
    if not content.valid:
        raise XmlImportError(content.path, f"fichier invalide ({len(content.errors)} erreur(s)) : non chargé.",
                             "Corrigez les erreurs signalées (avec leur ligne) puis relancez.")
    db_path = Path(db_path)
    try:
        con = duckdb.connect(str(db_path))
    except duckdb.Error as exc:
        raise XmlImportError(db_path, f"impossible d'ouvrir ou de créer la base ({exc}).",
                             "Choisissez un autre chemin avec --out.") from None
    try:
        _ensure_schema(con, db_path)
        added: dict[str, int] = {}
        con.execute("BEGIN TRANSACTION")
        for name in MAPPED_TABLES:
            added[name] = _insert(con, name, content.tables[name])
        con.execute("COMMIT")
        return added
    except Exception:
        try:
            con.execute("ROLLBACK")  # nothing of a failed file stays in the base
        except duckdb.Error:
            pass
        raise
    finally:
        con.close()


def _ensure_schema(con, db_path: Path) -> None:
    present = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if not present:
        create_schema(con)
        return
    missing = [name for name in TABLES if name not in present]
    if missing:
        raise XmlImportError(db_path, f"cette base n'a pas le schéma du contrat (tables absentes : "
                                      f"{', '.join(missing[:5])}…).",
                             "Donnez avec --out un nouveau fichier .duckdb ou une base lsu-analytics.")


def _insert(con, table: str, frame) -> int:
    if frame.height == 0:
        return 0
    t = TABLES[table]
    columns = ", ".join(quote(c) for c in t.column_names)
    key_match = " AND ".join(f"t.{quote(c)} = s.{quote(c)}" for c in t.key)
    con.register("staged", frame)
    try:
        statement = sql("insert_new_rows.sql").format(table=quote(table), columns=columns, key_match=key_match)
        return con.execute(statement).fetchone()[0]
    finally:
        con.unregister("staged")
