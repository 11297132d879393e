"""Data of the `diagnostic_eleve` report (support, personal data): where a pupil is, what LSU holds
for them, and why they may be missing from LSU's search or their livret incomplete."""
from __future__ import annotations

import pandas as pd

from lsu_analytics.contract.nomenclatures import nom_academie

from . import db, labels


def _q(con, name: str, p: dict) -> pd.DataFrame:
    return db.query(con, f"diagnostic/{name}.sql", eleve_id=p["eleve_id"])


def millesime_courant(con) -> int:
    return int(con.execute(db.sql_text("commun/manifeste.sql")).fetchone()[0])


def identite(con, p: dict) -> pd.DataFrame:
    return _q(con, "identite", p).rename(columns={"eleve_id": "Identifiant", "ine": "INE", "nom": "Nom",
                                                  "prenom": "Prénom", "date_naissance": "Date de naissance"})


def inscriptions(con, p: dict) -> pd.DataFrame:
    return _q(con, "inscriptions", p)


def inscriptions_tableau(df: pd.DataFrame) -> pd.DataFrame:
    """Few, readable columns so that the table fits the page."""
    df = df.assign(
        etablissement=df["etablissement"].fillna("?") + " (" + df["uai"].fillna("?") + ")",
        classe=df["code_division"].fillna("?") + " (" + df["niveau"].map(labels.niveau) + ")",
        degre=df["degre"].map(lambda d: labels.DEGRES.get(d, d)),
        academie=df["academie"].map(labels.academie), departement=df["departement"].map(labels.departement),
        periodicite=df["periodicite"].map(lambda x: labels.PERIODICITES.get(x, x)))
    cols = {"millesime": "Année", "etablissement": "Établissement", "academie": "Académie",
            "departement": "Département", "degre": "Degré", "classe": "Classe", "periodicite": "Périodicité",
            "date_entree": "Entrée", "date_sortie": "Sortie", "classe_id": "classe_id"}
    return df[list(cols)].rename(columns=cols)


def bilans(con, p: dict) -> pd.DataFrame:
    return _q(con, "bilans", p)


def bilans_tableau(df: pd.DataFrame) -> pd.DataFrame:
    df = df.assign(
        periode=df["periodicite"].map(lambda x: labels.PERIODICITES.get(x, x or "?")) + " "
        + df["indice"].astype("string").fillna("?") + "/" + df["nb_periodes"].astype("string").fillna("?"),
        classe=df["code_division"].fillna("?") + " (" + df["niveau"].map(labels.niveau) + ")",
        mode_creation=df["mode_creation"].map(lambda m: labels.MODES_CREATION.get(m, m)))
    cols = {"millesime": "Année", "classe": "Classe", "periode": "Période", "bilan_id": "bilan_id",
            "mode_creation": "Mode de création", "date_verrou": "Verrouillé le", "date_publication": "Publié le",
            "date_visa": "Visé le", "etat": "État", "periode_definie": "Période paramétrée"}
    return df[list(cols)].rename(columns=cols)


def bilans_cycle(con, p: dict) -> pd.DataFrame:
    return _q(con, "bilans_cycle", p).rename(columns={
        "millesime": "Année", "uai": "UAI", "cycle": "Cycle", "bilan_cycle_id": "bilan_cycle_id",
        "date_creation": "Créé le", "date_verrou": "Verrouillé le", "date_visa": "Visé le"})


def attestations(con, p: dict) -> pd.DataFrame:
    df = _q(con, "attestations", p)
    df["libelle"] = df["type"].map(labels.ATTESTATIONS)
    return df[["millesime", "uai", "type", "libelle", "attestation_id", "date_obtention"]].rename(columns={
        "millesime": "Année", "uai": "UAI", "type": "Type", "libelle": "Attestation",
        "date_obtention": "Obtenue le"})


def recherche(con, p: dict) -> pd.DataFrame:
    return _q(con, "recherche", p)


def recherche_constats(df: pd.DataFrame, c: int) -> list[tuple[str, str]]:
    """REC-01, in words, for each establishment where the pupil is enrolled in year C."""
    if df.empty:
        return [("attention", f"Aucune inscription en {c}-{c + 1} dans l'export : la recherche LSU de l'année "
                              "ne peut pas le montrer. Vérifiez l'inscription dans ONDE (1er degré) ou SIECLE "
                              "(2d degré), puis attendez la synchronisation avec LSU.")]
    out = []
    for row in df.itertuples(index=False):  # one row per establishment of year C
        lieu = f"{row.etablissement or '?'} ({row.uai})"
        if row.bilans + row.bilans_cycle + row.attestations == 0:
            out.append(("attention", f"Introuvable dans la recherche LSU à {lieu} (REC-01) : aucun bilan "
                                     f"périodique, bilan de fin de cycle ni attestation en {c}-{c + 1}. Créer "
                                     "son premier bilan (ou l'importer) le rendra visible."))
        else:
            out.append(("ok", f"Visible dans la recherche LSU à {lieu} : {row.bilans} bilan(s) périodique(s), "
                              f"{row.bilans_cycle} bilan(s) de fin de cycle, {row.attestations} attestation(s) "
                              f"en {c}-{c + 1}."))
    return out


