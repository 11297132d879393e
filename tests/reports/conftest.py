"""A small LSU database for the report tests: a few establishments and pupils, plus the
`indicateurs` and `anomalies` tables filled directly (the reports only read them)."""
from __future__ import annotations

import hashlib
import random
import subprocess
import sys

import pytest

import duckdb

from lsu_analytics.contract import SYSTEM_TABLES, TABLES, create_macros, create_schema, quote
from lsu_analytics.contract.tables import DOMAINES_SOCLE
from report_hostile_values import HOSTILE_NOM, LONG_ELEVE_ID

C = 2025


class ReportDb:
    """Like the shared `tiny_db`, but built once for the whole package of report tests."""

    def __init__(self, path):
        self.con = duckdb.connect(str(path))
        create_schema(self.con)

    def add(self, table: str, **values) -> None:
        t = TABLES.get(table) or SYSTEM_TABLES[table]
        assert not set(values) - set(t.column_names), (table, set(values) - set(t.column_names))
        self.con.execute(f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in values)}) "
                         f"VALUES ({', '.join('?' for _ in values)})", list(values.values()))

    def close(self) -> None:
        self.con.close()

ETABLISSEMENTS = [
    # uai, nom, degre, academie, departement, circonscription, service_en_ligne_ouvert
    ("0380001A", "École Les Tilleuls", "1D", "08", "038", "0380100", False),
    ("0380002B", "Collège Stendhal", "2D", "08", "038", None, True),
    ("0730001C", "Collège du Lac", "2D", "08", "073", None, False),
    ("0130001D", "École du Port", "1D", "02", "013", "0130100", False),
]
# Pupils: names chosen so that finding them in a report is unambiguous.
ELEVES = [(f"E{i:02d}", f"{i:02d}ABCDEFGH{i % 10}", f"Zorglub{chr(65 + i)}ien", f"Anatolix{chr(65 + i)}",
           f"2014-0{1 + i % 9}-1{i % 10}") for i in range(1, 13)]
RULES = [("PER-02", "majeure"), ("VER-03", "mineure"), ("REC-01", "info"), ("TRF-01", "majeure"),
         ("HIS-01", "critique"), ("VIS-01", "majeure")]
MASKED_UAI = "0730001C"  # 3 pupils: every pupil-based indicator hidden
PERIMETRES = [("national", "FR"), ("academie", "08"), ("academie", "02"), ("departement", "038"),
              ("departement", "073"), ("departement", "013"), ("circonscription", "0380100"),
              ("circonscription", "0130100"), ("etablissement", "0380001A"), ("etablissement", "0380002B"),
              ("etablissement", MASKED_UAI), ("etablissement", "0130001D")]
NIVEAUX = {"0380001A": "CE2", "0380002B": "6E", MASKED_UAI: "3E", "0130001D": "CM2"}


