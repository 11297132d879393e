"""LSU's import pre-checks against a small loaded export (tiny_db), which is never modified."""
import hashlib

import pytest
from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.xml import XmlImportError, precheck, read_import
from lsu_xml_files import bilan

UAI = "0382032C"
NAMES = ("Nomconfidentiel", "Prenomconfidentiel")
ELEVES = tuple((ident, division, f"{NAMES[0]}{i}", f"{NAMES[1]}{i}") for i, (ident, division) in enumerate([
    ("EL_OK", "6EME_1"),        # everything in order
    ("EL_SAISIE", "6EME_2"),    # class in SAISIE
    ("EL_ABSENT", "6EME_9"),    # class unknown to LSU
    ("EL_SEM", "6EME_3"),       # class periodicity SEMESTRE, no semester defined
    ("EL_DATE", "6EME_1"),      # date-scolarite outside LSU's period
    ("EL_NB", "6EME_1"),        # the file counts 2 periods, LSU 3
    ("EL_PROF", "6EME_1"),      # unknown teacher: warning only
    ("EL_OLD", "6EME_1"),       # a past year
]))


@pytest.fixture
def export_db(tiny_db):
    """A loaded export: one school, its classes and trimesters for 2025, one known teacher."""
    tiny_db.manifeste(millesime_courant=2025)
    tiny_db.add("etablissements", uai=UAI, degre="2D")
    for classe_id, division, periodicite, source in [("C1", "6EME_1", "TRIMESTRE", "IMPORT"),
                                                     ("C2", "6EME_2", "TRIMESTRE", "SAISIE"),
                                                     ("C3", "6EME_3", "SEMESTRE", "IMPORT")]:
        tiny_db.add("classes", classe_id=classe_id, uai=UAI, millesime=2025, code_division=division, niveau="6E",
                    periodicite=periodicite, source_donnees=source, type_positionnement="NOTES")
    tiny_db.add("classes", classe_id="C_OLD", uai=UAI, millesime=2024, code_division="6EME_1", niveau="6E",
                periodicite="TRIMESTRE", source_donnees="IMPORT", type_positionnement="NOTES")
    for indice, debut, fin in [(1, "2025-09-01", "2025-11-30"), (2, "2025-12-01", "2026-02-28"),
                               (3, "2026-03-01", "2026-07-04")]:
        tiny_db.add("periodes", uai=UAI, millesime=2025, periodicite="TRIMESTRE", nb_periodes=3, indice=indice,
                    date_debut=debut, date_fin=fin)
    tiny_db.add("periodes", uai=UAI, millesime=2024, periodicite="TRIMESTRE", nb_periodes=3, indice=1,
                date_debut="2024-09-01", date_fin="2024-11-30")
    tiny_db.add("personnels", personnel_id="1001", uai=UAI, role="ENSEIGNANT", nom="Profun", prenom="Anne")
    tiny_db.close()  # pre-checks open the base read only
    return tiny_db.path


@pytest.fixture
def import_file(lsu_file):
    acquis_prof = [dict(discipline="DI_1", enseignants="ENS_2", moyenne="15")]
    return lsu_file(
        eleves=ELEVES,
        periodes=(("P_1", 2025, 1, 3), ("P_S", 2025, 1, 2), ("P_OLD", 2024, 1, 3)),
        enseignants=(("ENS_1", "1001", "Profun", "Anne"), ("ENS_2", "2002", "Inconnu", "Paul")),
        bilans=[bilan("EL_OK", "P_1"), bilan("EL_SAISIE", "P_1"), bilan("EL_ABSENT", "P_1"),
                bilan("EL_SEM", "P_1"), bilan("EL_DATE", "P_1", scolarite="2025-08-25"),
                bilan("EL_NB", "P_S"), bilan("EL_PROF", "P_1", acquis=acquis_prof),
                bilan("EL_OLD", "P_OLD", conseil="2024-11-28", scolarite="2024-09-02")])


def _by_eleve(verdicts):
    return {v.eleve_ref: v for v in verdicts}


def _codes(verdict):
    return {m.code for m in verdict.motifs}


