"""parrules plan: the least-cost changes to a unit's inputs that reach a target (issue 11).

Three kinds of evidence:
- a property test: on random small rulesets (2-4 leaves, small input domains) an exhaustive
  search over every combination of the inputs the unit may move finds no plan cheaper than
  the planner's, and the planner's plan, re-scored by the evaluator, meets the target;
- hand-derived examples, on small rulesets written here and on national-2022 with Hà Giang's
  2022 data (the arithmetic is in the comments);
- the cost file's errors (E027-E029) and the command line.
"""

from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io
from parrules.cli import main
from parrules.plan import CostFileError, PlanError, denominators, parse_costs, plan
from tests.ruleset_gen import fmt

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def run(capsys, *args: str) -> tuple[int, str, str]:
    """The command in English unless it names its language (the default is Vietnamese)."""
    code = main([*args] if "--lang" in args else [*args, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------- random small rulesets

# One leaf each: (ruleset lines, the inputs it declares with their domain, the unit's values).
# Domains are small so that every combination can be scored: points in steps of 0.1 (the
# header rounds to 1 place, so 0.1 is the points' grid), counts in declared ranges.
KINDS = ("points", "survey", "rate", "tiers", "choice", "yesno", "rank", "deduct", "linear")


@st.composite
def small_rulesets(draw: st.DrawFn) -> tuple[str, dict[str, list], dict[str, object], set[str]]:
    """(ruleset text, movable input -> every value it may take, the unit's inputs, fixed inputs)."""
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=4))
    inputs: list[str] = []
    constraints: list[str] = []
    leaves: list[str] = []
    domains: dict[str, list] = {}
    values: dict[str, object] = {}
    fixed: set[str] = set()
    for i, kind in enumerate(kinds, start=1):
        top = D(1) if kind in ("points", "survey") else D(draw(st.sampled_from(["1", "2"])))
        body = ""
        if kind in ("points", "survey"):
            name = f"p_{i}"
            grid = [D(k) / 10 for k in range(int(top * 10) + 1)]
            values[name] = draw(st.sampled_from(grid))
            body = ("source survey " if kind == "survey" else "") + "score points"
            if kind == "survey":
                fixed.add(name)
            else:
                domains[name] = grid
        elif kind == "rate":
            part, whole = f"done_{i}", f"due_{i}"
            inputs += [f"input {part}: count in 0..6", f"input {whole}: count in 0..6"]
            constraints.append(f"constraint {part} <= {whole}")
            w = draw(st.integers(0, 6))
            values[whole] = D(w)
            values[part] = D(draw(st.integers(0, w)))
            domains[part] = [D(k) for k in range(7)]
            fixed.add(whole)
            mono = draw(st.booleans())
            body = (
                f"monotone increasing in {part} " if mono else ""
            ) + f"score max * rate({part}, {whole}, empty: 100%)"
        elif kind == "tiers":
            x = f"n_{i}"
            inputs.append(f"input {x}: count in 0..7")
            values[x] = D(draw(st.integers(0, 7)))
            domains[x] = [D(k) for k in range(8)]
            half = fmt(top / 2)
            body = f"score tiers {x} {{ from 6: {fmt(top)}  from 3 below 6: {half}  below 3: 0 }}"
        elif kind == "linear":
            x = f"m_{i}"
            inputs.append(f"input {x}: count in 0..5")
            values[x] = D(draw(st.integers(0, 5)))
            domains[x] = [D(k) for k in range(6)]
            body = f"score linear {x} {{ 0: 0  5: max }}"
        elif kind == "deduct":
            x = f"late_{i}"
            inputs.append(f"input {x}: count in 0..5")
            values[x] = D(draw(st.integers(0, 5)))
            domains[x] = [D(k) for k in range(6)]
            body = f"monotone decreasing in {x} score deduct({x}, 0.5, floor: 0)"
        elif kind == "choice":
            x = f"c_{i}"
            inputs.append(f"input {x}: choice {{ low, mid, high }}")
            values[x] = draw(st.sampled_from(["low", "mid", "high"]))
            domains[x] = ["low", "mid", "high"]
            body = f"score choice {x} {{ low: 0  mid: {fmt(top / 2)}  high: {fmt(top)} }}"
        elif kind == "yesno":
            x = f"y_{i}"
            inputs.append(f"input {x}: yesno")
            values[x] = draw(st.booleans())
            domains[x] = [False, True]
            body = f"score if {x} then max else 0"
        elif kind == "rank":
            x = f"r_{i}"
            inputs.append(f"input {x}: rank 1..5")
            values[x] = D(draw(st.integers(1, 5)))
            fixed.add(x)
            body = f"score ranks {x} {{ 1..2: {fmt(top)}  3..5: 0 }}"
        leaves.append(f'field {i} "Leaf {i}" max {fmt(top)} {{ agency "Sở {i}" {body} }}')
    combinations = 1
    for domain in domains.values():
        combinations *= len(domain)
    assume(combinations <= 3000)  # small enough to score every one
    scale = sum((D(line.split(" max ")[1].split(" ")[0]) for line in leaves), D(0))
    text = "\n".join(
        [f'ruleset "Nhỏ" level province scale {fmt(scale)} rounding half_up 1', *inputs, *constraints, *leaves]
    )
    return text, domains, values, fixed


