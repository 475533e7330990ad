"""One test per language construct: a tiny ruleset, loaded with ``parrules.loads`` and evaluated.

Every expected value is an exact Decimal worked out by hand; the arithmetic is
written in the comment next to it.  See docs/language.md for the constructs.
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import parrules

DOCS = Path(__file__).resolve().parent.parent / "docs"


def leaf(score_items: str, inputs: str = "", max_: str = "1", extra: str = "") -> parrules.Ruleset:
    """A ruleset with one field that is itself the scored leaf (scale = max)."""
    text = f"""ruleset "T" year 2022 level province scale {max_}
{inputs}
field 1 "Leaf" max {max_} {{
  {score_items}
}}
{extra}
"""
    return parrules.loads(text)


def score(rs: parrules.Ruleset, **inputs: object) -> D:
    return rs.evaluate(inputs)["1"].score


# ------------------------------------------------------------------ header


def test_header_items() -> None:
    rs = parrules.loads(
        """ruleset "Bộ chỉ số CCHC cấp tỉnh" year 2022 level province basis "Quyết định 876/QĐ-BNV"
        scale 2 rounding half_up 2 index rounding 1
input p: percent
field 1 "A" max 1.5 { score max * p }
field 2 "B" max 0.5 { score 0.5 }
"""
    )
    h = rs.header
    assert (h.title, h.year, h.level, h.basis) == ("Bộ chỉ số CCHC cấp tỉnh", 2022, "province", "Quyết định 876/QĐ-BNV")
    assert (h.scale, h.rounding_mode, h.rounding_places, h.index_places) == (D(2), "half_up", 2, 1)
    card = rs.evaluate({"p": "42.41"})
    # 1.5 x 0.4241 = 0.63615 -> 2 places half up -> 0.64
    assert card["1"].score == D("0.64")
    # total 0.64 + 0.5 = 1.14; index 1.14 / 2 x 100 = 57.0 (1 place)
    assert card.total == D("1.14")
    assert card.index == D("57.0")


def test_header_defaults_round_leaves_to_4_and_index_to_2() -> None:
    rs = parrules.loads('ruleset "T" level commune scale 3\ninput p: percent\nfield 1 "A" max 3 { score max * p }')
    assert (rs.header.rounding_mode, rs.header.rounding_places, rs.header.index_places) == ("half_up", 4, 2)
    card = rs.evaluate({"p": "33.333"})
    # 3 x 0.33333 = 0.99999 -> 0.9999 (4 places, the 5th digit 9 rounds... 0.99999 -> 1.0000)
    assert card["1"].score == D("1.0000")
    # index 1 / 3 x 100 = 33.333... -> 33.33
    assert card.index == D("33.33")


def test_rounding_mode_down() -> None:
    rs = parrules.loads(
        'ruleset "T" level province scale 1.5 rounding down 4\ninput p: percent\nfield 1 "A" max 1.5 { score max * p }'
    )
    # 1.5 x 0.4241 = 0.63615 -> truncated to 0.6361
    assert rs.evaluate({"p": "42.41"})["1"].score == D("0.6361")


def test_half_up_rounding_to_4_places_beats_float() -> None:
    rs = leaf("score max * online", "input online: percent", max_="1.5")
    # 1.5 x 42.41% = 0.63615 exactly in Decimal -> half up -> 0.6362 (the Ministry's printed value)
    assert score(rs, online="42.41") == D("0.6362")
    # floats lose the 5: 1.5 * 0.4241 is 0.63614999... and rounds to 0.6361
    assert round(1.5 * 0.4241, 4) == 0.6361
    # a float input is read by its shortest repr, so 42.41 (float) scores the same
    assert score(rs, online=42.41) == D("0.6362")


# ------------------------------------------------------------------ inputs


def test_count_input() -> None:
    rs = leaf("score min(0.25 * n, max)", 'input n: count "Số sáng kiến" unit "sáng kiến"')
    assert score(rs, n=3) == D("0.75")  # 0.25 x 3 = 0.75
    assert rs.inputs["n"].unit == "sáng kiến"
    assert rs.inputs["n"].description == "Số sáng kiến"
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"n": "2.5"})
    assert exc.value.code == "D105"  # a count is a whole number
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"n": -1})
    assert exc.value.code == "D105"


def test_money_input() -> None:
    rs = leaf("score min(spent / 1000, max)", 'input spent: money unit "triệu đồng"')
    assert rs.inputs["spent"].unit == "triệu đồng"
    assert score(rs, spent="840.14") == D("0.8401")  # 840.14 / 1000 = 0.84014 -> 0.8401
    assert score(rs, spent=5000) == D("1.0000")  # capped at max 1
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"spent": -1})
    assert exc.value.code == "D106"  # money is at least 0


def test_percent_input_is_given_in_percent_and_a_ratio_in_formulas() -> None:
    rs = leaf("score max * p", "input p: percent", max_="2")
    # given 25 (percent) -> 0.25 in the formula -> 2 x 0.25 = 0.5
    assert score(rs, p=25) == D("0.5000")
    assert score(rs, p="100") == D("2.0000")
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"p": "100.5"})
    assert exc.value.code == "D106"
    assert "100.5%" in str(exc.value)  # shown in the unit it was given in


def test_ratio_input() -> None:
    rs = leaf("score max * r", "input r: ratio", max_="2")
    assert score(rs, r="0.25") == D("0.5000")  # 2 x 0.25
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"r": 25})  # a ratio is 0..1, not a percent
    assert exc.value.code == "D106"


def test_number_input_with_bounds() -> None:
    rs = leaf("score x / 10", "input x: number in 0..10")
    assert score(rs, x="7.5") == D("0.7500")  # 7.5 / 10
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"x": 11})
    assert exc.value.code == "D106"
    assert "x = 11 is outside 0..10" in str(exc.value)


def test_percent_bounds_written_in_percent() -> None:
    rs = leaf("score max * p / 50%", "input p: percent in 0..50%")
    assert score(rs, p=40) == D("0.8000")  # 0.40 / 0.50 = 0.8
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"p": 60})
    assert exc.value.code == "D106"


def test_yesno_input() -> None:
    rs = leaf("score if has_plan then max else 0", "input has_plan: yesno")
    assert score(rs, has_plan=True) == D("1.0000")
    assert score(rs, has_plan=False) == D("0.0000")
    assert score(rs, has_plan=1) == D("1.0000")
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"has_plan": "maybe"})
    assert exc.value.code == "D104"


def test_points_input() -> None:
    rs = leaf("source appraisal score points as judged", "input judged: points", max_="2")
    assert score(rs, judged="1.5") == D("1.5000")


def test_rank_input() -> None:
    rs = leaf("score ranks r { 1..10: 1.5 11..63: 0.5 }", "input r: rank 1..63", max_="1.5")
    assert score(rs, r=10) == D("1.5000")
    assert score(rs, r=11) == D("0.5000")
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"r": 64})
    assert exc.value.code == "D106"


def test_choice_input() -> None:
    rs = leaf(
        "score choice discipline { none: 1.5 dept_leader: 0.5 unit_leader: 0 }",
        "input discipline: choice { none, dept_leader, unit_leader }",
        max_="1.5",
    )
    assert score(rs, discipline="none") == D("1.5000")
    assert score(rs, discipline="dept_leader") == D("0.5000")
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"discipline": "nobody"})
    assert exc.value.code == "D104"
    assert "none, dept_leader, unit_leader" in str(exc.value)


def test_missing_input_names_input_and_node() -> None:
    rs = leaf(
        "score max * rate(on_time, received, empty: 100%)",
        "input received: count\ninput on_time: count\nconstraint on_time <= received",
    )
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"received": 10})
    err = exc.value
    assert (err.code, err.input, err.node) == ("D101", "on_time", "1")
    assert str(err) == "D101: input 'on_time', needed by 1: on_time is missing"


# ------------------------------------------------------------------ constraints


def test_constraint_violation_names_inputs_and_values() -> None:
    rs = leaf(
        "score max * rate(on_time, received, empty: 100%)",
        "input received: count\ninput on_time: count\nconstraint on_time <= received",
    )
    assert score(rs, received=10, on_time=10) == D("1.0000")
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"received": 10, "on_time": 11})
    err = exc.value
    assert err.code == "D108"
    assert "on_time = 11" in str(err) and "received = 10" in str(err)
    assert "on_time <= received" in str(err)


def test_constraint_with_message() -> None:
    rs = leaf(
        "score max * rate(a, b, empty: 0)",
        'input a: count\ninput b: count\nconstraint a <= b "đúng hạn không vượt quá tiếp nhận"',
    )
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"a": 3, "b": 2})
    assert "đúng hạn không vượt quá tiếp nhận" in str(exc.value)
    assert "a = 3" in str(exc.value) and "b = 2" in str(exc.value)


# ------------------------------------------------------------------ node attributes


def test_node_attributes_source_agency_basis_note_monotone() -> None:
    rs = parrules.loads(
        """ruleset "T" level province scale 2
