"""Shared fixtures: the shipped rulesets and the small example, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import parrules

# No test may depend on the wall clock: the suite must pass on a busy 2-core machine.  Hypothesis
# otherwise fails a test whose example takes over 200 ms (the deadline) or whose data generation
# is slow (the too_slow health check); both are timings, so both are off for every test.
settings.register_profile("parrules", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("parrules")

DATA = Path(__file__).parent / "data"


def all_rulesets() -> list[str]:
    """Every shipped ruleset by name, plus the small example by path."""
    return [*parrules.shipped(), str(DATA / "small.par")]


@pytest.fixture(scope="session")
def small() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")