def _cost(before: dict, after: dict) -> Decimal:
    """The documented default cost: Σ over the inputs changed of (1 + |new − old|), 1 for a yes/no or choice."""
    total = D(0)
    for name, old in before.items():
        new = after[name]
        if new != old:
            total += 1 if not isinstance(new, Decimal) else 1 + abs(new - old)
    return total


@settings(max_examples=50)
@given(small_rulesets(), st.data())
def test_no_cheaper_plan_exists(case, data) -> None:
    text, domains, values, fixed = case
    rs = parrules.loads(text)
    card = rs.evaluate(values)
    wanted = D(data.draw(st.integers(1, int(rs.scale * 10)), label="target tenths")) / 10
    result = plan(rs, values, total=wanted)
    # what the planner chose not to move is exactly what the test knows to be fixed
    assert {f.input for f in result.fixed} == fixed
    # every combination of the movable inputs, scored by the evaluator
    names = sorted(domains)
    cheapest: Decimal | None = None
    best_total = card.total
    for combo in itertools.product(*(domains[name] for name in names)):
        inputs = {**values, **dict(zip(names, combo, strict=True))}
        try:
            total = rs.evaluate(inputs).total
        except parrules.InputError:  # a constraint refuses it (part above whole)
            continue
        best_total = max(best_total, total)
        if total >= wanted:
            price = _cost(values, inputs)
            cheapest = price if cheapest is None else min(cheapest, price)
    # the plan, re-scored by the ordinary evaluator, is what the plan says it scores
    changed = {**values, **{c.input: c.after for c in result.changes}}
    assert rs.evaluate(changed).total == result.after.total
    assert result.cost == _cost(values, changed)
    if card.total >= wanted:
        assert result.reached and result.changes == () and result.cost == 0
    elif cheapest is None:
        assert not result.reached
        assert result.after.total == best_total  # the best reachable is shown
    else:
        assert result.reached and result.after.total >= wanted
        assert result.exact  # these rulesets are separable: the knapsack is exact
        assert result.cost == cheapest


# ---------------------------------------------------------------- hand-derived examples

SMALL = """
ruleset "Ví dụ" level province scale 10 rounding half_up 4 index rounding 2
input received: count "Hồ sơ tiếp nhận" unit "hồ sơ"
input on_time: count "Hồ sơ đúng hạn" unit "hồ sơ"
input online: percent "Tỷ lệ hồ sơ trực tuyến"
constraint on_time <= received
field 1 "Thủ tục hành chính" max 6 {
  agency "Văn phòng UBND tỉnh"
  criterion 1.1 "Giải quyết" max 3 {
    sub 1.1.1 "Đúng hạn" max 1.5 { monotone increasing in on_time score max * rate(on_time, received, empty: 100%) }
    sub 1.1.2 "Trực tuyến" max 1.5 { monotone increasing in online score max * online }
  }
  criterion 1.2 "Thẩm định" max 3 { agency "Sở Nội vụ" source appraisal score points }
}
field 2 "Khảo sát" max 4 { source survey score points }
classes by index { "Tốt": from 80  "Khá": from 70 below 80  "Yếu": below 70 }
"""

