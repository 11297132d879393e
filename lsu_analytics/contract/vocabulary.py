"""The project's shared words, declared once: severities, perimeter levels, id patterns, step statuses,
exit codes. Every module imports them from here; nothing else spells them out."""
from __future__ import annotations

import re
from enum import IntEnum

# rules.md: the four severities, most severe first.
SEVERITES = ("critique", "majeure", "mineure", "info")


def severites_au_moins(severite: str) -> tuple[str, ...]:
    """`severite` and the severities worse than it."""
    return SEVERITES[: SEVERITES.index(severite) + 1]


# indicators.md: perimeter levels, widest first, with their French labels (lower case, as in a sentence).
NIVEAUX_PERIMETRE = ("national", "academie", "departement", "circonscription", "etablissement")
NIVEAU_PERIMETRE_LIBELLES = {"national": "national", "academie": "académie", "departement": "département",
                             "circonscription": "circonscription", "etablissement": "établissement"}
# The same as a heading (reports, tables).
NIVEAU_PERIMETRE_TITRES = {"national": "France entière", "academie": "Académie", "departement": "Département",
                           "circonscription": "Circonscription", "etablissement": "Établissement"}
# indicators.md v2: why a cell of `indicateurs` is masked (motif_masque; NULL when published).
MOTIFS_MASQUE = ("effectif", "secondaire")
SEVERITE_LIBELLES = {"critique": "Critique", "majeure": "Majeure", "mineure": "Mineure", "info": "Information"}

# export-contract.md: UAI = 7 digits + 1 letter; INE = the national pupil id, 11 characters.
UAI_PATTERN = r"^[0-9]{7}[A-Z]$"
INE_PATTERN = r"^[0-9A-Z]{11}$"
SESAM_PATTERN = r"^[0-9]{7}$"
# rules.md: every rule id is 2 or 3 capitals, a hyphen and 2 digits (PER-01, EP-02, TRF-02).
RULE_ID_PATTERN = r"^[A-Z]{2,3}-[0-9]{2}$"
RULE_ID = re.compile(RULE_ID_PATTERN)
# An INE inside free text, to mask it: 11 capitals/digits holding both (a real INE always mixes them;
# an 11-letter word such as DEPARTEMENT is left alone).
INE_DANS_TEXTE = re.compile(r"\b(?=[0-9A-Z]*[0-9])(?=[0-9A-Z]*[A-Z])[0-9A-Z]{11}\b")

# history.md: status of an anomaly across extractions, in order of a reader's first question (what is new,
# what came back, what is still there, what was fixed), and as a reader sees them.
STATUTS_ANOMALIE = ("nouvelle", "reapparue", "persistante", "resolue")
STATUT_ANOMALIE_LIBELLES = {"nouvelle": "nouvelle", "reapparue": "réapparue", "persistante": "persistante",
                            "resolue": "résolue"}

# Status of a pipeline step (run.json); a run succeeds when every step is in STATUTS_ETAPE_OK.
STATUTS_ETAPE = ("reussi", "echec", "ignore", "non_execute")
STATUTS_ETAPE_OK = ("reussi", "ignore")


class Sortie(IntEnum):
    """Exit codes, one meaning each for every command (README, « Codes de sortie »)."""
    OK = 0
    ECHEC = 1  # the command ran but part of its work failed or its input is invalid
    IMPOSSIBLE = 2  # nothing was done: argument, file or database refused, database locked
    ANOMALIES = 3  # anomalies at or above the --echec-si / echec_si severity


# Who must act on an anomaly (issue 10), named by code in each rule's header (`-- acteur:`): one of ACTEURS,
# or a code of ACTEURS_SELON_DEGRE that the establishment's degree resolves. Labels: LSU's and the note's words.
ACTEURS = {
    "directeur": "Directeur d'école",
    "chef_etablissement": "Chef d'établissement",
    "ien": "IEN de circonscription",
    "dasen": "DASEN",
    "assistance_nationale": "Assistance nationale LSU (ticket SESAM)",
}

# Owner by degree: 1D = école, 2D = collège.
ACTEURS_SELON_DEGRE = {
    "direction": {"1D": "directeur", "2D": "chef_etablissement"},
    # Note LSU 23.4, « Bilans des années précédentes » : DASEN au 1er degré, chef d'établissement au 2d.
    "autorite_annee_anterieure": {"1D": "dasen", "2D": "chef_etablissement"},
}

CODES_ACTEURS = tuple(ACTEURS) + tuple(ACTEURS_SELON_DEGRE)