def fill_base(db: ReportDb) -> None:
    for uai, nom, degre, aca, dep, circ, sel in ETABLISSEMENTS:
        db.add("etablissements", uai=uai, nom=nom, degre=degre, secteur="PU", academie=aca, departement=dep,
               circonscription=circ, service_en_ligne_ouvert=sel)
    for eid, ine, nom, prenom, naissance in ELEVES:
        db.add("eleves", eleve_id=eid, ine=ine, nom=nom, prenom=prenom, date_naissance=naissance)
    for uai, niveau in NIVEAUX.items():
        db.add("classes", classe_id=f"K{uai}", uai=uai, millesime=C, code_division=f"{niveau}_A", niveau=niveau,
               periodicite="TRIMESTRE", source_donnees="SAISIE", type_positionnement="ECHELLE_4")
        for i in (1, 2, 3):
            db.add("periodes", uai=uai, millesime=C, periodicite="TRIMESTRE", nb_periodes=3, indice=i,
                   date_debut=f"{2025 + (i > 1)}-0{[9, 1, 4][i - 1]}-01" if i > 1 else "2025-09-01",
                   date_fin=["2025-11-30", "2026-02-28", "2026-06-30"][i - 1],
                   date_parametrage="2025-09-05 10:00:00")
    # Last year: E07 was in academy 02 (a report there), now in 08 with no transfer.
    db.add("classes", classe_id="KOLD", uai="0130001D", millesime=C - 1, code_division="CM1_A", niveau="CM1",
           periodicite="TRIMESTRE", source_donnees="SAISIE", type_positionnement="ECHELLE_4")
    db.add("inscriptions", eleve_id="E07", uai="0130001D", classe_id="KOLD", millesime=C - 1,
           date_entree="2024-09-02")
    db.add("bilans_periodiques", bilan_id="BOLD", eleve_id="E07", classe_id="KOLD", uai="0130001D",
           millesime=C - 1, periodicite="TRIMESTRE", indice=1, nb_periodes=3, date_creation="2024-11-20 10:00:00",
           mode_creation="SAISIE", date_verrou="2024-12-01 10:00:00", synthese_renseignee=True)
    placement = ["0380001A"] * 4 + ["0380002B"] * 3 + [MASKED_UAI] * 3 + ["0130001D"] * 2
    for (eid, *_), uai in zip(ELEVES, placement):
        db.add("inscriptions", eleve_id=eid, uai=uai, classe_id=f"K{uai}", millesime=C, date_entree="2025-09-02")
    # E01: one locked, published, acknowledged report; E02: one report not locked.
    db.add("bilans_periodiques", bilan_id="B1", eleve_id="E01", classe_id="K0380001A", uai="0380001A", millesime=C,
           periodicite="TRIMESTRE", indice=1, nb_periodes=3, date_creation="2025-11-25 10:00:00",
           mode_creation="SAISIE", date_verrou="2025-12-02 10:00:00", date_publication="2025-12-03 10:00:00",
           date_visa="2025-12-10 18:00:00", synthese_renseignee=True)
    db.add("bilans_periodiques", bilan_id="B2", eleve_id="E02", classe_id="K0380001A", uai="0380001A", millesime=C,
           periodicite="TRIMESTRE", indice=1, nb_periodes=3, date_creation="2025-11-25 10:00:00",
           mode_creation="SAISIE", synthese_renseignee=False)
    db.add("attestations", attestation_id="A1", eleve_id="E05", uai="0380002B", type="ASNS", millesime=C,
           date_obtention="2026-01-15")
    db.add("bilans_cycle", bilan_cycle_id="BC1", eleve_id="E08", uai=MASKED_UAI, cycle=4, millesime=C,
           date_creation="2026-03-01 10:00:00")
    db.add("consultations", consultation_id="CO1", date_consultation="2025-12-05 09:00:00",
           utilisateur_id="P1", profil="ENSEIGNANT", canal="LSU", classe_id_utilisateur="K0380001A",
           eleve_id="E01", objet="BILAN_PERIODIQUE", objet_id="B1")
    # E07's family side: one account, closed before X, used once while active; last year's report BOLD
    # edited this year under an authorisation that lacks its SESAM reference.
    db.add("comptes_responsables", compte_id="R07", eleve_id="E07", date_activation="2024-09-10 08:00:00",
           date_desactivation="2025-06-30 08:00:00")
    db.add("consultations", consultation_id="CO2", date_consultation="2024-12-05 20:00:00", utilisateur_id="R07",
           profil="RESPONSABLE", canal="SERVICE_EN_LIGNE", eleve_id="E07", objet="BILAN_PERIODIQUE", objet_id="BOLD")
    db.add("personnels", personnel_id="DASEN13", uai=None, role="DASEN", nom="Inspecteur", prenom="Dasen")
    db.add("modifications", modification_id="M1", objet="BILAN_PERIODIQUE", objet_id="BOLD",
           date_modification="2025-10-09 16:45:00", auteur_id="DASEN13", action="MODIFICATION")
    db.add("autorisations", autorisation_id="AUT1", uai="0130001D", eleve_id="E07", objet_id="BOLD",
           millesime_concerne=C - 1, autorite="DASEN", signataire_id="DASEN13", date_autorisation="2025-10-01",
           reference_sesam=None, elements_a_modifier="appréciation")
    fill_indicateurs(db)
    fill_anomalies(db)
    db.add("controles", controle_id="T1", debut="2026-03-15 03:00:00", fin="2026-03-15 03:01:00",
           regles=",".join(r for r, _ in RULES), seuils="{}", nb_anomalies=0, version_outil="test")


def _ratio(db, rng, perim, niveau, indicateur, periode=None, masked=False, den=None):
    den = den if den is not None else rng.randint(20, 400)
    num = rng.randint(0, den)
    # A hidden row keeps its values here on purpose: the report must hide them by itself.
    db.add("indicateurs", millesime=C, niveau_perimetre=perim[0], code_perimetre=perim[1], niveau_scolaire=niveau,
           periode=periode, indicateur=indicateur, numerateur=num, denominateur=den, valeur=num / den,
           masque=masked)