def transfert(con, p: dict) -> pd.DataFrame:
    return _q(con, "transfert", p)


def transfert_constats(df: pd.DataFrame) -> list[tuple[str, str]]:
    """TRF-01 (the latest move) and TRF-02 (an older academy left behind), in words, academies by name."""
    if df.empty:
        return [("ok", "Pas de changement d'académie depuis sa dernière inscription : aucun transfert attendu.")]
    out = []
    for row in df.itertuples(index=False):  # one row per (origin, destination) academy pair
        if row.regle == "TRF-02":
            origine, accueil = nom_academie(row.academie_origine), nom_academie(row.academie_accueil)
            annee = f"{row.millesime_precedent}-{row.millesime_precedent + 1}"
            chemin = f"de l'académie de {origine} (quittée après {annee})"
            if row.transfert_fait:
                out.append(("ok", f"Livret transféré {chemin} le {pd.Timestamp(row.date_transfert):%d/%m/%Y}."))
            elif row.documents_origine > 0:
                out.append(("attention", f"Livret resté dans une académie quittée (TRF-02) : {row.documents_origine} "
                                         f"document(s) restent dans l'académie de {origine}, aucun transfert n'en est "
                                         f"parti. L'établissement actuel (académie de {accueil}) demande le transfert "
                                         "du livret dans LSU (fonction « transfert inter-académique »), possible les "
                                         "années qui suivent l'arrivée."))
            else:
                out.append(("info", f"Passé par l'académie de {origine} sans y laisser de document : "
                                    "rien à transférer."))
            continue
        origine, accueil = labels.l_academie(row.academie_origine), labels.l_academie(row.academie_accueil)
        chemin = (f"de {origine} ({row.millesime_precedent}-{row.millesime_precedent + 1}) vers {accueil}")
        if row.transfert_fait:
            out.append(("ok", f"Livret transféré {chemin} le {pd.Timestamp(row.date_transfert):%d/%m/%Y}."))
        elif row.documents_origine > 0:
            out.append(("attention", f"Transfert en attente (TRF-01) {chemin} : {row.documents_origine} document(s) "
                                     f"restent dans {origine}. L'établissement d'accueil "
                                     "demande le transfert du livret dans LSU (fonction « transfert "
                                     "inter-académique »)."))
        else:
            out.append(("info", f"Arrivé {chemin}, sans document dans l'académie d'origine : rien à transférer."))
    return out


def verrouillage_constats(df: pd.DataFrame, c: int) -> list[tuple[str, str]]:
    """Locking / publication state of the periodic reports of year C (and oddities of any year)."""
    courant = df[df["millesime"] == c]
    out = []
    if courant.empty:
        out.append(("attention", f"Aucun bilan périodique en {c}-{c + 1} : le livret de l'année est vide."))
    else:
        verrou = int(courant["date_verrou"].notna().sum())
        publie = int(courant["date_publication"].notna().sum())
        vise = int(courant["date_visa"].notna().sum())
        out.append(("info", f"{len(courant)} bilan(s) périodique(s) en {c}-{c + 1} : {verrou} verrouillé(s), "
                            f"{publie} publié(s) sur le service en ligne, {vise} visé(s) par la famille. Un "
                            "bilan n'est visible des familles qu'une fois verrouillé et publié."))
    incoherents = df[df["etat"].str.contains("VER-02", regex=False)]
    if not incoherents.empty:
        out.append(("attention", f"{len(incoherents)} bilan(s) au verrouillage incohérent avec la publication "
                                 "(VER-02) : " + ", ".join(incoherents["bilan_id"]) + "."))
    sans_periode = df[~df["periode_definie"]]
    if not sans_periode.empty:
        out.append(("attention", f"{len(sans_periode)} bilan(s) sur une période non paramétrée (PER-01) : "
                                 + ", ".join(sans_periode["bilan_id"]) + " ; ils ne s'affichent pas dans le livret."))
    return out


def visibilite(con, p: dict) -> pd.DataFrame:
    return _q(con, "visibilite", p).rename(columns={
        "millesime": "Année", "niveau_bilan": "Niveau de la classe du bilan", "bilans": "Bilans",
        "visible_des_classes_de": "Visibles des enseignants de"})


def consultations(con, p: dict) -> pd.DataFrame:
    return _q(con, "consultations", p).rename(columns={
        "consultation_id": "consultation_id", "date_consultation": "Date", "niveau_enseignant": "Niveau de l'enseignant",
        "niveau_bilan": "Niveau du bilan", "conformite": "Règle de visibilité"})


def controles_faits(con) -> bool:
    """Have the rules been run on this database (else the anomalies below are not known)?"""
    return db.has_table(con, "controles") and bool(db.scalar(con, "diagnostic/controles.sql"))


def anomalies(con, p: dict) -> pd.DataFrame:
    df = _q(con, "anomalies", p)
    df["severite"] = df["severite"].map(labels.SEVERITES)
    return df.rename(columns={"rule_id": "Règle", "severite": "Sévérité", "millesime": "Année", "uai": "UAI",
                              "classe_id": "Classe", "objet_id": "Objet", "detail": "Détail"})


