"""REF-01 (référence orpheline), derived from the foreign keys declared in the contract.

`expectations/regles/REF-01.sql` is *generated* by `render_ref01()` from `lsu_analytics.contract`
so that it is a plain SQL file like the other rules (readable, runnable by anyone) while the
contract stays the single place where foreign keys are declared. A test fails when the file no
longer matches the contract; regenerate it with:

    python -m lsu_analytics.rules.references
"""
from __future__ import annotations

import sys

from lsu_analytics.contract import TABLES, Table, quote

from .catalog import RULES_DIR

HEADER = (
    '-- id: REF-01\n'
    '-- severite: majeure\n'
    '-- titre: Référence orpheline\n'
    '-- entite: (table, clé de la ligne, colonne) ; objet_id = table|clé de la ligne|colonne\n'
    '-- uai: NULL\n'
    '-- academie: NULL\n'
    '-- millesime: NULL\n'
    '-- eleve_id: NULL\n'
    '-- classe_id: NULL\n'
    '-- objet_id: `table|clé de la ligne|colonne`\n'
    "-- date_evenement: date d'extraction X (constat : l'incohérence est dans l'export lui-même)\n"
    '-- acteur: assistance_nationale\n'
    "-- explication: Une ligne de l'export pointe vers une ligne absente (élève, classe, établissement…) "
    ': référence orpheline.\n'
    "-- remediation: L'export lui-même est incohérent : ouvrir un ticket SESAM à l'assistance nationale "
    'LSU en donnant la table, la ligne et la colonne indiquées, pour obtenir un export corrigé, puis le '
    'recharger.\n'
    '-- FICHIER GÉNÉRÉ depuis les clés étrangères du contrat (lsu_analytics/contract/tables.py) :\n'
    '-- ne pas modifier à la main, relancer `python -m lsu_analytics.rules.references`.\n'
)


def _key_text(table: Table, alias: str) -> str:
    """SQL for the row key as text, values joined by `|` (timestamps ISO, dates YYYY-MM-DD)."""
    parts = []
    for name in table.key:
        col, ref = table.column(name), f"{alias}.{quote(name)}"
        if col.type == "timestamp":
            expr = f"strftime({ref}, '%Y-%m-%dT%H:%M:%S')"
        elif col.type == "date":
            expr = f"strftime({ref}, '%Y-%m-%d')"
        elif col.type == "text":
            expr = ref
        else:
            expr = f"CAST({ref} AS VARCHAR)"
        parts.append(f"coalesce({expr}, '')")
    return " || '|' || ".join(parts)


def _branch(table: Table, column: str, target: str) -> str:
    target_table, target_column = target.split(".")
    key = _key_text(table, "t")
    col = f"t.{quote(column)}"
    return f"""\
-- {table.name}.{column} → {target}
SELECT
    'REF-01' AS rule_id,
    CAST(NULL AS VARCHAR) AS uai,
    CAST(NULL AS VARCHAR) AS academie,
    CAST(NULL AS INTEGER) AS millesime,
    CAST(NULL AS VARCHAR) AS eleve_id,
    CAST(NULL AS VARCHAR) AS classe_id,
    '{table.name}|' || {key} || '|{column}' AS objet_id,
    format('La ligne {{}} de {table.name} a {column} = « {{}} », absent de {target} : corriger la référence dans le système source ou ajouter la ligne manquante à l''export, puis recharger.',
        {key}, {col}) AS detail,
    getvariable('date_extraction') AS date_evenement
FROM {quote(table.name)} AS t
WHERE {col} IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {quote(target_table)} AS r WHERE r.{quote(target_column)} = {col}){_one_per_key(table, col)}"""


def _one_per_key(table: Table, col: str) -> str:
    """A table with no PK may repeat its row key: one row per entity (table, row key, column)."""
    if table.pk:
        return ""
    keys = ", ".join(f"t.{quote(k)}" for k in table.key)
    return f"\nQUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {col}) = 1"


def foreign_keys() -> list[tuple[Table, str, str]]:
    """(table, column, "target_table.target_column") for every FK of the contract, in contract order."""
    return [(t, c.name, c.fk) for t in TABLES.values() for c in t.foreign_keys]


def render_ref01() -> str:
    """The full text of REF-01.sql: header, then one anti-join per declared foreign key."""
    body = "\n\nUNION ALL\n\n".join(_branch(t, col, target) for t, col, target in foreign_keys())
    return HEADER + body + "\n"


def main() -> None:
    path = RULES_DIR / "REF-01.sql"
    path.write_text(render_ref01(), encoding="utf-8")
    print(f"{path} régénéré ({len(foreign_keys())} clés étrangères).", file=sys.stderr)


if __name__ == "__main__":
    main()