def test_each_lsu_refusal_is_named_per_bilan(import_file, export_db):
    content = read_import(import_file)
    assert content.valid
    verdicts = _by_eleve(precheck(content, export_db))
    assert len(verdicts) == 8
    assert _codes(verdicts["EL_OK"]) == set() and verdicts["EL_OK"].statut == "importable"
    assert _codes(verdicts["EL_SAISIE"]) == {"PARAMETRAGE_INCOHERENT"}
    assert "paramétrage incohérent" in verdicts["EL_SAISIE"].motifs[0].detail
    assert _codes(verdicts["EL_ABSENT"]) == {"CLASSE_INTROUVABLE"}
    assert "6EME_9" in verdicts["EL_ABSENT"].motifs[0].detail
    assert _codes(verdicts["EL_SEM"]) == {"PERIODES_NON_PARAMETREES"}
    assert "SEMESTRE" in verdicts["EL_SEM"].motifs[0].detail
    assert _codes(verdicts["EL_DATE"]) == {"DATES_PERIODE"}
    assert "25/08/2025" in verdicts["EL_DATE"].motifs[0].detail
    assert _codes(verdicts["EL_NB"]) == {"PERIODES_NON_PARAMETREES"}
    assert "2 périodes, LSU en a 3" in verdicts["EL_NB"].motifs[0].detail
    assert _codes(verdicts["EL_OLD"]) == {"ANNEE_ANTERIEURE"}
    for ref in ("EL_SAISIE", "EL_ABSENT", "EL_SEM", "EL_DATE", "EL_NB", "EL_OLD"):
        assert verdicts[ref].refuse, ref


def test_unknown_teacher_is_only_a_warning(import_file, export_db):
    verdict = _by_eleve(precheck(read_import(import_file), export_db))["EL_PROF"]
    assert _codes(verdict) == {"ENSEIGNANT_INCONNU"}
    assert not verdict.refuse and verdict.statut == "importé, avec avertissement"
    assert "ENS_2" in verdict.motifs[0].detail and "2002" in verdict.motifs[0].detail
    assert "Inconnu" not in verdict.motifs[0].detail  # teachers are designated by id, not by name


def test_teacher_known_by_name_when_ids_differ(lsu_file, export_db):
    path = lsu_file(eleves=(("EL_1", "6EME_1", "A", "B"),), enseignants=(("ENS_1", "9999", "PROFUN", "anne"),),
                    bilans=[bilan("EL_1", "P_1")])
    assert _codes(precheck(read_import(path), export_db)[0]) == set()


def test_precheck_never_modifies_the_base(import_file, export_db):
    before = hashlib.sha256(export_db.read_bytes()).hexdigest()
    precheck(read_import(import_file), export_db)
    assert hashlib.sha256(export_db.read_bytes()).hexdigest() == before


def test_base_without_an_export_is_refused(import_file, tmp_path):
    with pytest.raises(XmlImportError, match="introuvable"):
        precheck(read_import(import_file), tmp_path / "absente.duckdb")


def test_cli_with_db_gives_verdicts_without_names(import_file, export_db, tmp_path):
    before = hashlib.sha256(export_db.read_bytes()).hexdigest()
    out = tmp_path / "import.duckdb"
    result = CliRunner().invoke(app, ["import-xml", str(import_file), "--db", str(export_db), "--out", str(out)],
                                env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output  # predicted refusals are the answer, not a failure
    assert "EL_SAISIE · P_1" in result.output and "paramétrage incohérent" in result.output
    assert "classe introuvable" in result.output
    assert "Verdict : 8 bilan(s), 6 refusé(s) par LSU, 1 importable(s) avec avertissement" in result.output
    assert NAMES[0] not in result.output and NAMES[1] not in result.output
    assert hashlib.sha256(export_db.read_bytes()).hexdigest() == before
    assert out.exists()


def test_cli_refuses_out_equal_to_db(import_file, export_db):
    result = CliRunner().invoke(app, ["import-xml", str(import_file), "--db", str(export_db),
                                      "--out", str(export_db)], env={"COLUMNS": "250"})
    assert result.exit_code == 2 and "jamais modifiée" in result.output
