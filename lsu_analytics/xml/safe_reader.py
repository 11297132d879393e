"""Streaming, hostile-proof reading of an XML file with lxml.

No DTD (refused), no entity expansion, no network, no huge tree. With a schema, the file is fed
to the parser one physical line at a time so that every XSD violation gets its line number
(libxml2's streaming validation reports none)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .errors import XmlImportError
from .xsd import describe

_CHUNK = 64 * 1024  # longest piece fed at once (a very long line is fed in several pieces)
MAX_XSD_ERRORS = 200  # past this, the file is obviously not an LSU file: stop reading

_REFUS_DTD = ("le fichier contient une déclaration DOCTYPE (DTD ou entités) : refusé par sécurité, "
              "aucun fichier d'import LSU n'en contient.")
_FAIRE_DTD = "Retirez la déclaration <!DOCTYPE ...> ou redemandez le fichier au logiciel de l'école."


class _Feeder:
    """File-like object for lxml. With a schema, it hands over one physical line at a time and
    assigns the XSD errors that appeared while a line was parsed to that line; without one, it
    reads large blocks. Until the root element is seen, it refuses any DOCTYPE or ENTITY."""

    def __init__(self, path: Path, by_line: bool):
        self._file = open(path, "rb")
        self._by_line = by_line
        self._ended_line = True
        self.line = 0  # line of the first byte of the last piece returned
        self._next_line = 1
        self.in_prolog = True
        self.context = None
        self._seen = 0
        self.xsd_errors: list[tuple[int, str]] = []
        self.path = path

    def collect_errors(self) -> None:
        if self.context is None:
            return
        log = self.context.error_log
        if len(log) > self._seen:
            for entry in list(log)[self._seen:]:
                if entry.domain_name == "SCHEMASV" and entry.level_name == "ERROR" \
                        and "No precomputed value" not in entry.message:
                    self.xsd_errors.append((entry.line or self.line, entry.message))
            self._seen = len(log)

    def read(self, size: int = -1) -> bytes:
        if self._by_line:
            self.collect_errors()
            if len(self.xsd_errors) > MAX_XSD_ERRORS:
                return b""  # ends the parse; the caller reports "too many errors"
            piece = self._file.readline(_CHUNK)
        else:
            piece = self._file.read(_CHUNK)
        self.line = self._next_line
        self._next_line += piece.count(b"\n")
        if self.in_prolog:
            for marker in (b"<!DOCTYPE", b"<!ENTITY"):
                at = piece.find(marker)
                if at >= 0:
                    raise XmlImportError(self.path, _REFUS_DTD, _FAIRE_DTD, self.line + piece.count(b"\n", 0, at))
        return piece

    def close(self) -> None:
        self._file.close()


class SafeStream:
    """Iterate over the `end` events of a file; `xsd_errors` holds (line, message) afterwards."""

    def __init__(self, path: Path, schema: etree.XMLSchema | None = None):
        self.path = Path(path)
        self.schema = schema
        self.xsd_errors: list[tuple[int, str]] = []
        self.too_many_errors = False
        self.root = None

    def __iter__(self) -> Iterator[etree._Element]:
        if not self.path.is_file():
            raise XmlImportError(self.path, "fichier introuvable.", "Vérifiez le chemin du fichier.")
        feeder = _Feeder(self.path, by_line=self.schema is not None)
        options = dict(events=("end",), resolve_entities=False, no_network=True, load_dtd=False,
                       dtd_validation=False, huge_tree=False, remove_comments=True, remove_pis=True)
        if self.schema is not None:
            options["schema"] = self.schema
        context = etree.iterparse(feeder, **options)
        feeder.context = context
        try:
            for _event, elem in context:
                if feeder.in_prolog:
                    feeder.in_prolog = False
                    self.root = elem.getroottree().getroot()
                    self._refuse_doctype(self.root.sourceline)
                yield elem
        except etree.XMLSyntaxError as exc:
            if self.schema is not None:
                feeder.close()
                check_well_formed(self.path)  # a malformed file is said so, never as XSD violations
            feeder.collect_errors()
            # The parser's own log: the exception's may hold errors of earlier parses.
            parse_errors = [e for e in context.error_log
                            if e.domain_name != "SCHEMASV" and e.level_name in ("ERROR", "FATAL")]
            stopped = len(feeder.xsd_errors) > MAX_XSD_ERRORS  # we ended the feed ourselves
            if not stopped and (parse_errors or not feeder.xsd_errors):
                first = parse_errors[0] if parse_errors else None
                line = first.line if first is not None and first.line else feeder.line
                detail = first.message if first is not None else str(exc)
                raise XmlImportError(self.path, f"XML mal formé ou illisible ({_short(detail)}).",
                                     "Redemandez un fichier complet au logiciel de l'école.", line) from None
        finally:
            feeder.collect_errors()
            feeder.close()
            self.xsd_errors = [(line, describe(msg)) for line, msg in feeder.xsd_errors]
            self.too_many_errors = len(feeder.xsd_errors) > MAX_XSD_ERRORS
        if self.root is not None:
            self._refuse_doctype(0)

    def _refuse_doctype(self, line: int) -> None:
        # Second barrier, independent of the byte scan (e.g. a UTF-16 file).
        docinfo = self.root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None or docinfo.system_url:
            raise XmlImportError(self.path, _REFUS_DTD, _FAIRE_DTD, line or None)


def check_well_formed(path: Path) -> None:
    """One pass without the schema; raises XmlImportError "XML mal formé" at the parser's line."""
    for elem in SafeStream(path):
        release(elem)


def release(elem: etree._Element) -> None:
    """Free a processed element and its already-processed previous siblings (bounded memory)."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _short(message: str) -> str:
    # libxml2 quotes raw bytes of badly encoded text: they could be part of a name.
    message = " ".join(message.split()).split(" Bytes:")[0]
    return message if len(message) <= 200 else message[:200] + "…"
