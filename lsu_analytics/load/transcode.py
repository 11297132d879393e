"""windows-1252 -> UTF-8, streamed into a temporary file (DuckDB 2.0 reads only UTF-8, UTF-16, latin-1).

latin-1 is not an option: windows-1252 puts €, œ, ’ ... at 0x80-0x9F where latin-1 has control codes.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import LoadError


def transcode_to_utf8(src: Path, dst: Path, fichier: str, encoding: str = "windows-1252",
                      block: int = 1 << 22) -> None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines_before = 0
    with open(src, "rb") as fin, open(dst, "w", encoding="utf-8", newline="") as fout:
        while True:
            chunk = fin.read(block)
            try:
                fout.write(decoder.decode(chunk, final=not chunk))
            except UnicodeDecodeError as e:
                line = lines_before + chunk.count(b"\n", 0, e.start) + 1
                raise LoadError(f"{fichier}, ligne {line} : l'octet 0x{chunk[e.start]:02X} n'existe pas en "
                                f"{encoding} ; le fichier n'est pas dans l'encodage déclaré par le manifeste.") from None
            if not chunk:
                break
            lines_before += chunk.count(b"\n")