input a: count
input b: count
constraint a <= b
field 1 "F" max 2 {
  agency "Sở Nội vụ"
  criterion 1.1 "C1" max 1 {
    source appraisal
    basis "Điểm a khoản 1"
    note "tính trên hồ sơ tiếp nhận"
    monotone increasing in a
    score max * rate(a, b, empty: 100%)
  }
  criterion 1.2 "C2" max 1 { source survey agency "Văn phòng" score points }
}
"""
    )
    card = rs.evaluate({"a": 1, "b": 2, "p_1_2": "0.75"})
    assert card["1.1"].agency == "Sở Nội vụ"  # inherited from field 1
    assert card["1.2"].agency == "Văn phòng"  # its own
    assert card["1.1"].source == "appraisal"
    assert card["1.2"].source == "survey"
    assert card["1"].source == "mixed"
    node = rs.node("1.1")
    assert node.basis == "Điểm a khoản 1"
    assert node.note == "tính trên hồ sơ tiếp nhận"
    assert [(m.direction, m.input) for m in node.monotone] == [("increasing", "a")]
    # 1 x 1/2 = 0.5; 0.75; parent 1.25
    assert card["1"].score == D("1.2500")
    assert card.by_source() == {"appraisal": (D("0.5000"), D(1)), "survey": (D("0.75"), D(1))}


def test_round_on_a_parent() -> None:
    rs = parrules.loads(
        """ruleset "T" level province scale 2
