"""The rule catalogue (lsu_analytics.rules.catalog) as the reports need it: title, explanation, owner, remedy.

Every text comes from the rule's header (expectations/regles/<ID>.sql)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lsu_analytics.contract.acteurs import acteur_libelle
from lsu_analytics.rules.catalog import load_catalog


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severite: str
    titre: str
    explication: str
    remediation: str
    acteur: str  # code of lsu_analytics.contract.acteurs

    def qui_agit(self, degre: str | None = None) -> str:
        """Who must act, in words (by the establishment's degree when the rule depends on it)."""
        return acteur_libelle(self.acteur, degre)


@cache
def catalog() -> dict[str, RuleInfo]:
    """Rules by id, in the catalogue's order."""
    out = {}
    for r in load_catalog():  # a broken catalogue raises its own French error
        out[r.id] = RuleInfo(r.id, r.severite, r.titre, r.explication, r.remediation, r.acteur)
    return out


def rule_titles() -> dict[str, str]:
    return {k: v.titre for k, v in catalog().items()}
