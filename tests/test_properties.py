"""Property tests over every shipped ruleset (and the small example), with inputs drawn
from each ruleset's own declarations (parrules.testing):

- every node stays within [0, its max], its applicable max within [0, its max];
- the total stays within [0, scale] and the index within [0, 100];
- evaluation is deterministic, and the fast and traced evaluators agree;
- a node that declares ``monotone increasing in X`` never loses points when X grows;
- every score lies within the range the checker proved for it (rounding and cap included),
  and no score is ever -0;
- the same holds for every shipped ruleset under every rounding mode at 0 places (most maxima
  then have more decimals than the places), and for generated rulesets with random maxima,
  places, rounding modes and inputs (round, then cap: docs/language.md, "Rounding").
"""

from __future__ import annotations

import itertools
import re
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal, localcontext
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import parrules
from parrules.testing import units

from .conftest import all_rulesets
from .seed_units import assert_seed_values

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


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
    assert_within_bounds(rs, card)


def assert_within_bounds(rs: parrules.Ruleset, card: parrules.Scorecard) -> None:
    """Every node within 0..max and within the range the checker proved; total and index bounded."""
    for result in card:
        assert Decimal(0) <= result.score <= result.max, result
        assert not result.score.is_signed(), result  # never -0
        assert Decimal(0) <= result.applicable_max <= result.max, result
        assert result.score <= result.applicable_max or result.applicable_max == 0, result
        proved = rs.checked.ranges.get(result.code)
        if proved is not None:
            assert proved.lo is not None and proved.hi is not None, (result.code, proved)
            assert proved.lo <= result.score <= proved.hi, (result, proved)
    assert Decimal(0) <= card.total <= rs.scale
    assert not card.total.is_signed()
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
    # a bug both evaluators share agrees with itself: each must also score the seed unit
    assert_seed_values(rs, name, rs.compiled.evaluate, "fast")
    assert_seed_values(rs, name, rs.run_traced, "traced")


def test_fast_and_traced_give_the_seed_values() -> None:
    """The agreement above cannot see a bug both evaluators share: on a real unit (Hà Giang
    2022, seed 004) each must give the published points."""
    from .test_determinism import seed_scores

    inputs, expected = seed_scores()
    rs = ruleset("national-2022")
    card = rs.evaluate(inputs)
    traced_scores, _applicable, _trace = card.traced()
    for scores in (card.scores, traced_scores):
        got = dict(zip(rs.codes, scores, strict=True))
        assert {code: got[code] for code in expected} == expected
    assert card.total == Decimal("84.4089")  # 004:417


def _monotone_cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for name in all_rulesets():
        rs = ruleset(name)
        for node in rs.ast.nodes():
            for mono in node.monotone:
                cases.append((name, node.code, mono.input, mono.direction))
    return cases


def _grid(decl_type: str) -> Decimal:
    """The step an input's values are drawn on: whole numbers for counts and ranks."""
    return Decimal(1) if decl_type in ("count", "rank") else Decimal("0.001") if decl_type == "money" else Decimal("0.0001")


def _as_input(decl_type: str, value: Decimal) -> Any:
    return int(value) if decl_type in ("count", "rank") else value


def _accepted(rs: parrules.Ruleset, inputs: dict[str, Any]) -> bool:
    try:
        rs.evaluate(inputs)
    except parrules.InputError as exc:
        if exc.code in ("D106", "D108"):  # out of the declared range, or a constraint fails
            return False
        raise
    return True


def feasible_span(rs: parrules.Ruleset, inputs: dict[str, Any], name: str) -> tuple[Decimal, Decimal]:
    """The values of ``name`` the ruleset accepts with every other input of the unit held fixed.

    The declared range intersected with the constraints.  The constraints are linear
    comparisons, so the accepted values form one interval around the unit's own value;
    its upper end is found by bisection on the input's grid (the lower end is the declared
    low: every constraint bounds these inputs from above, which the test asserts).
    """
    decl = rs.inputs[name]
    step = _grid(decl.type)
    default_low, default_high = {
        "percent": (Decimal(0), Decimal(100)),
        "ratio": (Decimal(0), Decimal(1)),
    }.get(decl.type, (Decimal(0), Decimal(10_000_000)))
    low = decl.low if decl.low is not None else default_low
    high = decl.high if decl.high is not None else default_high
    own = Decimal(inputs[name])
    assert _accepted(rs, {**inputs, name: _as_input(decl.type, low)}), f"{name} = {low} is refused"
    good, bad = own, high
    if _accepted(rs, {**inputs, name: _as_input(decl.type, high)}):
        return low, high
    while bad - good > step:  # invariant: good accepted, bad refused
        middle = (good + (bad - good) / 2).quantize(step, rounding="ROUND_FLOOR")
        if middle <= good:
            middle = good + step
        if _accepted(rs, {**inputs, name: _as_input(decl.type, middle)}):
            good = middle
        else:
            bad = middle
    return low, good


