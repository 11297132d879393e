"""Calcul de la table `indicateurs` : une passe SQL ensembliste par famille d'indicateurs."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.contract import CYCLE_OF_NIVEAU, DOMAINES_SOCLE, NIVEAUX, create_macros
from lsu_analytics.contract.vocabulary import NIVEAUX_PERIMETRE

from .regles import rule_ids
from .secret import SecretRun, apply_secret_secondaire

# Ordre d'exécution ; chaque famille est un fichier .sql du paquet.
FAMILLES = ("effectif", "bilans_periodiques", "verrouillage_saisie", "familles", "bilans_cycle", "socle",
            "attestations", "etablissements", "classes", "anomalies")
TEMP_TABLES = ("ind_params", "ind_niveaux", "ind_inscriptions", "ind_niveaux_eleve", "ind_eleves", "ind_perimetres",
               "ind_cellules", "ind_attendus", "ind_bruts", "ind_periodes_bp", "ind_attestations_niveau", "ind_lignes")
# Élèves de chaque indicateur compté par ind_eleves_par_perimetre (contexte.sql).
TEMP_VIEWS = ("ind_effectif_eleves", "ind_familles_eleves", "ind_bfc_eleves", "ind_attestations_eleves")


class IndicateursError(Exception):
    """Calcul impossible ; le message (en français) dit quoi faire."""


@dataclass
class IndicateursRun:
    millesime: int
    lignes: int
    lignes_masquees: int
    duree_s: float
    seuil_secret: int
    lignes_par_famille: dict[str, int] = field(default_factory=dict)
    masquees_par_famille: dict[str, int] = field(default_factory=dict)
    secondaires_par_famille: dict[str, int] = field(default_factory=dict)  # dont secret secondaire
    secret: SecretRun = field(default_factory=SecretRun)
    regles: list[str] = field(default_factory=list)
    source_regles: str = "aucune"  # 'catalogue', 'fichiers' ou 'aucune'


def sql_text(name: str) -> str:
    return read_sql(__package__, f"{name}.sql")


def _check_manifeste(con) -> int:
    rows = con.execute("SELECT millesime_courant, date_extraction FROM manifeste").fetchall()
    if len(rows) != 1 or rows[0][0] is None or rows[0][1] is None:
        raise IndicateursError(
            f"La table manifeste contient {len(rows)} ligne(s) au lieu d'une ligne complète "
            "(millesime_courant, date_extraction) : chargez d'abord un export avec `lsu-analytics load`.")
    return rows[0][0]


def compute_indicateurs(con, seuil_secret: int = 4) -> IndicateursRun:
    """Remplace le contenu de `indicateurs` par les indicateurs de l'export chargé dans `con`.

    Ne lance pas les règles : ANOMALIES_* et TRANSFERTS_MANQUANTS comptent ce qui est déjà dans `anomalies`.
    """
    if seuil_secret < 0:
        raise IndicateursError(f"Seuil de secret statistique invalide ({seuil_secret}) : donnez un entier >= 0.")
    debut = time.perf_counter()
    millesime = _check_manifeste(con)
    regles, source = rule_ids()
    variables = {
        "ind_niveaux": list(NIVEAUX),
        "ind_cycles": [CYCLE_OF_NIVEAU[n] for n in NIVEAUX],
        "ind_domaines": list(DOMAINES_SOCLE),
        "ind_regles": regles,
        "ind_seuil": int(seuil_secret),
        "ind_niveaux_perimetre": list(NIVEAUX_PERIMETRE),
    }
    for name, value in variables.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])
    create_macros(con)
    con.begin()
    try:
        con.execute(sql_text("contexte"))
        for famille in FAMILLES:
            con.execute(sql_text(famille))
        con.execute(sql_text("lignes"))
        secret = apply_secret_secondaire(con, sql_text)
        con.execute(sql_text("ecriture"))
        resume = con.execute(sql_text("resume")).fetchall()
        for view in TEMP_VIEWS:
            con.execute(f"DROP VIEW IF EXISTS {view}")
        for table in TEMP_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.commit()
    except Exception:
        con.rollback()
        raise
    par_famille = {f: 0 for f in FAMILLES}
    masquees = {f: 0 for f in FAMILLES}
    secondaires = {f: 0 for f in FAMILLES}
    for famille, lignes, nb_masquees, nb_secondaires in resume:
        par_famille[famille], masquees[famille], secondaires[famille] = lignes, nb_masquees, nb_secondaires
    return IndicateursRun(
        millesime=millesime,
        lignes=sum(par_famille.values()),
        lignes_masquees=sum(masquees.values()),
        duree_s=time.perf_counter() - debut,
        seuil_secret=int(seuil_secret),
        lignes_par_famille=par_famille,
        masquees_par_famille=masquees,
        secondaires_par_famille=secondaires,
        secret=secret,
        regles=regles,
        source_regles=source,
    )
