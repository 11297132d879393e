"""Small hand-written exports for the loader's tests: CSV in the contract's dialect + manifest.json."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import duckdb


def csv_text(rows: list[list], newline: str = "\n") -> str:
    """rows[0] is the header; None = empty field. Quotes only when needed, like a real exporter."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", quotechar='"', doublequote=True, lineterminator=newline,
                   quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def data_rows(raw: bytes, encoding: str) -> int:
    text = raw.decode(encoding).lstrip("\ufeff")
    return sum(1 for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") if row) - 1


class Export:
    """An export folder being written: files, then `manifest()` with their lignes and sha256."""

    def __init__(self, folder: Path, encodage: str = "utf-8", format_date: str = "iso", **manifest):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.encodage = encodage
        self.format_date = format_date
        self.extra = manifest
        self.files: dict[str, dict] = {}

    def csv(self, name: str, rows: list[list], *, newline: str = "\n", bom: bool = False,
            listed: bool = True) -> Path:
        raw = csv_text(rows, newline).encode("windows-1252" if self.encodage == "windows-1252" else "utf-8")
        return self.raw(name, (b"\xef\xbb\xbf" if bom else b"") + raw, listed=listed)

    def raw(self, name: str, raw: bytes, *, listed: bool = True, lignes: int | None = None) -> Path:
        path = self.folder / name
        path.write_bytes(raw)
        if listed:
            if lignes is None:
                enc = "windows-1252" if self.encodage == "windows-1252" else "utf-8"
                lignes = data_rows(raw, enc)
            self.files[name] = {"lignes": lignes, "sha256": hashlib.sha256(raw).hexdigest()}
        return path

    def parquet(self, name: str, sql: str) -> Path:
        path = self.folder / name
        con = duckdb.connect()
        con.execute(f"COPY ({sql}) TO '{path}' (FORMAT parquet)")
        n = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
        con.close()
        self.files[name] = {"lignes": n, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        return path

    def manifest(self, **overrides) -> Path:
        data = {"contrat": 1, "millesime_courant": 2025, "date_extraction": "2026-03-15T02:00:00",
                "perimetre": {"niveau": "academie", "code": "08"}, "encodage": self.encodage,
                "format_date": self.format_date, **self.extra, "fichiers": self.files}
        data.update(overrides)
        (self.folder / "manifest.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return self.folder


ETABLISSEMENTS = [
    ["uai", "nom", "degre", "secteur", "academie", "departement", "circonscription", "service_en_ligne_ouvert"],
    ["0382032C", "École Jean Jaurès", "1D", "PU", "08", "038", "0380001X", "oui"],
    ["0380002D", "Collège Stendhal", "2D", "PU", "08", "038", None, "non"],
]


def db_rows(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
