"""Run the rules of the catalogue on a DuckDB connection and store their rows in `anomalies`."""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from lsu_analytics import __version__
from lsu_analytics.contract import SYSTEM_TABLES, create_macros, quote, visibilite_rows
from lsu_analytics.contract.nomenclatures import nomenclature_rows
from lsu_analytics.database import resource_error_message

from .catalog import Rule, default_seuils, load_catalog
from .errors import RulesError, UnknownRuleError, UnknownThresholdError

ANOMALY_COLUMNS = SYSTEM_TABLES["anomalies"].column_names
# Stable row order, so that two runs on the same export give the same rows in the same order.
ORDER_BY = "rule_id, uai NULLS FIRST, millesime NULLS FIRST, eleve_id NULLS FIRST, classe_id NULLS FIRST, objet_id NULLS FIRST"

# progress(rule_id, done, total): called before each rule (done = rules finished) and once at the end.
Progress = Callable[[str | None, int, int], None]


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    nb_anomalies: int
    nb_etablissements: int  # distinct non-NULL uai among its rows
    duree_s: float  # SQL time of the rule (INSERT ... SELECT)


@dataclass
class RulesRun:
    controle_id: str
    debut: datetime
    fin: datetime
    seuils: dict[str, int]
    results: list[RuleResult] = field(default_factory=list)

    @property
    def rule_ids(self) -> list[str]:
        return [r.rule.id for r in self.results]

    @property
    def nb_anomalies(self) -> int:
        return sum(r.nb_anomalies for r in self.results)

    @property
    def duree_sql_s(self) -> float:
        return sum(r.duree_s for r in self.results)

    def par_severite(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.rule.severite] = counts.get(r.rule.severite, 0) + r.nb_anomalies
        return counts

    def count(self, rule_id: str) -> int:
        return next(r.nb_anomalies for r in self.results if r.rule.id == rule_id)

    def summary(self) -> list[dict]:
        """One dict per rule run (catalogue order): id, titre, severite, nb_anomalies, nb_etablissements, duree_s."""
        return [{"id": r.rule.id, "titre": r.rule.titre, "severite": r.rule.severite, "nb_anomalies": r.nb_anomalies,
                 "nb_etablissements": r.nb_etablissements, "duree_s": r.duree_s} for r in self.results]


def select_rules(catalog: list[Rule], rule_ids: Iterable[str] | None) -> list[Rule]:
    """The rules to run, in catalogue order; an unknown id is an error listing the known ones."""
    if rule_ids is None:
        return list(catalog)
    wanted = [i.strip().upper() for i in rule_ids if i and i.strip()]
    known = {r.id for r in catalog}
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise UnknownRuleError(f"règle(s) inconnue(s) : {', '.join(unknown)}. Règles disponibles : "
                               f"{', '.join(r.id for r in catalog)}.")
    if not wanted:
        raise UnknownRuleError("aucune règle demandée ; donner des identifiants, par ex. --regles PER-01,HIS-02.")
    return [r for r in catalog if r.id in wanted]


def resolve_seuils(catalog: list[Rule], seuils: Mapping[str, int] | None) -> dict[str, int]:
    """Defaults of the catalogue overridden by `seuils`; an unknown name is an error listing the known ones."""
    resolved = default_seuils(catalog)
    for name, value in (seuils or {}).items():
        if name not in resolved:
            known = ", ".join(f"{k} (défaut {v})" for k, v in sorted(resolved.items()))
            raise UnknownThresholdError(f"seuil inconnu : « {name} ». Seuils disponibles : {known}.")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UnknownThresholdError(f"seuil {name} : « {value} » n'est pas un nombre entier de jours positif ou nul.")
        resolved[name] = value
    return resolved


def bind_variables(con: duckdb.DuckDBPyConnection, seuils: Mapping[str, int]) -> None:
    """C, X and the thresholds, read by the rule SQL with getvariable() (bound, never pasted)."""
    try:
        rows = con.execute("SELECT millesime_courant, date_extraction FROM manifeste").fetchall()
    except duckdb.Error as e:
        raise RulesError(f"la base ne contient pas la table manifeste ({e}) : charger un export avec "
                         "`lsu-analytics load` avant de lancer les contrôles.") from None
    if len(rows) != 1 or rows[0][0] is None or rows[0][1] is None:
        raise RulesError(f"la table manifeste doit contenir une ligne avec millesime_courant et date_extraction "
                         f"(elle en contient {len(rows)}) : recharger l'export avec `lsu-analytics load`.")
    con.execute("SET VARIABLE millesime_courant = ?", [rows[0][0]])
    con.execute("SET VARIABLE date_extraction = CAST(? AS TIMESTAMP)", [rows[0][1]])
    con.execute("SET VARIABLE visibilite = ?", [visibilite_rows()])
    con.execute("SET VARIABLE academies = ?", [nomenclature_rows()["nom_academies"]])
    create_macros(con)
    for name, value in seuils.items():
        con.execute(f"SET VARIABLE {quote('seuil_' + name)} = CAST(? AS INTEGER)", [value])


def insert_sql(rule: Rule) -> str:
    cols = ", ".join(quote(c) for c in ANOMALY_COLUMNS)
    return f"INSERT INTO anomalies ({cols})\nSELECT {cols} FROM (\n{rule.sql}\n) AS regle\nORDER BY {ORDER_BY}"


def run_rules(con: duckdb.DuckDBPyConnection, rule_ids: Iterable[str] | None = None,
              seuils: Mapping[str, int] | None = None, progress: Progress | None = None) -> RulesRun:
    """Run the rules (all, or `rule_ids`), replace their rows in `anomalies`, log the run in `controles`.

    All or nothing: if one rule fails, `anomalies` is left as it was and RulesError names the rule.
    """
    catalog = load_catalog()
    rules = select_rules(catalog, rule_ids)
    resolved = resolve_seuils(catalog, seuils)
    run = RulesRun(controle_id=uuid.uuid4().hex, debut=datetime.now(), fin=datetime.now(), seuils=resolved)
    bind_variables(con, resolved)
    timings: dict[str, float] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM anomalies WHERE list_contains(?, rule_id)", [[r.id for r in rules]])
        for done, rule in enumerate(rules):
            if progress:
                progress(rule.id, done, len(rules))
            start = time.perf_counter()
            try:
                con.execute(insert_sql(rule))
            except duckdb.Error as e:
                cause = resource_error_message(e) or str(e)
                raise RulesError(f"la règle {rule.id} ({rule.sql_path}) a échoué : {cause}") from None
            timings[rule.id] = time.perf_counter() - start
        counts = {
            rid: (n, ne) for rid, n, ne in con.execute(
                "SELECT rule_id, count(*), count(DISTINCT uai) FROM anomalies "
                "WHERE list_contains(?, rule_id) GROUP BY rule_id", [[r.id for r in rules]]).fetchall()}
        run.results = [RuleResult(r, *counts.get(r.id, (0, 0)), duree_s=timings[r.id]) for r in rules]
        run.fin = datetime.now()
        con.execute("INSERT INTO controles (controle_id, debut, fin, regles, seuils, nb_anomalies, version_outil) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [run.controle_id, run.debut, run.fin, ",".join(run.rule_ids),
                     json.dumps(resolved, sort_keys=True), run.nb_anomalies, __version__])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if progress:
        progress(None, len(rules), len(rules))
    return run
