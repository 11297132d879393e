"""The tables of a report as an Excel workbook (`lsu-analytics rapport … --format xlsx`): one sheet per
table, numbers and percentages typed (not text), hidden cells as `s`, names instead of codes. Written with
XlsxWriter; read from the same data functions as the HTML report."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lsu_analytics.contract.vocabulary import SEVERITES

from . import audit, db, format as fmt, indicateurs as ind, labels, relances
from .db import ReportParamError

TEXTE, ENTIER, TAUX, DATE = "texte", "entier", "taux", "date"
COMPTES = ("EFFECTIF", "TRANSFERTS_MANQUANTS")  # plain counts (no denominator), the others are ratios
LARGEUR_MAX = 60  # characters: a column wider than this wraps instead


@dataclass
class Feuille:
    nom: str  # at most 31 characters (Excel)
    colonnes: list[tuple[str, str]]  # (header, type)
    lignes: list[tuple] = field(default_factory=list)
    note: str | None = None  # one line above the table (what a figure means, what is not due)


def _missing(x) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def ratio(masque, numerateur, denominateur, valeur) -> tuple:
    """(numerator, denominator, rate) of a row of `indicateurs`; all three `s` when hidden."""
    if not _missing(masque) and bool(masque):
        return (fmt.SECRET,) * 3
    rate = None if _missing(valeur) or _missing(denominateur) or denominateur == 0 else float(valeur)
    return (None if _missing(numerateur) else int(numerateur),
            None if _missing(denominateur) else int(denominateur), rate)


def compte(masque, valeur):
    if not _missing(masque) and bool(masque):
        return fmt.SECRET
    return None if _missing(valeur) else int(valeur)


def ecrire(feuilles: list[Feuille], path: Path, titre: str) -> Path:
    import xlsxwriter  # only when a workbook is asked for

    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "remove_timezone": True})
    wb.set_properties({"title": titre, "author": "lsu-analytics", "comments": labels.SECRET})
    f_head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    f_note = wb.add_format({"italic": True})
    formats = {ENTIER: wb.add_format({"num_format": "#,##0"}), TAUX: wb.add_format({"num_format": "0.0%"}),
               DATE: wb.add_format({"num_format": "dd/mm/yyyy"}), TEXTE: wb.add_format({"text_wrap": True}),
               "s": wb.add_format({"align": "right"})}
    noms = set()
    for feuille in feuilles:
        nom = _nom_feuille(feuille.nom, noms)
        ws = wb.add_worksheet(nom)
        row = 0
        if feuille.note:
            ws.write_string(row, 0, feuille.note, f_note)
            row += 2
        for c, (header, _) in enumerate(feuille.colonnes):
            ws.write_string(row, c, header, f_head)
        first = row
        for values in feuille.lignes:
            row += 1
            for c, ((_, kind), v) in enumerate(zip(feuille.colonnes, values)):
                if _missing(v):
                    continue
                if v == fmt.SECRET and kind != TEXTE:
                    ws.write_string(row, c, fmt.SECRET, formats["s"])
                elif kind in (ENTIER, TAUX):
                    ws.write_number(row, c, float(v), formats[kind])
                elif kind == DATE:
                    ws.write_datetime(row, c, pd.Timestamp(v).to_pydatetime(), formats[DATE])
                else:
                    ws.write_string(row, c, str(v), formats[TEXTE])
        for c, (header, kind) in enumerate(feuille.colonnes):
            longest = max([len(header) // 2 + 1] + [len(str(v[c])) for v in feuille.lignes[:500] if not _missing(v[c])])
            ws.set_column(c, c, min(max(longest + 2, 8 if kind != TEXTE else 10), LARGEUR_MAX))
        if feuille.colonnes:
            ws.freeze_panes(first + 1, 0)
            ws.autofilter(first, 0, max(row, first), len(feuille.colonnes) - 1)
    wb.close()
    return path


def _nom_feuille(nom: str, pris: set) -> str:
    base = "".join(ch for ch in nom if ch not in "[]:*?/\\")[:31]
    out, i = base, 2
    while out.lower() in pris:
        out = f"{base[:28]} {i}"
        i += 1
    pris.add(out.lower())
    return out


def feuilles(notebook: str, con, p: dict) -> list[Feuille]:
    if notebook == "indicateurs":
        return feuilles_indicateurs(con, p)
    if notebook == "audit_anomalies":
        return feuilles_audit(con, p)
    raise ReportParamError(f"{notebook} : pas d'export en classeur (données personnelles d'un élève) ; "
                           "formats permis : html.")


def _taux_colonnes(nom: str, num: str, den: str) -> list[tuple[str, str]]:
    return [(f"{nom} : {num}", ENTIER), (f"{nom} : {den}", ENTIER), (f"{nom} : taux", TAUX)]


def feuilles_indicateurs(con, p: dict) -> list[Feuille]:
    args = {"millesime": p["millesime"], "niveau": p["niveau_perimetre"], "code": p["code_perimetre"]}
    ech = ind.echeances(con, p)
    out = []

    cles = db.query(con, "indicateurs/chiffres_cles.sql", **args).set_index("indicateur")
    f = Feuille("Chiffres clés", [("Indicateur", TEXTE), ("Numérateur", ENTIER), ("Dénominateur", ENTIER),
                                  ("Taux", TAUX), ("Nombre", ENTIER), ("Remarque", TEXTE)],
                note=f"{ind.sous_titre(con, p)} · {labels.SECRET}")
    for code, libelle in labels.INDICATEURS.items():
        if code not in cles.index:
            continue
        r = cles.loc[code]
        remarque = None
        if code == "ANOMALIES":
            n = int(r["numerateur"] or 0)
            valeur = int(r["valeur"])
            if r["masque"]:
                remarque = f"total incomplet : {n} règle(s) sous secret statistique non comptée(s)"
            f.lignes.append((libelle, None, None, None, valeur, remarque))
            continue
        if code == "BFC_SAISIS" and not ech["bfc_du"]:
            remarque = ind.pas_encore_du_bfc(p)
        if code in COMPTES:
            f.lignes.append((libelle, None, None, None, compte(r["masque"], r["valeur"]), remarque))
        else:
            f.lignes.append((libelle, *ratio(r["masque"], r["numerateur"], r["denominateur"], r["valeur"]), None,
                             remarque))
    out.append(f)

    av = ind.avancement(con, p)
    f = Feuille("Par période", [("Période", ENTIER), ("Indicateur", TEXTE), ("Numérateur", ENTIER),
                                ("Dénominateur", ENTIER), ("Taux", TAUX), ("Remarque", TEXTE)])
    en_cours = ech["periodes_non_terminees"]
    rang = {c: i for i, c in enumerate(labels.INDICATEURS)}
    for r in sorted(av.itertuples(index=False), key=lambda r: (r.periode, rang.get(r.indicateur, 99))):
        remarque = (f"période non terminée (fin le {en_cours[r.periode]:%d/%m/%Y}) : pas encore due"
                    if r.periode in en_cours else None)
        f.lignes.append((int(r.periode), labels.INDICATEURS.get(r.indicateur, r.indicateur),
                         *ratio(r.masque, r.numerateur, r.denominateur, r.valeur), remarque))
    out.append(f)

    niv = db.query(con, "indicateurs/saisie_niveaux.sql", **args)
    f = Feuille("Saisie par niveau", [("Niveau", TEXTE), ("Période", ENTIER), ("Bilans saisis", ENTIER),
                                      ("Bilans attendus", ENTIER), ("Taux de saisie", TAUX), ("Remarque", TEXTE)])
    ordre = {n: i for i, n in enumerate(labels.NIVEAUX_SCOLAIRES)}
    for r in sorted(niv.itertuples(index=False), key=lambda r: (ordre.get(r.niveau_scolaire, 99), r.periode)):
        f.lignes.append((labels.niveau(r.niveau_scolaire), int(r.periode),
                         *ratio(r.masque, r.numerateur, r.denominateur, r.valeur),
                         "pas encore due" if r.periode in en_cours else None))
    out.append(f)

    rel = relances.donnees(con, p)
    f = Feuille("Établissements à relancer", [
        ("Groupe", TEXTE), ("UAI", TEXTE), ("Établissement", TEXTE), ("Direction", TEXTE),
        ("Dernière période terminée", TEXTE), ("Fin de la période", DATE),
        *_taux_colonnes("Bilans", "saisis", "attendus"),
        *_taux_colonnes("Saisie directe", "verrouillés", "saisis")],
        note="Les moins avancés d'abord dans chaque groupe ; « pas encore dû » : aucune période terminée.")
    for r in rel.itertuples(index=False):
        due = not _missing(r.periode)
        f.lignes.append((r.groupe, r.uai, r.nom, relances.direction(r.direction),
                         relances.periode_texte(r.periodicite, r.periode, r.date_fin), r.date_fin if due else None,
                         *(ratio(r.saisis_masque, r.saisis_num, r.saisis_den, r.saisis_valeur) if due else (None,) * 3),
                         *(ratio(r.verrou_masque, r.verrou_num, r.verrou_den, r.verrou_valeur) if due
                           else (None,) * 3)))
    out.append(f)

    sp = ind.sous_perimetres(con, p)
    cols = {**ind.SOUS_COLONNES, **ind.FAMILLES_COLONNES}
    f = Feuille("Sous-périmètres", [("Code", TEXTE), ("Libellé", TEXTE)] + [
        (nom, ENTIER if code == "EFFECTIF" else TAUX) for code, nom in cols.items()])
    for (code, libelle), part in sp.groupby(["code", "libelle"], sort=True):
        valeurs = part.set_index("indicateur")
        ligne = [code, libelle]
        for c in cols:
            if c not in valeurs.index:
                ligne.append(None)
            elif c == "EFFECTIF":
                ligne.append(compte(valeurs.loc[c, "masque"], valeurs.loc[c, "valeur"]))
            else:
                ligne.append(ratio(*valeurs.loc[c, ["masque", "numerateur", "denominateur", "valeur"]])[2])
        f.lignes.append(tuple(ligne))
    out.append(f)

    bfc = db.query(con, "indicateurs/bilans_cycle.sql", **args)
    f = Feuille("Fin de cycle", [("Niveau", TEXTE), ("Indicateur", TEXTE), ("Numérateur", ENTIER),
                                 ("Dénominateur", ENTIER), ("Taux", TAUX)],
                note=None if ech["bfc_du"] else "Bilans de fin de cycle : " + ind.pas_encore_du_bfc(p) + ".")
    for r in sorted(bfc.itertuples(index=False), key=lambda r: (ordre.get(r.niveau_scolaire, 99), r.indicateur)):
        f.lignes.append((labels.niveau(r.niveau_scolaire), labels.INDICATEURS.get(r.indicateur, r.indicateur),
                         *ratio(r.masque, r.numerateur, r.denominateur, r.valeur)))
    out.append(f)

    so = ind.socle(con, p)
    f = Feuille("Maîtrise du socle", [("Niveau", TEXTE), ("Domaine du socle", TEXTE), ("Positionnement", TEXTE),
                                      ("Bilans", ENTIER), ("Bilans évaluant le domaine", ENTIER), ("Part", TAUX)])
    for r in sorted(so.itertuples(index=False), key=lambda r: (ordre.get(r.niveau_scolaire, 99), r.domaine_libelle,
                                                               r.positionnement)):
        f.lignes.append((labels.niveau(r.niveau_scolaire), r.domaine_libelle, r.positionnement_libelle,
                         *ratio(r.masque, r.numerateur, r.denominateur, r.valeur)))
    out.append(f)

    att = ind.attestations(con, p)
    f = Feuille("Attestations", [("Attestation", TEXTE), ("Niveau concerné", TEXTE), ("Élèves titulaires", ENTIER),
                                 ("Élèves du niveau", ENTIER), ("Taux", TAUX)])
    for r in att.itertuples(index=False):
        f.lignes.append((labels.ATTESTATIONS.get(r.type, r.type), labels.niveau(r.niveau_scolaire),
                         *ratio(r.masque, r.numerateur, r.denominateur, r.valeur)))
    out.append(f)

    an = db.query(con, "indicateurs/anomalies.sql", **args)
    titres = ind.rule_titles()
    f = Feuille("Anomalies par règle", [("Règle", TEXTE), ("Intitulé", TEXTE), ("Anomalies", ENTIER)])
    for r in an.itertuples(index=False):
        f.lignes.append((r.rule_id, titres.get(r.rule_id, ""), compte(r.masque, r.nombre)))
    out.append(f)
    return out


def feuilles_audit(con, p: dict) -> list[Feuille]:
    out = []
    regles = audit.par_regle(con, p)
    f = Feuille("Par règle", [("Règle", TEXTE), ("Intitulé", TEXTE), ("Sévérité", TEXTE), ("Anomalies", ENTIER),
                              ("Dont année en cours", ENTIER), ("Dont années antérieures", ENTIER),
                              ("Établissements", ENTIER), ("Élèves", ENTIER), ("Que faire", TEXTE)],
                note=audit.sous_titre(p))
    for r in regles.itertuples(index=False):
        f.lignes.append((r.rule_id, r.titre, r.severite_libelle, r.nombre, r.courantes, r.anterieures,
                         r.etablissements, r.eleves, r.remediation))
    out.append(f)
    sp = audit.sous_perimetres_tableau(con, p)
    if not sp.empty:
        f = Feuille("Par sous-périmètre", [(c, TEXTE if i == 0 else ENTIER) for i, c in enumerate(sp.columns)],
                    note="Anomalies de l'année en cours.")
        f.lignes = [tuple(r) for r in sp.itertuples(index=False)]
        out.append(f)
    etabs = db.query(con, "audit/etablissements.sql", limite=1_000_000, **audit._args(p))
    f = Feuille("Établissements", [("UAI", TEXTE), ("Établissement", TEXTE), ("Critiques", ENTIER),
                                   ("Majeures", ENTIER), ("Mineures", ENTIER), ("Informations", ENTIER),
                                   ("Total", ENTIER)],
                note="Anomalies de l'année en cours ; un objet signalé par plusieurs règles compte une fois.")
    f.lignes = [tuple(r) for r in etabs[["uai", "etablissement", *SEVERITES, "total"]].itertuples(index=False)]
    out.append(f)
    ant = audit.anterieures_tableau(con, p)
    f = Feuille("Années antérieures", [(c, ENTIER if c in ("Anomalies", "Établissements") else TEXTE)
                                       for c in ant.columns])
    f.lignes = [tuple(r) for r in ant.itertuples(index=False)]
    out.append(f)
    return out


def render_classeur(notebook: str, db_path: Path, params: dict, out_dir: Path,
                    today: dt.date | None = None) -> Path:
    """Check the parameters like the HTML report, then write OUT/<notebook>-<perimetre>-<date>.xlsx."""
    from .notebooks import NOTEBOOKS
    from .params import notebook_spec, validate_params
    from .paths import report_stem

    spec = notebook_spec(notebook)
    if spec.name not in ("indicateurs", "audit_anomalies"):
        feuilles(spec.name, None, {})  # raises the French refusal
    checked = validate_params(spec.name, db_path, params)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{report_stem(spec.name, checked, today)}.xlsx"
    con = audit.connect(checked) if spec.name == "audit_anomalies" else db.connect(checked["db"])
    try:
        return ecrire(feuilles(spec.name, con, checked), path, NOTEBOOKS[spec.name].titre)
    finally:
        con.close()