def modifications(con, p: dict) -> pd.DataFrame:
    df = _q(con, "modifications", p)
    df["action"] = df["action"].map(lambda a: labels.ACTIONS.get(a, a))
    df["objet"] = df["objet"].map(lambda o: labels.OBJETS.get(o, o))
    return df.rename(columns={
        "date_modification": "Date", "action": "Action", "objet": "Objet", "objet_id": "Identifiant",
        "modification_id": "modification_id"})


def comptes(con, p: dict) -> pd.DataFrame:
    df = _q(con, "comptes", p)
    df["actif"] = df["actif"].map({True: "oui", False: "non"})
    return df.rename(columns={"compte_id": "Compte", "date_activation": "Activé le",
                              "date_desactivation": "Désactivé le", "actif": "Actif à la date d'extraction"})


def consultations_familles(con, p: dict) -> pd.DataFrame:
    df = _q(con, "consultations_familles", p)
    df["canal"] = df["canal"].map(lambda c: labels.CANAUX.get(c, c))
    df["objet"] = df["objet"].map(lambda o: labels.OBJETS.get(o, o))
    df["compte_actif"] = df["compte_actif"].map({True: "oui", False: "non (VIS-02)"})
    return df.rename(columns={"date_consultation": "Date", "canal": "Canal", "objet": "Document",
                              "objet_id": "Identifiant", "compte_id": "Compte", "compte_actif": "Compte actif alors"})


def famille_constats(con, p: dict, comptes_df: pd.DataFrame, consultations_df: pd.DataFrame) -> list[tuple[str, str]]:
    """Accounts, consultations and the online service of the pupil's collège, in words."""
    out = []
    actifs = int((comptes_df["Actif à la date d'extraction"] == "oui").sum()) if not comptes_df.empty else 0
    if comptes_df.empty:
        out.append(("attention", "Aucun compte famille (EduConnect) pour cet élève : la famille ne voit pas ses "
                                 "bilans en ligne."))
    elif actifs == 0:
        out.append(("attention", f"{len(comptes_df)} compte(s) famille, aucun actif à la date d'extraction."))
    else:
        out.append(("ok", f"{actifs} compte(s) famille actif(s) à la date d'extraction sur {len(comptes_df)}."))
    hors = int((consultations_df["Compte actif alors"] != "oui").sum()) if not consultations_df.empty else 0
    if consultations_df.empty:
        out.append(("info", "Aucune consultation de ses documents par sa famille."))
    else:
        out.append(("attention" if hors else "ok",
                    f"{len(consultations_df)} consultation(s) par la famille"
                    + (f", dont {hors} par un compte qui n'était pas actif pour cet élève (VIS-02)." if hors else ".")))
    for row in _q(con, "service_en_ligne", p).itertuples(index=False):
        lieu = f"{row.etablissement or '?'} ({row.uai})"
        if row.degre != "2D":
            out.append(("info", f"{lieu} est une école : le service en ligne concerne les collèges."))
        elif row.service_en_ligne_ouvert:
            out.append(("ok", f"Service en ligne ouvert aux familles par {lieu}."))
        else:
            out.append(("attention", f"Service en ligne non ouvert aux familles par {lieu} (SEL-01) : la famille ne "
                                     "voit pas les bilans ; le chef d'établissement l'ouvre dans LSU."))
    return out


CRITERES_AUTORISATION = ("même établissement", "bilan visé (ou tous les bilans de l'élève)", "année concernée",
                         "datée au plus tard du jour de la modification", "référence SESAM à 7 chiffres",
                         "signée par l'autorité compétente (DASEN au 1er degré, chef d'établissement au 2d)")


def autorisations(con, p: dict) -> pd.DataFrame:
    """Each edit of a closed year's report with the authorisation that covers it, or what the closest lacks."""
    df = _q(con, "autorisations", p)
    rows = []
    for r in df.itertuples(index=False):
        criteres = list(r.criteres) if isinstance(r.criteres, (list, tuple)) or hasattr(r.criteres, "__len__") \
            else None
        if not isinstance(r.autorisation_id, str):
            couverture = "non couverte : aucune autorisation écrite pour cet élève (HIS-02)"
        elif criteres is not None and all(bool(c) for c in criteres):
            couverture = f"couverte par l'autorisation {r.autorisation_id} (SESAM {r.reference_sesam})"
        else:
            manque = [nom for nom, c in zip(CRITERES_AUTORISATION, criteres or []) if not c]
            couverture = (f"non couverte (HIS-02) : l'autorisation la plus proche, {r.autorisation_id}, n'a pas : "
                          + " ; ".join(manque))
        rows.append((r.date_modification, labels.ACTIONS.get(r.action, r.action), labels.OBJETS.get(r.objet, r.objet),
                     r.objet_id, f"{int(r.millesime)}-{int(r.millesime) + 1}", couverture))
    return pd.DataFrame(rows, columns=["Date", "Action", "Document", "Identifiant", "Année du document",
                                       "Autorisation"])
