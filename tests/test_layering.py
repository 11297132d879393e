"""The package's layering, read from the imports of every module (including lazy ones inside functions)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lsu_analytics"
DOMAIN = ("common", "contract", "load", "xml", "rules", "gx", "indicators", "reports")


def _imports(path: Path) -> set[str]:
    """Absolute names of the lsu_analytics modules `path` imports (relative imports resolved)."""
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = module[:-1] if path.name != "__init__.py" else module[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            names.add(target)
            names.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
    return {n for n in names if n.startswith("lsu_analytics")}


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _uses(package: str) -> dict[str, set[str]]:
    return {p.relative_to(PACKAGE.parent).as_posix(): {_layer(n) for n in _imports(p)}
            for p in sorted((PACKAGE / package).rglob("*.py"))}


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_packages_never_import_the_generator_the_cli_or_the_benchmarks(package):
    bad = {f: used & {"generate", "cli", "bench", "pipelines", "demo", "check"} for f, used in _uses(package).items()}
    assert not {f: u for f, u in bad.items() if u}


def test_rules_know_nothing_of_great_expectations():
    assert not {f: u & {"gx", "check"} for f, u in _uses("rules").items() if u & {"gx", "check"}}


def test_great_expectations_reads_only_the_catalogue_and_the_database():
    allowed = {"gx", "common", "contract", "rules", "resources", "database"}  # database: DuckDB's settings
    assert not {f: u - allowed for f, u in _uses("gx").items() if u - allowed}
    rules_modules = {n for p in (PACKAGE / "gx").rglob("*.py") for n in _imports(p) if _layer(n) == "rules"}
    assert rules_modules <= {"lsu_analytics.rules", "lsu_analytics.rules.catalog",
                             "lsu_analytics.rules.catalog.load_catalog"}


def test_the_vocabulary_is_declared_once():
    words = ('"critique", "majeure", "mineure", "info"', '"national", "academie", "departement"',
             "[A-Z]{2,", "[0-9A-Z]{11}", "[0-9]{7}[A-Z]")
    found = {(w, p.relative_to(PACKAGE).as_posix()) for p in PACKAGE.rglob("*.py") for w in words
             if w in p.read_text(encoding="utf-8")}
    assert {p for _, p in found} == {"contract/vocabulary.py"}, sorted(found)
