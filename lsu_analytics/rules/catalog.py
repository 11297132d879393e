"""The rule catalogue: one SQL file per rule under `expectations/regles/`, described by its header.

Header (first comment lines of the file), the single place where the facts about a rule live; read here,
by the reports, the ticket CSV and the generated `docs/anomalies.md`:

    -- id: PER-01
    -- severite: critique
    -- titre: Bilan sur une période non définie
    -- entite: bilan_id
    -- uai: bilan.uai                     (what each key column of `anomalies` holds, for this rule)
    -- academie: B (académie d'accueil)   (optional: by default the academy of `uai`)
    -- millesime: bilan.millesime
    -- eleve_id: bilan.eleve_id
    -- classe_id: bilan.classe_id
    -- objet_id: bilan_id
    -- date_evenement: bilan.date_creation (the fact that makes the anomaly)
    -- acteur: direction                  (who must act: a code of lsu_analytics.contract.acteurs)
    -- explication: <phrase française : ce que la règle détecte>
    -- remediation: <phrase française : ce qu'il faut faire, dans les mots de LSU>
    -- seuils: jours_parametrage=30       (optional, comma-separated)

The body is one SELECT returning the columns of `anomalies` except `severite` (taken from the header)
and `cle` (the anomaly's identity, computed by the contract's `cle_anomalie` macro): `Rule.sql` adds both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lsu_analytics.contract import SYSTEM_TABLES
from lsu_analytics.contract.vocabulary import CODES_ACTEURS, RULE_ID, SEVERITES
from lsu_analytics.resources import project_dir

from .errors import RulesError

# expectations/regles/ of the repository, or of the installed data (resources.py); LSU_REGLES_DIR wins.
RULES_DIR = project_dir("expectations", "regles", env="LSU_REGLES_DIR")

# Key columns of `anomalies` whose content each rule documents (docs/anomalies.md is generated from them).
ENTITY_COLUMNS = ("uai", "academie", "millesime", "eleve_id", "classe_id", "objet_id")
HEADER_KEYS = ("id", "severite", "titre", "entite", *ENTITY_COLUMNS, "date_evenement", "acteur", "explication",
               "remediation", "seuils")
OPTIONAL_KEYS = ("academie", "seuils")
REQUIRED_KEYS = tuple(k for k in HEADER_KEYS if k not in OPTIONAL_KEYS)
ACADEMIE_PAR_DEFAUT = "celle de `uai`"
_HEADER_LINE = re.compile(r"^--\s*([a-z_]+)\s*:\s*(.*?)\s*$")
_SEUIL = re.compile(r"^([a-z_][a-z0-9_]*)=(\d+)$")


@dataclass(frozen=True)
class Rule:
    id: str
    severite: str
    titre: str
    entite: str
    remediation: str
    colonnes: dict[str, str] = field(default_factory=dict)  # ENTITY_COLUMNS -> what it holds
    date_evenement: str = ""
    acteur: str = ""
    explication: str = ""
    seuils: dict[str, int] = field(default_factory=dict)
    sql_path: Path | None = None

    @property
    def body(self) -> str:
        """The SELECT of the file (header comments included, trailing `;` removed)."""
        return self.sql_path.read_text(encoding="utf-8").strip().rstrip(";")

    @property
    def sql(self) -> str:
        """The rule's SELECT with exactly the columns of `anomalies`: the body, plus the header's severity
        (a checked code, safe as a literal) and the key, computed by the contract's macro."""
        cols = []
        for name in SYSTEM_TABLES["anomalies"].column_names:
            if name == "severite":
                cols.append(f"'{self.severite}' AS severite")
            elif name == "cle":
                cols.append("cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) AS cle")
            else:
                cols.append(name)
        return f"SELECT {', '.join(cols)}\nFROM (\n{self.body}\n) AS corps"


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
    if header["acteur"] not in CODES_ACTEURS:
        raise RulesError(f"{path} : acteur « {header['acteur']} » inconnu ; "
                         f"valeurs possibles : {', '.join(CODES_ACTEURS)}.")
    colonnes = {c: header.get(c) or ACADEMIE_PAR_DEFAUT for c in ENTITY_COLUMNS}
    return Rule(id=header["id"], severite=header["severite"], titre=header["titre"], entite=header["entite"],
                remediation=header["remediation"], colonnes=colonnes, date_evenement=header["date_evenement"],
                acteur=header["acteur"], explication=header["explication"],
                seuils=_parse_seuils(header.get("seuils", ""), str(path)), sql_path=path)


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
