"""The business rules in GX: one expectation per rule, on the already computed `anomalies` table.

Nothing is recomputed: each expectation lists the rows of `anomalies` written for
its rule, so the Data Docs show every rule with its count and example rows.
"""
from __future__ import annotations

from typing import Iterable, Protocol

import great_expectations.expectations as gxe
from great_expectations import ExpectationSuite
from great_expectations.render import LegacyDiagnosticRendererType, RenderedTableContent
from great_expectations.render.renderer.renderer import renderer

from lsu_analytics.common.sqlfiles import read_sql
from lsu_analytics.contract.vocabulary import RULE_ID
from .result import GxError

RULES_SUITE = "regles"
RULES_TABLE = "anomalies"
_QUERY = read_sql(__package__, "sql/rule_rows.sql")
EXAMPLE_ROWS = 20  # example rows shown per rule in the Data Docs
# Column order of the examples (GX hands the rows back with their keys sorted).
EXAMPLE_COLUMNS = ("rule_id", "severite", "uai", "academie", "millesime", "eleve_id", "classe_id", "objet_id",
                   "detail")


class ExpectRuleAnomalies(gxe.UnexpectedRowsExpectation):
    """UnexpectedRowsExpectation whose Data Docs show example rows of `anomalies`.

    GX keeps the rows (at most 200, result_format COMPLETE) but its renderer only
    prints their count; this renderer adds the first EXAMPLE_ROWS as a table.
    """

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        # GX fetches up to 200 rows per rule; keep only those shown, so that storing and rendering
        # the results does not serialise thousands of rows (the count stays observed_value).
        validation = super()._validate(metrics, runtime_configuration, execution_engine)
        details = validation.get("result", {}).get("details")
        if details and details.get("unexpected_rows"):
            details["unexpected_rows"] = details["unexpected_rows"][:EXAMPLE_ROWS]
        return validation

    @classmethod
    @renderer(renderer_type=LegacyDiagnosticRendererType.UNEXPECTED_TABLE)
    def _diagnostic_unexpected_table_renderer(cls, configuration=None, result=None, runtime_configuration=None):
        rows = ((result.result or {}).get("details") or {}).get("unexpected_rows") if result else None
        if not rows:
            return None
        header = [c for c in EXAMPLE_COLUMNS if c in rows[0]] + [c for c in rows[0] if c not in EXAMPLE_COLUMNS]
        shown = min(len(rows), EXAMPLE_ROWS)
        return [RenderedTableContent(
            content_block_type="table",
            header=f"Exemples : {shown} ligne(s) de la table anomalies sur {result.result.get('observed_value')}",
            header_row=header,
            table=[["" if row[c] is None else str(row[c]) for c in header] for row in rows[:EXAMPLE_ROWS]],
            styling={"body": {"classes": ["table-bordered", "table-sm", "mt-3"]}},
        )]


class RuleLike(Protocol):
    id: str
    severite: str
    titre: str
    remediation: str


def rules_suite(rules: Iterable[RuleLike]) -> ExpectationSuite:
    return ExpectationSuite(
        name=RULES_SUITE,
        expectations=[rule_expectation(rule) for rule in rules],
        meta={"table": RULES_TABLE, "source": "lsu_analytics.rules.catalog"},
    )


def rule_expectation(rule: RuleLike) -> ExpectRuleAnomalies:
    if not RULE_ID.match(rule.id):
        raise GxError(f"catalogue des règles : identifiant « {rule.id} » invalide (attendu par ex. PER-01).")
    # The query is a template filled by GX ({batch}); the id has just been checked, never user text.
    query = _QUERY.replace("{rule_id}", rule.id)
    return ExpectRuleAnomalies(
        unexpected_rows_query=query,
        description=f"{rule.id} · {rule.titre} ({rule.severite}). À faire : {rule.remediation}",
        meta={"rule_id": rule.id, "severite": rule.severite},
    )


def select_rules(rules: list[RuleLike], rule_ids: list[str] | None) -> list[RuleLike]:
    """The catalogue restricted to `rule_ids` (all of it when None); an unknown id is an error."""
    if rule_ids is None:
        return list(rules)
    known = {r.id for r in rules}
    unknown = [i for i in rule_ids if i not in known]
    if unknown:
        raise GxError(f"règle(s) inconnue(s) : {', '.join(unknown)} ; "
                         f"règles du catalogue : {', '.join(sorted(known))}.")
    wanted = set(rule_ids)
    return [r for r in rules if r.id in wanted]
