"""Property tests over every shipped ruleset (and the small example), with inputs drawn
from each ruleset's own declarations (parrules.testing):

- every node stays within [0, its max], its applicable max within [0, its max];
- the total stays within [0, scale] and the index within [0, 100];
- evaluation is deterministic, and the fast and traced evaluators agree;
- a node that declares ``monotone increasing in X`` never loses points when X grows.
"""

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

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@cache
def ruleset(name: str) -> parrules.Ruleset:
    return parrules.load(name)


def draw_unit(name: str, data: st.DataObject) -> tuple[parrules.Ruleset, dict[str, Any], parrules.Scorecard]:
    """A shipped ruleset, a unit drawn from its declarations, and that unit's scorecard."""
    rs = ruleset(name)
    inputs: dict[str, Any] = data.draw(units(rs))
    return rs, inputs, rs.evaluate(inputs)


@pytest.mark.parametrize("name", all_rulesets())
@SETTINGS
@given(data=st.data())
def test_every_node_within_its_max(name: str, data: st.DataObject) -> None:
    rs, _inputs, card = draw_unit(name, data)
    for result in card:
        assert Decimal(0) <= result.score <= result.max, result
        assert Decimal(0) <= result.applicable_max <= result.max, result
        assert result.score <= result.applicable_max or result.applicable_max == 0, result
    assert Decimal(0) <= card.total <= rs.scale
    if card.index is not None:
        assert Decimal(0) <= card.index <= Decimal(100)


@pytest.mark.parametrize("name", all_rulesets())
@SETTINGS
@given(data=st.data())
def test_deterministic_and_traced_agrees(name: str, data: st.DataObject) -> None:
    rs, inputs, first = draw_unit(name, data)
    second = rs.evaluate(dict(inputs))
    assert first.scores == second.scores
    assert first.applicable_maxima == second.applicable_maxima
    traced_scores, traced_applicable, _trace = rs.run_traced(inputs)
    assert traced_scores == first.scores
    assert traced_applicable == first.applicable_maxima


def _monotone_cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for name in all_rulesets():
        rs = ruleset(name)
        for node in rs.ast.nodes():
            for mono in node.monotone:
                cases.append((name, node.code, mono.input, mono.direction))
    return cases


@pytest.mark.parametrize(("name", "code", "input_name", "direction"), _monotone_cases())
@SETTINGS
@given(data=st.data())
def test_monotone_nodes(name: str, code: str, input_name: str, direction: str, data: st.DataObject) -> None:
    rs, inputs, card = draw_unit(name, data)
    before = card[code].score
    decl = rs.inputs[input_name]
    step = data.draw(st.integers(min_value=1, max_value=1000)) if decl.type in ("count", "rank") else data.draw(
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(10), places=4)
    )
    bigger = dict(inputs)
    bigger[input_name] = inputs[input_name] + step
    try:
        after = rs.evaluate(bigger)[code].score
    except parrules.InputError:
        return  # the larger value breaks a bound or a constraint: nothing to compare
    if direction == "increasing":
        assert after >= before
    else:
        assert after <= before


def test_monotone_cases_exist() -> None:
    """The national ruleset declares monotone nodes, so the property above is exercised."""
    assert any(name == "national-2022" for name, *_ in _monotone_cases()) or "national-2022" not in parrules.shipped()
    assert any(name.endswith("small.par") for name, *_ in _monotone_cases())
