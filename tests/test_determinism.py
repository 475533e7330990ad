"""The same ruleset and inputs give the same scores: across two loads, and between the
in-process evaluator and the standalone module (rs.to_source() exec'd in a fresh namespace)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules.testing import units

from .conftest import all_rulesets


@cache
def pair(name: str) -> tuple[parrules.Ruleset, parrules.Ruleset, dict[str, Any]]:
    first, second = parrules.load(name), parrules.load(name)
    namespace: dict[str, Any] = {}
    exec(compile(first.to_source(), f"<standalone {name}>", "exec"), namespace)
    return first, second, namespace


@pytest.mark.parametrize("name", all_rulesets())
def test_same_source_across_loads(name: str) -> None:
    first, second, _ = pair(name)
    assert first.compiled.source == second.compiled.source
    assert first.to_source() == second.to_source()


@pytest.mark.parametrize("name", all_rulesets())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_in_process_and_standalone_agree(name: str, data: st.DataObject) -> None:
    first, second, standalone = pair(name)
    inputs = data.draw(units(first))
    expected = first.compiled.evaluate(dict(inputs))
    assert second.compiled.evaluate(dict(inputs)) == expected
    assert standalone["evaluate"](dict(inputs)) == expected
    scores, applicable = expected
    for a, b in zip(standalone["evaluate"](dict(inputs))[0], scores, strict=True):
        assert a == b and str(a) == str(b)  # same digits, not only the same value
    assert standalone["evaluate_traced"](dict(inputs))[:2] == (scores, applicable)
    assert first.evaluate(inputs).scores == second.evaluate(inputs).scores == scores
