"""The header row of a CSV file: which contract column sits at which position."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import LoadError

MAX_HEADER = 1 << 20


def _first_record(head: bytes) -> bytes:
    """Bytes of the first record: up to the first line break outside quotes."""
    start = 0
    while (nl := head.find(b"\n", start)) >= 0:
        if head.count(b'"', 0, nl) % 2 == 0:
            return head[:nl]
        start = nl + 1
    return head


def read_header(path: Path, fichier: str) -> list[str]:
    with open(path, "rb") as f:
        head = _first_record(f.read(MAX_HEADER))
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LoadError(f"{fichier}, ligne 1 : l'en-tête n'est pas en UTF-8 ; le fichier n'est pas dans "
                        "l'encodage déclaré par le manifeste.") from None
    try:
        row = next(csv.reader(io.StringIO(text.removesuffix("\r"), newline=""), delimiter=";", quotechar='"',
                              doublequote=True, strict=True), None)
    except csv.Error as e:
        raise LoadError(f"{fichier}, ligne 1 : en-tête illisible ({e}).") from None
    if not row or row == [""]:
        raise LoadError(f"{fichier} : fichier vide, la ligne d'en-tête (noms de colonnes) manque.")
    seen = set()
    for name in row:
        if name in seen:
            raise LoadError(f"{fichier}, ligne 1 : la colonne « {name} » apparaît deux fois dans l'en-tête.")
        seen.add(name)
    return row