SMALL_UNIT = {"received": D(40), "on_time": D(30), "online": D(50), "p_1_2": D(2), "p_2": D(3)}


@pytest.fixture(scope="module")
def small_rs() -> parrules.Ruleset:
    return parrules.loads(SMALL)


def test_small_gain_by_hand(small_rs) -> None:
    # before: 1.1.1 = 1.5 × 30/40 = 1.125; 1.1.2 = 1.5 × 0.5 = 0.75; 1.2 = 2; 2 = 3: total 6.875.
    # --gain 1: the cheapest is p_1_2 2 → 3 (+1 point, cost 1 + 1 = 2).  The others cost more per
    # point: on_time brings 1.5/40 = 0.0375 a dossier (1 point: 27 dossiers, only 10 possible);
    # online brings 0.015 a percentage point (0.75 at most, for 1 + 50 = 51).
    result = small_rs.plan(SMALL_UNIT, gain=1)
    assert result.reached and result.exact
    assert [(c.input, c.before, c.after, c.cost) for c in result.changes] == [("p_1_2", D(2), D("3.0000"), D(2))]
    assert result.after.total == D("7.875")
    assert [(g.code, g.agency, g.gain) for g in result.nodes] == [("1.2", "Sở Nội vụ", D(1))]


def test_small_class_by_hand(small_rs) -> None:
    # "Tốt" is from 80; index = total / 10 × 100 rounded half_up to 2 places, so a total of
    # 7.9995 (index 79.995 → 80.00) is enough.  Gain 7.9995 − 6.875 = 1.1245.
    # p_1_2 (1 per point + 1) can give at most 1 (2 → 3); the rest must come from on_time
    # (1.5/40 = 0.0375 a dossier) or online (0.015 a percentage point).  on_time + 3 gives 0.1125:
    # 1 + 0.1125 < 1.1245; on_time + 4 gives 0.15 for 1 + 4 = 5, and then p_1_2 needs only
    # 1.1245 − 0.15 = 0.9745 (to 2.9745) for 1.9745: 6.9745 in all.  With online instead:
    # 0.1245 / 0.015 = 8.3 pp for 9.3, plus 2 for p_1_2: 11.3.
    # The survey points (field 2) are not the unit's to move; received is the rate's whole.
    result = small_rs.plan(SMALL_UNIT, target="Tốt")
    assert result.required_total == D("7.9995")
    moved = {c.input: (c.after, c.cost) for c in result.changes}
    assert moved == {"p_1_2": (D("2.9745"), D("1.9745")), "on_time": (D(34), D(5))}
    assert result.cost == D("6.9745") and result.reached and result.exact
    assert result.after.total == D("7.9995") and result.after.index == D("80.00") and result.klass_after == "Tốt"
    assert {f.input: f.kind for f in result.fixed} == {"received": "denominator", "p_2": "survey"}
    # the derivation shown is the evaluator's own, of the re-scored card
    assert result.explain() == "\n\n".join(result.after.explain(code) for code in ("1.1.1", "1.2"))
    assert "on_time = 34" in result.explain()


def test_small_unreachable_gives_the_best_reachable(small_rs) -> None:
    # The unit can reach at most 1.5 (all 40 on time) + 1.5 (100% online) + 3 + 3 (survey fixed) = 9:
    # a total of 9.5 is out of reach; the best reachable plan moves everything to its max.
    result = small_rs.plan(SMALL_UNIT, total="9.5")
    assert not result.reached
    assert result.after.total == D(9)
    assert {c.input: c.after for c in result.changes} == {"p_1_2": D(3), "on_time": D(40), "online": D(100)}


def test_already_met(small_rs) -> None:
    result = small_rs.plan(SMALL_UNIT, target="Yếu")
    assert result.reached and result.changes == () and result.cost == 0


