"""HTML pieces the notebooks display: tables, inline SVG charts, banners.

Everything is self-contained (no script, no stylesheet or font fetched from the network).
"""
from __future__ import annotations

import html

import pandas as pd
import vl_convert as vlc
from IPython.display import HTML

from . import charts, labels
from .format import entier as fmt_entier


def table(df: pd.DataFrame, *, numeric: tuple[str, ...] = (), caption: str | None = None,
          vide: str = "Aucune ligne.") -> HTML:
    """A plain HTML table; every value is escaped. `numeric` columns are right-aligned."""
    if df.empty:
        return note(vide)
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in df.columns)
    align = ["num" if c in numeric else "" for c in df.columns]
    body = "".join(
        "<tr>" + "".join(
            f'<td class="{a}">{html.escape(_text(v))}</td>'
            for a, v in zip(align, row)
        ) + "</tr>"
        for row in df.itertuples(index=False)
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return HTML(f'<div class="tableau"><table class="lsu">{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>")


def _text(v) -> str:
    if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)):
        return ""
    if isinstance(v, bool):
        return "oui" if v else "non"
    if isinstance(v, pd.Timestamp):
        return v.strftime("%d/%m/%Y %H:%M") if (v.hour, v.minute, v.second) != (0, 0, 0) else v.strftime("%d/%m/%Y")
    return str(v)


def regle(rule_id: str, titre: str, severite: str, nombre: int, explication: str, remediation: str) -> HTML:
    """One rule of the audit: what it means and what to do."""
    e = html.escape
    parts = [f'<div class="regle"><h3>{e(rule_id)} · {e(titre or "règle hors catalogue")} '
             f'<span class="severite">{e(severite)}</span></h3>',
             f"<p><strong>{e(str(nombre))}</strong> anomalie(s).</p>"]
    if explication:
        parts.append(f"<p><strong>Ce que la règle signale :</strong> {e(explication)}</p>")
    if remediation:
        parts.append(f"<p><strong>Que faire :</strong> {e(remediation)}</p>")
    return HTML("".join(parts) + "</div>")


def constats(items: list[tuple[str, str]]) -> HTML:
    """Findings of a diagnostic: (kind, sentence), kind in ok / attention / info."""
    icons = {"ok": "✔", "attention": "⚠", "info": "ℹ"}
    li = "".join(f'<li class="{html.escape(k)}"><span class="icone">{icons.get(k, "•")}</span> {html.escape(t)}</li>'
                 for k, t in items)
    return HTML(f'<ul class="constats">{li}</ul>')


def chart(g: charts.Graphique | None, vide: str = "Aucune valeur publiable à représenter.") -> HTML:
    """The chart as inline SVG (rendered now by vl-convert: nothing to load when the page opens), with its
    one-sentence French summary beside it; screen readers get the summary as the image's name."""
    if g is None:
        return note(vide)
    svg = vlc.vegalite_to_svg(g.chart.to_dict())
    resume = html.escape(g.resume, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{resume}" ', 1)
    return HTML(f'<figure class="graphique">{svg}<figcaption class="resume">{resume}</figcaption></figure>')


def section(texte: str) -> HTML:
    return HTML(f"<h2>{html.escape(texte)}</h2>")


def titre(texte: str, sous_titre: str = "") -> HTML:
    sub = f'<p class="sous-titre">{html.escape(sous_titre)}</p>' if sous_titre else ""
    return HTML(f"<h1>{html.escape(texte)}</h1>{sub}")


def note(texte: str) -> HTML:
    return HTML(f'<p class="note">{html.escape(texte)}</p>')


def secret() -> HTML:
    """Said once per report: what `s` means."""
    return HTML(f'<p class="secret">{html.escape(labels.SECRET)}</p>')


def chiffres(items: list[tuple[str, str]]) -> HTML:
    """Key figures as tiles: (label, formatted value)."""
    tiles = "".join(
        f'<div class="chiffre"><div class="valeur">{html.escape(v)}</div><div class="libelle">{html.escape(k)}</div></div>'
        for k, v in items
    )
    return HTML(f'<div class="chiffres">{tiles}</div>')


def bandeau_personnel() -> HTML:
    return HTML(
        '<div class="bandeau-personnel"><strong>Données personnelles.</strong> Ce diagnostic nomme un élève '
        "(identité, INE, date de naissance). Réservé au support ; ne pas diffuser, ne pas joindre à un "
        "ticket public, supprimer après usage.</div>"
    )


def liens_liste(csv: str | None, parquet: str | None, total: int) -> HTML:
    """Links to the complete list written beside the report (relative: the folder can be moved)."""
    if not csv:
        return note("Liste complète des anomalies : fichiers anomalies.csv et anomalies.parquet écrits par "
                    "`lsu-analytics check` (ce rapport n'a pas été produit par `lsu-analytics rapport`).")
    e = html.escape
    return HTML(f'<p class="liens">Liste complète des {e(fmt_entier(total))} anomalies du périmètre, '
                'une ligne par anomalie : '
                f'<a href="{e(csv, quote=True)}">{e(csv)}</a> (tableur : « ; », UTF-8) et '
                f'<a href="{e(parquet or "", quote=True)}">{e(parquet or "")}</a> (Parquet).</p>')
