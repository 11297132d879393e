"""The documentation against the code: the README's command table, the pipeline keys of docs/planification.md."""
from __future__ import annotations

import re
from pathlib import Path

import typer.main
import yaml

from lsu_analytics.cli import app
from lsu_analytics.pipelines.validate import KEYS

REPO = Path(__file__).resolve().parents[1]


def _commands() -> dict[str, set[str]]:
    """Top-level commands, with the subcommands of groups (`bench`, `pipeline`)."""
    root = typer.main.get_command(app)
    return {name: set(getattr(cmd, "commands", {})) for name, cmd in root.commands.items()}


def _readme_table() -> dict[str, set[str]]:
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Commandes", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str]] = {}
    for m in re.finditer(r"^\| `lsu-analytics ([a-z-]+)((?: [a-z-]+(?:\\\|[a-z-]+)*)?)", section, re.M):
        table.setdefault(m[1], set()).update(s for s in m[2].strip().split("\\|") if s)
    return table


def test_readme_lists_every_command_and_only_those():
    commands, table = _commands(), _readme_table()
    assert set(table) == set(commands)
    for group, subcommands in commands.items():
        if subcommands:
            assert table[group] == subcommands, group


def _example_yaml() -> dict:
    text = (REPO / "docs" / "planification.md").read_text(encoding="utf-8")
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", text, re.S)[1])


def test_the_pipeline_example_uses_only_keys_the_validator_accepts():
    example = _example_yaml()
    assert set(example) <= set(KEYS["pipeline"])
    for section in ("source", "controles", "indicateurs", "verrou"):
        assert set(example[section]) <= set(KEYS[section]), section
    for rapport in example["rapports"]:
        assert set(rapport) <= set(KEYS["rapports[]"])
        if isinstance(rapport.get("perimetres"), dict):
            assert set(rapport["perimetres"]) <= set(KEYS["perimetres"])


def test_every_key_the_validator_accepts_is_documented():
    text = (REPO / "docs" / "planification.md").read_text(encoding="utf-8")
    missing = {(where, k) for where, keys in KEYS.items() for k in keys
               if not re.search(rf"(?<![\w-]){re.escape(k)}(?:\s*:|`|»)", text)}
    assert not missing
