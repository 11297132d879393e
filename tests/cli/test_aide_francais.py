"""`--help` of every command, and the errors typer writes itself, in French (no English left by typer/click)."""
from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from lsu_analytics.cli import app

ANGLAIS = ("Show this message", "Usage:", "Commands", "[default", "[required]", "Missing", "No such", "Try ",
           "Error", "Possible options", "Input should", "COMMAND ", "[ARGS]", "<str>", "<int>", "<bool>", "<path>",
           "<float>", "list[")


def _commandes(group, chemin=()):
    yield chemin
    for name, cmd in getattr(group, "commands", {}).items():
        yield from _commandes(cmd, (*chemin, name))


CHEMINS = list(_commandes(get_command(app)))


def test_every_command_is_walked():
    noms = {" ".join(c) for c in CHEMINS}
    assert {"", "rapport", "check", "bench", "bench load", "pipeline run"} <= noms and len(noms) > 15


@pytest.mark.parametrize("chemin", CHEMINS, ids=lambda c: " ".join(c) or "lsu-analytics")
def test_help_is_in_french(chemin):
    result = CliRunner().invoke(app, [*chemin, "--help"], prog_name="lsu-analytics", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Utilisation : lsu-analytics" in result.output
    assert "Affiche cette aide et quitte." in result.output
    for mot in ANGLAIS:
        assert mot not in result.output, (mot, result.output)


@pytest.mark.parametrize("args, attendu", [
    (["rapport"], "Argument manquant"),
    (["rapport", "indicateurs", "--db", "x.duckdb", "--inconnue"], "Option inconnue : --inconnue"),
    (["generate", "--pupils", "abc"], "un entier est attendu"),
    (["bench", "chaine", "--pupils", "10"], "Valeur invalide pour '--pupils' : valeur attendue : au moins 50"),
    (["bench", "chaine", "--pupils", "50", "--tours", "21"], "valeur attendue : au plus 20"),
    (["commande-absente"], "Commande inconnue"),
])
def test_usage_errors_are_in_french(args, attendu):
    result = CliRunner().invoke(app, args, prog_name="lsu-analytics", env={"COLUMNS": "200"})
    assert result.exit_code == 2
    sortie = re.sub(r"\s+", " ", result.output)
    assert attendu in sortie and "Essayez « lsu-analytics" in sortie
    for mot in ANGLAIS:
        assert mot not in sortie, (mot, sortie)


def _drapeaux(chemin):
    commande = get_command(app)
    for nom in chemin:
        commande = commande.commands[nom]
    return [p for p in commande.params if getattr(p, "is_flag", False)]


CHEMINS_AVEC_DRAPEAU = [c for c in CHEMINS if _drapeaux(c)]


def test_some_commands_have_flags():
    assert any("--sans-data-docs" in p.opts for c in CHEMINS_AVEC_DRAPEAU for p in _drapeaux(c))


@pytest.mark.parametrize("chemin", CHEMINS_AVEC_DRAPEAU, ids=lambda c: " ".join(c))
def test_flags_show_no_type(chemin):
    """A flag takes no value: its row shows the option and its help, no <oui/non> as typer would (nor --help)."""
    result = CliRunner().invoke(app, [*chemin, "--help"], prog_name="lsu-analytics", env={"COLUMNS": "200"})
    lignes = result.output.splitlines()
    for drapeau in [*(max(p.opts, key=len) for p in _drapeaux(chemin)), "--help"]:
        (ligne,) = [li for li in lignes if re.search(rf"\s{re.escape(drapeau)}\s", li)]
        apres = ligne.split(drapeau, 1)[1].strip(" │")
        assert not apres.startswith("<"), ligne
    # Options that take a value keep their type.
    assert "<chemin>" in result.output or "<texte>" in result.output or "<entier>" in result.output
