"""Where a run's export comes from: a folder, a .zip, or the most recent export of a drop folder."""
from __future__ import annotations

import os
import shutil

import pytest

import pipeline_fakes as fakes
from lsu_analytics.pipelines.source import SourceError, latest_export, resolve_source
from lsu_analytics.pipelines.spec import SourceSpec


def test_latest_is_chosen_by_extraction_date_not_by_name_or_mtime(tmp_path):
    fakes.make_export(tmp_path / "b-ancien", date_extraction="2026-03-01T02:00:00")
    fakes.make_export(tmp_path / "a-recent", date_extraction="2026-03-22T02:00:00")
    os.utime(tmp_path / "a-recent", (0, 0))  # oldest modification time: ignored
    chosen = latest_export(tmp_path)
    assert chosen.path == (tmp_path / "a-recent").resolve()
    assert "2026-03-22" in chosen.selection


def test_latest_skips_an_export_still_being_copied_and_hidden_entries(tmp_path):
    fakes.make_export(tmp_path / "2026-03-15", date_extraction="2026-03-15T02:00:00")
    (tmp_path / "2026-03-22").mkdir()  # no manifest yet
    (tmp_path / "2026-03-22" / "eleves.csv").write_text("eleve_id\n")
    fakes.make_export(tmp_path / ".tmp-2026-03-29", date_extraction="2026-03-29T02:00:00")
    (tmp_path / "notes.txt").write_text("pas un export")
    assert latest_export(tmp_path).path.name == "2026-03-15"


def test_latest_considers_zip_archives(tmp_path):
    fakes.make_export(tmp_path / "2026-03-15", date_extraction="2026-03-15T02:00:00")
    src = fakes.make_export(tmp_path / "staging" / "x", date_extraction="2026-03-29T02:00:00")
    shutil.make_archive(str(tmp_path / "drop" / "export-29"), "zip", src)
    shutil.copytree(tmp_path / "2026-03-15", tmp_path / "drop" / "2026-03-15")
    chosen = latest_export(tmp_path / "drop")
    assert chosen.kind == "zip" and chosen.path.name == "export-29.zip"


def test_empty_drop_folder_says_what_to_do(tmp_path):
    (tmp_path / "vide").mkdir()
    with pytest.raises(SourceError, match="aucun export dans .*vide.*Déposez-y"):
        latest_export(tmp_path / "vide")
    with pytest.raises(SourceError, match="n'existe pas"):
        resolve_source(SourceSpec("plus_recent", tmp_path / "absent"))


def test_fingerprint_follows_content(tmp_path):
    folder = fakes.make_export(tmp_path / "e")
    a = resolve_source(SourceSpec("dossier", folder))
    assert resolve_source(SourceSpec("dossier", folder)).fingerprint == a.fingerprint
    os.utime(folder / "etablissements.csv", (0, 0))  # touching is not changing
    assert resolve_source(SourceSpec("dossier", folder)).fingerprint == a.fingerprint
    with open(folder / "etablissements.csv", "a", encoding="utf-8") as f:
        f.write("0010004D;x;1D;PU;10;001;C01;0\n")
    assert resolve_source(SourceSpec("dossier", folder)).fingerprint != a.fingerprint
