"""Data of the `indicateurs` report: read from the table `indicateurs` (and labels) only."""
from __future__ import annotations

import pandas as pd

from . import charts, db, format as fmt, labels
from .regles import rule_titles

BP_LIBELLES = {"BP_SAISIS": "Saisis / attendus", "BP_VERROUILLES": "Verrouillés / saisis",
               "BP_VERROUILLES_SAISIE": "Verrouillés / saisis (saisie directe)",
               "BP_VISES": "Visés par la famille / publiés"}
FAMILLES_LIBELLES = {"BP_CONSULTES_FAMILLES": "Bilans publiés consultés par une famille"}
MOIS_BFC = 6  # end-of-cycle reports are written at the end of the school year (June of C + 1)
LIMITE_GRAPHIQUE = 40  # bars in the sub-perimeter chart (the lowest rates)


def _args(p: dict) -> dict:
    return {"millesime": p["millesime"], "niveau": p["niveau_perimetre"], "code": p["code_perimetre"]}


def libelle_perimetre(con, p: dict) -> str:
    if p["niveau_perimetre"] == "academie":
        return labels.academie(p["code_perimetre"])
    if p["niveau_perimetre"] == "departement":
        return labels.departement(p["code_perimetre"])
    return db.scalar(con, "indicateurs/libelle_perimetre.sql", niveau=p["niveau_perimetre"], code=p["code_perimetre"])


def sous_titre(con, p: dict) -> str:
    m = p["millesime"]
    return f"{libelle_perimetre(con, p)} · année scolaire {m}-{m + 1}"


def echeances(con, p: dict) -> dict:
    """What is due at X: {'x': date, 'periodes_non_terminees': {index: first end}, 'bfc_du': bool}."""
    df = db.query(con, "indicateurs/echeances.sql", **_args(p))
    x = db.scalar(con, "indicateurs/date_extraction.sql")
    x = pd.Timestamp(x).normalize()
    non_terminees = {int(r.periode): pd.Timestamp(r.premiere_fin) for r in df.itertuples(index=False)
                     if pd.Timestamp(r.premiere_fin) >= x}
    return {"x": x, "periodes_non_terminees": non_terminees,
            "bfc_du": x >= pd.Timestamp(year=p["millesime"] + 1, month=MOIS_BFC, day=1)}


def pas_encore_du_bfc(p: dict) -> str:
    return f"pas encore dû : les bilans de fin de cycle se saisissent en fin d'année (juin {p['millesime'] + 1})"


def chiffres_cles(con, p: dict, ech: dict | None = None) -> pd.DataFrame:
    """indicateur, libelle, texte — in a fixed order; the per-period ones summed over the periods.

    A figure not due yet says so; the anomalies' total says it is incomplete when a rule's cell is hidden."""
    df = db.query(con, "indicateurs/chiffres_cles.sql", **_args(p))
    order = [k for k in labels.INDICATEURS if k in set(df["indicateur"])]
    df = df.set_index("indicateur").loc[order].reset_index()
    df["libelle"] = df["indicateur"].map(labels.INDICATEURS)
    df["texte"] = fmt.cellules(df)
    ech = ech if ech is not None else echeances(con, p)
    for i, row in df.iterrows():
        if row["indicateur"] == "ANOMALIES" and row["masque"]:
            n = int(row["numerateur"])
            df.at[i, "texte"] = f"au moins {fmt.entier(row['valeur'])}"
            df.at[i, "libelle"] = (f"{row['libelle']} — total incomplet : {n} règle{'s' if n > 1 else ''} "
                                   "sous secret statistique (« s ») non comptée" + ("s" if n > 1 else ""))
        elif row["indicateur"] == "BFC_SAISIS" and not ech["bfc_du"]:
            df.at[i, "libelle"] = f"{row['libelle']} — {pas_encore_du_bfc(p)}"
    return df[["indicateur", "libelle", "texte"]]


