"""Shared fixtures: the shipped rulesets and the small example, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

import parrules

DATA = Path(__file__).parent / "data"


def all_rulesets() -> list[str]:
    """Every shipped ruleset by name, plus the small example by path."""
    return [*parrules.shipped(), str(DATA / "small.par")]


@pytest.fixture(scope="session")
def small() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")
