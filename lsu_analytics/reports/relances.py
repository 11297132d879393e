"""« Écoles à relancer après une période » (rapport indicateurs) : pour chaque établissement du périmètre,
sa dernière période terminée et où en sont ses bilans de cette période, le moins avancé d'abord."""
from __future__ import annotations

import math

import pandas as pd

from . import db, format as fmt, labels

# National and academy reports list no establishment group by group (tens of thousands of schools in the
# country, some 1,700 in a large academy): a summary per academy (national) or per circonscription and
# department (academy), then the least advanced LIMITE_RESUME of the perimeter. The department's report has
# every establishment, the xlsx workbook the complete list.
LIMITE_RESUME = 50
RESUMES = ("national", "academie")  # perimeter levels whose report summarises instead of listing
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


def par_groupe(df: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(heading, display table) of each group in display order: the full list of a department, a
    circonscription or an establishment (national and academy reports show `resume` and `moins_avances`)."""
    if df.empty:
        return []
    return [(titre, tableau(part)) for titre, part in df.groupby("groupe", sort=False)]


def _verrou_connu(df: pd.DataFrame) -> pd.Series:
    """The locking rate of the last ended period is published (not hidden, something to lock)."""
    return df["periode"].notna() & ~df["verrou_masque"].fillna(False).astype(bool) & df["verrou_valeur"].notna() \
        & (df["verrou_den"].fillna(0) > 0)


COLONNES_RESUME = ("Établissements", "Dont une période terminée", "Aucun bilan verrouillé",
                   "Moins de la moitié verrouillés", "Taux masqué (secret)")
PAR = {"academie": "Académie", "groupe": "Circonscription ou département"}  # what a summary row is


def resume(df: pd.DataFrame, par: str = "academie") -> pd.DataFrame:
    """Per academy (national report, by name) or per group (academy report: circonscription, collèges of a
    department): its establishments with pupils, those whose period has ended, and among them those that
    locked none, or less than half, of that period's reports in direct-entry classes; the groups with the
    largest share of those behind first. Counts of establishments, not of pupils: no statistical secret
    applies, but an establishment whose rate is hidden is counted apart."""
    colonnes = [PAR[par], *COLONNES_RESUME]
    if df.empty:
        return pd.DataFrame(columns=colonnes)
    connu = _verrou_connu(df)
    t = pd.DataFrame({
        "cle": df[par],
        "etabs": 1,
        "terminee": df["periode"].notna().astype(int),
        "aucun": (connu & (df["verrou_valeur"] == 0)).astype(int),
        "moitie": (connu & (df["verrou_valeur"] < MOITIE)).astype(int),
        "masque": (df["periode"].notna() & df["verrou_masque"].fillna(False).astype(bool)).astype(int),
    }).groupby("cle", dropna=False).sum().reset_index()
    t["_part"] = t["moitie"] / t["terminee"].where(t["terminee"] > 0)
    t = t.sort_values(["_part", "cle"], ascending=[False, True], na_position="last")
    if par == "academie":
        t["cle"] = t["cle"].map(labels.academie)
    return t.drop(columns="_part").set_axis(colonnes, axis=1).reset_index(drop=True)


def moins_avances(df: pd.DataFrame, limite: int = LIMITE_RESUME, *, academie: bool = True) -> pd.DataFrame:
    """The `limite` least advanced establishments of the whole perimeter (same order as within a group),
    with their group (and their academy, for the national report)."""
    if df.empty:
        return tableau(df)
    top = df.sort_values(["cle_tri", "uai"]).head(limite)
    table = tableau(top)
    if academie:
        table.insert(2, "Académie", [labels.academie(a) for a in top["academie"]])
    table.insert(2 + academie, PAR["groupe"], list(top["groupe"]))
    return table


_ECHELLE = {"national": ("du pays", "académie", "Le rapport de chaque académie donne le détail par circonscription "
                         "et par département"),
            "academie": ("de l'académie", "circonscription (écoles) et par département (collèges)",
                         "Le rapport de chaque département donne la liste de tous ses établissements")}


def note_resume(niveau_perimetre: str) -> str:
    """What the national or academy report shows instead of a list of every school."""
    du, par, detail = _ECHELLE[niveau_perimetre]
    return (f"Pas de liste de tous les établissements à cette échelle : par {par}, les établissements dont la "
            "dernière période est terminée et combien n'en ont verrouillé aucun bilan, ou moins de la moitié ; puis "
            f"les {LIMITE_RESUME} établissements les moins avancés {du}. {detail} ; la liste complète est dans le "
            "classeur (`lsu-analytics rapport indicateurs … --format xlsx`).")


def titre_resume(niveau_perimetre: str) -> str:
    return ("Par académie" if niveau_perimetre == "national" else "Par circonscription et par département") + \
        ", les plus en retard d'abord"


def titre_moins_avances(niveau_perimetre: str, total: int) -> str:
    """Says how many of how many are shown: never a truncated list presented as complete."""
    du = _ECHELLE[niveau_perimetre][0]
    if total <= LIMITE_RESUME:
        return f"Les {fmt.entier(total)} établissements {du}, les moins avancés d'abord"
    return f"Les {LIMITE_RESUME} établissements les moins avancés {du}, sur {fmt.entier(total)}"

