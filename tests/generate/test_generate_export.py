"""The generated export follows the contract: files, headers, manifest, dialect, determinism."""
from __future__ import annotations

import csv
import hashlib
import re

import pytest

from lsu_analytics.contract import TABLES
from lsu_analytics.contract.tables import UAI_PATTERN
from lsu_analytics.generate import generate_export

from gen_helpers import SMALL, read_json


def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=";", quotechar='"'))


def iso_of_fr(value: str) -> str:
    """02/09/2025 08:30:00 -> 2025-09-02T08:30:00 ; leaves anything else (empty, unreadable) as it is."""
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})( (\d{2}:\d{2}:\d{2}))?", value)
    if not m:
        return value
    return f"{m[3]}-{m[2]}-{m[1]}" + (f"T{m[5]}" if m[4] else "")


def test_every_table_with_contract_header(small_export):
    manifest = read_json(small_export / "manifest.json")
    assert set(manifest["fichiers"]) == {f"{t}.csv" for t in TABLES}
    for table in TABLES.values():
        rows = read_csv(small_export / f"{table.name}.csv")
        assert tuple(rows[0]) == table.column_names, table.name
        assert len(rows) > 1, f"{table.name} est vide"


def test_manifest_counts_and_hashes(small_export):
    manifest = read_json(small_export / "manifest.json")
    assert manifest["contrat"] == 1
    assert manifest["millesime_courant"] == 2025
    assert manifest["date_extraction"] == "2026-03-15T02:00:00"
    assert manifest["perimetre"] == {"niveau": "national", "code": "FR"}
    assert (manifest["encodage"], manifest["format_date"]) == ("utf-8", "iso")
    for name, info in manifest["fichiers"].items():
        raw = (small_export / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == info["sha256"], name
        assert len(read_csv(small_export / name)) - 1 == info["lignes"], name
    assert read_json(small_export / "verite_terrain.json")["eleves"] == SMALL


def test_reference_data_formats(small_db):
    uais = [r[0] for r in small_db.execute("SELECT uai FROM etablissements").fetchall()]
    assert uais and all(re.match(UAI_PATTERN, u) for u in uais)
    academies = small_db.execute("SELECT DISTINCT academie FROM etablissements").fetchall()
    assert len(academies) >= 2 and all(len(a[0]) == 2 for a in academies)
    assert small_db.execute("SELECT bool_and(len(departement) = 3) FROM etablissements").fetchall()[0][0]
    assert small_db.execute(
        "SELECT bool_and((degre = '1D') = (circonscription IS NOT NULL)) FROM etablissements").fetchall()[0][0]
    assert small_db.execute("SELECT bool_and(len(ine) = 11) FROM eleves").fetchall()[0][0]
    roles = {r[0] for r in small_db.execute("SELECT DISTINCT role FROM personnels").fetchall()}
    assert {"ENSEIGNANT", "DIRECTEUR", "CHEF_ETABLISSEMENT", "DASEN", "IEN"} <= roles


def test_pupils_progress_over_three_years_and_move(small_db):
    # Niveaux successifs d'un même élève : +1 chaque année.
    bad = small_db.execute("""
        SELECT count(*) FROM inscriptions a JOIN classes ca ON ca.classe_id = a.classe_id
        JOIN inscriptions b ON b.eleve_id = a.eleve_id AND b.millesime = a.millesime + 1
        JOIN classes cb ON cb.classe_id = b.classe_id
        WHERE list_position(['CP','CE1','CE2','CM1','CM2','6E','5E','4E','3E'], cb.niveau)
           <> list_position(['CP','CE1','CE2','CM1','CM2','6E','5E','4E','3E'], ca.niveau) + 1""").fetchall()[0][0]
    assert bad == 0
    years = small_db.execute("SELECT count(DISTINCT millesime) FROM inscriptions").fetchall()[0][0]
    assert years >= 3
    three_years = small_db.execute(
        "SELECT count(*) FROM (SELECT eleve_id FROM inscriptions GROUP BY 1 HAVING count(DISTINCT millesime) = 3)"
    ).fetchall()[0][0]
    assert three_years > SMALL / 3
    movers = small_db.execute("""
        SELECT count(*) FILTER (WHERE ea.academie <> eb.academie), count(*) FILTER (WHERE a.uai <> b.uai
               AND ea.degre = eb.degre)
        FROM inscriptions a JOIN inscriptions b ON b.eleve_id = a.eleve_id AND b.millesime = a.millesime + 1
        JOIN etablissements ea ON ea.uai = a.uai JOIN etablissements eb ON eb.uai = b.uai""").fetchall()[0]
    assert movers[0] > 0 and movers[1] > 0
    assert small_db.execute("SELECT count(*) FROM transferts").fetchall()[0][0] > 0


def test_variety_for_indicators(small_db):
    row = small_db.execute("""
        SELECT count(*) FILTER (WHERE date_verrou IS NULL), count(*) FILTER (WHERE date_verrou IS NOT NULL),
               count(*) FILTER (WHERE date_visa IS NULL AND date_publication IS NOT NULL),
               count(*) FILTER (WHERE date_visa IS NOT NULL)
        FROM bilans_periodiques WHERE millesime = 2025""").fetchall()[0]
    assert all(v > 0 for v in row), row
    periodicites = {r[0] for r in small_db.execute("SELECT DISTINCT periodicite FROM classes").fetchall()}
    assert {"TRIMESTRE", "SEMESTRE"} <= periodicites
    sources = {r[0] for r in small_db.execute("SELECT DISTINCT source_donnees FROM classes").fetchall()}
    assert sources == {"SAISIE", "IMPORT"}
    assert small_db.execute("SELECT count(DISTINCT domaine_code) FROM bilans_cycle_socle").fetchall()[0][0] == 8
    assert small_db.execute("SELECT count(DISTINCT cycle) FROM bilans_cycle").fetchall()[0][0] == 3
    per_bilan = small_db.execute(
        "SELECT count(*) / count(DISTINCT bilan_id) FROM acquis").fetchall()[0][0]
    assert 5 <= per_bilan <= 8


def test_names_stress_the_csv_dialect(small_export):
    text = (small_export / "eleves.csv").read_text(encoding="utf-8")
    rows = read_csv(small_export / "eleves.csv")[1:]
    names = [r[2] for r in rows] + [r[3] for r in rows]
    assert any(";" in n for n in names)
    assert any('"' in n for n in names)
    assert any("'" in n for n in names)
    assert any(c in "".join(names) for c in "éèëïôü")
    assert '""' in text  # guillemets doublés
    autorisations = read_csv(small_export / "autorisations.csv")[1:]
    assert any("\n" in r[-1] for r in autorisations)


def test_same_seed_same_bytes_other_seed_differs(tmp_path, small_export):
    again = generate_export(tmp_path / "bis", pupils=SMALL, seed=7)
    other = generate_export(tmp_path / "autre", pupils=SMALL, seed=8)
    files = read_json(small_export / "manifest.json")["fichiers"]
    assert read_json(again / "manifest.json")["fichiers"] == files
    assert (again / "verite_terrain.json").read_bytes() == (small_export / "verite_terrain.json").read_bytes()
    other_files = read_json(other / "manifest.json")["fichiers"]
    assert other_files["eleves.csv"]["sha256"] != files["eleves.csv"]["sha256"]
    assert other_files["acquis.csv"]["sha256"] != files["acquis.csv"]["sha256"]


def test_windows_1252_and_french_dates(tmp_path, small_export):
    out = generate_export(tmp_path / "fr", pupils=SMALL, seed=7, encoding="windows-1252", date_format="fr")
    manifest = read_json(out / "manifest.json")
    assert (manifest["encodage"], manifest["format_date"]) == ("windows-1252", "fr")
    assert manifest["date_extraction"] == "2026-03-15T02:00:00"  # toujours ISO dans le manifeste
    raw = (out / "eleves.csv").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == manifest["fichiers"]["eleves.csv"]["sha256"]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    fr_rows = read_csv(out / "eleves.csv", encoding="windows-1252")
    iso_rows = read_csv(small_export / "eleves.csv")
    assert len(fr_rows) == len(iso_rows)
    # Mêmes données, seules les dates changent de forme.
    for fr, iso in zip(fr_rows[1:50], iso_rows[1:50]):
        assert fr[:4] == iso[:4]
        d, m, y = fr[4].split("/")
        assert f"{y}-{m}-{d}" == iso[4]
    # Toutes les tables : mêmes valeurs, dates au format français.
    for table in TABLES.values():
        fr_all = read_csv(out / f"{table.name}.csv", encoding="windows-1252")
        iso_all = read_csv(small_export / f"{table.name}.csv")
        assert len(fr_all) == len(iso_all), table.name
        for col in table.columns:
            i = table.column_names.index(col.name)
            fr_col = [r[i] for r in fr_all[1:]]
            iso_col = [r[i] for r in iso_all[1:]]
            if col.type in ("date", "timestamp"):
                fr_col = [iso_of_fr(v) for v in fr_col]
            assert fr_col == iso_col, f"{table.name}.{col.name}"
    bilans = read_csv(out / "bilans_periodiques.csv", encoding="windows-1252")
    header = bilans[0]
    created = bilans[1][header.index("date_creation")]
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}", created)