def test_costs_file_changes_the_plan(small_rs) -> None:
    # p_1_2 fixed, online costs 0.01 a percentage point: gain 0.5 is cheapest from online:
    # 50 → 83.33 gives 1.5 × 0.8333 = 1.24995 → 1.2500 (half_up, 4 places), +0.5 exactly
    # (83.32 gives 1.2498), cost 1 + 0.01 × 33.33 = 1.3333; on_time cannot give 0.5 (10 dossiers: 0.375).
    costs = parse_costs("[inputs.p_1_2]\nfixed = true\n[inputs.online]\ncost = 0.01\n", "c.toml", small_rs)
    result = small_rs.plan(SMALL_UNIT, gain="0.5", costs=costs)
    assert {c.input: (c.after, c.cost) for c in result.changes} == {"online": (D("83.33"), D("1.3333"))}
    # a max in the cost file bounds the move: online at most 60 cannot bring 0.5
    costs = parse_costs("[inputs.p_1_2]\nfixed = true\n[inputs.online]\ncost = 0.01\nmax = 60\n", "c.toml", small_rs)
    result = small_rs.plan(SMALL_UNIT, gain="0.5", costs=costs)
    assert all(c.after <= 60 for c in result.changes if c.input == "online")
    # online gives at most +0.15 (to 60); on_time + 10 gives 0.375 (for 11), so online must give
    # 0.125: 58.33 (1.5 × 0.5833 = 0.87495 → 0.8750, +0.125) for 1 + 0.0833: 12.0833 in all
    assert {c.input: c.after for c in result.changes} == {"online": D("58.33"), "on_time": D(40)}
    assert result.reached and result.cost == D("12.0833")


def test_denominators_come_from_the_ast_not_from_names() -> None:
    # The whole of this rate is named "on_time" and the part "received": the names lie, the AST does not.
    rs = parrules.loads(
        'ruleset "x" level province scale 1 rounding half_up 2\n'
        "input received: count\ninput on_time: count\nconstraint received <= on_time\n"
        'field 1 "a" max 1 { let whole = on_time  score min(max, max * rate(received, whole, empty: 0)) }\n'
    )
    assert denominators(rs) == {"on_time": "1"}
    result = rs.plan({"received": D(1), "on_time": D(4)}, gain="0.5")
    assert [(c.input, c.after) for c in result.changes] == [("received", D(3))]


def test_monotone_decreasing_moves_down() -> None:
    rs = parrules.loads(
        'ruleset "x" level province scale 2 rounding half_up 2\ninput late: count in 0..10\n'
        'field 1 "a" max 2 { monotone decreasing in late score deduct(late, 0.25, floor: 0) }\n'
    )
    # 2 − 0.25 × 6 = 0.5; +1 point needs 4 fewer late tasks: cost 1 + 4 = 5
    result = rs.plan({"late": D(6)}, gain=1)
    assert [(c.input, c.after, c.cost) for c in result.changes] == [("late", D(2), D(5))]


def test_parent_rounding_is_re_scored_searched_again_and_trimmed() -> None:
    # Field 1 rounds its sum to 0 places; field 2 is survey (fixed).  Total 2 needs field 1 = 2,
    # so 1.1 + 1.2 >= 1.5 (1.5 → 2): +0.9 over 0.3 + 0.3, at least 0.9 + 2 inputs = 2.9.
    # The knapsack sees leaves only (gain 1.0 → 1.0 + 2 = 3.0); re-scored, that plan meets the
    # target, is marked not proven, and is trimmed to 2.9 (the parent's rounding pays the rest).
    rs = parrules.loads(
        'ruleset "x" level province scale 3 rounding half_up 1\n'
        'field 1 "F" max 2 { round 0\n criterion 1.1 "a" max 1 { score points }\n'
        ' criterion 1.2 "b" max 1 { score points }\n}\n'
        'field 2 "G" max 1 { source survey score points }\n'
    )
    result = rs.plan({"p_1_1": D("0.3"), "p_1_2": D("0.3"), "p_2": D(0)}, total=2)
    assert result.reached and not result.exact and result.after.total == 2
    assert result.cost == D("2.9")
    assert any("not proven least" in note for note in result.notes)
    assert any(note.startswith("trimmed") for note in result.notes)


