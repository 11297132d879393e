"""Ground truth: every rule injected, equal to an independent check, rejections at the right lines."""
from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date, datetime

import pytest

from gen_helpers import HERE, SMALL, detect_anomalies, load_export, read_json, truth_anomalies
from lsu_analytics.contract import TABLES
from lsu_analytics.generate import generate_export

RULES_MD = HERE.parents[2] / "shared" / "spec" / "rules.md"
MOTIFS = {"TYPE_INVALIDE", "VALEUR_REQUISE_MANQUANTE", "CODE_HORS_LISTE", "CLE_PRIMAIRE_EN_DOUBLE"}


def rule_ids() -> list[str]:
    return re.findall(r"^\*\*([A-Z]{2,3}-\d{2}) ·", RULES_MD.read_text(encoding="utf-8"), flags=re.M)


def test_every_rule_injected_at_least_twice(small_export):
    ids = rule_ids()
    assert len(ids) == 21
    counts = Counter(r[0] for r in truth_anomalies(small_export))
    missing = {r: counts.get(r, 0) for r in ids if counts.get(r, 0) < 2}
    assert not missing, f"règles trop peu injectées : {missing}"
    assert set(counts) <= set(ids)


def test_truth_equals_independent_detection(small_export, small_db):
    expected = truth_anomalies(small_export)
    found = detect_anomalies(small_db)
    missing = sorted(expected - found, key=str)[:10]
    extra = sorted(found - expected, key=str)[:10]
    assert not missing and not extra, f"non détectées : {missing}\nnon déclarées : {extra}"


def test_truth_header(small_export):
    verite = read_json(small_export / "verite_terrain.json")
    assert (verite["graine"], verite["eleves"], verite["millesime_courant"]) == (7, SMALL, 2025)
    for a in verite["anomalies"]:
        assert set(a) == {"rule_id", "uai", "academie", "millesime", "eleve_id", "classe_id", "objet_id"}
        if a["uai"] is not None:
            assert a["academie"] is not None and len(a["academie"]) == 2
    # Les horodatages des clés composites sont en ISO.
    keys = [a["objet_id"] for a in verite["anomalies"] if a["rule_id"] in ("PAR-01", "EP-01")]
    assert keys and all(re.search(r"\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", k) for k in keys)


def records_by_line(path):
    """Each CSV record with the physical line where it starts (1 = header)."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";", quotechar='"')
        start, out = 1, {}
        for row in reader:
            out[start] = row
            start = reader.line_num + 1
    return out


def unreadable(value: str, type_: str) -> bool:
    readers = {"int": int, "date": date.fromisoformat, "timestamp": datetime.fromisoformat,
               "bool": lambda v: {"0": 0, "1": 1}[v]}
    try:
        readers[type_](value)
    except (ValueError, KeyError):
        return True
    return False


def test_rejections_point_at_the_faulty_row(small_export):
    rejets = read_json(small_export / "verite_terrain.json")["rejets"]
    assert {r["motif"] for r in rejets} == MOTIFS
    assert any(r["fichier"] == "autorisations.csv" for r in rejets)  # fichier à champs multilignes
    for r in rejets:
        table = TABLES[r["fichier"].removesuffix(".csv")]
        records = records_by_line(small_export / r["fichier"])
        header = records[1]
        row = dict(zip(header, records[r["ligne"]]))
        if r["motif"] == "CLE_PRIMAIRE_EN_DOUBLE":
            assert r["colonne"] is None
            key = tuple(row[k] for k in table.pk)
            earlier = [line for line, rec in records.items() if 1 < line < r["ligne"]
                       and tuple(dict(zip(header, rec))[k] for k in table.pk) == key]
            assert earlier, r
            continue
        column = table.column(r["colonne"])
        value = row[column.name]
        if r["motif"] == "VALEUR_REQUISE_MANQUANTE":
            assert value == "" and column.name in table.required_columns, r
        elif r["motif"] == "CODE_HORS_LISTE":
            assert value not in {str(c) for c in column.codes}, r
        else:
            assert unreadable(value, column.type), r


def test_loaded_rows_respect_the_contract(small_db):
    """Apart from the declared rejections, every row loads: codes, required values, unique keys."""
    for table in TABLES.values():
        for col in table.columns:
            if col.codes:
                codes = [str(c) for c in col.codes]
                bad = small_db.execute(
                    f'SELECT count(*) FROM {table.name} WHERE "{col.name}" IS NOT NULL '
                    f'AND CAST("{col.name}" AS VARCHAR) NOT IN ({", ".join("?" for _ in codes)})', codes
                ).fetchall()[0][0]
                assert bad == 0, f"{table.name}.{col.name}"
        for name in table.required_columns:
            nulls = small_db.execute(f'SELECT count(*) FROM {table.name} WHERE "{name}" IS NULL').fetchall()[0][0]
            assert nulls == 0, f"{table.name}.{name}"
        if table.pk:
            cols = ", ".join(f'"{c}"' for c in table.pk)
            dups = small_db.execute(
                f"SELECT count(*) FROM (SELECT {cols} FROM {table.name} GROUP BY ALL HAVING count(*) > 1)"
            ).fetchall()[0][0]
            assert dups == 0, table.name


@pytest.mark.parametrize(("pupils", "seed", "millesime"), [(200, 1, 2025), (200, 5, 2023)])
def test_small_exports_and_other_years(tmp_path, pupils, seed, millesime):
    out = generate_export(tmp_path / "e", pupils=pupils, seed=seed, millesime=millesime)
    expected = truth_anomalies(out)
    counts = Counter(r[0] for r in expected)
    assert all(counts.get(r, 0) >= 2 for r in rule_ids()), counts
    con = load_export(out)
    try:
        assert detect_anomalies(con) == expected
    finally:
        con.close()


def test_trf02_near_misses_are_injected(small_export, small_db):
    """Old moves the truth must NOT list: transfer from A to another academy, current enrolment in A."""
    small_db.execute("""
        CREATE OR REPLACE TEMP TABLE anciennes AS
        SELECT DISTINCT i.eleve_id, e.academie
        FROM inscriptions i JOIN etablissements e USING (uai)
        WHERE i.millesime < getvariable('c')
          AND i.millesime < (SELECT max(millesime) FROM inscriptions j
                             WHERE j.eleve_id = i.eleve_id AND j.millesime < getvariable('c'))
          AND e.academie <> (SELECT any_value(e2.academie) FROM inscriptions j JOIN etablissements e2 USING (uai)
                             WHERE j.eleve_id = i.eleve_id AND j.millesime = getvariable('c') - 1)""")
    vers_autre = {r for r in small_db.execute("""
        SELECT a.eleve_id, a.academie FROM anciennes a JOIN transferts t
          ON t.eleve_id = a.eleve_id AND t.academie_origine = a.academie AND t.academie_accueil = '27'""").fetchall()}
    retour = {r for r in small_db.execute("""
        SELECT a.eleve_id, a.academie FROM anciennes a
        WHERE EXISTS (SELECT 1 FROM inscriptions i JOIN etablissements e USING (uai)
                      WHERE i.eleve_id = a.eleve_id AND i.millesime = getvariable('c') AND e.academie = a.academie)
          AND NOT EXISTS (SELECT 1 FROM transferts t WHERE t.eleve_id = a.eleve_id AND t.academie_origine = a.academie)
        """).fetchall()}
    assert vers_autre and retour
    trf02 = {(a[4], a[6]) for a in truth_anomalies(small_export) if a[0] == "TRF-02"}
    assert len(trf02) >= 2 and not (vers_autre | retour) & trf02
