"""index.html: a self-contained page (no network resource) linking every report of a run, with each step's state."""
from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template
from urllib.parse import quote

from lsu_analytics.contract.nomenclatures import nom_perimetre
from lsu_analytics.contract.vocabulary import SEVERITES

from .record import summary

TEMPLATE = Template((Path(__file__).parent / "index_template.html").read_text(encoding="utf-8"))

STATUT_LIBELLES = {"reussi": "réussi", "echec": "échec", "ignore": "à jour (ignoré)", "non_execute": "non exécuté"}
ISSUE_LIBELLES = {"reussi": ("réussi", "reussi"), "echec": ("au moins une étape en échec", "echec"),
                  "anomalies": ("anomalies au-delà du seuil « echec_si »", "echec"),
                  "interrompu": ("run interrompu", "echec")}


def _link(rel: str, label: str | None = None) -> str:
    return f'<a href="{escape(quote(rel))}">{escape(label or rel)}</a>'


def _statut(s: str) -> str:
    return f'<span class="statut {escape(s)}">{escape(STATUT_LIBELLES.get(s, s))}</span>'


def _duree(s: float | None) -> str:
    if s is None:
        return "—"
    return f"{s:.1f} s" if s < 120 else f"{s / 60:.1f} min"


def render_index(record: dict) -> str:
    steps = record["etapes"]
    rapports = [s for s in steps if s["type"] == "rapport"]
    export = record.get("export") or {}
    source = record["entrees"].get("export") or {}
    export_txt = escape(source.get("chemin", "—"))
    if export:
        p = export.get("perimetre") or {}
        export_txt += escape(f" — millésime {export.get('millesime_courant')}, extraction du "
                             f"{export.get('date_extraction')}, périmètre {p.get('niveau')} {p.get('code')}")
    anomalies = record.get("anomalies")
    anomalies_txt = "—"
    if anomalies:
        parts = [f"{anomalies['par_severite'][s]} {s}" for s in SEVERITES if s in anomalies["par_severite"]]
        anomalies_txt = escape(f"{anomalies['total']} ({', '.join(parts)})" if parts else "aucune")
    perso = any(s.get("donnees_personnelles") for s in rapports)
    issue, issue_classe = ISSUE_LIBELLES.get(record["issue"], (record["issue"], "echec"))
    return TEMPLATE.substitute(
        nom=escape(record["pipeline"]["nom"]),
        debut=escape(record["debut"]),
        duree=_duree(record.get("duree_s")),
        issue=escape(issue), issue_classe=issue_classe, code_sortie=record["code_sortie"],
        export=export_txt,
        base=escape(record["entrees"]["base"]["chemin"]),
        anomalies=anomalies_txt,
        perso_avertissement=(
            '<p><span class="perso">Attention</span> ce run contient des rapports avec des données personnelles '
            "d'élèves (marqués ci-dessous) : ne pas diffuser ce dossier aux inspecteurs.</p>" if perso else ""),
        rapports=_rapports(rapports),
        regles=_regles(anomalies),
        etapes="\n".join(_step_row(s) for s in steps),
        journal=(", " + _link("journal.txt") if record.get("journal") else ""),
    )


def _regles(anomalies: dict | None) -> str:
    rows = [r for r in (anomalies or {}).get("regles", []) if r.get("nb_anomalies")]
    if not rows:
        return ""
    body = "\n".join(f"<tr><td>{escape(r['id'])}</td><td>{escape(r.get('titre', ''))}</td>"
                     f"<td>{escape(r.get('severite', ''))}</td><td class=\"nombre\">{r['nb_anomalies']}</td>"
                     f"<td class=\"nombre\">{r.get('nb_etablissements', '')}</td></tr>" for r in rows)
    return ("<h2>Anomalies par règle</h2>\n<table><thead><tr><th>Règle</th><th>Titre</th><th>Sévérité</th>"
            "<th>Anomalies</th><th>Établissements</th></tr></thead><tbody>\n" + body + "\n</tbody></table>")


def _rapports(rapports: list[dict]) -> str:
    if not rapports:
        return "<p>Aucun rapport demandé.</p>"
    rows = []
    for s in rapports:
        p = s.get("perimetre") or {}
        where = nom_perimetre(p.get("niveau"), p.get("code") or "") if p else s["libelle"]
        html = next((x for x in s["produits"] if x.endswith(".html")), None)
        others = [x for x in s["produits"] if x != html]
        link = _link(html, "ouvrir") if html else "—"
        extra = " ".join(_link(x, Path(x).suffix.lstrip(".") or x) for x in others)
        flag = ' <span class="perso">données personnelles</span>' if s.get("donnees_personnelles") else ""
        rows.append(f"<tr><td>{escape(s['notebook'] or '')}</td><td>{escape(where)}{flag}</td>"
                    f"<td>{_statut(s['statut'])}</td><td>{link} {extra}</td>"
                    f"<td class=\"message\">{escape(s.get('message') or '')}</td></tr>")
    return ("<table><thead><tr><th>Notebook</th><th>Périmètre</th><th>Statut</th><th>Rapport</th><th>Message</th>"
            "</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def _step_row(s: dict) -> str:
    produits = s["produits"]
    liens = (s.get("details") or {}).get("liens") or {}
    if s["type"] == "rapport":
        liens = {("rapport" if p.endswith(".html") else Path(p).suffix.lstrip(".")): p for p in produits}
    if liens:
        shown = list(liens.values())
        links = ("<br>" if s["type"] != "rapport" else " ").join(_link(p, label) for label, p in liens.items())
    else:
        shown = [p for p in produits if p.endswith(".html")][:5] or produits[:5]
        links = "<br>".join(_link(p) for p in shown)
    rest = len([p for p in produits if p not in shown])
    if rest:
        links += f"<br>… et {rest} autre(s) fichier(s) (voir run.json)"
    return (f"<tr><td>{escape(s['libelle'])}</td><td>{_statut(s['statut'])}</td><td>{_duree(s.get('duree_s'))}</td>"
            f"<td>{links}</td><td class=\"message\">{escape(_message(s))}</td></tr>")


def _message(s: dict) -> str:
    if s.get("message"):
        return s["message"]
    return (summary(s["type"], s.get("details") or {}) or "") if s["statut"] == "reussi" else ""
