"""Synthetic LSU import files (valid against the official XSD): for the tests and `bench import-xml`.
Written as they are generated, so a file of any size costs no memory."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lsu_analytics.contract import DOMAINES_SOCLE

from .reader import NS


def bilan(eleve: str, periode: str, *, conseil: str = "2025-11-28", scolarite: str = "2025-09-02",
          acquis: Iterable[dict] | None = None, prof_princ: str | None = None) -> dict:
    return dict(eleve=eleve, periode=periode, conseil=conseil, scolarite=scolarite,
                acquis=list(acquis) if acquis is not None else [dict(discipline="DI_1", enseignants="ENS_1",
                                                                     moyenne="12/20")],
                prof_princ=prof_princ)


def write_lsu(path: Path, *, uai: str = "0382032C", version: str = "3.0", prolog: str = "",
              eleves=(("EL_1", "6EME_1", "Nomun", "Prenomun"),),
              periodes=(("P_1", 2025, 1, 3),),
              disciplines=(("DI_1", "020700", "S"),),
              enseignants=(("ENS_1", "1001", "Profun", "Anne"),),
              bilans: Iterable[dict] = (), cycles: Iterable[dict] = ()) -> Path:
    """Write an import file; `bilans` may be a generator (big files are written as they come)."""
    with open(path, "w", encoding="utf-8") as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w(prolog)
        w(f'<lsun-bilans xmlns="{NS}" schemaVersion="{version}">\n')
        w(f"  <entete>\n    <editeur>EDITEUR</editeur>\n    <application>APPLI</application>\n"
          f"    <etablissement>{uai}</etablissement>\n  </entete>\n  <donnees>\n")
        w('    <responsables-etab>\n      <responsable-etab id="RESP_1" libelle="Chef Un" />\n'
          "    </responsables-etab>\n    <eleves>\n")
        for i, (ident, division, nom, prenom) in enumerate(eleves, start=1):
            w(f'      <eleve id="{ident}" id-be="{i}" nom={quoteattr(nom)} prenom={quoteattr(prenom)} '
              f'code-division="{division}" />\n')
        w("    </eleves>\n    <periodes>\n")
        for ident, millesime, indice, nb in periodes:
            w(f'      <periode id="{ident}" millesime="{millesime}" indice="{indice}" nb-periodes="{nb}" />\n')
        w("    </periodes>\n    <disciplines>\n")
        for ident, code, modalite in disciplines:
            w(f'      <discipline id="{ident}" code="{code}" modalite-election="{modalite}" libelle="Matière" />\n')
        w("    </disciplines>\n    <enseignants>\n")
        for ident, id_sts, nom, prenom in enseignants:
            w(f'      <enseignant id="{ident}" type="epp" id-sts="{id_sts}" civilite="MME" nom={quoteattr(nom)} '
              f'prenom={quoteattr(prenom)} />\n')
        w("    </enseignants>\n")
        first = True
        for b in bilans:
            if first:
                w("    <bilans-periodiques>\n")
                first = False
            prof = f' prof-princ-refs="{b["prof_princ"]}"' if b["prof_princ"] else ""
            w(f'      <bilan-periodique eleve-ref="{b["eleve"]}" periode-ref="{b["periode"]}"{prof}\n'
              f'          date-conseil-classe="{b["conseil"]}" date-scolarite="{b["scolarite"]}"\n'
              f'          date-verrou="2025-12-01T08:00:00" responsable-etab-ref="RESP_1">\n'
              "        <liste-acquis>\n")
            for a in b["acquis"]:
                moyenne = f' moyenne-eleve="{a["moyenne"]}"' if a.get("moyenne") is not None else ""
                if a.get("positionnement") is not None:
                    moyenne += f' positionnement="{a["positionnement"]}"'
                w(f'          <acquis discipline-ref="{a["discipline"]}" enseignant-refs="{a["enseignants"]}"'
                  f'{moyenne}>\n'
                  "            <appreciation>Bon travail.</appreciation>\n          </acquis>\n")
            w("        </liste-acquis>\n        <acquis-conseils>Continuer ainsi.</acquis-conseils>\n"
              '        <vie-scolaire nb-retards="0" nb-abs-justifiees="1" nb-abs-injustifiees="0" />\n'
              "      </bilan-periodique>\n")
        if not first:
            w("    </bilans-periodiques>\n")
        cycles = list(cycles)
        if cycles:
            w("    <bilans-cycle>\n")
            for c in cycles:
                w(f'      <bilan-cycle eleve-ref="{c["eleve"]}" cycle="{c["cycle"]}" millesime="{c["millesime"]}"'
                  ' date-creation="2026-06-20" date-verrou="2026-06-21T08:00:00" responsable-etab-ref="RESP_1">\n'
                  "        <socle>\n")
                for code in DOMAINES_SOCLE:
                    w(f'          <domaine code="{code}" positionnement="{c["socle"].get(code, 3)}" />\n')
                w("        </socle>\n        <synthese>Synthèse.</synthese>\n      </bilan-cycle>\n")
            w("    </bilans-cycle>\n")
        w("  </donnees>\n</lsun-bilans>\n")
    return path


def write_big(path: Path, n_bilans: int, version: str = "3.0") -> Path:
    """A school with `n_bilans` periodic reports of 10 subjects each, written as generated."""
    eleves = [(f"EL_{i}", f"6EME_{i % 30}", f"Nom{i}", f"Prenom{i}") for i in range(n_bilans // 3 + 1)]
    disciplines = [(f"DI_{k}", f"{20700 + k:06d}", "S") for k in range(10)]
    enseignants = [(f"ENS_{k}", str(1000 + k), f"Prof{k}", "X") for k in range(10)]

    def bilans():
        for i in range(n_bilans):
            yield bilan(f"EL_{i // 3}", f"P_{i % 3 + 1}", acquis=[
                dict(discipline=f"DI_{k}", enseignants=f"ENS_{k}", moyenne=f"{(i + k) % 20}.5/20") for k in range(10)])

    return write_lsu(path, version=version, eleves=eleves, periodes=[("P_1", 2025, 1, 3), ("P_2", 2025, 2, 3), ("P_3", 2025, 3, 3)],
                     disciplines=disciplines, enseignants=enseignants, bilans=bilans())
