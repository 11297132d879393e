"""An export is a folder or a `.zip` of it: give the loader a folder either way.

A zip is never trusted: manifest.json is read first, only the files it lists are extracted, and their
sizes are checked before and while they are written (zip bomb), so a refusal comes before the disk fills.
"""
from __future__ import annotations

import shutil
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import LoadError
from .manifest import Manifest, parse_manifest_bytes, read_manifest

MIB = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may ask of the disk (docs/choix.md, « Archive .zip »)."""
    ratio_max: float = 200.0  # uncompressed / compressed, per file above `ratio_from` (real CSV: under 15)
    ratio_from: int = MIB
    total_max: int | None = None  # bytes once extracted; None = the free space of the build folder
    manifest_max: int = 16 * MIB


@dataclass(frozen=True)
class ExportFolder:
    path: Path
    manifest: Manifest
    present: frozenset[str]  # the export's file names (in the archive, or in the folder)


def _mib(n: int) -> str:
    if n < MIB:
        return f"{n / 1024:,.1f} Kio".replace(",", " ").replace(".", ",")
    return f"{n / MIB:,.1f} Mio".replace(",", " ").replace(".", ",")


def _copy_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, source: Path) -> None:
    """Write the member, refusing as soon as it exceeds the size the archive declares for it."""
    written = 0
    with zf.open(info) as src, open(target, "wb") as dst:
        while chunk := src.read(MIB):
            written += len(chunk)
            if written > info.file_size:
                raise LoadError(f"{source} : {PurePosixPath(info.filename).name} décompressé dépasse la taille "
                                f"que l'archive annonce ({_mib(info.file_size)}) : archive corrompue ou "
                                "malveillante, extraction arrêtée. Redemandez l'export.")
            dst.write(chunk)


def _check_sizes(source: Path, infos: list[zipfile.ZipInfo], workdir: Path, limits: ZipLimits) -> None:
    for info in infos:
        if info.file_size > limits.ratio_from and info.file_size > limits.ratio_max * max(info.compress_size, 1):
            raise LoadError(
                f"{source} : {PurePosixPath(info.filename).name} se décompresse en {_mib(info.file_size)} pour "
                f"{_mib(info.compress_size)} compressés (rapport {info.file_size / max(info.compress_size, 1):.0f}, "
                f"au-delà de {limits.ratio_max:.0f}) : archive refusée (bombe de décompression probable). "
                "Un vrai export se compresse bien moins ; redemandez-le.")
    total = sum(i.file_size for i in infos)
    free = shutil.disk_usage(workdir).free
    bound = min(free, limits.total_max) if limits.total_max is not None else free
    if total > bound:
        where = (f"la limite de {_mib(limits.total_max)}" if limits.total_max is not None and limits.total_max < free
                 else f"la place libre de {workdir.parent} ({_mib(free)})")
        raise LoadError(f"{source} : les fichiers listés par le manifeste font {_mib(total)} une fois décompressés, "
                        f"au-delà de {where} : archive refusée avant extraction. Libérez de la place ou "
                        "chargez l'export décompressé.")


@contextmanager
def export_folder(source: Path, workdir: Path, limits: ZipLimits | None = None) -> Iterator[ExportFolder]:
    limits = limits or ZipLimits()
    if source.is_dir():
        yield ExportFolder(source, read_manifest(source), frozenset(p.name for p in source.iterdir() if p.is_file()))
        return
    if not source.exists():
        raise LoadError(f"{source} : export introuvable (un dossier ou un fichier .zip est attendu).")
    if not zipfile.is_zipfile(source):
        raise LoadError(f"{source} : ce n'est ni un dossier ni une archive .zip lisible.")
    target = workdir / "export"
    target.mkdir()
    try:
        extracted = _extract(source, target, workdir, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as e:
        raise LoadError(f"{source} : archive .zip corrompue ({e}). Redemandez l'export.") from None
    yield extracted


def _extract(source: Path, target: Path, workdir: Path, limits: ZipLimits) -> ExportFolder:
    with zipfile.ZipFile(source) as zf:
        members = {PurePosixPath(i.filename): i for i in zf.infolist() if not i.is_dir()}
        manifests = [p for p in members if p.name == "manifest.json" and len(p.parts) <= 2]
        if len(manifests) != 1:
            raise LoadError(f"{source} : l'archive doit contenir un seul manifest.json, à la racine "
                            "ou dans un unique dossier.")
        root = manifests[0].parent
        # Only the files directly beside manifest.json, by their bare names: no path from the archive is trusted.
        beside = {p.name: i for p, i in members.items() if p.parent == root}
        info = beside["manifest.json"]
        if info.file_size > limits.manifest_max:
            raise LoadError(f"{source} : manifest.json fait {_mib(info.file_size)} : ce n'est pas un manifeste "
                            "d'export. Archive refusée.")
        _copy_bounded(zf, info, target / "manifest.json", source)
        manifest = parse_manifest_bytes((target / "manifest.json").read_bytes())
        listed = [beside[e.fichier] for e in manifest.fichiers.values() if e.fichier in beside]
        _check_sizes(source, listed, workdir, limits)
        for info in listed:
            _copy_bounded(zf, info, target / PurePosixPath(info.filename).name, source)
    return ExportFolder(target, manifest, frozenset(beside))
