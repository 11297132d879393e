"""sha256 of a file, read by blocks (hashlib releases the GIL: callers may hash in threads)."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable


def sha256_file(path: Path, block: int = 1 << 20, each_block: Callable[[bytes], object] | None = None) -> str:
    """`each_block(chunk)`, when given, sees every block as it is hashed: one read of the file serves both."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(block):
            h.update(chunk)
            if each_block is not None:
                each_block(chunk)
    return h.hexdigest()
