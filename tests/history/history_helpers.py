"""Hand-made extractions: databases as `load`, `check` (every rule) and `indicateurs` leave them, built row
by row, so each test states exactly which anomalies and indicators an extraction holds."""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import duckdb

from lsu_analytics.contract import create_schema
from lsu_analytics.rules import load_catalog

ALL_RULES = ",".join(r.id for r in load_catalog())


def anomalie(rule_id="PER-01", uai="0380001A", eleve_id=None, classe_id=None, objet_id=None, millesime=2025,
             severite="critique", detail="détail"):
    return {"rule_id": rule_id, "severite": severite, "uai": uai, "academie": "08", "millesime": millesime,
            "eleve_id": eleve_id, "classe_id": classe_id, "objet_id": objet_id, "detail": detail}


def indicateur(indicateur="BP_SAISIS", numerateur=5, denominateur=10, niveau="academie", code="08",
               niveau_scolaire="TOUS", periode=1, masque=False, millesime=2025):
    valeur = None if masque else (numerateur / denominateur if denominateur else numerateur)
    return {"millesime": millesime, "niveau_perimetre": niveau, "code_perimetre": code,
            "niveau_scolaire": niveau_scolaire, "periode": periode, "indicateur": indicateur,
            "numerateur": None if masque else numerateur, "denominateur": None if masque else denominateur,
            "valeur": valeur, "masque": masque}


def make_extraction(path: Path, date: str, anomalies=(), indicateurs=None, *, niveau="academie", code="08",
                    regles: str | None = ALL_RULES, export: str = "a", millesime: int = 2025,
                    etablissements=()) -> Path:
    """A checked database of extraction `date`; `export` names the export (its manifest's sha256)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        con.execute("INSERT INTO manifeste VALUES (1, ?, ?, ?, ?, 'utf-8', 'iso', '.', 'c1')",
                    [millesime, date, niveau, code])
        sha = hashlib.sha256(f"{export}-{date}".encode()).hexdigest()
        con.execute("INSERT INTO chargements (chargement_id, debut, fin, manifeste, manifeste_sha256) "
                    "VALUES ('c1', now(), now(), '{}', ?)", [sha])
        if regles is not None:
            con.execute("INSERT INTO controles (controle_id, debut, fin, regles, nb_anomalies) "
                        "VALUES ('k1', now(), now(), ?, ?)", [regles, len(anomalies)])
        for uai, nom, academie, departement in etablissements:
            con.execute("INSERT INTO etablissements (uai, nom, degre, secteur, academie, departement) "
                        "VALUES (?, ?, '2D', 'PU', ?, ?)", [uai, nom, academie, departement])
        for a in anomalies:
            con.execute(f"INSERT INTO anomalies ({', '.join(a)}) VALUES ({', '.join('?' * len(a))})", list(a.values()))
        for i in (indicateurs if indicateurs is not None else [indicateur()]):
            con.execute(f"INSERT INTO indicateurs ({', '.join(i)}) VALUES ({', '.join('?' * len(i))})",
                        list(i.values()))
    finally:
        con.close()
    return path


def rows(db: Path, query: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


TABLES_SANS_HORODATAGE = {
    "extractions": "SELECT * EXCLUDE (historise_le) FROM extractions ORDER BY ALL",
    "anomalies_suivi": "SELECT * FROM anomalies_suivi ORDER BY ALL",
    "anomalies_presence": "SELECT * FROM anomalies_presence ORDER BY ALL",
    "anomalies_cles": "SELECT * FROM anomalies_cles ORDER BY ALL",
    "indicateurs_historique": "SELECT * FROM indicateurs_historique ORDER BY ALL",
}


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every table of a history, sorted (historise_le left out: it is when, not what)."""
    return {t: rows(db, q) for t, q in TABLES_SANS_HORODATAGE.items()}


def ts(s: str) -> datetime:
    return datetime.fromisoformat(s)