def avancement(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/avancement_periodes.sql", **_args(p))
    df["libelle"] = df["indicateur"].map({**BP_LIBELLES, **FAMILLES_LIBELLES})
    df["texte"] = fmt.cellules(df)
    return df


def _pas_encore_due(fin: pd.Timestamp) -> str:
    return f"pas encore due (période non terminée, fin le {fin:%d/%m/%Y})"


def avancement_tableau(df: pd.DataFrame, ech: dict | None = None) -> pd.DataFrame:
    """Period × indicator; a period that has ended nowhere in the perimeter is labelled not due yet
    (its 0 / 0 is not a shortfall)."""
    df = df[df["indicateur"].isin(BP_LIBELLES)]
    wide = df.pivot(index="periode", columns="indicateur", values="texte").reindex(columns=list(BP_LIBELLES))
    wide = wide.fillna(fmt.SANS_VALEUR)
    for periode, fin in ((ech or {}).get("periodes_non_terminees") or {}).items():
        if periode in wide.index:
            wide.loc[periode, "BP_SAISIS"] = _pas_encore_due(fin)
            for col in ("BP_VERROUILLES", "BP_VERROUILLES_SAISIE", "BP_VISES"):
                if wide.loc[periode, col] not in (fmt.SANS_VALEUR, fmt.SECRET):
                    wide.loc[periode, col] += " · période en cours"
    wide = wide.rename(columns=BP_LIBELLES).reset_index()
    return wide.rename(columns={"periode": "Période"})


def avancement_graphique(df: pd.DataFrame, ech: dict | None = None):
    """Ended periods only (a period in progress is not a shortfall)."""
    en_cours = list(((ech or {}).get("periodes_non_terminees") or {}))
    visible = df[~df["masque"] & df["valeur"].notna() & df["indicateur"].isin(BP_LIBELLES)
                 & ~df["periode"].isin(en_cours)]
    if visible.empty:
        return None
    derniere = visible["periode"].max()
    parts = [f"{row.libelle.lower()} {fmt.pourcentage(row.valeur)}"
             for row in visible[visible["periode"] == derniere].itertuples(index=False)]
    resume = (f"Bilans périodiques par période terminée ; à la période {derniere}, la dernière terminée : "
              + ", ".join(parts) + ".")
    return charts.Graphique(charts.avancement(visible[["periode", "libelle", "valeur"]]), resume)


def familles_periodes_tableau(df: pd.DataFrame, ech: dict | None = None) -> pd.DataFrame:
    """BP_CONSULTES_FAMILLES per period (df from `avancement`); a period in progress says so."""
    part = df[df["indicateur"].isin(FAMILLES_LIBELLES)].copy()
    if part.empty:
        return part
    en_cours = ((ech or {}).get("periodes_non_terminees") or {})
    for i, row in part.iterrows():
        if row["periode"] in en_cours and row["texte"] == fmt.SANS_VALEUR:
            part.at[i, "texte"] = _pas_encore_due(en_cours[row["periode"]])
    return part[["periode", "texte"]].rename(columns={"periode": "Période",
                                                      "texte": FAMILLES_LIBELLES["BP_CONSULTES_FAMILLES"]})


def saisie_niveaux_tableau(con, p: dict, ech: dict | None = None) -> pd.DataFrame:
    """Niveau × période: periodic reports written / expected (a period not ended: not due yet)."""
    df = db.query(con, "indicateurs/saisie_niveaux.sql", **_args(p))
    if df.empty:
        return df
    df["texte"] = fmt.cellules(df)
    en_cours = ((ech or {}).get("periodes_non_terminees") or {})
    df.loc[df["periode"].isin(list(en_cours)), "texte"] = "pas encore due"
    wide = df.pivot(index="niveau_scolaire", columns="periode", values="texte").fillna(fmt.SANS_VALEUR)
    wide = wide.reindex([n for n in labels.NIVEAUX_SCOLAIRES if n in wide.index])
    wide.index = [labels.niveau(n) for n in wide.index]
    wide.index.name = "Niveau"
    wide.columns = [f"Période {c}" for c in wide.columns]
    return wide.reset_index()


SOUS_COLONNES = {"EFFECTIF": "Élèves", "BP_SAISIS": "Bilans périodiques saisis",
                 "BP_VERROUILLES": "Bilans périodiques verrouillés",
                 "BP_VERROUILLES_SAISIE": "Verrouillés, saisie directe", "BFC_SAISIS": "Bilans de fin de cycle saisis"}
FAMILLES_COLONNES = {"EFFECTIF": "Élèves", "COMPTES_FAMILLES_ACTIFS": "Élèves dont une famille a un compte actif",
                     "BP_CONSULTES_FAMILLES": "Bilans publiés consultés par une famille"}


def sous_perimetres(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/sous_perimetres.sql", **_args(p))
    nommer = {"national": labels.academie, "academie": labels.departement,
              "etablissement": lambda n: f"Niveau {labels.niveau(n)}"}.get(p["niveau_perimetre"])
    if nommer is not None:  # names from the nomenclature, never the bare code
        df["libelle"] = df["code"].map(nommer)
    df["texte"] = fmt.cellules(df)
    return df


def sous_perimetres_tableau(df: pd.DataFrame, colonnes: dict | None = None, tri: str = "BP_SAISIS") -> pd.DataFrame:
    """One row per sub-perimeter, sorted from the lowest rate of `tri` (hidden and empty ones last)."""
    colonnes = colonnes or SOUS_COLONNES
    if df.empty:
        return pd.DataFrame()
    wide = df.pivot(index=["code", "libelle"], columns="indicateur", values="texte")
    wide = wide.reindex(columns=list(colonnes)).fillna(fmt.SANS_VALEUR)
    rate = df[df["indicateur"] == tri].set_index(["code", "libelle"])["valeur"]
    wide["_tri"] = rate.reindex(wide.index)
    wide = wide.sort_values("_tri", na_position="last").drop(columns="_tri")
    return wide.rename(columns=colonnes).reset_index().rename(columns={"code": "Code", "libelle": "Libellé"})


def familles_tableau(df: pd.DataFrame) -> pd.DataFrame:
    """Family access per sub-perimeter (df from `sous_perimetres`), the lowest share of active accounts first."""
    return sous_perimetres_tableau(df, FAMILLES_COLONNES, tri="COMPTES_FAMILLES_ACTIFS")


def sous_perimetres_graphique(df: pd.DataFrame):
    visible = df[(df["indicateur"] == "BP_SAISIS") & ~df["masque"] & df["valeur"].notna()]
    if visible.empty:
        return None
    n = len(visible)
    visible = visible.nsmallest(LIMITE_GRAPHIQUE, "valeur")
    bas, haut = visible.iloc[0], visible.iloc[-1]
    resume = (f"Taux de saisie des bilans périodiques de {n} sous-périmètre{'s' if n > 1 else ''} publié"
              f"{'s' if n > 1 else ''} : le plus faible, {bas['libelle']}, à {fmt.pourcentage(bas['valeur'])}"
              + (f" ; le plus fort montré, {haut['libelle']}, à {fmt.pourcentage(haut['valeur'])}." if n > 1 else "."))
    return charts.Graphique(charts.barres_triees(visible[["libelle", "valeur"]],
                                                 "Bilans périodiques saisis / attendus (toutes périodes échues)"),
                            resume)


def bilans_cycle_tableau(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/bilans_cycle.sql", **_args(p))
    if df.empty:
        return df
    df["texte"] = fmt.cellules(df)
    wide = df.pivot(index="niveau_scolaire", columns="indicateur", values="texte")
    wide = wide.reindex([n for n in ("CE2", "6E", "3E", "TOUS") if n in wide.index])
    wide = wide.reindex(columns=["BFC_SAISIS", "BFC_VERROUILLES"]).fillna(fmt.SANS_VALEUR)
    wide.index = [labels.niveau(n) for n in wide.index]
    wide.index.name = "Niveau"
    return wide.rename(columns={"BFC_SAISIS": "Saisis / élèves du niveau",
                                "BFC_VERROUILLES": "Verrouillés / saisis"}).reset_index()


def socle(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/socle.sql", **_args(p))
    df["domaine_libelle"] = df["domaine"].map(labels.DOMAINES_SOCLE).fillna(df["domaine"])
    df["positionnement_libelle"] = df["positionnement"].map(labels.POSITIONNEMENTS_SOCLE)
    df["texte"] = fmt.cellules(df)
    return df


def socle_tableau(df: pd.DataFrame, niveau: str) -> pd.DataFrame:
    part = df[df["niveau_scolaire"] == niveau]
    if not (part["masque"] | (part["denominateur"].fillna(0) > 0)).any():
        return part.iloc[0:0]  # no locked end-of-cycle report: a note instead of a table of dashes
    wide = part.pivot(index="domaine_libelle", columns="positionnement_libelle", values="texte")
    wide = wide.reindex(index=[v for v in labels.DOMAINES_SOCLE.values() if v in wide.index],
                        columns=list(labels.POSITIONNEMENTS_SOCLE.values())).fillna(fmt.SANS_VALEUR)
    return wide.reset_index().rename(columns={"domaine_libelle": "Domaine du socle"})


def socle_graphique(df: pd.DataFrame):
    visible = df[~df["masque"] & df["valeur"].notna() & (df["niveau_scolaire"] != "TOUS")]
    if visible.empty:
        return None
    visible = visible.assign(niveau_scolaire=visible["niveau_scolaire"].map(labels.niveau))
    fragile = visible[visible["positionnement"] == 1].sort_values("valeur", ascending=False)
    parts = [f"{niv} : {row.domaine_libelle.lower()} ({fmt.pourcentage(row.valeur)})"
             for niv, grp in fragile.groupby("niveau_scolaire", sort=False) for row in grp.head(1).itertuples()]
    resume = ("Répartition des positionnements par domaine du socle ; part la plus forte de maîtrise "
              "insuffisante, " + "; ".join(parts) + "." if parts else
              "Répartition des positionnements par domaine du socle, par niveau de fin de cycle.")
    return charts.Graphique(charts.socle(visible[["niveau_scolaire", "domaine_libelle", "positionnement_libelle",
                                                  "positionnement", "valeur"]]), resume)


def attestations(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/attestations.sql", **_args(p))
    df["libelle"] = df["type"].map(labels.ATTESTATIONS) + " (" + df["niveau_scolaire"].map(labels.niveau) + ")"
    df["texte"] = fmt.cellules(df)
    return df


def attestations_tableau(df: pd.DataFrame) -> pd.DataFrame:
    return df[["type", "libelle", "texte"]].rename(
        columns={"type": "Attestation", "libelle": "Libellé (niveau concerné)", "texte": "Élèves titulaires / élèves du niveau"})


def attestations_graphique(df: pd.DataFrame):
    visible = df[~df["masque"] & df["valeur"].notna()]
    if visible.empty:
        return None
    haut, bas = visible.loc[visible["valeur"].idxmax()], visible.loc[visible["valeur"].idxmin()]
    resume = (f"Part des élèves du niveau concerné titulaires de chaque attestation : la plus haute, "
              f"{haut['libelle']}, {fmt.pourcentage(haut['valeur'])} ; la plus basse, {bas['libelle']}, "
              f"{fmt.pourcentage(bas['valeur'])}.")
    return charts.Graphique(charts.taux_horizontaux(visible[["libelle", "valeur"]],
                                                    "Élèves titulaires / élèves du niveau"), resume)


def etablissements_tableau(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/etablissements.sql", **_args(p))
    df["Indicateur"] = df["indicateur"].map(labels.INDICATEURS)
    df["Valeur"] = fmt.cellules(df)
    return df[["Indicateur", "Valeur"]]


def anomalies_tableau(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/anomalies.sql", **_args(p))
    titles = rule_titles()
    df["Règle"] = df["rule_id"]
    df["Intitulé"] = df["rule_id"].map(lambda r: titles.get(r, ""))
    df["Anomalies"] = [fmt.compte(m, v) for m, v in zip(df["masque"], df["nombre"])]
    return df[["Règle", "Intitulé", "Anomalies"]]
