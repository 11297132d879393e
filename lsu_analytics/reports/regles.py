"""The rule catalogue (lsu_analytics.rules.catalog) as the reports need it: title, explanation, remedy."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lsu_analytics.rules.catalog import load_catalog

from . import labels


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severite: str
    titre: str
    explication: str
    remediation: str


@cache
def catalog() -> dict[str, RuleInfo]:
    """Rules by id, in the catalogue's order."""
    out = {}
    for r in load_catalog():  # a broken catalogue raises its own French error
        explication = getattr(r, "explication", None) or labels.EXPLICATIONS_REGLES.get(r.id, "")
        out[r.id] = RuleInfo(r.id, getattr(r, "severite", "") or "", getattr(r, "titre", "") or "",
                             explication, getattr(r, "remediation", "") or "")
    return out


def rule_titles() -> dict[str, str]:
    return {k: v.titre for k, v in catalog().items()}
