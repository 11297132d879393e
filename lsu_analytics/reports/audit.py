"""Data of the `audit_anomalies` report (for the support): anomalies of a perimeter, with the rules'
explanation and remedy. Pupils appear by eleve_id only."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import charts, db, format as fmt, labels
from .regles import catalog

LIMITE_ETABLISSEMENTS = 20
# The HTML stays a report whatever the number of anomalies: the list one by one is complete up to
# LIMITE_LISTE objects; beyond, only the top LIMITE_ETABLISSEMENTS_LISTES establishments are listed, at most
# LIMITE_PAR_ETABLISSEMENT rows each. The complete list is in the CSV / Parquet written beside the report.
LIMITE_LISTE = 500
LIMITE_ETABLISSEMENTS_LISTES = 10
LIMITE_PAR_ETABLISSEMENT = 30
LIMITE_ANTERIEURES = 200


def connect(p: dict):
    con = db.connect(p["db"])
    con.execute(db.sql_text("audit/macros.sql"))
    return con


def _args(p: dict) -> dict:
    return {"niveau": p["niveau_perimetre"], "code": p["code_perimetre"], "severite_min": p["severite_min"]}


def sous_titre(p: dict) -> str:
    niveau, code = p["niveau_perimetre"], p["code_perimetre"]
    lieu = {"academie": labels.academie, "departement": labels.departement}.get(
        niveau, lambda c: labels.NIVEAUX_PERIMETRE[niveau] + ("" if niveau == "national" else f" {c}"))(code)
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
    return df[["rule_id", "titre", "severite_libelle", "nombre", "courantes", "anterieures", "etablissements",
               "eleves"]].rename(columns={
        "rule_id": "Règle", "titre": "Intitulé", "severite_libelle": "Sévérité", "nombre": "Anomalies",
        "courantes": "Dont année en cours", "anterieures": "Dont années antérieures",
        "etablissements": "Établissements", "eleves": "Élèves"})


def par_regle_graphique(df: pd.DataFrame):
    if df.empty:
        return None
    data = df.assign(libelle=df["rule_id"] + " " + df["titre"], ordre=df["rang"] * 1e9 - df["nombre"])
    top = df.loc[df["nombre"].idxmax()]
    total = int(df["nombre"].sum())
    resume = (f"{fmt.entier(total)} anomalie{'s' if total > 1 else ''} sur {df['rule_id'].nunique()} règle"
              f"{'s' if df['rule_id'].nunique() > 1 else ''} ; la plus fréquente : {top['rule_id']} "
              f"{top['titre']} ({fmt.entier(top['nombre'])}).")
    return charts.Graphique(charts.comptes_par_severite(data[["libelle", "severite_libelle", "nombre", "ordre"]],
                                                        "Nombre d'anomalies"), resume)


SOUS_PERIMETRES = {"national": "Académie", "academie": "Département", "departement": "Circonscription"}


def sous_perimetres_tableau(con, p: dict) -> pd.DataFrame:
    """Current year's anomalies per academy / department / circonscription, names rather than codes."""
    niveau = p["niveau_perimetre"]
    if niveau not in SOUS_PERIMETRES:
        return pd.DataFrame()
    df = db.query(con, "audit/sous_perimetres.sql", **_args(p))
    nommer = {"national": labels.academie, "academie": labels.departement}.get(
        niveau, lambda c: f"Circonscription {c}" if isinstance(c, str) else "Sans circonscription (collèges)")
    df["code"] = df["code"].map(lambda c: nommer(c) if isinstance(c, str) or niveau == "departement"
                                else "non rattachées")
    return df.rename(columns={"code": SOUS_PERIMETRES[niveau], "critique": "Critiques", "majeure": "Majeures",
                              "mineure": "Mineures", "info": "Informations", "total": "Total",
                              "etablissements": "Établissements"})


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
    first = df.iloc[0]
    resume = (f"Les {len(df)} établissements les plus touchés, par sévérité ; en tête, {first['etablissement']} "
              f"({first['uai']}) : {fmt.entier(first['critique'])} critique(s), {fmt.entier(first['total'])} au total.")
    return charts.Graphique(charts.comptes_par_severite(long[["libelle", "severite_libelle", "nombre", "ordre"]],
                                                        "Nombre d'anomalies"), resume)