def fill_indicateurs(db: ReportDb) -> None:
    rng = random.Random(7)
    for perim in PERIMETRES:
        masked = perim == ("etablissement", MASKED_UAI)
        niveaux = ["TOUS"] + ([NIVEAUX[perim[1]]] if perim[0] == "etablissement" else ["CE2", "6E", "3E"])
        for niveau in niveaux:
            small = 3 if masked else None
            db.add("indicateurs", millesime=C, niveau_perimetre=perim[0], code_perimetre=perim[1],
                   niveau_scolaire=niveau, periode=None, indicateur="EFFECTIF", numerateur=small or rng.randint(50, 5000),
                   denominateur=None, valeur=small or rng.randint(50, 5000), masque=masked)
            for periode in (1, 2):
                for ind in ("BP_SAISIS", "BP_VERROUILLES", "BP_VISES", "BP_VERROUILLES_SAISIE",
                            "BP_CONSULTES_FAMILLES"):
                    _ratio(db, rng, perim, niveau, ind, periode, masked, den=small)
            _ratio(db, rng, perim, niveau, "COMPTES_FAMILLES_ACTIFS", masked=masked, den=small)
            for ind in ("BFC_SAISIS", "BFC_VERROUILLES"):
                _ratio(db, rng, perim, niveau, ind, masked=masked, den=small)
            for dom in DOMAINES_SOCLE:
                for n in (1, 2, 3, 4):
                    _ratio(db, rng, perim, niveau, f"SOCLE_{dom}_{n}", masked=masked, den=small)
            for att, niv in (("AER", "CM2"), ("ASNS", "6E"), ("ASSR1", "5E"), ("ASSR2", "3E"), ("PSC1", "3E"),
                             ("PIX", "3E")):
                if niveau in (niv, "TOUS"):
                    _ratio(db, rng, perim, niveau, f"ATT_{att}", masked=masked, den=small)
            for ind in ("SEL_OUVERT", "PERIODES_PARAMETREES", "CLASSES_IMPORT"):
                _ratio(db, rng, perim, niveau, ind)
            db.add("indicateurs", millesime=C, niveau_perimetre=perim[0], code_perimetre=perim[1],
                   niveau_scolaire=niveau, indicateur="TRANSFERTS_MANQUANTS", numerateur=small or 7,
                   valeur=small or 7, masque=masked)
            for rule, _ in RULES:
                n = rng.randint(0, 60)
                db.add("indicateurs", millesime=C, niveau_perimetre=perim[0], code_perimetre=perim[1],
                       niveau_scolaire=niveau, indicateur=f"ANOMALIES_{rule}", numerateur=n, valeur=n, masque=False)


def fill_anomalies(db: ReportDb) -> None:
    def add(rule, sev, uai, aca, eleve=None, classe=None, objet=None, detail=""):
        db.add("anomalies", rule_id=rule, severite=sev, uai=uai, academie=aca, millesime=C, eleve_id=eleve,
               classe_id=classe, objet_id=objet, detail=detail)
    add("HIS-01", "critique", "0380001A", "08", "E02", "K0380001A", "B2", "Bilan saisi sur une année close.")
    add("VER-03", "mineure", "0380001A", "08", "E02", "K0380001A", "B2", "Bilan B2 à verrouiller.")
    add("REC-01", "info", "0380002B", "08", "E06", None, None, "Aucun bilan ni attestation en 2025.")
    add("REC-01", "info", "0380002B", "08", "E07", None, None, "Aucun bilan ni attestation en 2025.")
    add("TRF-01", "majeure", "0380002B", "08", "E07", None, None, "Transfert depuis l'académie 02 à demander.")
    add("PER-02", "majeure", "0130001D", "02", None, "K0130001D", None, "Classe sans périodes.")
    add("REF-01", "majeure", None, None, None, None, "inscriptions|E99|K1|eleve_id", "Élève E99 inconnu.")
    # One retrieval flagged by two rules: shown once, with both.
    add("EP-01", "majeure", "0380002B", "08", None, "K0380002B", "K0380002B|2025-12-08T13:35:34",
        "Récupération après le premier verrouillage.")
    add("EP-02", "mineure", "0380002B", "08", None, "K0380002B", "K0380002B|2025-12-08T13:35:34",
        "Récupération après la fin de la période 1.")
    # Last year's: its own section, out of the ranking of establishments.
    db.add("anomalies", rule_id="HIS-02", severite="critique", uai="0130001D", academie="02", millesime=C - 1,
           eleve_id="E07", classe_id="KOLD", objet_id="BOLD", detail="Bilan de 2024 modifié sans autorisation.",
           date_evenement="2025-06-20 10:00:00")
    set_keys(db.con)