field 1 "Survey" max 2 {
  round 2
  source survey
  criterion 1.1 "a" max 1 { score points }
  criterion 1.2 "b" max 1 { score points }
}
"""
    )
    card = rs.evaluate({"p_1_1": "0.4125", "p_1_2": "0.3"})
    # 0.4125 + 0.3 = 0.7125 -> rounded to 2 places on the parent -> 0.71
    assert card["1"].score == D("0.71")
    assert card["1.1"].score == D("0.4125")


def test_parent_sums_children() -> None:
    rs = parrules.loads(
        """ruleset "T" level province scale 3
field 1 "F" max 3 {
  criterion 1.1 "a" max 2 {
    sub 1.1.1 "x" max 1 { score 0.25 }
    sub 1.1.2 "y" max 1 { score 1 }
  }
  criterion 1.2 "b" max 1 { score 0.5 }
}
"""
    )
    card = rs.evaluate({})
    assert card["1.1"].score == D("1.25")  # 0.25 + 1
    assert card["1"].score == D("1.75")  # 1.25 + 0.5
    assert card["1"].score <= card["1"].max  # a parent is capped at its max
    assert card.total == D("1.75")
    assert card.index == D("58.33")  # 1.75 / 3 x 100 = 58.333.. -> 58.33


# ------------------------------------------------------------------ arithmetic


def test_arithmetic_precedence() -> None:
    rs = leaf("score 1 + 2 * 3 - 4 / 2 - (1 + 1) * 2", max_="5")
    # 1 + 6 - 2 - 4 = 1
    assert score(rs) == D("1.0000")
    rs = leaf("score 10 - 2 - 3", max_="5")
    assert score(rs) == D("5.0000")  # left to right: (10 - 2) - 3, not 10 - (2 - 3)
    rs = leaf("score 8 / 4 / 2", max_="5")
    assert score(rs) == D("1.0000")  # (8 / 4) / 2


def test_unary_minus() -> None:
    rs = leaf("score max(0, 1 - -x)", "input x: number in -1..0")
    assert score(rs, x="-0.25") == D("0.7500")  # 1 - 0.25


def test_percent_literals() -> None:
    rs = leaf("score max * 50% + 12.5%", max_="1")
    assert score(rs) == D("0.6250")  # 1 x 0.5 + 0.125


# ------------------------------------------------------------------ rate


def _rate(empty: str, max_: str = "1.5") -> parrules.Ruleset:
    return leaf(
        f"score max * rate(on_time, received, empty: {empty})",
        "input received: count\ninput on_time: count\nconstraint on_time <= received",
        max_=max_,
    )


def test_rate() -> None:
    rs = _rate("100%")
    # printed counts 66,108 / 66,186 = 0.998821... x 1.5 = 1.498232... -> 1.4982
    assert score(rs, received=66186, on_time=66108) == D("1.4982")


def test_rate_empty_full_points() -> None:
    assert score(_rate("100%"), received=0, on_time=0) == D("1.5000")  # no dossiers: 1.5 x 100%


def test_rate_empty_zero() -> None:
    assert score(_rate("0"), received=0, on_time=0) == D("0.0000")


def test_rate_empty_na_removes_the_node() -> None:
    rs = parrules.loads(
        """ruleset "T" level province scale 10