def test_a_constraint_between_two_moved_inputs_is_never_broken() -> None:
    # a + b <= 8 from 3 + 3: each alone may move +2, together only +2 in all (0.2 points).
    # Gain 0.3 looks possible input by input (+2 and +1); the evaluator refuses it, one input
    # is kept, and the best reachable plan (+0.2) is what is shown.
    rs = parrules.loads(
        'ruleset "x" level province scale 2 rounding half_up 1\n'
        "input a: count in 0..10\ninput b: count in 0..10\nconstraint a + b <= 8\n"
        'field 1 "F" max 1 { score min(max, a * 0.1) }\nfield 2 "G" max 1 { score min(max, b * 0.1) }\n'
    )
    result = rs.plan({"a": D(3), "b": D(3)}, gain="0.3")
    assert not result.reached and not result.exact
    assert result.after.total == D("0.8") and rs.evaluate(
        {"a": D(3), "b": D(3), **{c.input: c.after for c in result.changes}}
    )
    assert [f.kind for f in result.fixed] == ["constraint"]


def test_the_callers_decimal_context_changes_nothing(small_rs) -> None:
    import decimal

    expected = small_rs.plan(SMALL_UNIT, target="Tốt")
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        ctx.traps[decimal.Inexact] = True
        got = small_rs.plan(SMALL_UNIT, target="Tốt")
    assert (got.cost, got.after.total, [(c.input, c.after) for c in got.changes]) == (
        expected.cost,
        expected.after.total,
        [(c.input, c.after) for c in expected.changes],
    )


def test_numbers_given_as_int_text_or_float_plan_alike(small_rs) -> None:
    # the evaluator reads 40, "40" and 40.0 alike; so does the planner (p_1_2 2 → 2.9745, on_time 30 → 34)
    expected = small_rs.plan(SMALL_UNIT, target="Tốt")
    for spelled in (
        {"received": 40, "on_time": 30, "online": 50, "p_1_2": 2, "p_2": 3},
        {"received": "40", "on_time": "30", "online": "50", "p_1_2": "2", "p_2": "3"},
        {"received": 40.0, "on_time": 30.0, "online": 50.0, "p_1_2": 2.0, "p_2": 3.0},
    ):
        got = small_rs.plan(spelled, target="Tốt")
        assert (got.cost, [(c.input, c.after) for c in got.changes]) == (
            expected.cost,
            [(c.input, c.after) for c in expected.changes],
        )


def test_target_errors(small_rs) -> None:
    with pytest.raises(PlanError, match=r"D212: 'Tot' is not a class of this ruleset; classes: Tốt, Khá, Yếu"):
        small_rs.plan(SMALL_UNIT, target="Tot")
    with pytest.raises(PlanError, match=r"D213: give exactly one target"):
        small_rs.plan(SMALL_UNIT, target="Tốt", total=8)
    with pytest.raises(PlanError, match=r"D213: a total must lie in 0\.\.10 \(the scale\), not 11"):
        small_rs.plan(SMALL_UNIT, total=11)
    with pytest.raises(PlanError, match=r"D213: a gain must be above 0, not 0"):
        small_rs.plan(SMALL_UNIT, gain=0)
    with pytest.raises(PlanError, match=r"D213: 'abc' is not a number"):
        small_rs.plan(SMALL_UNIT, gain="abc")


# ---------------------------------------------------------------- the cost file


@pytest.mark.parametrize(
    ("text", "code", "line", "words"),
    [
        ("[inputs.online\ncost = 1\n", "E027", 1, "not a TOML cost file"),
        ("[inputs.online]\ncost = 0,5\n", "E027", 2, "a decimal comma: write 0.5"),
        ("[inputs.onlin]\ncost = 1\n", "E028", 1, "no input 'onlin' (did you mean 'online'?)"),
        ("[inputs.online]\nprice = 1\n", "E028", 2, "unknown key 'price'"),
        ("[default]\nchange = 1\n[inputs.online]\ncost = -1\n", "E029", 4, "must not be negative"),
        ("[inputs.online]\nfixed = 1\n", "E029", 2, "fixed must be true or false"),
        ("[inputs.online]\nmin = 60\nmax = 50\n", "E029", 2, "min 60 is above max 50"),
        ("[inputs.online]\nstep = 0\n", "E029", 2, "step must be above 0"),
        ("colour = 1\n", "E028", 1, "unknown key 'colour'"),
    ],
)
def test_cost_file_errors_are_located(small_rs, text, code, line, words) -> None:
    with pytest.raises(CostFileError) as caught:
        parse_costs(text, "costs.toml", small_rs)
    first = caught.value.diagnostics[0]
    assert (first.code, first.loc.file, first.loc.line) == (code, "costs.toml", line)
    assert words in first.message


