"""A full disk during a load: said as such, with where and how much, never as an unreadable file."""
from __future__ import annotations

import errno
import shutil
import zipfile
from pathlib import Path

import duckdb

from .errors import LoadError

_NO_SPACE = ("No space left on device", "Disk quota exceeded", "ENOSPC")


class DiskFullError(LoadError):
    """Raised where the write failed; the loader completes the message (how much was needed)."""

    def __init__(self, where: Path):
        super().__init__(f"disque plein dans {where}")
        self.where = where


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, DiskFullError):
        return True
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, duckdb.Error):
        return any(s in str(exc) for s in _NO_SPACE)
    return False


def raise_if_disk_full(exc: BaseException, where: Path) -> None:
    if is_disk_full(exc):
        raise DiskFullError(where) from None


def _mio(n: float) -> str:
    return f"{n / (1 << 20):,.0f} Mio".replace(",", " ")


def export_size(source: Path) -> int:
    """Bytes of the export's files once on disk (an archive's declared sizes)."""
    if source.is_dir():
        return sum(p.stat().st_size for p in source.iterdir() if p.is_file())
    try:
        with zipfile.ZipFile(source) as zf:
            return sum(i.file_size for i in zf.infolist())
    except (OSError, zipfile.BadZipFile):
        return source.stat().st_size if source.exists() else 0


def disk_full_message(source: Path, folder: Path) -> str:
    """`folder`: where the load builds the new database (beside the old one)."""
    data = export_size(source)
    needed = 2 * data + (data if not source.is_dir() else 0)
    free = shutil.disk_usage(folder).free
    return (f"disque plein dans {folder} pendant le chargement de {source} : il reste {_mio(free)} libres, le "
            f"chargement a besoin d'environ {_mio(needed)} (deux fois les {_mio(data)} de fichiers de l'export"
            + (", plus leur extraction de l'archive" if not source.is_dir() else "")
            + "). Libérez de la place sur ce disque ou donnez une base (--db) sur un autre disque.")
