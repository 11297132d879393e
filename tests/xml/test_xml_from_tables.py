"""Import files derived from a generated export: valid against the official XSD, and read back they give
the export's own bilans of the school (what the XSD can hold)."""
from __future__ import annotations

from decimal import Decimal

from lsu_analytics.xml import read_import


def _source(con, uai: str) -> dict:
    """The school's locked periodic reports of the current year with a synthesis and subjects, by (pupil,
    nb_periodes, indice), straight from the export: (date_verrou, vie scolaire, {subject: (pos, moyenne, app.)})."""
    rows = con.execute(
        "SELECT b.eleve_id, b.nb_periodes, b.indice, b.date_verrou, coalesce(b.vie_scolaire_renseignee, false), "
        "a.discipline_code, a.positionnement, a.moyenne_eleve, coalesce(a.appreciation_renseignee, false) "
        "FROM bilans_periodiques b JOIN acquis a USING (bilan_id) "
        "WHERE b.uai = ? AND b.millesime = (SELECT millesime_courant FROM manifeste) "
        "AND b.date_verrou IS NOT NULL AND b.synthese_renseignee", [uai]).fetchall()
    out: dict = {}
    for eleve, nb, indice, verrou, vie, code, pos, moyenne, app in rows:
        bilan = out.setdefault((eleve, nb, indice), (verrou, vie, {}))
        bilan[2][code] = (pos, None if moyenne is None else Decimal(moyenne).quantize(Decimal("0.01")), app)
    return out


def test_files_are_valid_against_the_official_xsd(generated, xsd):
    _, files = generated
    assert len(files) == 3
    for path in files.values():
        content = read_import(path, xsd)
        assert content.xsd and content.valid and content.problems == [], (path, content.problems[:3])
        assert content.counts()["bilans_periodiques"] > 100


def test_read_back_the_bilans_of_the_export(generated, xsd):
    con, files = generated
    for uai, path in files.items():
        content = read_import(path, xsd)
        assert content.uai == uai
        source = _source(con, uai)
        bilans = content.tables["bilans_periodiques"].to_dicts()
        acquis: dict = {}
        for a in content.tables["acquis"].to_dicts():
            acquis.setdefault(a["bilan_id"], {})[a["discipline_code"]] = (
                a["positionnement"], None if a["moyenne_eleve"] is None else Decimal(str(a["moyenne_eleve"])).quantize(
                    Decimal("0.01")), a["appreciation_renseignee"])
        assert len(bilans) == len(source)  # one per pupil and period: none left out, none twice
        for b in bilans:
            eleve = b["eleve_id"].removeprefix(f"{uai}:")
            verrou, vie, matieres = source[(eleve, b["nb_periodes"], b["indice"])]
            assert (b["date_verrou"], b["vie_scolaire_renseignee"], b["synthese_renseignee"]) == (verrou, vie, True)
            assert acquis[b["bilan_id"]] == matieres, b["bilan_id"]
