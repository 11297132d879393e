"""The export contract, declared once: tables, DDL, documentation."""
from .ddl import create_macros, create_schema, create_table_sql, quote
from .system import SYSTEM_TABLES
from .tables import (CONTRACT_VERSION, CYCLE_OF_NIVEAU, DOMAINES_SOCLE, NIVEAUX, TABLES,
                     VISIBILITE_BILANS_PERIODIQUES, Column, Table, visibilite_rows)

__all__ = ["CONTRACT_VERSION", "CYCLE_OF_NIVEAU", "DOMAINES_SOCLE", "NIVEAUX", "SYSTEM_TABLES", "TABLES",
           "VISIBILITE_BILANS_PERIODIQUES", "visibilite_rows",
           "Column", "Table", "create_macros", "create_schema", "create_table_sql", "quote"]
