"""French number formatting, and the `s` of the secret statistique."""
from __future__ import annotations

import math

import pandas as pd

from lsu_analytics.common.nombres import NNBSP
from lsu_analytics.common.nombres import entier as _entier

SECRET = "s"
SANS_VALEUR = "—"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def entier(n) -> str:
    """1234 -> '1 234'."""
    if _missing(n):
        return SANS_VALEUR
    return _entier(round(float(n)))


def pourcentage(ratio, decimales: int = 1) -> str:
    """0.875 -> '87,5 %'."""
    if _missing(ratio):
        return SANS_VALEUR
    return f"{float(ratio) * 100:.{decimales}f}".replace(".", ",") + NNBSP + "%"


def taux(masque, numerateur, denominateur, valeur) -> str:
    """A ratio cell: '87,5 % (7 / 8)', 's' when hidden, '—' when nothing is expected."""
    if not _missing(masque) and bool(masque):
        return SECRET
    if _missing(denominateur) or float(denominateur) == 0 or _missing(valeur):
        return SANS_VALEUR
    return f"{pourcentage(valeur)} ({entier(numerateur)} / {entier(denominateur)})"


def compte(masque, valeur) -> str:
    if not _missing(masque) and bool(masque):
        return SECRET
    return entier(valeur)


def cellule(masque, numerateur, denominateur, valeur) -> str:
    """Ratio or count, as the row says (a count has no denominator)."""
    if _missing(denominateur) and not _missing(valeur):
        return compte(masque, valeur)
    return taux(masque, numerateur, denominateur, valeur)


def cellules(df: pd.DataFrame) -> pd.Series:
    """`cellule` over the (masque, numerateur, denominateur, valeur) columns of a small display table."""
    return pd.Series(
        [cellule(*row) for row in df[["masque", "numerateur", "denominateur", "valeur"]].itertuples(index=False)],
        index=df.index, dtype=object,
    )
