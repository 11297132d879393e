"""`docs/anomalies.md`, generated from the rule headers (the single place where a rule's facts live).

A test fails when the file no longer matches the headers; regenerate it with:

    python -m lsu_analytics.rules.documentation
"""
from __future__ import annotations

import sys

from lsu_analytics.contract.acteurs import ACTEURS, ACTEURS_SELON_DEGRE, acteur_libelle
from lsu_analytics.resources import REPO_ROOT

from .catalog import ENTITY_COLUMNS, Rule, load_catalog

DOC_PATH = REPO_ROOT / "docs" / "anomalies.md"

INTRO = """\
# Colonnes de `anomalies` par règle

FICHIER GÉNÉRÉ depuis les en-têtes de `expectations/regles/<ID>.sql` : ne pas le modifier à la main,
modifier l'en-tête de la règle puis relancer `python -m lsu_analytics.rules.documentation`.

`rules.md` fixe l'entité de chaque règle ; ce tableau fixe en plus, pour chaque règle, ce que
contiennent `uai`, `academie`, `millesime`, `eleve_id`, `classe_id` et `objet_id`, la date de
l'événement (`date_evenement`) et qui doit agir. La vérité terrain du générateur
(`verite_terrain.json`) et la table `anomalies` suivent ce tableau à l'identique : c'est l'oracle des tests.

Conventions :
- `academie` = `etablissements.academie` de la colonne `uai` (NULL si l'UAI est inconnu), sauf mention
  dans la colonne `academie`.
- Horodatages dans `objet_id` : ISO `YYYY-MM-DDTHH:MM:SS` (`strftime(ts, '%Y-%m-%dT%H:%M:%S')`) ;
  dates : `YYYY-MM-DD` ; entiers en décimal. Valeurs jointes par `|`.
- « bilan » = bilan périodique ; « bilan de cycle » = bilan de fin de cycle.
- `C` = `manifeste.millesime_courant`, `X` = `manifeste.date_extraction`.
- `cle` = `cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id)`
  (`lsu_analytics/contract/macros.sql`) : l'identité de l'anomalie, NULL égal à NULL (history.md).
- `date_evenement` : la date du fait qui constitue l'anomalie ; X quand l'export n'en porte aucune.
"""

OUTRO = """
Pour VIS-01 et VIS-02, « objet consulté » = la ligne de `bilans_periodiques`,
`bilans_cycle` ou `attestations` (selon `objet`) dont l'id est `objet_id`.
VIS-01 ne s'applique que si le bilan consulté et la classe de l'enseignant
existent (sinon le niveau est inconnu : pas d'anomalie).

REF-01 : la clé de la ligne est sa PK (colonnes dans l'ordre du contrat) ou,
pour `parametrages_classe` et `recuperations_ep`, `classe_id|date_changement`
et `classe_id|date_recuperation`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\\\\|", "\\|")


def _acteur(code: str) -> str:
    if code in ACTEURS:
        return ACTEURS[code]
    return " ; ".join(f"{acteur_libelle(code, d)} ({d})" for d in ACTEURS_SELON_DEGRE[code])


def _rule_sections(rules: list[Rule]) -> str:
    out = []
    for r in rules:
        out.append(f"\n## {r.id} · {r.titre}\n")
        out.append(f"Sévérité : {r.severite}. Entité : {r.entite}. Qui agit : {_acteur(r.acteur)}.\n")
        out.append(f"{r.explication}\n")
        out.append(f"À faire : {r.remediation}\n")
    return "\n".join(out)


def render_anomalies_md(rules: list[Rule] | None = None) -> str:
    rules = load_catalog() if rules is None else rules
    cols = ENTITY_COLUMNS + ("date_evenement",)
    lines = ["", "| règle | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for r in rules:
        values = [r.colonnes[c] for c in ENTITY_COLUMNS] + [r.date_evenement]
        lines.append(f"| {r.id} | " + " | ".join(_cell(v) for v in values) + " |")
    return INTRO + "\n".join(lines) + "\n" + OUTRO + "\n# Règles : explication, qui agit, remédiation\n" + \
        _rule_sections(rules)


def main() -> None:
    DOC_PATH.write_text(render_anomalies_md(), encoding="utf-8")
    print(f"{DOC_PATH} régénéré.", file=sys.stderr)


if __name__ == "__main__":
    main()
