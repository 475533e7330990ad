"""The same ruleset and inputs give the same scores: across two loads, and between the
in-process evaluator and the standalone module (rs.to_source() exec'd in a fresh namespace)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules.testing import units

from .conftest import all_rulesets
from .seed_units import assert_seed_values


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
    # equal sources could share a bug: each load must also score the ruleset's seed unit
    for label, rs in (("first load", first), ("second load", second)):
        assert_seed_values(rs, name, rs.compiled.evaluate, label)


@pytest.mark.parametrize("name", all_rulesets())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_in_process_and_standalone_agree(name: str, data: st.DataObject) -> None:
    first, second, standalone = pair(name)
    inputs = data.draw(units(first))
    expected = first.compiled.evaluate(dict(inputs))
    assert second.compiled.evaluate(dict(inputs)) == expected
    assert standalone["evaluate_scores"](dict(inputs)) == expected
    scores, applicable = expected
    for a, b in zip(standalone["evaluate_scores"](dict(inputs))[0], scores, strict=True):
        assert a == b and str(a) == str(b)  # same digits, not only the same value
    assert standalone["evaluate_traced"](dict(inputs))[:2] == (scores, applicable)
    assert first.evaluate(inputs).scores == second.evaluate(inputs).scores == scores
    # agreement cannot see a bug the evaluators share (one generator): each scores the seed unit
    for label, evaluator in (
        ("in-process", first.compiled.evaluate),
        ("second load", second.compiled.evaluate),
        ("standalone", standalone["evaluate_scores"]),
        ("standalone traced", standalone["evaluate_traced"]),
    ):
        assert_seed_values(first, name, evaluator, label)


def seed_scores() -> tuple[dict[str, Any], dict[str, Decimal]]:
    """Hà Giang 2022 (seed 004, scenario 2 of tests/test_golden_national_2022.py): the inputs, and
    every node's point as printed in the Ministry's column (two explained exceptions)."""
    from .test_golden_national_2022 import FROM_PRINTED_RATES, PRINTED, PRINTED_RATES_AS_COUNTS, ministry_inputs

    expected = {}
    for code, (_max, _self, printed) in PRINTED.items():
        assert printed is not None
        expected[code] = Decimal(FROM_PRINTED_RATES[code][0] if code in FROM_PRINTED_RATES else printed)
    return ministry_inputs(**PRINTED_RATES_AS_COUNTS), expected


def test_every_evaluator_gives_the_seed_values() -> None:
    """Agreement alone cannot see a bug the evaluators share (they come from one generator):
    each of them must also give the published numbers of a real unit."""
    rs, _second, standalone = pair("national-2022")
    inputs, expected = seed_scores()
    runs = {
        "in-process": rs.compiled.evaluate(dict(inputs))[0],
        "in-process traced": rs.run_traced(dict(inputs))[0],
        "standalone": standalone["evaluate_scores"](dict(inputs))[0],
        "standalone traced": standalone["evaluate_traced"](dict(inputs))[0],
    }
    for label, scores in runs.items():
        got = dict(zip(rs.codes, scores, strict=True))
        assert {code: got[code] for code in expected} == expected, label
        # the published total, 84.4089 (004:417), is the sum of the fields
        assert sum((got[str(f)] for f in range(1, 9)), Decimal(0)) == Decimal("84.4089"), label
