"""Shared fixtures: the shipped rulesets and the small example, loaded once."""

from __future__ import annotations

import os
import shutil
import tempfile
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

# The ruleset cache (parrules.cache) of this run: a fresh private folder, never the user's
# ~/.cache; set before any test module loads a ruleset, inherited by the CLI subprocesses.
CACHE_DIR = tempfile.mkdtemp(prefix="parrules-test-cache-")
os.environ["PARRULES_CACHE_DIR"] = CACHE_DIR
os.environ.pop("PARRULES_CACHE", None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(CACHE_DIR, ignore_errors=True)


def all_rulesets() -> list[str]:
    """Every shipped ruleset by name, plus the small example by path."""
    return [*parrules.shipped(), str(DATA / "small.par")]


@pytest.fixture(scope="session")
def small() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")
