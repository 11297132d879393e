"""Data of the `indicateurs` report: read from the table `indicateurs` (and labels) only."""
from __future__ import annotations

import pandas as pd

from . import charts, db, format as fmt, labels
from .regles import rule_titles

BP_LIBELLES = {"BP_SAISIS": "Saisis / attendus", "BP_VERROUILLES": "Verrouillés / saisis",
               "BP_VISES": "Visés par la famille / publiés"}
LIMITE_GRAPHIQUE = 40  # bars in the sub-perimeter chart (the lowest rates)


def _args(p: dict) -> dict:
    return {"millesime": p["millesime"], "niveau": p["niveau_perimetre"], "code": p["code_perimetre"]}


def libelle_perimetre(con, p: dict) -> str:
    return db.scalar(con, "indicateurs/libelle_perimetre.sql", niveau=p["niveau_perimetre"], code=p["code_perimetre"])


def sous_titre(con, p: dict) -> str:
    m = p["millesime"]
    return f"{libelle_perimetre(con, p)} · année scolaire {m}-{m + 1}"


def chiffres_cles(con, p: dict) -> pd.DataFrame:
    """indicateur, libelle, texte — in a fixed order; the per-period ones summed over the periods."""
    df = db.query(con, "indicateurs/chiffres_cles.sql", **_args(p))
    order = [k for k in labels.INDICATEURS if k in set(df["indicateur"])]
    df = df.set_index("indicateur").loc[order].reset_index()
    df["libelle"] = df["indicateur"].map(labels.INDICATEURS)
    df["texte"] = fmt.cellules(df)
    return df[["indicateur", "libelle", "texte"]]


def avancement(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/avancement_periodes.sql", **_args(p))
    df["libelle"] = df["indicateur"].map(BP_LIBELLES)
    df["texte"] = fmt.cellules(df)
    return df


def avancement_tableau(df: pd.DataFrame) -> pd.DataFrame:
    wide = df.pivot(index="periode", columns="indicateur", values="texte").reindex(columns=list(BP_LIBELLES))
    wide = wide.fillna(fmt.SANS_VALEUR).rename(columns=BP_LIBELLES).reset_index()
    return wide.rename(columns={"periode": "Période"})


def avancement_graphique(df: pd.DataFrame):
    visible = df[~df["masque"] & df["valeur"].notna()]
    return None if visible.empty else charts.avancement(visible[["periode", "libelle", "valeur"]])


def saisie_niveaux_tableau(con, p: dict) -> pd.DataFrame:
    """Niveau × période: periodic reports written / expected."""
    df = db.query(con, "indicateurs/saisie_niveaux.sql", **_args(p))
    if df.empty:
        return df
    df["texte"] = fmt.cellules(df)
    wide = df.pivot(index="niveau_scolaire", columns="periode", values="texte").fillna(fmt.SANS_VALEUR)
    wide = wide.reindex([n for n in ("CP", "CE1", "CE2", "CM1", "CM2", "6E", "5E", "4E", "3E", "TOUS")
                         if n in wide.index])
    wide.columns = [f"Période {c}" for c in wide.columns]
    return wide.reset_index().rename(columns={"niveau_scolaire": "Niveau"})


SOUS_COLONNES = {"EFFECTIF": "Élèves", "BP_SAISIS": "Bilans périodiques saisis",
                 "BP_VERROUILLES": "Bilans périodiques verrouillés", "BFC_SAISIS": "Bilans de fin de cycle saisis"}


def sous_perimetres(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/sous_perimetres.sql", **_args(p))
    df["texte"] = fmt.cellules(df)
    return df


def sous_perimetres_tableau(df: pd.DataFrame) -> pd.DataFrame:
    """One row per sub-perimeter, sorted from the lowest writing rate (hidden and empty ones last)."""
    if df.empty:
        return pd.DataFrame()
    wide = df.pivot(index=["code", "libelle"], columns="indicateur", values="texte")
    wide = wide.reindex(columns=list(SOUS_COLONNES)).fillna(fmt.SANS_VALEUR)
    rate = df[df["indicateur"] == "BP_SAISIS"].set_index(["code", "libelle"])["valeur"]
    wide["_tri"] = rate.reindex(wide.index)
    wide = wide.sort_values("_tri", na_position="last").drop(columns="_tri")
    return wide.rename(columns=SOUS_COLONNES).reset_index().rename(columns={"code": "Code", "libelle": "Libellé"})


def sous_perimetres_graphique(df: pd.DataFrame):
    visible = df[(df["indicateur"] == "BP_SAISIS") & ~df["masque"] & df["valeur"].notna()]
    if visible.empty:
        return None
    visible = visible.nsmallest(LIMITE_GRAPHIQUE, "valeur")
    return charts.barres_triees(visible[["libelle", "valeur"]],
                                "Bilans périodiques saisis / attendus (toutes périodes échues)")


def bilans_cycle_tableau(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/bilans_cycle.sql", **_args(p))
    if df.empty:
        return df
    df["texte"] = fmt.cellules(df)
    wide = df.pivot(index="niveau_scolaire", columns="indicateur", values="texte")
    wide = wide.reindex([n for n in ("CE2", "6E", "3E", "TOUS") if n in wide.index])
    wide = wide.reindex(columns=["BFC_SAISIS", "BFC_VERROUILLES"]).fillna(fmt.SANS_VALEUR)
    return wide.rename(columns={"BFC_SAISIS": "Saisis / élèves du niveau",
                                "BFC_VERROUILLES": "Verrouillés / saisis"}).reset_index().rename(
        columns={"niveau_scolaire": "Niveau"})


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
    return charts.socle(visible[["niveau_scolaire", "domaine_libelle", "positionnement_libelle",
                                 "positionnement", "valeur"]])


def attestations(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "indicateurs/attestations.sql", **_args(p))
    df["libelle"] = df["type"].map(labels.ATTESTATIONS) + " (" + df["niveau_scolaire"] + ")"
    df["texte"] = fmt.cellules(df)
    return df


def attestations_tableau(df: pd.DataFrame) -> pd.DataFrame:
    return df[["type", "libelle", "texte"]].rename(
        columns={"type": "Attestation", "libelle": "Libellé (niveau concerné)", "texte": "Élèves titulaires / élèves du niveau"})


def attestations_graphique(df: pd.DataFrame):
    visible = df[~df["masque"] & df["valeur"].notna()]
    return None if visible.empty else charts.taux_horizontaux(visible[["libelle", "valeur"]],
                                                              "Élèves titulaires / élèves du niveau")


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