def _between(decl_type: str, low: Decimal, high: Decimal) -> st.SearchStrategy[Decimal]:
    """A value in [low, high] on the input's grid, the two ends drawn often (the boundaries)."""
    step = _grid(decl_type)
    units = int((high - low) / step)
    inner = st.integers(min_value=0, max_value=units).map(lambda k: low + k * step)
    return st.one_of(st.just(low), st.just(high), inner)


@pytest.mark.parametrize(("name", "code", "input_name", "direction"), _monotone_cases())
@SETTINGS
@given(data=st.data())
def test_monotone_nodes(name: str, code: str, input_name: str, direction: str, data: st.DataObject) -> None:
    """Two values of the input, both inside what the ruleset accepts for this unit, ordered:
    the node's score moves the declared way.  Both values are accepted by construction
    (feasible_span), so every example compares; nothing is skipped."""
    rs, inputs, _card = draw_unit(name, data)
    decl = rs.inputs[input_name]
    low, high = feasible_span(rs, inputs, input_name)
    smaller = data.draw(_between(decl.type, low, high), label="smaller")
    larger = data.draw(_between(decl.type, smaller, high), label="larger")
    before = rs.evaluate({**inputs, input_name: _as_input(decl.type, smaller)})[code].score
    after = rs.evaluate({**inputs, input_name: _as_input(decl.type, larger)})[code].score
    event("moved" if after != before else "flat")
    if direction == "increasing":
        assert after >= before, (smaller, larger)
    else:
        assert after <= before, (smaller, larger)


def _base_unit(name: str) -> dict[str, Any]:
    """A real unit to sweep from: Hà Giang 2022 (seed 004) for the national ruleset; for the
    small example a hand-made one (10 dossiers received)."""
    if name == "national-2022":
        from .test_golden_national_2022 import ministry_inputs

        return ministry_inputs()
    assert name.endswith("small.par"), name
    return {
        "received": 10, "on_time": 7, "online": Decimal(50), "rank_budget": 20, "has_plan": True,
        "late_tasks": 1, "discipline": "none", "p_1_4": Decimal("0.25"),
    }


@pytest.mark.parametrize(("name", "code", "input_name", "direction"), _monotone_cases())
def test_monotone_nodes_move_across_the_accepted_range(name: str, code: str, input_name: str, direction: str) -> None:
    """Swept across every value the unit accepts (both ends, the unit's own value and its
    neighbours, and 64 even steps), the score never moves against the declared direction and
    moves strictly the declared way at least once: a monotone node that never changes would
    make the property above vacuous."""
    rs = ruleset(name)
    inputs = _base_unit(name)
    decl = rs.inputs[input_name]
    step = _grid(decl.type)
    low, high = feasible_span(rs, inputs, input_name)
    own = Decimal(inputs[input_name])
    points = {low, high, own}
    points |= {v for v in (own - step, own + step) if low <= v <= high}
    points |= {(low + (high - low) * k / 64).quantize(step, rounding="ROUND_FLOOR") for k in range(65)}
    scores = [rs.evaluate({**inputs, input_name: _as_input(decl.type, v)})[code].score for v in sorted(points)]
    steps = list(itertools.pairwise(scores))
    if direction == "increasing":
        assert all(a <= b for a, b in steps), scores
        assert any(a < b for a, b in steps), scores
    else:
        assert all(a >= b for a, b in steps), scores
        assert any(a > b for a, b in steps), scores


def test_monotone_cases_exist() -> None:
    """The national ruleset declares monotone nodes, so the property above is exercised."""
    assert any(name == "national-2022" for name, *_ in _monotone_cases()) or "national-2022" not in parrules.shipped()
    assert any(name.endswith("small.par") for name, *_ in _monotone_cases())


# ------------------------------------------------------------------ every rounding mode against every max

MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}
ROUNDING_ITEM = re.compile(r"(?<!index )rounding (half_up|half_even|down|up) \d+")


