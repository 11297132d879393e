"""« Écoles à relancer après une période » (rapport indicateurs) : pour chaque établissement du périmètre,
sa dernière période terminée et où en sont ses bilans de cette période, le moins avancé d'abord."""
from __future__ import annotations

import math

import pandas as pd

from . import db, format as fmt, labels

LIMITE_GRANDS_PERIMETRES = 50  # rows shown per group for an academy (full list in xlsx)
# The national report lists no establishment group by group (tens of thousands of schools): a summary per
# academy, then the least advanced LIMITE_NATIONAL of the country. Each academy's report has the detail.
LIMITE_NATIONAL = 50
MOITIE = 0.5
COLONNES = ("UAI", "Établissement", "Direction", "Dernière période terminée", "Bilans saisis / attendus",
            "Verrouillés / saisis (classes en saisie directe)")


def donnees(con, p: dict) -> pd.DataFrame:
    """One row per establishment with pupils in C, sorted within its group from the least advanced."""
    df = db.query(con, "indicateurs/relances.sql", millesime=p["millesime"], niveau=p["niveau_perimetre"],
                  code=p["code_perimetre"])
    if df.empty:
        return df
    df["groupe"] = [groupe(d, dep, circ) for d, dep, circ in zip(df["degre"], df["departement"], df["circonscription"])]
    df["ordre_groupe"] = [(0 if d == "1D" else 1, g) for d, g in zip(df["degre"], df["groupe"])]
    df["cle_tri"] = [_cle(*r) for r in df[["periode", "verrou_masque", "verrou_den", "verrou_valeur",
                                           "saisis_masque", "saisis_den", "saisis_valeur"]].itertuples(index=False)]
    return df.sort_values(["ordre_groupe", "cle_tri", "uai"]).reset_index(drop=True)


def groupe(degre, departement, circonscription) -> str:
    """Écoles by IEN district, collèges by department."""
    if degre == "1D":
        if isinstance(circonscription, str):
            return f"Circonscription {circonscription}"
        return "Écoles sans circonscription"
    return f"Collèges · {labels.departement(departement)}"


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _cle(periode, v_masque, v_den, v_val, s_masque, s_den, s_val) -> tuple:
    """Least advanced first: a known locking rate (lowest first), then nothing written in direct entry
    (by writing rate), then hidden figures; establishments with no period ended yet come last."""
    if _missing(periode):
        return (3, 0.0, 0.0)
    if not _missing(v_masque) and v_masque:
        return (2, 0.0, 0.0)
    saisie = 2.0 if _missing(s_val) or (not _missing(s_masque) and s_masque) else float(s_val)
    if _missing(v_val) or _missing(v_den) or v_den == 0:
        return (1, saisie, 0.0)
    return (0, float(v_val), saisie)


def direction(personnes) -> str:
    """'Prénom Nom (directeur)'; roles in words, never as codes."""
    if personnes is None or (not isinstance(personnes, (list, tuple)) and _missing(personnes)) or len(personnes) == 0:
        return "non renseignée"
    parts = []
    for personne in personnes:
        role = labels.ROLES.get(personne["role"], personne["role"])
        parts.append(f"{personne['nom']} ({role})" if personne["nom"] else role)
    return ", ".join(parts)


def periode_texte(periodicite, periode, date_fin) -> str:
    if _missing(periode):
        return "aucune période terminée : pas encore dû"
    nom = labels.PERIODICITES.get(periodicite, "Période")
    return f"{nom} {int(periode)} (fin le {pd.Timestamp(date_fin):%d/%m/%Y})"


def tableau(df: pd.DataFrame) -> pd.DataFrame:
    """The display table of one group (all columns as text)."""
    if df.empty:
        return pd.DataFrame(columns=list(COLONNES))
    rows = []
    for r in df.itertuples(index=False):
        due = not _missing(r.periode)
        rows.append((
            r.uai, r.nom if isinstance(r.nom, str) else "?", direction(r.direction),
            periode_texte(r.periodicite, r.periode, r.date_fin),
            fmt.taux(r.saisis_masque, r.saisis_num, r.saisis_den, r.saisis_valeur) if due else "pas encore dû",
            fmt.taux(r.verrou_masque, r.verrou_num, r.verrou_den, r.verrou_valeur) if due else "pas encore dû",
        ))
    return pd.DataFrame(rows, columns=list(COLONNES))


def par_groupe(df: pd.DataFrame, niveau_perimetre: str) -> list[tuple[str, pd.DataFrame, int]]:
    """(heading, display table, number of establishments of the group) in display order; at academy and
    national level only the least advanced LIMITE_GRANDS_PERIMETRES of each group are kept."""
    if df.empty:
        return []
    grand = niveau_perimetre in ("national", "academie")
    out = []
    for titre, part in df.groupby("groupe", sort=False):
        shown = part.head(LIMITE_GRANDS_PERIMETRES) if grand else part
        out.append((titre, tableau(shown), len(part)))
    return out


def _verrou_connu(df: pd.DataFrame) -> pd.Series:
    """The locking rate of the last ended period is published (not hidden, something to lock)."""
    return df["periode"].notna() & ~df["verrou_masque"].fillna(False).astype(bool) & df["verrou_valeur"].notna() \
        & (df["verrou_den"].fillna(0) > 0)


def par_academie(df: pd.DataFrame) -> pd.DataFrame:
    """National report: per academy (by name), its establishments with pupils, those whose period has ended,
    and among them those that locked none, or less than half, of that period's reports in direct-entry
    classes; the academies with the largest share of those behind first. Counts of establishments, not of
    pupils: no statistical secret applies, but an establishment whose rate is hidden is counted apart."""
    colonnes = ["Académie", "Établissements", "Dont une période terminée", "Aucun bilan verrouillé",
                "Moins de la moitié verrouillés", "Taux masqué (secret)"]
    if df.empty:
        return pd.DataFrame(columns=colonnes)
    connu = _verrou_connu(df)
    t = pd.DataFrame({
        "academie": df["academie"],
        "etabs": 1,
        "terminee": df["periode"].notna().astype(int),
        "aucun": (connu & (df["verrou_valeur"] == 0)).astype(int),
        "moitie": (connu & (df["verrou_valeur"] < MOITIE)).astype(int),
        "masque": (df["periode"].notna() & df["verrou_masque"].fillna(False).astype(bool)).astype(int),
    }).groupby("academie", dropna=False).sum().reset_index()
    t["_part"] = t["moitie"] / t["terminee"].where(t["terminee"] > 0)
    t = t.sort_values(["_part", "academie"], ascending=[False, True], na_position="last")
    t["academie"] = t["academie"].map(labels.academie)
    return t.drop(columns="_part").set_axis(colonnes, axis=1).reset_index(drop=True)


def moins_avances(df: pd.DataFrame, limite: int = LIMITE_NATIONAL) -> pd.DataFrame:
    """The `limite` least advanced establishments of the whole perimeter (same order as within a group),
    with their academy and group: the national report's list."""
    if df.empty:
        return tableau(df)
    top = df.sort_values(["cle_tri", "uai"]).head(limite)
    table = tableau(top)
    table.insert(2, "Académie", [labels.academie(a) for a in top["academie"]])
    table.insert(3, "Circonscription ou département", list(top["groupe"]))
    return table
