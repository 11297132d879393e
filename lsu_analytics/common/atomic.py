"""Replace outputs whole: write beside, then rename into place, so a reader sees the old or the new
version, never a cut file or a half-built folder (a full disk or a kill -9 leaves the old one)."""
from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux >= 3.15): swap two paths in one step
_AT_FDCWD = -100


def staging_path(path: Path) -> Path:
    """The hidden sibling of `path` that its new version is written to (same folder: same filesystem)."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_files(writers: Mapping[Path, Callable[[Path], object]]) -> list[Path]:
    """Write every file through `writer(temporary path)` first, then rename them all into place.

    If any writer fails (disk full, error), no file is replaced and the temporary ones are removed.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, writer in writers.items():
            tmp = staged[path] = staging_path(path)
            writer(tmp)
            _fsync_file(tmp)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    for path, tmp in staged.items():
        os.replace(tmp, path)
    return list(staged)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically (renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def replace_dir(staged: Path, target: Path) -> None:
    """Put the folder `staged` in place of `target` in one rename (the old one is then deleted)."""
    if not target.exists():
        os.rename(staged, target)
        return
    if not _exchange(staged, target):  # then a short gap without `target`, never a half-built one
        old = target.with_name(f".{target.name}.ancien.{os.getpid()}.tmp")
        os.rename(target, old)
        os.rename(staged, target)
        staged = old
    shutil.rmtree(staged, ignore_errors=True)


@contextmanager
def building_dir(target: Path) -> Iterator[Path]:
    """A fresh hidden folder beside `target` to build its new version in; put in place on success,
    removed on failure (the old `target` untouched)."""
    staged = staging_path(target)
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    try:
        yield staged
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    replace_dir(staged, target)


def remove_stale(folder: Path) -> None:
    """Remove what killed runs left beside the outputs (hidden `.NAME.PID.tmp` of dead processes)."""
    for p in folder.glob(".*.tmp"):
        pid = p.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
