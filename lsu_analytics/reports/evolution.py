"""The « Évolution » sections of the indicators and audit reports, drawn from a history database.

A notebook calls `section_indicateurs` / `section_audit` in one cell when its `historique` parameter is set;
without it, the reports stay as they are. Masked cells stay masked: never drawn, shown `s` in the tables,
no change computed from them.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import HTML

from lsu_analytics.history import rapports as h
from lsu_analytics.history.statuts import STATUTS

from . import audit, db, display as d, format as f, labels
from .charts import FONT, Graphique

INDICATEURS_EVOLUTION = ("BP_SAISIS", "BP_VERROUILLES", "BP_VISES")
STATUTS_PLURIEL = {"nouvelle": "Nouvelles", "reapparue": "Réapparues", "persistante": "Persistantes",
                   "resolue": "Résolues"}
COLONNES_DATES = 6  # extractions shown as columns in a table (the chart shows them all)


def _date(x) -> str:
    return pd.Timestamp(x).strftime("%d/%m/%Y")


def _base(chart):
    return chart.configure(font=FONT, aria=False).configure_view(stroke=None)


TOOLTIP_DATE = alt.Tooltip("date:T", format="%d/%m/%Y")


def _lignes_par_extraction(data: pd.DataFrame, y: alt.Y, color: alt.Color, tooltip: list) -> alt.Chart:
    """One line per series across the extractions (column `date`), a point at each."""
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("date:T", title="Extraction", axis=alt.Axis(format="%d/%m")), y=y, color=color, tooltip=tooltip)


def _dernieres_extractions(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of the latest extractions, those a table shows as columns."""
    dates = sorted(df["date_extraction"].unique())[-COLONNES_DATES:]
    return df[df["date_extraction"].isin(dates)]


def _intro(con) -> HTML:
    dates = h.extractions(con)
    if len(dates) == 1:
        return d.note(f"L'historique ne contient qu'une extraction ({_date(dates[0])}) : rien à comparer encore.")
    return d.note(f"{len(dates)} extractions dans l'historique, du {_date(dates[0])} au {_date(dates[-1])} ; "
                  f"« depuis la précédente » compare l'extraction du {_date(dates[-1])} à celle du "
                  f"{_date(dates[-2])}.")


def _variation(v) -> str:
    if f._missing(v):
        return f.SANS_VALEUR
    points = f"{abs(float(v)) * 100:.1f}".replace(".", ",")
    return ("+" if v > 0 else "−" if v < 0 else "") + points + f.NNBSP + "pt"


# ---------------------------------------------------------------- indicators report

