"""Which export a run reads, and the sha256 of everything it reads."""
from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lsu_analytics.common.digest import sha256_file

from .spec import SourceSpec


class SourceError(Exception):
    """The export can't be found; the message says where it was looked for and what to do."""


@dataclass(frozen=True)
class InputFile:
    name: str  # relative to the export (or the .zip's name)
    sha256: str
    size: int


@dataclass(frozen=True)
class ResolvedSource:
    path: Path  # a folder or a .zip
    kind: str  # "dossier" or "zip"
    selection: str  # how it was chosen, in French
    files: tuple[InputFile, ...] = field(default=())

    @property
    def fingerprint(self) -> str:
        """One sha256 over every input file (name and content): equal fingerprints = same export."""
        h = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.name):
            h.update(f"{f.name}\0{f.sha256}\n".encode())
        return h.hexdigest()


def resolve_source(spec: SourceSpec, hash_files: bool = True) -> ResolvedSource:
    """Find the export the YAML points at and (unless told not to) hash its files."""
    if spec.kind == "dossier":
        if not spec.path.is_dir():
            raise SourceError(f"le dossier d'export {spec.path} n'existe pas. Vérifiez « source: dossier: » dans "
                              "le pipeline, ou que l'export a bien été déposé.")
        return _hashed(spec.path, "dossier", f"dossier {spec.path}", hash_files)
    if spec.kind == "zip":
        if not spec.path.is_file():
            raise SourceError(f"l'archive d'export {spec.path} n'existe pas. Vérifiez « source: zip: » dans le "
                              "pipeline, ou que l'export a bien été déposé.")
        return _hashed(spec.path, "zip", f"archive {spec.path}", hash_files)
    return latest_export(spec.path, hash_files)


def latest_export(parent: Path, hash_files: bool = True) -> ResolvedSource:
    """The sub-folder or .zip of `parent` whose manifest has the latest date_extraction (then the greatest name).

    A candidate without a readable manifest (an export still being copied) is passed over.
    """
    if not parent.is_dir():
        raise SourceError(f"le dossier {parent} (source « plus_recent_dans ») n'existe pas. Créez-le ou corrigez "
                          "le chemin dans le pipeline.")
    candidates = []
    skipped = []
    for entry in sorted(parent.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() or (entry.is_file() and entry.suffix.lower() == ".zip"):
            date = manifest_date(entry)
            if date is None:
                skipped.append(entry.name)
            else:
                candidates.append((date, entry.name, entry))
    if not candidates:
        detail = f" (sans manifest.json lisible : {', '.join(skipped)})" if skipped else ""
        raise SourceError(f"aucun export dans {parent}{detail}. Déposez-y un export (un sous-dossier ou un .zip "
                          "contenant manifest.json).")
    date, _, chosen = max(candidates)
    kind = "dossier" if chosen.is_dir() else "zip"
    return _hashed(chosen, kind, f"le plus récent de {parent} (date_extraction {date})", hash_files)


def manifest_date(export: Path) -> str | None:
    """The manifest's date_extraction (ISO text, so it sorts), or None when there is no readable manifest."""
    try:
        if export.is_dir():
            raw = (export / "manifest.json").read_bytes()
        else:
            with zipfile.ZipFile(export) as z:
                names = [n for n in z.namelist() if n.rsplit("/", 1)[-1] == "manifest.json"]
                if not names:
                    return None
                raw = z.read(min(names, key=len))
        value = json.loads(raw.decode("utf-8-sig")).get("date_extraction")
    except (OSError, ValueError, zipfile.BadZipFile, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _hashed(path: Path, kind: str, selection: str, hash_files: bool = True) -> ResolvedSource:
    path = path.resolve()
    if not hash_files:
        return ResolvedSource(path, kind, selection)
    if kind == "zip":
        files = [path]
        names = [path.name]
    else:
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        names = [p.relative_to(path).as_posix() for p in files]
    hashed = tuple(InputFile(n, sha256_file(p), p.stat().st_size) for n, p in zip(names, files))
    return ResolvedSource(path, kind, selection, hashed)