def test_parquet_export(tmp_path):
    import duckdb

    out = generate_export(tmp_path / "pq", pupils=200, seed=3, fmt="parquet")
    manifest = read_json(out / "manifest.json")
    assert set(manifest["fichiers"]) == {f"{t}.parquet" for t in TABLES}
    con = duckdb.connect()
    for name, info in manifest["fichiers"].items():
        path = out / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == info["sha256"]
        n = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall()[0][0]
        assert n == info["lignes"], name
        cols = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
        assert tuple(cols) == TABLES[name.removesuffix(".parquet")].column_names
    # Rejets : rang de la ligne à partir de 1 ; pas de valeur illisible dans un Parquet typé.
    rejets = read_json(out / "verite_terrain.json")["rejets"]
    assert rejets and "TYPE_INVALIDE" not in {r["motif"] for r in rejets}
    for r in rejets:
        table = TABLES[r["fichier"].removesuffix(".parquet")]
        row = con.execute(f"SELECT * FROM read_parquet(?) LIMIT 1 OFFSET {r['ligne'] - 1}",
                          [str(out / r["fichier"])]).fetchall()[0]
        values = dict(zip(table.column_names, row))
        if r["motif"] == "VALEUR_REQUISE_MANQUANTE":
            assert values[r["colonne"]] is None
        elif r["motif"] == "CODE_HORS_LISTE":
            assert str(values[r["colonne"]]) not in {str(c) for c in table.column(r["colonne"]).codes}
    again = generate_export(tmp_path / "pq2", pupils=200, seed=3, fmt="parquet")
    assert read_json(again / "manifest.json") == manifest
    # Régénéré en CSV dans le même dossier : plus aucun fichier Parquet que le manifeste ne liste pas.
    generate_export(again, pupils=200, seed=3)
    assert not list(again.glob("*.parquet"))


def test_cli_generate(tmp_path):
    from typer.testing import CliRunner

    from lsu_analytics.cli import app

    result = CliRunner().invoke(app, ["generate", "--pupils", "120", "--seed", "5", "--out", str(tmp_path / "cli"),
                                      "--format-date", "fr"])
    assert result.exit_code == 0, result.output
    assert re.search(r"en \d+\.\d s, pic mémoire \d+ Mio", result.output)  # the figures a benchmark reads
    assert read_json(tmp_path / "cli" / "manifest.json")["format_date"] == "fr"
    bad = CliRunner().invoke(app, ["generate", "--pupils", "120", "--seed", "5", "--out", str(tmp_path / "x"),
                                   "--encodage", "latin-9"])
    assert bad.exit_code != 0
    assert "encodage" in bad.output
