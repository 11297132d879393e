"""`lsu-analytics indicateurs`: French summary, exit codes, rules run first when nothing was checked."""
from __future__ import annotations

from typer.testing import CliRunner

from lsu_analytics.cli import app
from lsu_analytics.cli.indicateurs import FAMILLES_LIBELLES
from lsu_analytics.indicators.compute import FAMILLES

E1 = "0380001A"
runner = CliRunner()


def _small(export):
    export.etab(E1, degre="1D", circonscription="C1")
    export.periodes(E1, ["2025-11-30", "2026-02-28", "2026-06-30"])
    cp = export.classe(E1, "CP")
    for e in export.eleves(cp, E1, 6):
        export.bilan(e, cp, E1, 1, verrou=True, publie=True)


def test_calcule_et_resume_en_francais(export, tiny_db):
    _small(export)
    tiny_db.add("controles", controle_id="deja", nb_anomalies=1)       # un contrôle a déjà tourné
    export.anomalie("SEL-01", uai=E1)
    result = runner.invoke(app, ["indicateurs", "--db", str(tiny_db.path), "--seuil-secret", "6"])
    assert result.exit_code == 0, result.output
    assert "Bilans périodiques (BP_*)" in result.output and "masquée(s)" in result.output
    assert "Exécution des règles" not in result.output
    rows = tiny_db.rows("SELECT valeur, masque FROM indicateurs WHERE indicateur = 'EFFECTIF' "
                        "AND niveau_perimetre = 'etablissement' AND niveau_scolaire = 'TOUS'")
    assert rows == [(None, True)]                                        # 6 élèves, seuil 6
    assert tiny_db.rows("SELECT valeur FROM indicateurs WHERE indicateur = 'ANOMALIES_SEL-01' "
                        "AND niveau_perimetre = 'national' AND niveau_scolaire = 'TOUS'") == [(1,)]


def test_lance_les_regles_si_aucun_controle(export, tiny_db):
    _small(export)
    cp = tiny_db.rows("SELECT classe_id FROM classes")[0][0]
    export.eleves(cp, E1, 1)                          # ni bilan ni attestation : REC-01
    result = runner.invoke(app, ["indicateurs", "--db", str(tiny_db.path)])
    assert result.exit_code == 0, result.output
    assert tiny_db.rows("SELECT count(*) FROM controles") == [(1,)]
    ecarts = tiny_db.rows("""
        SELECT a.rule_id, count(*), any_value(i.valeur)
        FROM anomalies a
        JOIN indicateurs i ON i.indicateur = 'ANOMALIES_' || a.rule_id AND i.niveau_perimetre = 'national'
                          AND i.niveau_scolaire = 'TOUS'
        GROUP BY a.rule_id HAVING count(*) <> any_value(i.valeur)""")
    assert ecarts == []
    assert tiny_db.rows("SELECT valeur FROM indicateurs WHERE indicateur = 'ANOMALIES_REC-01' "
                        "AND niveau_perimetre = 'etablissement' AND niveau_scolaire = 'CP'") == [(1,)]


def test_base_introuvable_code_2(tmp_path):
    result = runner.invoke(app, ["indicateurs", "--db", str(tmp_path / "absente.duckdb")])
    assert result.exit_code == 2
    assert "base introuvable" in result.output


def test_manifeste_vide_code_2(tiny_db):
    tiny_db.con.execute("DELETE FROM manifeste")
    tiny_db.add("controles", controle_id="deja")
    result = runner.invoke(app, ["indicateurs", "--db", str(tiny_db.path)])
    assert result.exit_code == 2
    assert "manifeste" in result.output and "lsu-analytics load" in result.output


def test_echec_des_regles_code_2(export, tiny_db, monkeypatch):
    import lsu_analytics.rules as rules

    def boom(con):
        raise RuntimeError("règle cassée")
    monkeypatch.setattr(rules, "run_rules", boom)
    _small(export)
    result = runner.invoke(app, ["indicateurs", "--db", str(tiny_db.path)])
    assert result.exit_code == 2
    assert "règles métier ont échoué" in result.output
    assert tiny_db.rows("SELECT count(*) FROM indicateurs") == [(0,)]


def test_every_family_has_a_french_label():
    assert set(FAMILLES) <= set(FAMILLES_LIBELLES)