@cache
def reround(name: str, mode: str) -> parrules.Ruleset:
    """A shipped ruleset with its header rounding changed to ``mode`` at 0 places."""
    path = parrules.load(name).path
    text = Path(path).read_text(encoding="utf-8")
    text, count = ROUNDING_ITEM.subn(f"rounding {mode} 0", text, count=1)
    if count == 0:  # no rounding item: add one after the title line's header items
        text = re.sub(r"(scale \S+)", rf"\1 rounding {mode} 0", text, count=1)
    rs = parrules.loads(text, path)
    assert rs.header.rounding_mode == mode and rs.header.rounding_places == 0
    return rs


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", all_rulesets())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_shipped_rulesets_in_every_rounding_mode(name: str, mode: str, data: st.DataObject) -> None:
    rs = reround(name, mode)
    card = rs.evaluate(data.draw(units(rs)))
    assert_within_bounds(rs, card)


@st.composite
def rounded_rulesets(draw: st.DrawFn) -> tuple[str, list[tuple[str, Decimal, int, str]]]:
    """A ruleset of 1-4 leaves under one criterion: random maxima (often with more decimals than
    their places), random places on the header, leaves and the parent, a random mode; each leaf
    scores full-range formulas so the top of the range is reached."""
    mode = draw(st.sampled_from(sorted(MODES)))
    header_places = draw(st.integers(0, 12))
    leaves = []
    for i in range(draw(st.integers(1, 4))):
        places = draw(st.integers(0, 10))
        top = draw(st.decimals(min_value=0, max_value=10**6, places=places, allow_nan=False, allow_infinity=False))
        own = draw(st.none() | st.integers(0, 12))
        kind = draw(st.sampled_from(["ratio", "percent", "points", "tiers", "linear", "rate"]))
        leaves.append((f"1.1.{i + 1}", top, header_places if own is None else own, kind, own))
    total = sum((top for _, top, _, _, _ in leaves), Decimal(0))
    parent_round = draw(st.none() | st.integers(0, 12))
    lines = [f'ruleset "P" level province scale {total:f} rounding {mode} {header_places}']
    body = []
    for i, (code, top, _places, kind, own) in enumerate(leaves):
        formula = {
            "ratio": f"max * x{i}",
            "percent": f"max * y{i}",
            "points": f"points as q{i}",
            "tiers": f"tiers x{i} {{ from 50%: max  below 50%: max * 37.5% }}",
            "linear": f"linear y{i} {{ 0%: 0  100%: max }}",
            "rate": f"max * rate(a{i}, b{i}, empty: 100%)",
        }[kind]
        lines.append(f"input x{i}: ratio\ninput y{i}: percent\ninput a{i}: count\ninput b{i}: count")
        lines.append(f"constraint a{i} <= b{i}")
        round_item = "" if own is None else f"round {own} "
        body.append(f'    sub {code} "s" max {top:f} {{ {round_item}score {formula} }}')
    parent_item = "" if parent_round is None else f"round {parent_round} "
    lines.append(f'field 1 "F" max {total:f} {{\n  criterion 1.1 "C" max {total:f} {{ {parent_item}')
    lines.extend(body)
    lines.append("  }\n}")
    return "\n".join(lines) + "\n", [(code, top, places, kind) for code, top, places, kind, _ in leaves]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=rounded_rulesets(), data=st.data())
def test_round_then_cap_for_every_mode_max_and_places(
    generated: tuple[str, list[tuple[str, Decimal, int, str]]], data: st.DataObject
) -> None:
    text, leaves = generated
    rs = parrules.loads(text, "generated.par")
    inputs = data.draw(units(rs))
    card = rs.evaluate(inputs)
    assert_within_bounds(rs, card)
    with localcontext() as ctx:  # the rule by hand, in an exact context: max * x, rounded, then capped
        ctx.prec = 100
        ctx.rounding = ROUND_CEILING  # nothing below may depend on it
        for i, (code, top, places, kind) in enumerate(leaves):
            if kind == "ratio":
                raw = top * Decimal(inputs[f"x{i}"])
            elif kind == "points":
                raw = Decimal(inputs[f"q{i}"])
            else:
                continue
            expected = min(raw.quantize(Decimal(1).scaleb(-places), MODES[rs.header.rounding_mode]), top)
            assert card[code].score == expected, (code, raw, places, top)