def evolution_graphique(df: pd.DataFrame):
    """Lines per period across extractions, one panel per indicator; masked points are not drawn."""
    visibles = df[~df["masque"].astype(bool) & df["valeur"].notna()]
    if visibles.empty:
        return None
    data = visibles.assign(
        libelle=visibles["indicateur"].map(labels.INDICATEURS),
        periode_libelle="Période " + visibles["periode"].astype(int).astype(str),
        date=pd.to_datetime(visibles["date_extraction"]),
    )[["date", "libelle", "periode_libelle", "valeur"]]
    chart = _base(_lignes_par_extraction(
        data, alt.Y("valeur:Q", title="Taux", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        alt.Color("periode_libelle:N", title=None, legend=alt.Legend(orient="bottom")),
        ["libelle", "periode_libelle", TOOLTIP_DATE, alt.Tooltip("valeur:Q", format=".1%")],
    ).properties(width=220, height=180).facet(
        column=alt.Column("libelle:N", title=None, sort=[labels.INDICATEURS[i] for i in INDICATEURS_EVOLUTION],
                          header=alt.Header(labelLimit=220))))
    dates = data["date"].nunique()
    return Graphique(chart, f"Taux de bilans périodiques saisis, verrouillés et visés, par période, sur {dates} "
                            "extraction(s) ; les cellules soumises au secret statistique ne sont pas tracées.")


def evolution_tableau(df: pd.DataFrame) -> pd.DataFrame:
    """Indicator × period in rows, the latest extractions in columns; `s` for a masked cell."""
    if df.empty:
        return df
    df = _dernieres_extractions(df)
    df = df.assign(texte=f.cellules(df))
    table = df.pivot_table(index=["indicateur", "periode"], columns="date_extraction", values="texte",
                           aggfunc="first").reset_index()
    ordre = {k: i for i, k in enumerate(INDICATEURS_EVOLUTION)}
    table = table.sort_values(["indicateur", "periode"], key=lambda s: s.map(ordre) if s.name == "indicateur" else s)
    table.insert(0, "Indicateur", table.pop("indicateur").map(labels.INDICATEURS))
    table.insert(1, "Période", table.pop("periode").astype(int))
    table.columns = [c if isinstance(c, str) else _date(c) for c in table.columns]
    return table.fillna(f.SANS_VALEUR)


def sous_perimetres_tableau(df: pd.DataFrame) -> pd.DataFrame:
    def cell(masque, valeur):
        return f.SECRET if masque else f.pourcentage(valeur)

    def change(row):
        if row.masque_avant or row.masque_apres:
            return f.SECRET
        return _variation(row.variation)

    return pd.DataFrame({
        "Sous-périmètre": df["libelle"],
        "Saisie des bilans périodiques, extraction précédente": [
            cell(m, v) for m, v in zip(df["masque_avant"], df["valeur_avant"])],
        "Dernière extraction": [cell(m, v) for m, v in zip(df["masque_apres"], df["valeur_apres"])],
        "Évolution": [change(r) for r in df.itertuples(index=False)],
    })


def _historique(con, historique):
    _, _, niveau, code = con.execute(db.sql_text("commun/manifeste.sql")).fetchone()
    path = h.valider(historique, (niveau, code))
    h.attacher(con, path)


def _avec_historique(con, historique, section, p: dict) -> list[HTML]:
    """section(con, p) on the report's connection with the history attached; the connection is closed."""
    try:
        _historique(con, historique)
        return section(con, p)
    finally:
        con.close()


def section_indicateurs(p: dict, historique) -> list[HTML]:
    """The « Évolution » section of the indicators report (p: its validated parameters)."""
    return _avec_historique(db.connect(p["db"]), historique, _section_indicateurs, p)


def _section_indicateurs(con, p: dict) -> list[HTML]:
    niveau, code, millesime = p["niveau_perimetre"], p["code_perimetre"], p["millesime"]
    out = [d.section("Évolution"), _intro(con)]
    ev = h.evolution_perimetre(con, niveau, code, millesime)
    out.append(d.note("Bilans périodiques saisis, verrouillés et visés par la famille, pour chaque période, à "
                      "chaque extraction de l'historique (tous niveaux). Une cellule soumise au secret "
                      "statistique n'est pas tracée et s'affiche « s »."))
    out.append(d.chart(evolution_graphique(ev)))
    out.append(d.table(evolution_tableau(ev), caption="Taux par extraction (les plus récentes)",
                       vide="Aucun bilan périodique attendu pour ce périmètre dans l'historique."))
    if niveau == "etablissement" or len(h.extractions(con)) < 2:
        return out
    sp = h.sous_perimetres(con, niveau, code, millesime)
    out.append(d.note(f"Les {labels.SOUS_PERIMETRES[niveau]} : taux de saisie des bilans périodiques (toutes "
                      "périodes terminées) et son évolution depuis l'extraction précédente, en points ; ceux qui "
                      "ont le moins progressé d'abord."))
    out.append(d.table(sous_perimetres_tableau(sp), caption="Évolution depuis l'extraction précédente",
                       vide="Aucun sous-périmètre."))
    return out


# ---------------------------------------------------------------- audit report

def statuts_tableau(df: pd.DataFrame) -> pd.DataFrame:
    """Status in rows (new, back, persisting, fixed), severity in columns."""
    rows = []
    for statut in STATUTS:
        part = df[df["statut"] == statut]
        counts = {labels.SEVERITES[s]: int(part.loc[part["severite"] == s, "nombre"].sum()) for s in labels.SEVERITES}
        rows.append({"Statut": STATUTS_PLURIEL[statut], **counts, "Total": int(part["nombre"].sum())})
    return pd.DataFrame(rows)


def regles_graphique(df: pd.DataFrame):
    if df.empty:
        return None
    data = df.assign(date=pd.to_datetime(df["date_extraction"]))[["date", "rule_id", "nombre"]]
    chart = _base(_lignes_par_extraction(
        data, alt.Y("nombre:Q", title="Anomalies présentes", axis=alt.Axis(format="d", tickMinStep=1)),
        alt.Color("rule_id:N", title="Règle", legend=alt.Legend(orient="right", columns=2)),
        ["rule_id", TOOLTIP_DATE, "nombre"],
    ).properties(width=460, height=240))
    return Graphique(chart, f"Nombre d'anomalies présentes par règle à chacune des {data['date'].nunique()} "
                            "extraction(s) de l'historique.")


def regles_tableau(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return df
    table = _dernieres_extractions(df).pivot_table(
        index="rule_id", columns="date_extraction", values="nombre", aggfunc="sum", fill_value=0).reset_index()
    table.columns = ["Règle" if c == "rule_id" else _date(c) for c in table.columns]
    return table


def plus_anciennes_tableau(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Règle": df["rule_id"], "Sévérité": df["severite"].map(labels.SEVERITES),
        "UAI": df["uai"], "Établissement": df["etablissement"], "Élève": df["eleve_id"],
        "Classe": df["classe_id"], "Objet": df["objet_id"],
        "Présente depuis": [_date(x) for x in df["premiere_extraction"]],
        "Âge (jours)": df["age_jours"], "Extractions": df["nb_extractions"]})


def etablissements_tableau(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns={"uai": "UAI", "etablissement": "Établissement", "nouvelles": "Nouvelles",
                              "reapparues": "Réapparues", "resolues": "Résolues", "presentes": "Présentes"})


def section_audit(p: dict, historique) -> list[HTML]:
    """The « Évolution » section of the audit report (p: its validated parameters)."""
    return _avec_historique(audit.connect(p), historique, _section_audit, p)


def _section_audit(con, p: dict) -> list[HTML]:
    args = (p["niveau_perimetre"], p["code_perimetre"], p["severite_min"])
    out = [d.section("Évolution depuis l'extraction précédente"), _intro(con)]
    out.append(d.table(statuts_tableau(h.statuts(con, *args)), numeric=tuple(labels.SEVERITES.values()) + ("Total",),
                       caption="Anomalies par statut : nouvelles (jamais vues), réapparues (corrigées puis "
                               "revenues), persistantes (déjà là à l'extraction précédente), résolues (disparues)"))
    regles = h.regles_dans_le_temps(con, *args)
    out.append(d.chart(regles_graphique(regles), vide="Aucune anomalie dans l'historique pour ce périmètre."))
    out.append(d.table(regles_tableau(regles), caption="Anomalies présentes par règle (extractions les plus "
                                                        "récentes)", vide="Aucune anomalie."))
    out.append(d.table(plus_anciennes_tableau(h.plus_anciennes(con, *args)),
                       caption=f"Les {h.LIMITE} anomalies ouvertes les plus anciennes (âge : jours depuis la "
                               "première extraction où elles sont apparues)", vide="Aucune anomalie ouverte."))
    out.append(d.table(etablissements_tableau(h.etablissements(con, *args)),
                       numeric=("Nouvelles", "Réapparues", "Résolues", "Présentes"),
                       caption="Par établissement : ce qui est apparu et ce qui a été corrigé depuis l'extraction "
                               "précédente", vide="Aucun changement depuis l'extraction précédente."))
    return out