input received: count
input on_time: count
constraint on_time <= received
field 1 "Dossiers" max 4 { score max * rate(on_time, received, empty: na) }
field 2 "Other" max 6 { score points }
"""
    )
    card = rs.evaluate({"received": 0, "on_time": 0, "p_2": "4.5"})
    assert card["1"].applicable_max == 0 and card["1"].score == 0
    assert not card["1"].applicable
    assert card.applicable_scale == D(6)  # 10 - 4
    assert card.total == D("4.5")
    assert card.index == D("75.00")  # 4.5 / 6 x 100
    card = rs.evaluate({"received": 4, "on_time": 3, "p_2": "4.5"})
    assert card["1"].score == D("3.0000")  # 4 x 3/4
    assert card.applicable_scale == D(10)
    assert card.index == D("75.00")  # 7.5 / 10 x 100


# ------------------------------------------------------------------ min / max / clamp / caps / deduct


def test_cap_per_item_at_most() -> None:
    # "0.5 per initiative, at most 2"
    rs = leaf("score min(0.5 * n, 2)", "input n: count", max_="2")
    assert score(rs, n=3) == D("1.5000")  # 0.5 x 3
    assert score(rs, n=7) == D("2.0000")  # 3.5 capped at 2
    assert score(rs, n=0) == D("0.0000")


def test_max_as_floor() -> None:
    rs = leaf("score max(0, 1 - 0.3 * n)", "input n: count")
    assert score(rs, n=2) == D("0.4000")  # 1 - 0.6
    assert score(rs, n=4) == D("0.0000")  # 1 - 1.2 < 0 -> 0


def test_min_and_max_with_three_values() -> None:
    rs = leaf("score min(max, max(a, b, 0.1), 0.9)", "input a: ratio\ninput b: ratio")
    assert score(rs, a="0.3", b="0.2") == D("0.3000")  # min(1, 0.3, 0.9)
    assert score(rs, a="0", b="0") == D("0.1000")
    assert score(rs, a="1", b="0") == D("0.9000")


def test_clamp() -> None:
    rs = leaf("score clamp(x, 0, max)", "input x: number")
    assert score(rs, x="0.3") == D("0.3000")
    assert score(rs, x="-2") == D("0.0000")
    assert score(rs, x="7") == D("1.0000")


def test_target_rate_capped() -> None:
    # 4.1.3: max x min(1, cut / 20%)
    rs = leaf("score max * min(1, cut / 20%)", "input cut: percent")
    assert score(rs, cut="10.9253") == D("0.5463")  # 0.109253 / 0.2 = 0.546265 -> 0.5463
    assert score(rs, cut=25) == D("1.0000")


def test_fixed_part_plus_two_rates() -> None:
    # 7.3.7: 0.5 + 0.5 x r1 + 0.5 x r2 = 0.5 + 0.307692 + 0.2635 = 1.071192 -> 1.0712
    rs = leaf("score 0.5 + 0.5 * r1 + 0.5 * r2", "input r1: percent\ninput r2: percent", max_="1.5")
    assert score(rs, r1="61.5384", r2="52.70") == D("1.0712")


def test_deduct_with_floor() -> None:
    rs = leaf("score deduct(late, 0.25, floor: 0)", "input late: count", max_="1.5")
    assert score(rs, late=2) == D("1.0000")  # 1.5 - 0.25 x 2
    assert score(rs, late=10) == D("0.0000")  # 1.5 - 2.5 < 0 -> floor 0
    rs = leaf("score deduct(late, 0.25, floor: 0.5, start: 1)", "input late: count", max_="1.5")
    assert score(rs, late=1) == D("0.7500")  # 1 - 0.25
    assert score(rs, late=5) == D("0.5000")  # 1 - 1.25 -> floor 0.5


# ------------------------------------------------------------------ tiers / linear / ranks / choice


def test_tiers_from_below() -> None:
    rs = leaf("score tiers p { from 100%: 1 from 80% below 100%: 0.5 below 80%: 0 }", "input p: percent")
    assert score(rs, p=100) == D("1.0000")
    assert score(rs, p=80) == D("0.5000")  # from is closed: 80% is in the middle tier
    assert score(rs, p="99.99") == D("0.5000")
    assert score(rs, p="79.99") == D("0.0000")  # below is open
    assert score(rs, p=0) == D("0.0000")


def test_tiers_above_to() -> None:
    rs = leaf("score tiers n { to 2: 1 above 2 to 5: 0.5 above 5: 0 }", "input n: count")
    assert score(rs, n=0) == D("1.0000")
    assert score(rs, n=2) == D("1.0000")  # to is closed
    assert score(rs, n=3) == D("0.5000")  # above is open
    assert score(rs, n=5) == D("0.5000")
    assert score(rs, n=6) == D("0.0000")


def test_tiers_first_match_on_a_formula_subject() -> None:
    rs = leaf(
        "score tiers rate(done, planned, empty: 100%) { from 100%: 1 from 50% below 100%: 0.5 below 50%: 0 }",
        "input done: count\ninput planned: count\nconstraint done <= planned",
    )
    assert score(rs, done=0, planned=0) == D("1.0000")  # empty -> 100% -> first tier
    assert score(rs, done=1, planned=2) == D("0.5000")  # exactly 50%
    assert score(rs, done=1, planned=3) == D("0.0000")


def test_linear() -> None:
    rs = leaf("score linear p { 0%: 0  20%: max }", "input p: percent")
    assert score(rs, p=10) == D("0.5000")  # halfway between 0% and 20%
    assert score(rs, p=5) == D("0.2500")
    assert score(rs, p=0) == D("0.0000")
    assert score(rs, p=50) == D("1.0000")  # flat after the last point


def test_ranks() -> None:
    rs = leaf("score ranks r { 1..10: 1.5 11..30: 1 31..50: 0.75 51..63: 0.5 }", "input r: rank 1..63", max_="1.5")
    # boundaries of each band are inclusive
    assert [score(rs, r=k) for k in (1, 10, 11, 30, 31, 50, 51, 63)] == [
        D("1.5000"),
        D("1.5000"),
        D("1.0000"),
        D("1.0000"),
        D("0.7500"),
        D("0.7500"),
        D("0.5000"),
        D("0.5000"),
    ]


# ------------------------------------------------------------------ yes/no, let, not applicable


def test_if_then_else_with_and_or_not() -> None:
    rs = leaf(
        "score if a and not b then max else if a or b then 0.5 else 0",
        "input a: yesno\ninput b: yesno",
    )
    assert score(rs, a=True, b=False) == D("1.0000")
    assert score(rs, a=True, b=True) == D("0.5000")
    assert score(rs, a=False, b=True) == D("0.5000")
    assert score(rs, a=False, b=False) == D("0.0000")


def test_if_with_comparison() -> None:
    rs = leaf("score if n >= 3 then max else n * 0.25", "input n: count in 0..4")
    assert score(rs, n=3) == D("1.0000")
    assert score(rs, n=2) == D("0.5000")  # 2 x 0.25


def test_let_bindings() -> None:
    rs = leaf(
        "let r1 = rate(a, total, empty: 0)\n  let r2 = rate(b, total, empty: 0)\n  score 0.5 * r1 + 0.5 * r2",
        "input a: count\ninput b: count\ninput total: count\nconstraint a <= total\nconstraint b <= total",
    )
    assert score(rs, a=1, b=3, total=4) == D("0.5000")  # 0.5 x 0.25 + 0.5 x 0.75


def test_not_applicable_when() -> None:
    rs = parrules.loads(
        """ruleset "T" level district scale 10
