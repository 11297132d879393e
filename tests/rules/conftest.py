"""Fixtures of the rule tests (builders in regles_helpers.py, a unique module name)."""
from __future__ import annotations

import pytest

from regles_helpers import World


@pytest.fixture
def world(tiny_db):
    return World(tiny_db)


@pytest.fixture
def ecole(world):
    """A 1D school of academy 08 with a trimester periodicity for 2025, class CL1 (CM1) and pupil E1."""
    world.etablissement()
    world.periodes()
    world.classe()
    world.eleve()
    world.inscription()
    return world
