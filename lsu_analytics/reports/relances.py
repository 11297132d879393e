"""« Écoles à relancer après une période » (rapport indicateurs) : pour chaque établissement du périmètre,
sa dernière période terminée et où en sont ses bilans de cette période, le moins avancé d'abord."""
from __future__ import annotations

import math

import pandas as pd

from . import db, format as fmt, labels

LIMITE_GRANDS_PERIMETRES = 50  # rows shown per group for an academy or the whole country (full list in xlsx)
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