# ---------------------------------------------------------------- Hà Giang 2022 (national-2022)


@pytest.fixture(scope="module")
def ha_giang():
    rs = parrules.load("national-2022")
    unit = io.read_data(ROOT / "examples" / "ha-giang-2022.csv", rs).units[0]
    return rs, unit, rs.plan(unit.inputs, target="Nhóm A", unit=unit.unit)


def test_ha_giang_to_group_a_by_hand(ha_giang) -> None:
    """Hà Giang scored 84.41, group B: what lifts it to group A at least cost?

    Bands (rulesets/national-2022.par, ``classes by index``): "Nhóm A": from 90, "Nhóm B": from
    80 below 90.  Index = total / 100 × 100, rounded half_up to 2 places, so group A needs a
    total of 89.995 (89.995 → 90.00): a gain of 89.995 − 84.4094 = 5.5856 points.

    At the default cost (1 per input changed + 1 per unit moved), the cheapest points are the
    appraisal points (`score points`, 1 per point + 1 per input) and 5.4's choice (0.5 → 1.5 for 1):
      11 appraisal inputs below their max: 1.5 0.5, 1.7 0.3817, 2.3 0.1875, 3.2.2 0.25, 5.1.2 0.25,
      5.1.3 0.25, 6.3.2 0.25, 7.1.2 0.5, 7.3.1 0.25, 8.3.2 0.5, 8.5 0.5312 = 3.8504 points;
      5.4 discipline → none: 1 point.                                     together 4.8504.
    Survey points (32 of them), the budget rank (8.4) and the rates' wholes are not the unit's.
    The 0.7352 still missing is dearer: NDXP services (7.1.4, 1/15 point each: 6 → 15 gives 0.6
    for 1 + 9 = 10) beat the online rate (7.3.6, 1.5 × 1% = 0.015 point per percentage point);
    the other 0.1352 comes from the online rate: 42.41 → 51.43 (1.5 × 0.5143 = 0.77145 → 0.7715,
    +0.1353 over 0.6362, for 1 + 9.02 = 10.02; 51.42 gives +0.1351, one quantum short).  That
    overshoots by 0.0001, so one appraisal input stops a quantum below its max (a tie: which one
    is the planner's choice).  Cost: 11 + 3.8504 − 0.0001 + 1 + 10 + 10.02 = 35.8703.
    """
    _rs, _unit, result = ha_giang
    assert result.before.index == D("84.41") and result.klass_before == "Nhóm B"
    assert result.required_total == D("89.995")
    assert result.reached and result.exact and result.klass_after == "Nhóm A"
    assert result.after.total == D("89.995") and result.after.index == D("90.00")
    assert result.cost == D("35.8703")
    moved = {c.input: c.after for c in result.changes}
    assert moved["discipline"] == "none"
    assert moved["ndxp_in_use"] == D(15)
    assert moved["online_full_rate"] == D("51.43")
    points = {c.input for c in result.changes if c.input.startswith("p_")}
    assert points == {
        "p_1_5", "p_1_7", "p_2_3", "p_3_2_2", "p_5_1_2", "p_5_1_3", "p_6_3_2", "p_7_1_2", "p_7_3_1", "p_8_3_2", "p_8_5"
    }  # fmt: skip
    assert sum(c.after - c.before for c in result.changes if c.input in points) == D("3.8503")
    # by node and responsible agency, with the points each brings (seed 004, Phụ lục 01 agencies)
    by_code = {g.code: g for g in result.nodes}
    assert by_code["5.4"].agency == "Sở Nội vụ" and by_code["5.4"].gain == D(1)
    assert by_code["7.1.4"].gain == D("0.6")
    assert by_code["7.3.6"].before == D("0.6362") and by_code["7.3.6"].after == D("0.7715")
    # nothing the unit cannot move was moved
    kinds = {f.input: f.kind for f in result.fixed}
    assert kinds["budget_revenue_rank"] == "rank" and kinds["received_dept"] == "denominator"
    assert kinds["p_8_1_1"] == "survey" and "on_time_dept" not in kinds


