"""manifest.json: read it, check it against contract version 1, and match it with the export's files."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from lsu_analytics.contract import CONTRACT_VERSION, TABLES

from .errors import LoadError

ENCODAGES = ("utf-8", "windows-1252")
FORMATS_DATE = ("iso", "fr")
SEPARATEURS_DECIMAUX = (".", ",")
FORMATS_FICHIER = ("csv", "parquet")
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


@dataclass(frozen=True)
class FileEntry:
    table: str
    fichier: str  # name in the export, e.g. `eleves.csv`
    format: str  # csv | parquet
    lignes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    raw: dict  # manifest.json as read, stored in `chargements`
    contrat: int
    millesime_courant: int
    date_extraction: datetime
    perimetre_niveau: str
    perimetre_code: str
    encodage: str
    format_date: str
    separateur_decimal: str
    fichiers: dict[str, FileEntry]  # by table
    sha256: str | None = None  # of manifest.json's bytes: identifies the export in a history database


def _fail(detail: str) -> LoadError:
    return LoadError(f"manifest.json invalide : {detail}")


def _require(data: dict, key: str, kind, what: str):
    if key not in data:
        raise _fail(f"le champ « {key} » manque ({what}).")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _fail(f"le champ « {key} » doit être {what}, pas {value!r}.")
    return value


def parse_manifest(data: object) -> Manifest:
    if not isinstance(data, dict):
        raise _fail("le contenu doit être un objet JSON.")
    contrat = data.get("contrat")
    if contrat != CONTRACT_VERSION or isinstance(contrat, bool):
        raise _fail(f"« contrat » vaut {contrat!r} ; cet outil ne charge que le contrat {CONTRACT_VERSION}.")
    millesime = _require(data, "millesime_courant", int, "une année entière, ex. 2025")
    extraction = _require(data, "date_extraction", str, "une date-heure ISO, ex. 2026-03-15T02:00:00")
    try:
        date_extraction = datetime.fromisoformat(extraction)
    except ValueError:
        raise _fail(f"« date_extraction » = {extraction!r} n'est pas une date-heure ISO (2026-03-15T02:00:00).")
    if date_extraction.tzinfo is not None:
        date_extraction = date_extraction.replace(tzinfo=None)
    perimetre = _require(data, "perimetre", dict, "un objet {\"niveau\": ..., \"code\": ...}")
    niveau, code = perimetre.get("niveau"), perimetre.get("code")
    if not isinstance(niveau, str) or not isinstance(code, str):
        raise _fail("« perimetre » doit contenir « niveau » et « code » (textes).")
    encodage = _require(data, "encodage", str, f"l'un de {', '.join(ENCODAGES)}")
    if encodage.lower() not in ENCODAGES:
        raise _fail(f"encodage « {encodage} » inconnu ; attendu : {', '.join(ENCODAGES)}.")
    format_date = _require(data, "format_date", str, f"l'un de {', '.join(FORMATS_DATE)}")
    if format_date not in FORMATS_DATE:
        raise _fail(f"format_date « {format_date} » inconnu ; attendu : {', '.join(FORMATS_DATE)}.")
    separateur = data.get("separateur_decimal", ".")
    if separateur not in SEPARATEURS_DECIMAUX:
        raise _fail(f"separateur_decimal {separateur!r} inconnu ; attendu : « . » ou « , ».")
    fichiers = _require(data, "fichiers", dict, "un objet { \"<table>.csv\": {\"lignes\": n, \"sha256\": \"...\"} }")
    entries: dict[str, FileEntry] = {}
    for nom, info in fichiers.items():
        table, _, ext = nom.rpartition(".")
        if table not in TABLES or ext not in FORMATS_FICHIER:
            raise _fail(f"le fichier listé « {nom} » n'est pas une table du contrat (<table>.csv ou <table>.parquet).")
        if table in entries:
            raise _fail(f"la table {table} est listée deux fois ({entries[table].fichier} et {nom}).")
        if not isinstance(info, dict):
            raise _fail(f"l'entrée de « {nom} » doit être un objet {{\"lignes\": n, \"sha256\": \"...\"}}.")
        lignes, sha = info.get("lignes"), info.get("sha256")
        if not isinstance(lignes, int) or isinstance(lignes, bool) or lignes < 0:
            raise _fail(f"« {nom} » : « lignes » doit être un entier positif ou nul, pas {lignes!r}.")
        if not isinstance(sha, str) or not _SHA256.match(sha):
            raise _fail(f"« {nom} » : « sha256 » doit être 64 caractères hexadécimaux.")
        entries[table] = FileEntry(table, nom, ext, lignes, sha.lower())
    return Manifest(data, contrat, millesime, date_extraction, niveau, code, encodage.lower(), format_date,
                    separateur, entries)


def parse_manifest_bytes(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise _fail(f"ce n'est pas du JSON UTF-8 lisible ({e}).") from None
    return replace(parse_manifest(data), sha256=hashlib.sha256(raw).hexdigest())


def read_manifest(folder: Path) -> Manifest:
    path = folder / "manifest.json"
    if not path.is_file():
        raise LoadError(f"manifest.json introuvable dans {folder} : un export contient toujours son manifeste.")
    return parse_manifest_bytes(path.read_bytes())


def check_files(manifest: Manifest, present: set[str]) -> None:
    """Every listed file exists; every table file of the export is listed. Other files are ignored."""
    for entry in manifest.fichiers.values():
        if entry.fichier not in present:
            raise LoadError(f"{entry.fichier} : fichier listé dans manifest.json mais absent de l'export.")
    listed = {e.fichier for e in manifest.fichiers.values()}
    for table in TABLES:
        for ext in FORMATS_FICHIER:
            nom = f"{table}.{ext}"
            if nom in present and nom not in listed:
                raise LoadError(f"{nom} : fichier de la table {table} absent de manifest.json "
                                "(ajoutez-le avec son nombre de lignes et son sha256).")
