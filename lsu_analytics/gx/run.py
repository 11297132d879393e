"""Run the contract suites and the rules suite on a DuckDB export, build local Data Docs."""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

import duckdb
import great_expectations as gx
from great_expectations import ExpectationSuite, ValidationDefinition
from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                        ProgressBarsConfig)

from lsu_analytics.common.atomic import building_dir
from lsu_analytics.contract import TABLES

from . import engine
from .contract_suites import build_suites
from .data_docs import make_autonomous
from .result import ExpectationOutcome, GxError, GxResult, SuiteOutcome
from .rule_suite import RULES_TABLE, RuleLike, rules_suite, select_rules

SITE = "lsu_local"
DOCS_DIR = "data_docs"
# Same shape as the rules' progress (lsu_analytics.rules.runner): (step label, steps done, steps in all).
Progress = Callable[[str, int, int], None]

# No sample values for suites of tables holding personal data (eleves.ine...): GX would print
# unexpected values in the Data Docs. Counts stay exact.
PRIVATE_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 0}
# Other contract suites: counts plus up to 20 offending values (codes, UAI, dates...).
SUMMARY_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 20}
# Tables of more rows than this (acquis, modifications... at 250,000 pupils): counts only, no
# offending values, whose lists cost GX a second pass over the table per expectation.
EXAMPLES_MAX_ROWS = 1_000_000
# Rules suite: COMPLETE is what makes GX keep example rows (at most 200 per rule) of `anomalies`.
RULES_FORMAT = {"result_format": "COMPLETE"}


def validate(db: Path, out_dir: Path, rule_ids: list[str] | None = None, progress: Progress | None = None,
             *, rules: Sequence[RuleLike] | None = None) -> GxResult:
    """Run the 18 contract suites and the rules suite (restricted to `rule_ids`) on `db`.

    Opens `db` read-only. Writes self-contained Data Docs to `out_dir/data_docs/`, built beside and
    put in place whole once complete (a failure or a kill leaves the previous ones). `rules` defaults
    to the project's catalogue.
    """
    start = time.perf_counter()
    db = Path(db)
    _check_readable(db)
    if rules is None:
        from lsu_analytics.rules.catalog import load_catalog  # written beside this package
        rules = load_catalog()
    sizes = _table_sizes(db)
    plan = _plan(select_rules(list(rules), rule_ids), sizes)
    docs_dir = Path(out_dir).resolve() / DOCS_DIR  # GX wants an absolute site directory
    total = len(plan) + 1
    done: list[str] = []

    def step(label: str) -> None:
        if progress:
            progress(label, len(done), total)
        done.append(label)

    docs_dir.parent.mkdir(parents=True, exist_ok=True)
    with building_dir(docs_dir) as staged:
        outcomes = _validate_part(db, plan, staged, step)
        make_autonomous(staged, outcomes)
        if progress:
            progress("GX Data Docs", total, total)
    index = docs_dir / "index.html"
    return GxResult(success=all(s.success for s in outcomes), suites=tuple(outcomes), data_docs_index=index,
                    duration_s=time.perf_counter() - start)


def _validate_part(db: Path, plan: list, docs_dir: Path, report: Callable[[str], None] | None,
                   threads: int | None = None) -> list[SuiteOutcome]:
    """Validate `plan` in one GX context and render its Data Docs pages in `docs_dir`."""
    outcomes = []
    with _quiet_gx():
        context = gx.get_context(mode="ephemeral", project_config=_context_config(docs_dir))
        source = context.data_sources.add_sql(
            name="lsu", connection_string=engine.connection_string(db),
            kwargs=engine.engine_kwargs(db, threads=threads))
        try:
            for suite, table, result_format in plan:
                if report:
                    report(f"GX {suite.name}")
                outcomes.append(_run_suite(context, source, suite, table, result_format))
            if report:
                report("GX Data Docs")
            context.build_data_docs(site_names=[SITE])
        finally:
            _release(source)
    return outcomes


