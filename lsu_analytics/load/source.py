"""An export is a folder or a `.zip` of it: give the loader a folder either way."""
from __future__ import annotations

import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import LoadError


@contextmanager
def export_folder(source: Path, workdir: Path) -> Iterator[Path]:
    if source.is_dir():
        yield source
        return
    if not source.exists():
        raise LoadError(f"{source} : export introuvable (un dossier ou un fichier .zip est attendu).")
    if not zipfile.is_zipfile(source):
        raise LoadError(f"{source} : ce n'est ni un dossier ni une archive .zip lisible.")
    target = workdir / "export"
    target.mkdir()
    with zipfile.ZipFile(source) as zf:
        members = {PurePosixPath(i.filename): i for i in zf.infolist() if not i.is_dir()}
        manifests = [p for p in members if p.name == "manifest.json" and len(p.parts) <= 2]
        if len(manifests) != 1:
            raise LoadError(f"{source} : l'archive doit contenir un seul manifest.json, à la racine "
                            "ou dans un unique dossier.")
        root = manifests[0].parent
        # Only the files directly beside manifest.json, by their bare names: no path from the archive is trusted.
        for path, info in members.items():
            if path.parent == root:
                with zf.open(info) as src, open(target / path.name, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
    yield target