def test_cli_plan_text_json_md(capsys, tmp_path) -> None:
    (tmp_path / "vi-du.par").write_text(SMALL, encoding="utf-8")
    (tmp_path / "units.csv").write_text(
        "unit,received,on_time,online,p_1_2,p_2\nHuyện A,40,30,50,2,3\n", encoding="utf-8"
    )
    rs, data = str(tmp_path / "vi-du.par"), str(tmp_path / "units.csv")
    base = ("plan", rs, data, "--decimal", "dot", "--unit", "Huyện A")
    # the plans of test_small_gain_by_hand and test_small_class_by_hand
    code, out, err = run(capsys, *base, "--gain", "1", "--format", "json")
    assert code == 0, err
    loaded = json.loads(out)
    assert (loaded["reached"], loaded["least_cost_proven"], loaded["cost"]) == (True, True, "2")
    assert loaded["changes"] == [
        {
            "input": "p_1_2",
            "description": "Thẩm định",
            "unit": "điểm",
            "from": "2",
            "to": "3",
            "cost": "2",
            "nodes": ["1.2"],
        }
    ]
    assert loaded["nodes"][0]["agency"] == "Sở Nội vụ" and loaded["derivations"]["1.2"].startswith("1.2 Thẩm định")
    assert {f["input"]: f["kind"] for f in loaded["fixed"]} == {"received": "denominator", "p_2": "survey"}
    code, out, _ = run(capsys, *base, "--target", "Tốt", "--format", "md")
    assert code == 0 and out.startswith("# Plan for Huyện A: class 'Tốt' (a total of at least 7.9995)")
    rows = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in out.splitlines() if line.startswith("| 1.1.1")]
    assert rows == [["1.1.1", "Đúng hạn", "Văn phòng UBND tỉnh", "on\\_time 30 → 34 hồ sơ", "5", "1.125 → 1.275 (+0.15)"]]
    code, out, _ = run(capsys, *base, "--target", "Tốt")
    assert code == 0 and "- cost:   6.9745" in out and "reached; no cheaper plan reaches it" in out
    assert "    on_time = 34 hồ sơ  Hồ sơ đúng hạn" in out  # the derivation, as explain prints it
    code, out, _ = run(capsys, *base, "--total", "9.5")
    assert code == 1 and "NOT reachable" in out and "- after:  total 9, index 90.00, class Tốt" in out
    costs = tmp_path / "costs.toml"
    costs.write_text("[inputs.p_1_2]\nfixd = true\n", encoding="utf-8")
    code, _, err = run(capsys, *base, "--gain", "1", "--costs", str(costs))
    assert code == 2 and f"{costs}:2:1: error E028: unknown key 'fixd' in [inputs.p_1_2] (did you mean 'fixed'?)" in err
    code, _, err = run(capsys, *base, "--target", "Tot")
    assert code == 2 and "D212" in err
    code, _, err = run(capsys, *base, "--gain", "1", "--total", "8")
    assert code == 2 and "not allowed with argument" in err
    code, _, err = run(capsys, "plan", rs, data, "--unit", "Nowhere", "--gain", "1")
    assert code == 2 and "no unit 'Nowhere'" in err


