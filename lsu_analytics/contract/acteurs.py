"""Who must act on an anomaly, in words: the owner codes of each rule's header (declared in vocabulary.py),
resolved by the establishment's degree where the rule says so."""
from __future__ import annotations

from .vocabulary import ACTEURS, ACTEURS_SELON_DEGRE, CODES_ACTEURS

__all__ = ["ACTEURS", "ACTEURS_SELON_DEGRE", "CODES_ACTEURS", "acteur_libelle", "acteurs_rows"]


def acteur_libelle(code: str, degre: str | None = None) -> str:
    """The French label of who must act; without a known degree, both possible owners."""
    if code in ACTEURS:
        return ACTEURS[code]
    par_degre = ACTEURS_SELON_DEGRE[code]
    if degre in par_degre:
        return ACTEURS[par_degre[degre]]
    premier, *autres = dict.fromkeys(ACTEURS[c] for c in par_degre.values())
    # « Directeur d'école ou chef d'établissement » (an acronym such as DASEN keeps its capitals).
    return " ou ".join([premier] + [a if a[:2].isupper() else a[0].lower() + a[1:] for a in autres])


def acteurs_rows() -> list[dict]:
    """(code, degre, libelle) for every code and degree (degre NULL = unknown), for a SQL join."""
    rows = []
    for code in CODES_ACTEURS:
        for degre in ("1D", "2D", None):
            rows.append({"code": code, "degre": degre, "libelle": acteur_libelle(code, degre)})
    return rows
