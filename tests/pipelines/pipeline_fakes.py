"""Small stand-ins for the load/check/indicators/report steps, for the orchestration tests.

They do real (tiny) work on a real DuckDB file, so the tests see what the orchestrator does with the
database, the files and the processes. Module-level: report functions are pickled into fresh processes.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import duckdb

from lsu_analytics.contract import create_schema
from lsu_analytics.pipelines import database


def make_export(folder: Path, date_extraction: str = "2026-03-15T02:00:00",
                etablissements: tuple[tuple[str, str, str], ...] = (("0380001A", "08", "038"),
                                                                    ("0730002B", "08", "073"),
                                                                    ("0690003C", "10", "069"))) -> Path:
    """A minimal export folder: manifest.json + etablissements.csv (uai, academie, departement)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["uai;nom;degre;secteur;academie;departement;circonscription;service_en_ligne_ouvert"]
    lines += [f"{uai};École {uai};2D;PU;{aca};{dep};;1" for uai, aca, dep in etablissements]
    (folder / "etablissements.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "contrat": 1, "millesime_courant": 2025, "date_extraction": date_extraction,
        "perimetre": {"niveau": "national", "code": "FR"}, "encodage": "utf-8", "format_date": "iso",
        "fichiers": {"etablissements.csv": {"lignes": len(etablissements)}}}), encoding="utf-8")
    return folder