def _check_readable(db: Path) -> None:
    if not db.is_file():
        raise GxError(f"base DuckDB introuvable : {db} ; lancer d'abord `lsu-analytics load`.")
    try:
        duckdb.connect(str(db), read_only=True).close()
    except duckdb.ConnectionException as e:
        raise GxError(f"{db} : impossible d'ouvrir la base en lecture seule ({e}) ; fermer la connexion "
                      "en écriture ouverte sur cette base avant les contrôles Great Expectations.") from None
    except duckdb.Error as e:
        raise GxError(f"{db} : ce n'est pas une base DuckDB lisible ({e}) ; relancer `lsu-analytics load`.") from None


def _release(source) -> None:
    """Close every connection GX opened, so that the database file is free again for the caller."""
    source.get_engine().dispose()
    execution_engine = source.get_execution_engine()  # GX builds its own SQLAlchemy engine for validations
    execution_engine.engine.dispose()


def _table_sizes(db: Path) -> dict[str, int]:
    """Rows per table (DuckDB's estimate, exact for a loaded export): a format choice, never a count shown."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute(engine._sql("table_sizes")).fetchall())
    finally:
        con.close()


def _plan(rules: list[RuleLike], sizes: dict[str, int]) -> list[tuple[ExpectationSuite, str, dict]]:
    plan = []
    for name, suite in build_suites().items():
        private = any(c.personal for c in TABLES[name].columns)
        large = sizes.get(name, 0) > EXAMPLES_MAX_ROWS
        plan.append((suite, name, PRIVATE_FORMAT if private or large else SUMMARY_FORMAT))
    if rules:
        plan.append((rules_suite(rules), RULES_TABLE, RULES_FORMAT))
    return plan


def _run_suite(context, source, suite: ExpectationSuite, table: str, result_format: dict) -> SuiteOutcome:
    start = time.perf_counter()
    batch = source.add_table_asset(name=suite.name, table_name=table).add_batch_definition_whole_table("export")
    suite = context.suites.add(suite)
    definition = context.validation_definitions.add(ValidationDefinition(name=suite.name, data=batch, suite=suite))
    result = definition.run(result_format=result_format)
    # GX returns results grouped by metric, not in suite order: put them back in suite order.
    order = {e.id: i for i, e in enumerate(suite.expectations)}
    results = sorted(result.results, key=lambda r: order.get(r.expectation_config.id, len(order)))
    expectations = tuple(_outcome(r) for r in results)
    return SuiteOutcome(name=suite.name, table=table, success=bool(result.success), expectations=expectations,
                        duration_s=time.perf_counter() - start)


def _outcome(r) -> ExpectationOutcome:
    config = r.expectation_config
    kwargs = config.kwargs
    details = r.result or {}
    if "unexpected_rows_query" in kwargs:
        unexpected = details.get("observed_value")
    else:
        unexpected = details.get("unexpected_count")
    error = None
    if r.exception_info and r.exception_info.get("raised_exception"):
        error = r.exception_info.get("exception_message")
    else:  # multi-metric failures are reported as a dict of exception_info
        for info in (r.exception_info or {}).values():
            if isinstance(info, dict) and info.get("raised_exception"):
                error = info.get("exception_message")
    return ExpectationOutcome(
        type=config.type, column=_column(kwargs), success=bool(r.success) and error is None,
        unexpected_count=unexpected, element_count=details.get("element_count"),
        description=config.description or "", rule_id=(config.meta or {}).get("rule_id"), error=error,
        kwargs={k: v for k, v in kwargs.items() if k != "batch_id"}, observed=details.get("observed_value"),
    )


def _column(kwargs: dict) -> str | None:
    if "column" in kwargs:
        return kwargs["column"]
    if "column_list" in kwargs:
        return ",".join(kwargs["column_list"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    return None


def _context_config(docs_dir: Path) -> DataContextConfig:
    return DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        data_docs_sites={SITE: {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            # Only the validation pages: they show every expectation of a suite with its result; the
            # suite pages repeated them without results (a third of the Data Docs' rendering time).
            "site_section_builders": {"expectations": "0", "profiling": "0"},
        }},
    )


@contextmanager
def _quiet_gx() -> Iterator[None]:
    # GX logs a warning per type check ("No sqlalchemy dialect found"): not for our users.
    logger = logging.getLogger("great_expectations")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
