"""Check a report's parameters against its declaration and the database, before anything runs.

Every value is compared with what the database holds through bound parameters; a value
that is not allowed stops here with a French message listing what is allowed.
"""
from __future__ import annotations

import re
from pathlib import Path

from lsu_analytics.contract.vocabulary import INE_PATTERN, NIVEAUX_PERIMETRE

from .errors import ReportParamError
from .notebooks import NOTEBOOKS, NotebookSpec, Param

MAX_LISTED = 30  # allowed codes listed in an error message
INT_RE = re.compile(r"[+-]?[0-9]{1,9}")  # ASCII digits only ("²".isdigit() is true); no 5,000-digit integer


def notebook_spec(notebook: str) -> NotebookSpec:
    """`indicateurs` or `indicateurs.ipynb`; nothing else (no path)."""
    name = notebook[:-len(".ipynb")] if isinstance(notebook, str) and notebook.endswith(".ipynb") else notebook
    if name not in NOTEBOOKS:
        raise ReportParamError(
            f"notebook inconnu : {_show(notebook)}. Notebooks disponibles : {', '.join(NOTEBOOKS)}."
        )
    return NOTEBOOKS[name]


def check_declared(notebook: str, params: dict) -> dict:
    """Names, types and allowed values, from the declaration alone: no database, no heavy import.
    Returns the typed values; raises ReportParamError (French message)."""
    spec = notebook_spec(notebook)
    params = dict(params or {})
    unknown = sorted(set(params) - set(spec.param_names))
    if unknown:
        raise ReportParamError(
            f"paramètre(s) inconnu(s) pour {spec.name} : {', '.join(_show(u) for u in unknown)}. "
            f"Paramètres permis : {_describe(spec)}."
            + (" La base se donne avec --db." if "db" in unknown else "")
        )
    return {p.name: _typed(spec, p, params.get(p.name, p.default)) for p in spec.params}


def validate_params(notebook: str, db: str | Path, params: dict) -> dict:
    """Return the complete, checked parameters of `notebook` (db included, as an absolute path).

    Raises ReportParamError (French message) on an unknown name, a wrong type, a value outside
    the allowed ones, or a perimeter / pupil absent from the database.
    """
    spec = notebook_spec(notebook)
    values = check_declared(spec.name, params)
    db_path = Path(db).expanduser().resolve()
    con = _db().connect(db_path)
    try:
        checker = {"indicateurs": _check_indicateurs, "audit_anomalies": _check_audit,
                   "diagnostic_eleve": _check_diagnostic}[spec.name]
        checker(con, values)
        if values.get("historique") is not None:
            values["historique"] = _check_historique(con, values["historique"])
    finally:
        con.close()
    return {"db": str(db_path), **values}


def _db():
    from . import db  # noqa: PLC0415 (duckdb and pandas: only once the declaration holds)

    return db


def _typed(spec: NotebookSpec, p: Param, value):
    """Type and allowed values, from the declaration alone (strings from the CLI are accepted)."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if p.kind == "int":
        if isinstance(value, bool) or not (isinstance(value, int) and abs(value) < 10 ** 9 or (
                isinstance(value, str) and INT_RE.fullmatch(value.strip()))):
            raise ReportParamError(
                f"{spec.name} : le paramètre {p.name} doit être un entier écrit en chiffres 0-9, au plus 9 "
                f"chiffres ({p.description}), reçu {_show(value)}."
            )
        return int(value)
    if not isinstance(value, str):
        raise ReportParamError(
            f"{spec.name} : le paramètre {p.name} doit être un texte ({p.description}), reçu {_show(value)}."
        )
    value = value.strip()
    if p.kind == "choice" and value not in p.choices:
        raise ReportParamError(
            f"{spec.name} : valeur {_show(value)} refusée pour {p.name}. Valeurs permises : {', '.join(p.choices)}."
        )
    return value


def _manifeste(con) -> tuple:
    if not _db().has_table(con, "manifeste"):
        raise ReportParamError("la base n'a pas de table manifeste : chargez d'abord un export (`lsu-analytics load`).")
    row = con.execute(_db().sql_text("commun/manifeste.sql")).fetchone()
    if row is None:
        raise ReportParamError("la table manifeste est vide : chargez d'abord un export (`lsu-analytics load`).")
    return row


def _perimetre(con, values: dict, codes_sql: str, **sql_params) -> None:
    """Default to the export's perimeter; the code must exist at that level."""
    _, _, niveau_export, code_export = _manifeste(con)
    if values["niveau_perimetre"] is None and values["code_perimetre"] is None:
        values["niveau_perimetre"], values["code_perimetre"] = niveau_export, code_export
    elif values["niveau_perimetre"] is None:
        raise ReportParamError("code_perimetre est donné sans niveau_perimetre : donnez les deux "
                               f"(niveaux permis : {', '.join(NIVEAUX_PERIMETRE)}).")
    elif values["code_perimetre"] is None:
        if values["niveau_perimetre"] != "national":
            raise ReportParamError(f"donnez code_perimetre pour le niveau {values['niveau_perimetre']}.")
        values["code_perimetre"] = "FR"
    niveau = values["niveau_perimetre"]
    codes = [r[0] for r in con.execute(_db().sql_text(codes_sql), {"niveau": niveau, **sql_params}).fetchall()]
    if values["code_perimetre"] not in codes:
        raise ReportParamError(
            f"périmètre {niveau} {_show(values['code_perimetre'])} absent de la base. "
            + (f"Codes permis pour {niveau} : {_listing(codes)}." if codes else
               f"Aucun périmètre de niveau {niveau} dans la base.")
        )