input has_procedures: yesno
input p: percent
field 1 "TTHC" max 4 { not applicable when not has_procedures  score max * p }
field 2 "Other" max 6 { score 3 }
"""
    )
    card = rs.evaluate({"has_procedures": False, "p": 50})
    assert card["1"].score == 0 and card["1"].applicable_max == 0
    assert card.applicable_scale == D(6)
    assert card.index == D("50.00")  # 3 / 6 x 100
    card = rs.evaluate({"has_procedures": True, "p": 50})
    assert card["1"].score == D("2.0000")  # 4 x 0.5
    assert card.index == D("50.00")  # 5 / 10 x 100


# ------------------------------------------------------------------ survey / judgement points


def test_score_points_implicit_input_and_d106() -> None:
    rs = leaf("source survey score points", max_="0.5")
    assert set(rs.inputs) == {"p_1"}
    assert rs.inputs["p_1"].type == "points"
    assert score(rs, p_1="0.4") == D("0.4")
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"p_1": "0.6"})
    err = exc.value
    assert (err.code, err.input, err.node) == ("D106", "p_1", "1")
    assert "p_1 = 0.6 is outside 0..0.5" in str(err)


def test_score_points_as_name() -> None:
    rs = parrules.loads(
        """ruleset "T" level province scale 3
