"""Secret statistique secondaire (indicators.md v2) : masquer d'autres cellules jusqu'à ce qu'aucune relation
additive de la table n'ait exactement une cellule masquée. Le SQL construit les relations et choisit les
cellules ; Python répète les tours jusqu'au point fixe. Méthode et limites : docs/choix.md, « Secret
statistique »."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from lsu_analytics.common.nombres import entier

MAX_TOURS = 10_000  # garde-fou : chaque tour masque au moins une cellule, le nombre de cellules borne les tours


@dataclass
class SecretRun:
    """Bilan du secret sur les cellules fondées sur les élèves (les seules soumises au secret)."""
    cellules: int = 0                  # cellules fondées sur les élèves
    effectifs: int = 0                 # somme de leurs tailles (dénominateur ou compte)
    masquees: dict[str, int] = field(default_factory=dict)           # motif -> cellules
    effectifs_masques: dict[str, int] = field(default_factory=dict)  # motif -> somme des tailles
    eleves: int = 0                    # élèves comptés par établissement et niveau (EFFECTIF)
    eleves_masques: int = 0            # dont ceux d'une cellule EFFECTIF masquée
    relations: int = 0
    relations_non_protegees: int = 0   # relations restées à une seule cellule masquée (0 attendu)
    tours: int = 0
    duree_s: float = 0.0

    def part_cellules(self, motif: str | None = None) -> float:
        n = sum(self.masquees.values()) if motif is None else self.masquees.get(motif, 0)
        return n / self.cellules if self.cellules else 0.0

    def part_effectifs(self, motif: str | None = None) -> float:
        n = sum(self.effectifs_masques.values()) if motif is None else self.effectifs_masques.get(motif, 0)
        return n / self.effectifs if self.effectifs else 0.0

    def resume(self, seuil: int) -> list[str]:
        """Le bilan en français, pour le résumé des commandes `indicateurs` et `bench indicateurs`."""
        primaires, secondaires = self.masquees.get("effectif", 0), self.masquees.get("secondaire", 0)
        par_primaire = f", soit {_decimal(secondaires / primaires, 2)} par cellule primaire" if primaires else ""
        lignes = [
            f"Secret statistique sur les {entier(self.cellules)} cellules fondées sur les élèves :",
            f"  secret primaire (1 à {seuil} élèves) : {entier(primaires)} cellule(s), "
            f"{_pourcent(self.part_cellules('effectif'))} des cellules, "
            f"{_pourcent(self.part_effectifs('effectif'))} des effectifs comptés (dénominateurs ou comptes) ;",
            f"  secret secondaire (masquées seulement pour protéger une autre cellule) : {entier(secondaires)} "
            f"cellule(s){par_primaire}, {_pourcent(self.part_cellules('secondaire'))} des cellules, "
            f"{_pourcent(self.part_effectifs('secondaire'))} des effectifs comptés ;",
            f"  au total {_pourcent(self.part_cellules())} des cellules et {_pourcent(self.part_effectifs())} des "
            f"effectifs comptés sont masqués ; {entier(self.eleves_masques)} élève(s) sur {entier(self.eleves)} "
            f"({_pourcent(self.eleves_masques / self.eleves if self.eleves else 0.0)}) ont leur effectif par "
            "établissement et niveau masqué.",
            f"  Secret secondaire : {entier(self.relations)} relations additives, {self.tours} tour(s), "
            f"{_decimal(self.duree_s, 1)} s.",
        ]
        if self.relations_non_protegees:
            lignes.append(f"Attention : {entier(self.relations_non_protegees)} relation(s) additive(s) gardent une "
                          "seule cellule masquée, que l'on peut retrouver par différence ; signalez-le à l'équipe "
                          "lsu-analytics en joignant la base.")
        return lignes


def _decimal(x: float, chiffres: int) -> str:
    return f"{x:.{chiffres}f}".replace(".", ",")


def _pourcent(x: float) -> str:
    return _decimal(100 * x, 1) + " %"


def apply_secret_secondaire(con, sql_text) -> SecretRun:
    """Pose le secret secondaire dans `ind_lignes` (secret primaire déjà posé), dans la transaction en cours."""
    debut = time.perf_counter()
    for name in ("secret_liens", "secret_graphe"):
        con.execute(sql_text(name))
    while con.execute(sql_text("secret_composantes")).fetchone()[0]:
        pass
    con.execute(sql_text("secret_relations"))
    tours = 0
    while tours < MAX_TOURS:
        tours += 1
        con.execute("SET VARIABLE ind_sec_tour = ?", [tours])
        if con.execute(sql_text("secret_tour")).fetchone()[0] == 0:
            break
    con.execute(sql_text("secret_bilan"))
    run = SecretRun(tours=tours)
    run.relations, run.relations_non_protegees = con.execute(
        "SELECT (SELECT count(DISTINCT rel) FROM ind_sec_membres), count(*) FILTER (WHERE n = 1) "
        "FROM ind_sec_nb").fetchone()
    run.cellules, run.effectifs, run.eleves, run.eleves_masques = con.execute(
        "SELECT count(*), coalesce(sum(taille), 0), "
        "coalesce(sum(taille) FILTER (WHERE indicateur = 'EFFECTIF' AND niveau_perimetre = 'etablissement' "
        "AND niveau_scolaire <> 'TOUS'), 0), "
        "coalesce(sum(taille) FILTER (WHERE indicateur = 'EFFECTIF' AND niveau_perimetre = 'etablissement' "
        "AND niveau_scolaire <> 'TOUS' AND masque), 0) "
        "FROM ind_lignes WHERE fonde_eleves").fetchone()
    for motif, n, t in con.execute("SELECT motif_masque, count(*), sum(taille) FROM ind_lignes "
                                   "WHERE masque GROUP BY motif_masque ORDER BY motif_masque").fetchall():
        run.masquees[motif], run.effectifs_masques[motif] = n, int(t)
    for table in TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    run.duree_s = time.perf_counter() - debut
    return run


TABLES = ("ind_sec_liens", "ind_sec_aretes", "ind_sec_composantes", "ind_sec_cellules", "ind_sec_perimetres",
          "ind_sec_cles", "ind_sec_cles_niveaux", "ind_sec_membres", "ind_sec_egaux", "ind_sec_masquees", "ind_sec_nb")