def liste(con, p: dict, *, courante: bool = True, uais: list[str] | None = None,
          par_etablissement: int | None = None, limite: int = LIMITE_LISTE) -> pd.DataFrame:
    """Objects one by one (one row per object, with every rule that flags it)."""
    return db.query(con, "audit/liste.sql", courante=courante, uais=uais,
                    par_etablissement=par_etablissement or limite, limite=limite, **_args(p))


def liste_bornee(con, p: dict, t: dict, etabs: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The current year's list for the HTML, bounded: complete when it fits, else the top establishments.
    Returns (rows, note saying what is left out, or None)."""
    if t["entites_courantes"] <= LIMITE_LISTE:
        return liste(con, p), None
    top = list(etabs["uai"].head(LIMITE_ETABLISSEMENTS_LISTES))
    rows = liste(con, p, uais=top, par_etablissement=LIMITE_PAR_ETABLISSEMENT)
    note = (f"{fmt.entier(t['entites_courantes'])} objets en anomalie cette année : trop pour une page. Seuls les "
            f"{len(top)} établissements les plus touchés sont détaillés ci-dessous (au plus "
            f"{LIMITE_PAR_ETABLISSEMENT} lignes chacun) ; la liste complète est dans le fichier CSV ou Parquet "
            "joint au rapport.")
    return rows, note


def liste_par_etablissement(df: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(heading, table) per establishment, in the order of the list; an establishment cut short says so."""
    if df.empty:
        return []
    df = df.assign(
        titre=(df["etablissement"].fillna("Sans établissement").where(df["uai"].notna(), "Sans établissement")
               + df["uai"].map(lambda u: f" ({u})" if isinstance(u, str) else "")),
        severite=df["severite"].map(labels.SEVERITES),
    )
    cols = {"regles": "Règle(s)", "severite": "Sévérité", "millesime": "Année", "eleve_id": "Élève (eleve_id)",
            "classe_id": "Classe", "objet_id": "Objet", "detail": "Détail"}
    out = []
    for titre, group in df.groupby("titre", sort=False, dropna=False):
        total = int(group["nombre_etablissement"].iloc[0])
        if total > len(group):
            titre = f"{titre} · {len(group)} premières lignes sur {fmt.entier(total)}"
        out.append((titre, group[list(cols)].rename(columns=cols)))
    return out


def anterieures_tableau(con, p: dict) -> pd.DataFrame:
    df = db.query(con, "audit/anterieures.sql", **_args(p))
    titles = {k: v.titre for k, v in catalog().items()}
    df["Année scolaire"] = df["millesime"].map(lambda m: f"{int(m)}-{int(m) + 1}")
    df["Intitulé"] = df["rule_id"].map(lambda r: titles.get(r, ""))
    return df[["Année scolaire", "rule_id", "Intitulé", "nombre", "etablissements"]].rename(columns={
        "rule_id": "Règle", "nombre": "Anomalies", "etablissements": "Établissements"})


def liste_anterieures(con, p: dict, t: dict) -> tuple[pd.DataFrame, str | None]:
    rows = liste(con, p, courante=False, limite=LIMITE_ANTERIEURES)
    note = None
    if t["entites_anterieures"] > LIMITE_ANTERIEURES:
        note = (f"Les {LIMITE_ANTERIEURES} premières sur {fmt.entier(t['entites_anterieures'])} ; la liste complète "
                "est dans le fichier CSV ou Parquet joint au rapport.")
    return rows, note


def ecrire_liste(con, p: dict, base: Path) -> tuple[Path, Path]:
    """Write every anomaly of the perimeter to BASE.csv and BASE.parquet, the ticket list of `check`
    (same columns, `;`, UTF-8 with BOM) restricted to the perimeter: the complete list the report links to."""
    from lsu_analytics.rules.catalog import load_catalog
    from lsu_analytics.rules.outputs import write_anomalies

    return write_anomalies(con, load_catalog(), base.with_suffix(".csv"), base.with_suffix(".parquet"),
                           cles=db.sql_text("audit/liste_complete.sql"), params=_args(p))
