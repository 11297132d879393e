"""Data of the `audit_anomalies` report (for the support): anomalies of a perimeter, with the rules'
explanation and remedy. Pupils appear by eleve_id only."""
from __future__ import annotations

import pandas as pd

from . import charts, db, labels
from .regles import catalog

LIMITE_ETABLISSEMENTS = 20
LIMITE_LISTE = 2000  # anomalies listed one by one


def connect(p: dict):
    con = db.connect(p["db"])
    con.execute(db.sql_text("audit/macros.sql"))
    return con


def _args(p: dict) -> dict:
    return {"niveau": p["niveau_perimetre"], "code": p["code_perimetre"], "severite_min": p["severite_min"]}


def sous_titre(p: dict) -> str:
    niveau, code = p["niveau_perimetre"], p["code_perimetre"]
    lieu = labels.NIVEAUX_PERIMETRE[niveau] + ("" if niveau == "national" else f" {code}")
    return f"{lieu} · sévérité {labels.SEVERITES[p['severite_min']].lower()} et au-dessus"


def totaux(con, p: dict) -> dict:
    df = db.query(con, "audit/totaux.sql", **_args(p))
    return df.iloc[0].to_dict()


def par_regle(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "audit/par_regle.sql", **_args(p))
    rules = catalog()
    df["titre"] = df["rule_id"].map(lambda r: rules[r].titre if r in rules else "")
    df["explication"] = df["rule_id"].map(lambda r: rules[r].explication if r in rules else "")
    df["remediation"] = df["rule_id"].map(lambda r: rules[r].remediation if r in rules else "")
    df["severite_libelle"] = df["severite"].map(labels.SEVERITES)
    return df


def par_regle_tableau(df: pd.DataFrame) -> pd.DataFrame:
    return df[["rule_id", "titre", "severite_libelle", "nombre", "etablissements", "eleves"]].rename(columns={
        "rule_id": "Règle", "titre": "Intitulé", "severite_libelle": "Sévérité", "nombre": "Anomalies",
        "etablissements": "Établissements", "eleves": "Élèves"})


def par_regle_graphique(df: pd.DataFrame):
    if df.empty:
        return None
    data = df.assign(libelle=df["rule_id"] + " " + df["titre"], ordre=df["rang"] * 1e9 - df["nombre"])
    return charts.comptes_par_severite(data[["libelle", "severite_libelle", "nombre", "ordre"]],
                                       "Nombre d'anomalies")


def etablissements(con, p: dict) -> pd.DataFrame:
    return db.query(con, "audit/etablissements.sql", limite=LIMITE_ETABLISSEMENTS, **_args(p))


def etablissements_tableau(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns={"uai": "UAI", "etablissement": "Établissement", "critique": "Critiques",
                              "majeure": "Majeures", "mineure": "Mineures", "info": "Informations",
                              "total": "Total"})


def etablissements_graphique(df: pd.DataFrame):
    if df.empty:
        return None
    long = df.melt(id_vars=["uai", "etablissement", "total"], value_vars=list(labels.SEVERITES),
                   var_name="severite", value_name="nombre")
    long = long[long["nombre"] > 0]
    long["libelle"] = long["etablissement"] + " (" + long["uai"] + ")"
    long["severite_libelle"] = long["severite"].map(labels.SEVERITES)
    # Same order as the table (critical first).
    rang = {uai: i for i, uai in enumerate(df["uai"])}
    long["ordre"] = long["uai"].map(rang)
    return charts.comptes_par_severite(long[["libelle", "severite_libelle", "nombre", "ordre"]],
                                       "Nombre d'anomalies")


def liste(con, p: dict) -> pd.DataFrame:
    return db.query(con, "audit/liste.sql", limite=LIMITE_LISTE, **_args(p))


def liste_par_etablissement(df: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(heading, table) per establishment, in the order of the list."""
    if df.empty:
        return []
    df = df.assign(
        titre=(df["etablissement"].fillna("Sans établissement").where(df["uai"].notna(), "Sans établissement")
               + df["uai"].map(lambda u: f" ({u})" if isinstance(u, str) else "")),
        severite=df["severite"].map(labels.SEVERITES),
    )
    cols = {"rule_id": "Règle", "severite": "Sévérité", "eleve_id": "Élève (eleve_id)", "classe_id": "Classe",
            "objet_id": "Objet", "detail": "Détail"}
    return [(titre, group[list(cols)].rename(columns=cols))
            for titre, group in df.groupby("titre", sort=False, dropna=False)]