field 1 "F" max 3 {
  criterion 1.5 "Sáng kiến" max 2 { source appraisal score points as initiatives_points }
  criterion 1.6 "Khác" max 1 { score points }
}
"""
    )
    assert set(rs.inputs) == {"initiatives_points", "p_1_6"}
    card = rs.evaluate({"initiatives_points": "1.5", "p_1_6": "0.5"})
    assert card["1.5"].score == D("1.5")
    assert card.total == D("2.0")  # 1.5 + 0.5
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"initiatives_points": "2.5", "p_1_6": "0.5"})
    assert exc.value.code == "D106" and exc.value.node == "1.5"
    with pytest.raises(parrules.InputError) as exc:
        rs.evaluate({"initiatives_points": "-0.5", "p_1_6": "0.5"})
    assert exc.value.code == "D106"


# ------------------------------------------------------------------ across units, extends


def test_classes_declared() -> None:
    rs = leaf(
        "score points",
        max_="100",
        extra='classes by index { "Tốt": from 80  "Khá": from 70 below 80  "Yếu": below 70 }',
    )
    assert rs.ast.classes is not None
    assert [b.name for b in rs.ast.classes.bands] == ["Tốt", "Khá", "Yếu"]
    assert rs.ast.classes.bands[1].interval.contains(D(70))
    assert not rs.ast.classes.bands[1].interval.contains(D(80))


def test_extends_override_remove(tmp_path: Path) -> None:
    (tmp_path / "base.par").write_text(
        """ruleset "Base" year 2022 level province scale 3
input n: count
field 1 "F" max 3 {
  criterion 1.1 "a" max 1 { score min(0.5 * n, max) }
  criterion 1.2 "b" max 1 { score 1 }
  criterion 1.3 "c" max 1 { score 0 }
}
""",
        encoding="utf-8",
    )
    (tmp_path / "child.par").write_text(
        """ruleset "Child" extends "base" year 2023
