"""The ministry's XSD (configured, never shipped): loading it, and wording its violations."""
from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from .errors import XmlImportError

ENV_VAR = "LSU_XSD"

# Values libxml2 quotes in its messages may be a pupil's or a teacher's name, or free text
# that mentions one: those are replaced by '…' (never a name in a report).
_PERSONAL_ATTRIBUTES = {"nom", "prenom", "libelle", "denomination", "intitule", "civilite",
                        "ligne1", "ligne2", "ligne3", "ligne4", "commune", "code-postal", "lien-parente"}
_SAFE_CONTENT_ELEMENTS = {"etablissement", "editeur", "application", "appliVersion"}
# Uniqueness constraints whose keys are ids (shown) rather than names or labels (hidden).
_CONSTRAINT = re.compile(r"identity-constraint '(?:\{[^}]*\})?([^']+)'")
_LABEL_CONSTRAINTS = {"responsableEtabConstraint", "elementProgrammeLibelleConstraint"}
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")
_ATTRIBUTE = re.compile(r"attribute '([^']+)'")
_QUOTED = re.compile(r"(facet |type )?'[^']*'")
_NAMESPACE = re.compile(r"\{urn:fr:edu:scolarite:lsun:bilans:import\}")


def configured_xsd(xsd: Path | None) -> Path | None:
    """The XSD given on the command line, else $LSU_XSD, else None (validation skipped)."""
    if xsd is not None:
        return Path(xsd)
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def load_schema(path: Path) -> etree.XMLSchema:
    if not path.is_file():
        raise XmlImportError(path, "XSD introuvable.",
                             f"Donnez le chemin du XSD officiel du ministère (option --xsd ou variable {ENV_VAR}).")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.XMLSchema(etree.parse(str(path), parser))
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise XmlImportError(path, f"ce fichier n'est pas un XSD lisible ({exc}).",
                             "Vérifiez que c'est bien import-bilan-complet.xsd du ministère.") from None


def describe(message: str) -> str:
    """A libxml2 schema message, shortened and stripped of personal values."""
    element = _ELEMENT.search(message)
    attribute = _ATTRIBUTE.search(message)
    element_name = element.group(1) if element else None
    attribute_name = attribute.group(1) if attribute else None
    constraint = _CONSTRAINT.search(message)
    if constraint:
        sensitive = constraint.group(1) in _LABEL_CONSTRAINTS
    elif attribute_name:
        sensitive = attribute_name in _PERSONAL_ATTRIBUTES
    else:
        sensitive = element_name not in _SAFE_CONTENT_ELEMENTS
    text = _NAMESPACE.sub("", message.strip())
    if sensitive:
        keep = {f"'{element_name}'", f"'{attribute_name}'", f"'{constraint.group(1)}'" if constraint else ""}
        text = _QUOTED.sub(lambda m: m.group(0) if m.group(1) or m.group(0) in keep or _is_type(m.group(0))
                           else "'…'", text)
    return f"non conforme au XSD : {text}"


def _is_type(quoted: str) -> bool:
    # Facet and type names are safe to show: 'xs:positiveInteger', 'length', '8'.
    inner = quoted[1:-1]
    return inner.startswith("xs:") or inner.isdigit()
