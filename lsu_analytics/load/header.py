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


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def _encoding_problem(head: bytes) -> str | None:
    """What the first bytes say of an encoding other than UTF-8 (a header is ASCII text)."""
    if head.startswith(_UTF16_BOMS):
        return "il commence par la marque d'ordre des octets de l'UTF-16 : le fichier est en UTF-16"
    if head.startswith(_UTF8_BOM + _UTF8_BOM):
        return ("il commence par deux marques d'ordre des octets (BOM) UTF-8 au lieu d'une au plus : le fichier "
                "a été converti deux fois")
    if b"\x00" in head:
        return ("il contient des octets nuls : le fichier est en UTF-16 (ou UTF-32) sans marque d'ordre des "
                "octets")
    return None


def read_header(path: Path, fichier: str) -> list[str]:
    with open(path, "rb") as f:
        start = f.read(MAX_HEADER)
    problem = _encoding_problem(start[:4096])
    if problem:
        raise LoadError(f"{fichier}, ligne 1 : problème d'encodage, {problem}. Le contrat demande de l'UTF-8 (ou le "
                        "windows-1252 déclaré par le manifeste) : réexportez-le.")
    head = _first_record(start)
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