override criterion 1.1 "a" max 1 { score min(0.25 * n, max) }
remove 1.3
override field 1 "F" max 2
field 2 "New" max 1 { score 0.5 }
""",
        encoding="utf-8",
    )
    rs = parrules.load(tmp_path / "child.par")
    assert rs.header.year == 2023 and rs.header.scale == 3 and rs.title == "Child"
    card = rs.evaluate({"n": 2})
    assert card["1.1"].score == D("0.5000")  # 0.25 x 2 (overridden; the base gives 1)
    assert card["1"].score == D("1.5000")  # 0.5 + 1
    assert card.total == D("2.0000")  # 1.5 + 0.5
    assert "1.3" not in rs.codes


# ------------------------------------------------------------------ the example and the docs


def test_small_example_ruleset() -> None:
    rs = parrules.load(Path(__file__).parent / "data" / "small.par")
    card = rs.evaluate(
        {
            "received": 10,
            "on_time": 9,
            "online": "42.41",
            "rank_budget": 5,
            "has_plan": True,
            "late_tasks": 2,
            "discipline": "none",
            "p_1_4": "0.4",
        }
    )
    # 1.1.1: 1.5 x 9/10 = 1.35; 1.1.2: 1.5 x 0.4241 = 0.63615 -> 0.6362; 1.2: 1; 1.3: 1.5; 1.4: 0.4
    # field 1: 1.35 + 0.6362 + 1 + 1.5 + 0.4 = 4.8862
    # 2.1: 1.5 - 0.25 x 2 = 1; 2.2: 1.5; 2.3: 42.41% < 80% -> 0; field 2: 2.5
    assert card["1"].score == D("4.8862")
    assert card["2"].score == D("2.5000")
    assert card.total == D("7.3862")
    assert card.index == D("73.86")  # 7.3862 / 10 x 100 = 73.862 -> 73.86


def _tutorial_ruleset() -> str:
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```par\n(.*?)```", text, re.S)
    assert blocks, "docs/tutorial.md has no ```par block"
    return blocks[0]


def test_tutorial_ruleset_loads_and_scores_as_the_tutorial_says() -> None:
    rs = parrules.loads(_tutorial_ruleset(), "tutorial.par")
    assert rs.warnings == ()
    card = rs.evaluate(
        {
            "received": 1200,
            "on_time": 1150,
            "online": "42.41",
            "has_plan": True,
            "initiatives": 3,
            "late_tasks": 2,
            "p_3_1": "1.62",
        }
    )
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    # the numbers the tutorial prints are the numbers the ruleset gives
    for code in ("1.1", "1.2", "2.1", "2.2", "3.1"):
        assert f"{code} {card[code].score}" in text or f"{code}: {card[code].score}" in text, code
    assert str(card.total) in text
    assert str(card.index) in text
    assert card.explain("1.1") in text  # the explanation shown is the one the library gives


def test_language_reference_examples_parse() -> None:
    """Every ```par block in docs/language.md that is a whole ruleset loads."""
    text = (DOCS / "language.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```par\n(.*?)```", text, re.S) if b.lstrip().startswith("ruleset")]
    assert blocks
    for block in blocks:  # an extends example names a shipped parent, so it loads too
        parrules.loads(block, "language.md")


def test_tutorial_next_year_extends_checks_diffs_and_scores(tmp_path: Path) -> None:
    """docs/tutorial.md section 5: the 2024 ruleset extends the 2023 one; what the page prints holds."""
    from parrules.aggregate import classify
    from parrules.cli import main

    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    base, child = re.findall(r"```par\n(.*?)```", text, re.S)[:2]
    (tmp_path / "tutorial.par").write_text(base, encoding="utf-8")
    (tmp_path / "tutorial-2024.par").write_text(child, encoding="utf-8")
    rs = parrules.load(tmp_path / "tutorial-2024.par")
    assert rs.warnings == ()
    assert "late_tasks" not in rs.inputs and "online" not in rs.inputs
    card = rs.evaluate(
        {
            "received": 1200,
            "on_time": 1150,
            "online_full": "42.5",
            "has_plan": True,
            "initiatives": 2,
            "dialogues": 1,
            "p_3_1": "1.8",
        }
    )
    # by hand, as the page says: 1.9167 + 1 + 1 + 1 + 0.75 + 1.80
    assert (card.total, card.index, classify(rs, card)) == (D("7.4667"), D("74.67"), "Khá")

    import contextlib
    import io
    import os

    buffer = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(buffer):
            assert main(["diff", "tutorial.par", "tutorial-2024.par", "--lang", "en"]) == 1
    finally:
        os.chdir(cwd)
    shown = text.split("$ parrules diff tutorial.par tutorial-2024.par --lang en\n", 1)[1].split("```", 1)[0]
    assert buffer.getvalue() == shown


# ------------------------------------------------------------------ extends: cycles, depth, files that are no ruleset

LEAF_RULESET = 'ruleset "Root" year 2022 level province scale 1\nfield 1 "F" max 1 { score 1 }\n'
SECRET = "PARRULES_SECRET_7f3a9"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _load_error(target: Path | str) -> parrules.RulesetError:
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.load(target)
    return caught.value


def test_extends_cycle_is_named(tmp_path: Path) -> None:
    """A <-> B was "nested too deeply to read" (E009, from a RecursionError)."""
    _write(tmp_path / "a.par", 'ruleset "A" extends "b"\n')
    _write(tmp_path / "b.par", '# b extends a\nruleset "B" extends "a"\n')
    error = _load_error(tmp_path / "a.par")
    (d,) = error.diagnostics
    assert d.code == "E196"
    a, b = str(tmp_path / "a.par"), str(tmp_path / "b.par")
    assert d.message == f"extends cycle: {a} -> {b} -> {a}"
    assert (d.loc.file, d.loc.line) == (b, 2)  # at the extends that closes it, with its line
    assert d.source_line == 'ruleset "B" extends "a"'


def test_extends_cycle_through_a_symlink_and_itself(tmp_path: Path) -> None:
    _write(tmp_path / "self.par", 'ruleset "S" extends "self"\n')
    assert _load_error(tmp_path / "self.par").first.message.startswith("extends cycle: ")
    _write(tmp_path / "a.par", 'ruleset "A" extends "b"\n')
    _write(tmp_path / "b.par", 'ruleset "B" extends "link"\n')
    (tmp_path / "link.par").symlink_to(tmp_path / "a.par")  # another name for a.par
    d = _load_error(tmp_path / "a.par").first
    assert d.code == "E196" and d.message.endswith("link.par")


