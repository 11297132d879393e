"""Identifiants des règles du catalogue, pour les indicateurs ANOMALIES_<rule_id>."""
from __future__ import annotations

from lsu_analytics.rules.catalog import load_catalog


def rule_ids() -> tuple[list[str], str]:
    """(ids, source) : les règles du catalogue (expectations/regles/) ; source vaut 'catalogue', ou 'aucune'
    si le catalogue est vide."""
    ids = list(dict.fromkeys(r.id for r in load_catalog()))
    return ids, ("catalogue" if ids else "aucune")
