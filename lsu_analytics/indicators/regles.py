"""Identifiants des règles du catalogue, pour les indicateurs ANOMALIES_<rule_id>."""
from __future__ import annotations

import re

from lsu_analytics.resources import project_dir

REGLES_SQL = project_dir("expectations", "regles", env="LSU_REGLES_DIR")
_ID_HEADER = re.compile(r"^--\s*id:\s*(\S+)\s*$", re.MULTILINE)


def rule_ids() -> tuple[list[str], str]:
    """(ids, source) : le catalogue `lsu_analytics.rules.catalog` s'il existe, sinon les en-têtes
    `-- id: XXX` des fichiers expectations/regles/*.sql ; source vaut 'catalogue', 'fichiers' ou 'aucune'."""
    try:
        from lsu_analytics.rules.catalog import load_catalog
    except ImportError:
        load_catalog = None
    if load_catalog is not None:
        return list(dict.fromkeys(r.id for r in load_catalog())), "catalogue"
    ids = set()
    for path in sorted(REGLES_SQL.glob("*.sql")):
        ids.update(_ID_HEADER.findall(path.read_text(encoding="utf-8")))
    return sorted(ids), ("fichiers" if ids else "aucune")