def charger(source: Path, db: Path) -> dict:
    manifest = json.loads((Path(source) / "manifest.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(db))
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'manifeste'").fetchone()[0]:
            create_schema(con)
        chargement_id = str(uuid.uuid4())
        con.execute("DELETE FROM etablissements")
        con.execute("INSERT INTO etablissements SELECT * FROM read_csv(?, delim=';', header=true, all_varchar=true)",
                    [str(Path(source) / "etablissements.csv")])
        con.execute("DELETE FROM manifeste")
        con.execute("INSERT INTO manifeste (contrat, millesime_courant, date_extraction, perimetre_niveau, "
                    "perimetre_code, chargement_id) VALUES (1, ?, ?, 'national', 'FR', ?)",
                    [manifest["millesime_courant"], manifest["date_extraction"], chargement_id])
        con.execute("INSERT INTO chargements (chargement_id, source) VALUES (?, ?)", [chargement_id, str(source)])
    finally:
        con.close()
    return {"chargement_id": chargement_id, "lignes_chargees": 3}


def charger_lent(source: Path, db: Path) -> dict:
    time.sleep(float(os.environ.get("LSU_TEST_DUREE_CHARGEMENT", "3")))
    return charger(source, db)


def charger_en_echec(source: Path, db: Path) -> dict:
    raise RuntimeError("etablissements.csv : 2 lignes lues, le manifeste en annonce 3 ; déposez un export complet.")


def controler(db: Path, out: Path, regles, seuils, data_docs=True) -> dict:
    # One critical anomaly per establishment of academy 10, one minor per other: deterministic.
    con = duckdb.connect(str(db))
    try:
        con.execute("DELETE FROM anomalies")
        con.execute("INSERT INTO anomalies (rule_id, severite, uai, academie) SELECT CASE WHEN academie = '10' "
                    "THEN 'PER-01' ELSE 'SEL-01' END, CASE WHEN academie = '10' THEN 'critique' ELSE 'mineure' END, "
                    "uai, academie FROM etablissements")
        con.execute("COPY (SELECT * FROM anomalies ORDER BY uai) TO ? (HEADER, DELIMITER ';')",
                    [str(Path(out) / "anomalies.csv")])
    finally:
        con.close()
    return {"anomalies": database.anomaly_counts(db), "liens": {"anomalies (CSV)": str(Path(out) / "anomalies.csv")}}


def controler_sans_critique(db: Path, out: Path, regles, seuils, data_docs=True) -> dict:
    controler(db, out, regles, seuils)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM anomalies WHERE severite = 'critique'")
    con.close()
    return {"anomalies": database.anomaly_counts(db)}


def calculer_indicateurs(db: Path, seuil_secret: int) -> dict:
    con = duckdb.connect(str(db))
    try:
        con.execute("DELETE FROM indicateurs")
        for niveau in ("academie", "departement"):
            con.execute("INSERT INTO indicateurs (millesime, niveau_perimetre, code_perimetre, niveau_scolaire, "
                        f"indicateur, valeur, masque) SELECT 2025, '{niveau}', {niveau}, 'TOUS', 'EFFECTIF', "
                        f"count(*), count(*) <= ? FROM etablissements GROUP BY {niveau}", [seuil_secret])
        con.execute("INSERT INTO indicateurs (millesime, niveau_perimetre, code_perimetre, niveau_scolaire, indicateur, "
                    "valeur, masque) SELECT 2025, 'national', 'FR', 'TOUS', 'EFFECTIF', count(*), false "
                    "FROM etablissements")
    finally:
        con.close()
    return database.indicator_summary(db)


def rendre(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    # Read-only, as the real notebooks: several renders share the database at once.
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM etablissements").fetchone()[0]
    finally:
        con.close()
    # Named like the real renderer: after the perimeter, or after the pupil.
    who = (f"eleve-{params['eleve_id']}" if "eleve_id" in params
           else f"{params['niveau_perimetre']}-{params['code_perimetre']}")
    html = Path(out_dir) / f"{notebook}-{who}.html"
    html.write_text(f"<html><body><h1>{notebook}</h1><p>{sorted(params.items())} — {n} établissements"
                    "</p></body></html>", encoding="utf-8")
    ipynb = html.with_suffix(".ipynb")
    ipynb.write_text(json.dumps({"params": params}, sort_keys=True), encoding="utf-8")
    return {"html": str(html), "ipynb": str(ipynb)}


def rendre_sauf_073(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    if params.get("code_perimetre") == "073":
        raise ValueError("cellule 3 : division par zéro sur le département 073")
    return rendre(notebook, db, params, out_dir)


def rendre_plante_073(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    if params.get("code_perimetre") == "073":
        os._exit(9)  # the process dies as a crashed kernel would take it down
    return rendre(notebook, db, params, out_dir)


def rendre_bavard(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    # A failure whose message quotes the pupil: it must not reach run.json or the index.
    if "eleve_id" in params:
        raise KeyError(f"élève {params['eleve_id']} introuvable (INE 1234567890A)")
    return rendre(notebook, db, params, out_dir)


def valider_data_docs(db: Path, out: Path, controle_id, regles) -> dict:
    docs = Path(out) / "data_docs"
    docs.mkdir()
    (docs / "index.html").write_text("<html><body>Data Docs</body></html>", encoding="utf-8")
    return {"controle_id": controle_id, "liens": {"Data Docs Great Expectations": str(docs / "index.html")}}


FAKE_STEPS = {
    "chargement": charger,
    "controles": controler,
    "data_docs": valider_data_docs,
    "indicateurs": calculer_indicateurs,
    "rapport": rendre,
}


def rendre_lent(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    (Path(out_dir) / "pid").write_text(str(os.getpid()))  # so a test can check it was stopped
    time.sleep(60)
    return rendre(notebook, db, params, out_dir)


def rendre_chronometre(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    # Start and end times, to see how many renders overlapped.
    start = time.time()
    result = rendre(notebook, db, params, out_dir)
    time.sleep(0.5)
    (Path(out_dir) / "temps.json").write_text(json.dumps([start, time.time()]))
    return result


def rendre_lent_073(notebook: str, db: Path, params: dict, out_dir: Path) -> dict:
    if params.get("code_perimetre") == "073":
        return rendre_lent(notebook, db, params, out_dir)
    return rendre(notebook, db, params, out_dir)


_dossier: Path | None = None  # where this worker's jobs write: its end is noted there


def noter_processus(dossier: Path) -> int:
    global _dossier
    _dossier = Path(dossier)
    return os.getpid()


def noter_fin_de_processus() -> None:
    if _dossier is not None:
        (_dossier / f"fin-{os.getpid()}").write_text("")
