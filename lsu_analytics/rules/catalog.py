"""The rule catalogue: one SQL file per rule under `expectations/regles/`, described by its header.

Header (first comment lines of the file), read here and by the Great Expectations layer:

    -- id: PER-01
    -- severite: critique
    -- titre: Bilan sur une période non définie
    -- entite: bilan_id
    -- remediation: <phrase française>
    -- seuils: jours_parametrage=30          (optional, comma-separated)

The body is one SELECT returning exactly the columns of `anomalies`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lsu_analytics.contract.vocabulary import RULE_ID, SEVERITES
from lsu_analytics.resources import project_dir

from .errors import RulesError

# expectations/regles/ of the repository, or of the installed data (resources.py); LSU_REGLES_DIR wins.
RULES_DIR = project_dir("expectations", "regles", env="LSU_REGLES_DIR")

HEADER_KEYS = ("id", "severite", "titre", "entite", "remediation", "seuils")
REQUIRED_KEYS = ("id", "severite", "titre", "entite", "remediation")
_HEADER_LINE = re.compile(r"^--\s*([a-z_]+)\s*:\s*(.*?)\s*$")
_SEUIL = re.compile(r"^([a-z_][a-z0-9_]*)=(\d+)$")


@dataclass(frozen=True)
class Rule:
    id: str
    severite: str
    titre: str
    entite: str
    remediation: str
    seuils: dict[str, int] = field(default_factory=dict)
    sql_path: Path | None = None

    @property
    def sql(self) -> str:
        """The SELECT of the rule (header comments included, trailing `;` removed)."""
        return self.sql_path.read_text(encoding="utf-8").strip().rstrip(";")


def _parse_seuils(text: str, where: str) -> dict[str, int]:
    seuils = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        m = _SEUIL.match(part)
        if not m:
            raise RulesError(f"{where} : seuil « {part} » illisible ; écrire nom=valeur (entier), "
                             "par ex. jours_parametrage=30.")
        seuils[m.group(1)] = int(m.group(2))
    return seuils


def parse_rule(path: Path) -> Rule:
    """Read the header of one rule file; errors name the file, the line and what to fix."""
    header: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = _HEADER_LINE.match(line)
        if not m or m.group(1) not in HEADER_KEYS:
            break  # the header ends at the first line that is not `-- clé: valeur`
        key, value = m.groups()
        if key in header:
            raise RulesError(f"{path}, ligne {lineno} : clé d'en-tête « {key} » répétée ; n'en garder qu'une.")
        header[key] = value
    missing = [k for k in REQUIRED_KEYS if not header.get(k)]
    if missing:
        raise RulesError(f"{path} : en-tête incomplet, il manque {', '.join(missing)} ; "
                         "ajouter en tête du fichier les lignes `-- clé: valeur`.")
    if header["id"] != path.stem or not RULE_ID.match(header["id"]):
        raise RulesError(f"{path}, ligne 1 : l'id « {header['id']} » doit être le nom du fichier ({path.stem}).")
    if header["severite"] not in SEVERITES:
        raise RulesError(f"{path} : sévérité « {header['severite']} » inconnue ; "
                         f"valeurs possibles : {', '.join(SEVERITES)}.")
    return Rule(id=header["id"], severite=header["severite"], titre=header["titre"], entite=header["entite"],
                remediation=header["remediation"], seuils=_parse_seuils(header.get("seuils", ""), str(path)),
                sql_path=path)


def load_catalog(directory: Path | None = None) -> list[Rule]:
    """Every rule of the catalogue, in rules.md order (by family, then number)."""
    directory = Path(directory or RULES_DIR)
    paths = sorted(directory.glob("*.sql"))
    if not paths:
        raise RulesError(f"aucune règle trouvée dans {directory} : installer lsu-analytics depuis son dépôt "
                         "(`make install`, ou `pip install .`), ou donner le dossier des règles dans la variable "
                         "d'environnement LSU_REGLES_DIR.")
    rules = [parse_rule(p) for p in paths]
    order = {family: i for i, family in enumerate(FAMILY_ORDER)}
    return sorted(rules, key=lambda r: (order.get(r.id.split("-")[0], len(order)), r.id))


# Order of the families in rules.md, used for every listing.
FAMILY_ORDER = ("PER", "PAR", "EP", "HIS", "TRF", "VIS", "SEL", "VER", "REC", "CMP", "REF")


def default_seuils(rules: list[Rule]) -> dict[str, int]:
    """Every threshold of the catalogue with its default value."""
    seuils: dict[str, int] = {}
    for r in rules:
        seuils.update(r.seuils)
    return seuils