def test_tutorial_section_prints_what_the_page_shows(capsys, ha_giang, tmp_path, monkeypatch) -> None:
    """docs/tutorial.md section 10: each command's shown lines are what it prints, in order."""
    import re

    from parrules.plan import format_plan

    text = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8").split("## 10. Plan", 1)[1]
    shown = re.findall(r"```\n\$ parrules plan (.*?)\n(.*?)\.\.\.\n```", text, re.S)
    (costs,) = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert len(shown) == 2
    _rs, _unit, result = ha_giang
    printed = [format_plan(result)]
    (tmp_path / "costs.toml").write_text(costs, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = str(ROOT / "examples" / "ha-giang-2022.csv")
    code, out, _ = run(
        capsys, "plan", "national-2022", data, "--unit", "Tỉnh Hà Giang", "--target", "Nhóm A", "--costs", "costs.toml"
    )
    assert code == 0
    printed.append(out)
    for (command, lines), out in zip(shown, printed, strict=True):
        assert out.startswith(lines), command
    # what the page says of the second plan: 7.3.6 to 100 %, 7.3.7 and 52 fewer public service units for 53
    second: dict[str, str] = {}
    for line in out.splitlines():  # the table's rows (the derivations' headings come later)
        if re.match(r"\d+(\.\d+)* ", line):
            second.setdefault(line.split()[0], line)
    assert "online_full_rate 42.41 → 100 %" in second["7.3.6"] and "7.3.7" in second
    assert "public_units_now 799 → 747" in second["4.1.3"] and " 53 " in second["4.1.3"]
    assert "5.4" not in second  # discipline is fixed by the cost file


def test_hostile_text_is_shown_never_obeyed() -> None:
    """Titles, agencies and unit names go through safe_text in every format (a plan is printed)."""
    from parrules.plan import format_plan

    evil = "\x1b[2J\u202e| # *x* <b>"
    rs = parrules.loads(
        'ruleset "x" level province scale 1 rounding half_up 2\n'
        f'field 1 "{evil}" max 1 {{ agency "{evil}" score points }}\n'
    )
    result = rs.plan({"p_1": D("0.5")}, gain="0.5", unit=evil)
    text, md = format_plan(result, "text"), format_plan(result, "md")
    for out in (text, md):
        assert "\x1b" not in out and "\u202e" not in out
    assert "\\| \\# \\*x\\* \\<b\\>" in md  # Markdown syntax escaped in cells and headings
    data = json.loads(format_plan(result, "json"))
    assert data["unit"] == evil and data["nodes"][0]["title"] == evil  # JSON keeps the text as text
    with pytest.raises(PlanError, match=r"D212: the ruleset declares no classes: give --total or --gain"):
        rs.plan({"p_1": D("0.5")}, target="A")


def test_a_district_class_by_total_with_the_commune_rule_named() -> None:
    # bac-kan-2023-districts: "classes by total { "Tốt": from 80 ... }" (rulesets/bac-kan-2023-districts.par);
    # Ba Bể scored 79.041 (seed 000, the shipped case file): 0.959 short of "Tốt".  Every appraisal
    # field is one `score points` input, so one input with 0.959 of room does it: 1 + 0.959 = 1.959,
    # and no plan changes fewer than one input.  The district's commune rule is not applied: said so.
    from parrules.cases import default_cases, read_cases

    rs = parrules.load("bac-kan-2023-districts")
    (case,) = [c for c in read_cases(default_cases(rs)[0], rs) if c.name == "Huyện Ba Bể"]
    result = rs.plan(case.inputs, target="Tốt", unit=case.name)
    assert result.required_total == 80 and result.after.total == 80 and result.klass_after == "Tốt"
    assert result.cost == D("1.959") and result.exact
    ((change),) = result.changes
    assert change.after - change.before == D("0.959") and result.nodes[0].source == "appraisal"
    assert "the rule on the communes' classes is not applied" in result.notes[0]


def test_cli_plan_speaks_vietnamese_by_default(capsys, tmp_path) -> None:
    """Every command's default language is Vietnamese (issue 10): the plan's words and numbers
    (decimal commas) too; the same plan as test_cli_plan_text_json_md's (cost 6.9745)."""
    (tmp_path / "vi-du.par").write_text(SMALL, encoding="utf-8")
    (tmp_path / "units.csv").write_text(
        "unit,received,on_time,online,p_1_2,p_2\nHuyện A,40,30,50,2,3\n", encoding="utf-8"
    )
    rs, data = str(tmp_path / "vi-du.par"), str(tmp_path / "units.csv")
    code, out, _ = run(capsys, "plan", rs, data, "--decimal", "dot", "--unit", "Huyện A", "--target", "Tốt", "--lang", "vi")
    assert code == 0 and out.startswith("Kế hoạch cho Huyện A: xếp loại 'Tốt' (tổng điểm ít nhất 7,9995)")
    assert "- chi phí: 6,9745" in out and "đạt; không có kế hoạch nào rẻ hơn đạt được" in out
    assert "Thay đổi, theo tiêu chí và cơ quan chịu trách nhiệm" in out and "  các bước:" in out
    for english in ("Plan for", "before:", "Changes, by node", "Not moved", "steps:", "reached;"):
        assert english not in out