@pytest.mark.parametrize(("parents", "loads"), [(8, True), (9, False), (20, False)])
def test_extends_depth_is_enforced(tmp_path: Path, parents: int, loads: bool) -> None:
    """A chain of 20 extends loaded although E193 promised a limit of 8."""
    for i in range(parents):
        _write(tmp_path / f"r{i}.par", f'ruleset "R{i}" extends "r{i + 1}"\n')
    _write(tmp_path / f"r{parents}.par", LEAF_RULESET)
    if loads:
        rs = parrules.load(tmp_path / "r0.par")
        assert rs.title == "R0" and len(rs.files) == parents + 1
        return
    d = _load_error(tmp_path / "r0.par").first
    assert d.code == "E193"
    assert d.loc.file == str(tmp_path / "r8.par")  # the extends that names the ninth parent
    assert d.message.endswith(f"{tmp_path / 'r8.par'} -> {tmp_path / 'r9.par'}")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("env", f"{SECRET}=hunter2\0HOME=/root\0"),  # like /proc/self/environ: no suffix
        ("id_rsa.txt", f"-----BEGIN KEY-----\n{SECRET}\n"),
        ("secrets.par", f'{SECRET} = "x"\n'),  # .par, but no ruleset header
        ("data.csv", f"unit,x\n{SECRET},1\n"),
        ("unclosed.par", f'"{SECRET}\n'),  # would be "this text is never closed"
        ("deep.par", "(" * 200 + SECRET),  # E009 quoted the line before parsing
    ],
)
def test_a_file_that_is_no_ruleset_is_never_quoted(tmp_path: Path, name: str, content: str) -> None:
    """extends "/proc/self/environ" printed the environment as the syntax error's line."""
    _write(tmp_path / name, content)
    _write(tmp_path / "child.par", f'ruleset "C" extends "{tmp_path / name}"\n')
    for target in (tmp_path / "child.par", tmp_path / name):  # as a parent and loaded directly
        error = _load_error(target)
        assert SECRET not in str(error) and SECRET not in repr(error.diagnostics)
        assert [d.code for d in error.diagnostics] == ["E195"]
        assert error.first.loc.file == str(tmp_path / name)


def test_proc_self_environ_is_not_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/proc/self/environ").exists():  # pragma: no cover - Linux only
        pytest.skip("no /proc")
    monkeypatch.setenv("PARRULES_TEST_SECRET", SECRET)
    _write(tmp_path / "e.par", 'ruleset "E" extends "/proc/self/environ"\n')
    error = _load_error(tmp_path / "e.par")
    assert SECRET not in str(error) and error.first.code == "E195"


def test_a_ruleset_file_still_shows_its_line(tmp_path: Path) -> None:
    """The rule withholds only files that are no ruleset: a .par file with a header shows the line."""
    _write(tmp_path / "bad.par", '# comment\nruleset "Bad" year 2022\nfield 1 "F" max 1 { score @ }\n')
    d = _load_error(tmp_path / "bad.par").first
    assert d.code == "E002" and d.source_line == 'field 1 "F" max 1 { score @ }'
    _write(tmp_path / "child.par", 'ruleset "C" extends "bad"\n')
    assert _load_error(tmp_path / "child.par").first.source_line == 'field 1 "F" max 1 { score @ }'


@settings(max_examples=60)
@given(
    text=st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=60),
    suffix=st.sampled_from(["", ".txt", ".par", ".csv"]),
)
def test_fuzz_no_line_of_a_non_ruleset_file_is_echoed(tmp_path_factory: pytest.TempPathFactory, text: str, suffix: str) -> None:
    """Any text that is not a ruleset, with a marker somewhere, under any name: the marker
    never appears in an error, whether loaded directly or named by extends."""
    folder = tmp_path_factory.mktemp("nonruleset")
    body = text[: len(text) // 2] + SECRET + text[len(text) // 2 :]
    assume(not re.match(r'\A(?:\s|#[^\n]*)*ruleset\s+"', body))
    parent = folder / f"p{suffix}"
    parent.write_text(body, encoding="utf-8")
    _write(folder / "child.par", f'ruleset "C" extends "{parent}"\n')
    for target in (parent, folder / "child.par"):
        try:
            parrules.load(target)
        except parrules.ParrulesError as exc:
            assert SECRET not in str(exc)
