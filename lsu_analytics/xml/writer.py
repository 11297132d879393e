"""Writing an LSU import file (the XML a school's software sends to LSU), valid against the official XSD.

The writer invents nothing: every value comes from its caller (`from_tables.py` for a loaded export, the
tests for a tiny hand-made file). Written as the rows come, so a file of any size costs no memory."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lsu_analytics.contract import DOMAINES_SOCLE

from .reader import NS

# Records, in the order of the file (tuples: they come by the thousand):
#   eleves       (id, code_division, nom, prenom)           id-be = rank in the file
#   periodes     (id, millesime, indice, nb_periodes)
#   disciplines  (id, code, modalite_election)
#   enseignants  (id, id_sts, nom, prenom)
#   bilans       dict: eleve, periode, conseil, scolarite, verrou, prof_princ (or None), conseils,
#                vie_scolaire (retards, abs. justifiées, abs. injustifiées),
#                acquis: [dict: discipline, enseignants, moyenne, positionnement, appreciation (each may be None)]
#   cycles       dict: eleve, cycle, millesime, creation, verrou, socle {domaine: positionnement} (all 8)


def write_import(path: Path, *, uai: str, responsable: tuple[str, str], eleves: Iterable[tuple],
                 periodes: Iterable[tuple], disciplines: Iterable[tuple], enseignants: Iterable[tuple],
                 bilans: Iterable[dict] = (), cycles: Iterable[dict] = (), version: str = "3.0",
                 prolog: str = "") -> Path:
    """Write one import file of the school `uai`; `bilans` and `cycles` may be generators."""
    resp_id, resp_libelle = responsable
    with open(path, "w", encoding="utf-8") as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w(prolog)
        w(f'<lsun-bilans xmlns="{NS}" schemaVersion="{version}">\n')
        w(f"  <entete>\n    <editeur>EDITEUR</editeur>\n    <application>APPLI</application>\n"
          f"    <etablissement>{uai}</etablissement>\n  </entete>\n  <donnees>\n")
        w(f'    <responsables-etab>\n      <responsable-etab id="{resp_id}" libelle={quoteattr(resp_libelle)} />\n'
          "    </responsables-etab>\n    <eleves>\n")
        for rang, (ident, division, nom, prenom) in enumerate(eleves, start=1):
            w(f'      <eleve id="{ident}" id-be="{rang}" nom={quoteattr(nom)} prenom={quoteattr(prenom)} '
              f'code-division={quoteattr(division)} />\n')
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
        _bilans(w, bilans, resp_id)
        _cycles(w, cycles, resp_id)
        w("  </donnees>\n</lsun-bilans>\n")
    return path


def _liste(w, tag: str, items: Iterable):
    """The items, inside <tag> written before the first and closed after the last; nothing without any
    (the XSD refuses an empty list)."""
    empty = True
    for item in items:
        if empty:
            w(f"    <{tag}>\n")
            empty = False
        yield item
    if not empty:
        w(f"    </{tag}>\n")


def _bilans(w, bilans: Iterable[dict], resp_id: str) -> None:
    for b in _liste(w, "bilans-periodiques", bilans):
        prof = f' prof-princ-refs="{b["prof_princ"]}"' if b["prof_princ"] else ""
        w(f'      <bilan-periodique eleve-ref="{b["eleve"]}" periode-ref="{b["periode"]}"{prof}\n'
          f'          date-conseil-classe="{b["conseil"]}" date-scolarite="{b["scolarite"]}"\n'
          f'          date-verrou="{b["verrou"]}" responsable-etab-ref="{resp_id}">\n'
          "        <liste-acquis>\n")
        for a in b["acquis"]:
            notes = f' moyenne-eleve="{a["moyenne"]}"' if a["moyenne"] is not None else ""
            if a["positionnement"] is not None:
                notes += f' positionnement="{a["positionnement"]}"'
            appreciation = a["appreciation"]
            w(f'          <acquis discipline-ref="{a["discipline"]}" enseignant-refs="{a["enseignants"]}"{notes}'
              + (f">\n            <appreciation>{escape(appreciation)}</appreciation>\n          </acquis>\n"
                 if appreciation else " />\n"))
        retards, justifiees, injustifiees = b["vie_scolaire"]
        w(f"        </liste-acquis>\n        <acquis-conseils>{escape(b['conseils'])}</acquis-conseils>\n"
          f'        <vie-scolaire nb-retards="{retards}" nb-abs-justifiees="{justifiees}" '
          f'nb-abs-injustifiees="{injustifiees}" />\n      </bilan-periodique>\n')


def _cycles(w, cycles: Iterable[dict], resp_id: str) -> None:
    for c in _liste(w, "bilans-cycle", cycles):
        w(f'      <bilan-cycle eleve-ref="{c["eleve"]}" cycle="{c["cycle"]}" millesime="{c["millesime"]}"'
          f' date-creation="{c["creation"]}" date-verrou="{c["verrou"]}" responsable-etab-ref="{resp_id}">\n'
          "        <socle>\n")
        for code in DOMAINES_SOCLE:
            w(f'          <domaine code="{code}" positionnement="{c["socle"][code]}" />\n')
        w("        </socle>\n        <synthese>Synthèse.</synthese>\n      </bilan-cycle>\n")
