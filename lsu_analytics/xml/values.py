"""Conversions of LSU import attribute values to the contract's types."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

_MOYENNE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:/\s*(\d+(?:[.,]\d+)?)\s*)?$")
_MAX_DECIMAL = Decimal("9999.99")  # DECIMAL(6,2)


def moyenne_sur_20(text: str | None) -> Decimal | None:
    """"18/20" -> 18, "11.5/20" -> 11.5, "6" -> 6 (already out of 20), "7/10" -> 14.
    Returns None for an empty or unreadable value (e.g. "Abs", "NN") — the caller reports it."""
    if text is None or not text.strip():
        return None
    m = _MOYENNE.match(text)
    if not m:
        raise ValueError(text)
    value = Decimal(m.group(1).replace(",", "."))
    if m.group(2) is not None:
        denominator = Decimal(m.group(2).replace(",", "."))
        if denominator == 0:
            raise ValueError(text)
        value = value * 20 / denominator
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value > _MAX_DECIMAL:
        raise ValueError(text)
    return value


def periodicite(nb_periodes: int) -> str:
    """XML periods carry no periodicity label: 3 -> TRIMESTRE, 2 -> SEMESTRE, else P<n> (docs/choix.md)."""
    return {3: "TRIMESTRE", 2: "SEMESTRE"}.get(nb_periodes, f"P{nb_periodes}")


def to_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    return dt.date.fromisoformat(text.strip())


def to_timestamp(text: str | None) -> dt.datetime | None:
    """xs:date or the XSD's StringDateTime (`2015-11-12` or `2015-11-12T06:00:00`)."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    return dt.datetime.fromisoformat(text)


def is_true(text: str | None) -> bool:
    """xs:boolean."""
    return text is not None and text.strip() in ("1", "true")


def has_text(elem) -> bool:
    return elem is not None and bool((elem.text or "").strip())
