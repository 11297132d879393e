"""The header row of a CSV file: which contract column sits at which position."""
from __future__ import annotations

import csv
from pathlib import Path

from .errors import LoadError


def read_header(path: Path, fichier: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            row = next(csv.reader(f, delimiter=";", quotechar='"', doublequote=True, strict=True), None)
    except UnicodeDecodeError:
        raise LoadError(f"{fichier}, ligne 1 : l'en-tête n'est pas en UTF-8 ; le fichier n'est pas dans "
                        "l'encodage déclaré par le manifeste.") from None
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
