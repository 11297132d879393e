"""The contract as Markdown, for data providers (`lsu-analytics contract`)."""
from __future__ import annotations

from .tables import CONTRACT_VERSION, TABLES


def _notes(table, c) -> str:
    parts = []
    if c.codes:
        parts.append("`{" + ", ".join(str(v) for v in c.codes) + "}`")
    if c.notes:
        parts.append(c.notes)
    if c.pattern and not c.notes:
        parts.append(f"format `{c.pattern}`")
    if c.fk:
        parts.append(f"→ `{c.fk}`")
    return " ; ".join(parts)


def render() -> str:
    out = [f"# Contrat d'export LSU, version {CONTRACT_VERSION}", "",
           "Un export est un dossier (ou un `.zip`) contenant `manifest.json` et un fichier "
           "`<table>.csv` ou `<table>.parquet` par table ci-dessous.", "",
           "CSV : séparateur `;`, guillemets `\"`, ligne d'en-tête, champ vide = NULL, "
           "booléens `0/1`, `true/false`, `oui/non`. Encodage et format de date : ceux du manifeste.", "",
           "Légende : **PK** clé primaire (unique), **FK** clé étrangère, **requis** valeur obligatoire "
           "(ligne rejetée si absente).", ""]
    for t in TABLES.values():
        out += [f"## {t.name}", "", t.description, "",
                "| colonne | type | clé | requis | notes |", "|---|---|---|---|---|"]
        for c in t.columns:
            key = "PK" if c.name in t.pk else ("FK" if c.fk else "")
            req = "oui" if t.is_required(c) else ""
            out.append(f"| {c.name} | {c.type} | {key} | {req} | {_notes(t, c)} |")
        if t.pk:
            out += ["", f"Clé primaire : ({', '.join(t.pk)})."]
        out.append("")
    return "\n".join(out)