def set_keys(con) -> None:
    """The identity column `cle`, computed as `check` computes it (the contract's macro)."""
    create_macros(con)
    con.execute("UPDATE anomalies SET cle = cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) "
                "WHERE cle IS NULL")


@pytest.fixture(scope="package")
def report_db(tmp_path_factory):
    """Path of the filled database (closed: reports open it read-only)."""
    path = tmp_path_factory.mktemp("rapports") / "lsu.duckdb"
    db = ReportDb(path)
    db.add("manifeste", contrat=1, millesime_courant=C, date_extraction="2026-03-15 02:00:00",
           perimetre_niveau="academie", perimetre_code="08", encodage="utf-8", format_date="iso",
           separateur_decimal=".", chargement_id="test")
    fill_base(db)
    db.close()
    return path


@pytest.fixture(scope="package")
def hostile_db(report_db, tmp_path_factory):
    """The report base plus what a real base may hold: a 302-character eleve_id, an establishment
    whose name reads like a network reference."""
    path = tmp_path_factory.mktemp("hostile") / "lsu.duckdb"
    path.write_bytes(report_db.read_bytes())
    db = ReportDb.__new__(ReportDb)
    db.con = duckdb.connect(str(path))
    db.add("eleves", eleve_id=LONG_ELEVE_ID, ine="99ZZZZZZZZ9", nom="Longuet", prenom="Ida",
           date_naissance="2014-05-05")
    db.add("inscriptions", eleve_id=LONG_ELEVE_ID, uai="0380001A", classe_id="K0380001A", millesime=C,
           date_entree="2025-09-02")
    db.con.execute("UPDATE etablissements SET nom = ? WHERE uai = '0380001A'", [HOSTILE_NOM])
    db.close()
    return path


@pytest.fixture(scope="package")
def export_db(tmp_path_factory, prepared_export):
    """A real small export: generated, loaded, checked, indicators computed (the project's own modules)."""
    return prepared_export(tmp_path_factory.mktemp("export"), 300, 11)


def _cli(*args) -> list[str]:
    return [sys.executable, "-c", "from lsu_analytics.cli import main; main()", *args]


@pytest.fixture(scope="package")
def rendered(report_db, export_db, hostile_db, tmp_path_factory):
    """Every notebook rendered once through the CLI (two at a time: 2 cores), shared by the tests.

    Returns {key: (html Path, ipynb Path)}, plus the database hashes before rendering."""
    out = tmp_path_factory.mktemp("rendus")
    jobs = {
        "indicateurs": ("indicateurs", export_db, ["-p", "niveau_perimetre=academie", "-p", "code_perimetre=08"]),
        "indicateurs_secret": ("indicateurs", report_db, ["-p", "niveau_perimetre=departement",
                                                          "-p", "code_perimetre=073"]),
        "audit": ("audit_anomalies", report_db, ["-p", "niveau_perimetre=national"]),
        "diagnostic": ("diagnostic_eleve", report_db, ["-p", "eleve_id=E07"]),
        "diagnostic_long": ("diagnostic_eleve", hostile_db, ["-p", f"eleve_id={LONG_ELEVE_ID}"]),
        "audit_hostile": ("audit_anomalies", hostile_db, ["-p", "niveau_perimetre=departement",
                                                          "-p", "code_perimetre=038"]),
    }
    hashes = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (report_db, export_db)}
    results, running = {}, []
    pending = list(jobs.items())
    while pending or running:
        while pending and len(running) < 2:
            key, (nb, db, params) = pending.pop(0)
            proc = subprocess.Popen(_cli("rapport", nb, "--db", str(db), *params, "--out", str(out / key)),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            running.append((key, proc))
        key, proc = running.pop(0)
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{key}: {stderr}"
        htmls, ipynbs = list((out / key).glob("*.html")), list((out / key).glob("*.ipynb"))
        assert len(htmls) == 1 and len(ipynbs) == 1, (key, stdout)
        results[key] = (htmls[0], ipynbs[0])
    results["hashes"] = hashes
    return results


@pytest.fixture(scope="package")
def report_db_factory():
    """ReportDb, for a test that builds its own database (e.g. one with very many anomalies)."""
    return ReportDb


@pytest.fixture(scope="package")
def anomaly_keys():
    return set_keys