def _check_indicateurs(con, values: dict) -> None:
    if not _db().has_table(con, "indicateurs"):
        raise ReportParamError("la base n'a pas de table indicateurs : lancez `lsu-analytics indicateurs`.")
    millesimes = [r[0] for r in con.execute(_db().sql_text("commun/millesimes_indicateurs.sql")).fetchall()]
    if not millesimes:
        raise ReportParamError("la table indicateurs est vide : lancez d'abord `lsu-analytics indicateurs`.")
    if values["millesime"] is None:
        values["millesime"] = _manifeste(con)[0]
    if values["millesime"] not in millesimes:
        raise ReportParamError(
            f"aucun indicateur pour le millésime {values['millesime']}. Millésimes permis : "
            f"{', '.join(str(m) for m in millesimes)}."
        )
    _perimetre(con, values, "commun/codes_indicateurs.sql", millesime=values["millesime"])


def _check_audit(con, values: dict) -> None:
    if not _db().has_table(con, "anomalies"):
        raise ReportParamError("la base n'a pas de table anomalies : lancez `lsu-analytics check`.")
    _perimetre(con, values, "commun/codes_etablissements.sql")


def _check_historique(con, historique: str) -> str:
    """A history database of the export's perimeter (lsu_analytics.history.rapports.valider)."""
    from lsu_analytics.history import HistoryError
    from lsu_analytics.history.rapports import valider

    _, _, niveau, code = _manifeste(con)
    try:
        return str(valider(historique, (niveau, code)))
    except HistoryError as e:
        raise ReportParamError(f"historique : {e}") from None


def _check_diagnostic(con, values: dict) -> None:
    eleve_id, ine = values["eleve_id"], values["ine"]
    if (eleve_id is None) == (ine is None):
        raise ReportParamError("diagnostic_eleve : donnez soit eleve_id, soit ine (exactement un des deux).")
    if eleve_id is not None:
        if con.execute(_db().sql_text("commun/eleve_par_id.sql"), {"eleve_id": eleve_id}).fetchone() is None:
            raise ReportParamError(
                f"aucun élève d'identifiant {_show(eleve_id)} dans la table eleves. Permis : un eleve_id "
                "présent dans l'export, ou ine=<INE à 11 caractères>."
            )
        return
    # The INE is personal data: never echoed back in a message.
    if not re.match(INE_PATTERN, ine.upper()):  # looked up case-insensitively (eleve_par_ine.sql)
        raise ReportParamError("ine : un INE compte exactement 11 lettres ou chiffres.")
    found = [r[0] for r in con.execute(_db().sql_text("commun/eleve_par_ine.sql"), {"ine": ine}).fetchall()]
    if not found:
        raise ReportParamError("aucun élève avec cet INE dans la table eleves. Permis : un INE présent dans "
                               "l'export, ou eleve_id=<identifiant>.")
    if len(found) > 1:
        raise ReportParamError(f"cet INE est porté par plusieurs élèves ({_listing(found)}) : "
                               "relancez avec eleve_id=<l'un d'eux>.")
    values["eleve_id"], values["ine"] = found[0], None  # the INE goes no further


def _show(value) -> str:
    text = str(value)
    return "« " + (text if len(text) <= 60 else text[:57] + "…") + " »"


def _listing(codes: list) -> str:
    shown = ", ".join(str(c) for c in codes[:MAX_LISTED])
    return shown + (f" … ({len(codes)} en tout)" if len(codes) > MAX_LISTED else "")


def _describe(spec: NotebookSpec) -> str:
    return "; ".join(
        f"{p.name} ({p.description}" + (f" : {', '.join(p.choices)}" if p.choices else "") + ")"
        for p in spec.params
    )
