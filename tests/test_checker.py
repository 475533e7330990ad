"""The checker: one broken ruleset per check, and the exact message it gives.

Each expected message is the whole rendered diagnostic: ``file:line:col``, the
severity and code, the text, the offending line and a caret under the column.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parrules
from parrules.check import Range, check, div, mul
from parrules.parse import parse

H = 'ruleset "T" level province scale 1\n'


def errors(text: str) -> list[str]:
    with pytest.raises(parrules.RulesetError) as exc:
        parrules.loads(text, "t.par")
    return [d.render() for d in exc.value.diagnostics]


def only_error(text: str) -> str:
    found = errors(text)
    assert len(found) == 1, "\n\n".join(found)
    return found[0]


def msg(head: str, line: str, column: int) -> str:
    return f"{head}\n    {line}\n    {' ' * (column - 1)}^"


# ------------------------------------------------------------------ names and inputs


def test_e130_undeclared_input() -> None:
    line = 'field 1 "F" max 1 { score max * ratee }'
    # only the undeclared name is reported: no E140/E141 about the unknown range it leaves behind
    assert only_error(H + line + "\n") == msg(
        "t.par:2:33: error E130: ratee is not a declared input or a let of this node", line, 33
    )


def test_e130_names_the_input_a_typo_was_meant_to_be() -> None:
    line = 'field 1 "F" max 1 { score min(1, recieved) }'
    assert only_error(H + "input received: count\n" + line + "\n") == msg(
        "t.par:3:34: error E130: recieved is not a declared input or a let of this node (did you mean 'received'?)",
        line,
        34,
    )


def test_e130_undeclared_choice_input_and_monotone() -> None:
    line = 'field 1 "F" max 1 { monotone increasing in nothing score 1 }'
    assert only_error(H + line + "\n") == msg(
        "t.par:2:21: error E130: monotone names nothing, which is not a declared input", line, 21
    )


def test_w201_unused_input_is_a_warning() -> None:
    rs = parrules.loads(H + 'input a: count\ninput unused: count\nfield 1 "F" max 1 { score min(a, 1) }\n', "t.par")
    assert [w.render() for w in rs.warnings] == [
        msg("t.par:3:7: warning W201: input unused is declared but no formula uses it", "input unused: count", 7)
    ]
    assert rs.warnings[0].severity == "warning"
    assert rs.evaluate({"a": 1, "unused": 0}).total == 1


def test_w202_unused_let_is_a_warning() -> None:
    rs = parrules.loads(H + 'field 1 "F" max 1 {\n  let spare = 1\n  score 1\n}\n', "t.par")
    assert [w.render() for w in rs.warnings] == [
        msg("t.par:3:3: warning W202: let spare of 1 is never used", "  let spare = 1", 3)
    ]


def test_e102_duplicate_input() -> None:
    assert only_error(H + 'input a: count\ninput a: percent\nfield 1 "F" max 1 { score min(a, 1) }\n') == msg(
        "t.par:3:7: error E102: input a is declared twice (first at line 2)", "input a: percent", 7
    )


def test_e105_input_named_with_a_word_of_the_language() -> None:
    # "max" in a formula is the node's max, so an input named max could never be read
    text = H + 'input max: ratio\nfield 1 "F" max 1 { score max }\n'
    assert only_error(text) == msg(
        "t.par:2:7: error E105: max is a word of the language and cannot name an input; rename it",
        "input max: ratio",
        7,
    )


def test_e105_let_named_with_a_word_of_the_language() -> None:
    text = H + 'field 1 "F" max 1 {\n  let if = 1\n  score 1\n}\n'
    assert msg(
        "t.par:3:3: error E105: if is a word of the language and cannot name a let; rename it", "  let if = 1", 3
    ) in errors(text)


def test_e103_empty_input_range() -> None:
    assert only_error(H + 'input a: number in 5..1\nfield 1 "F" max 1 { score clamp(a, 0, 1) }\n') == msg(
        "t.par:2:7: error E103: input a has an empty range", "input a: number in 5..1", 7
    )


# ------------------------------------------------------------------ the tree


def test_e101_header_without_scale_or_level() -> None:
    found = errors('ruleset "T"\nfield 1 "F" max 1 { score 1 }\n')
    assert found == [
        msg("t.par:1:1: error E101: the header has no scale (write: scale 100)", 'ruleset "T"', 1),
        msg(
            "t.par:1:1: error E101: the header has no level (province, department, district or commune)",
            'ruleset "T"',
            1,
        ),
    ]


def test_e110_duplicate_code() -> None:
    line = '  criterion 1.1 "b" max 1 { score 1 }'
    text = (
        'ruleset "T" level province scale 2\nfield 1 "F" max 2 {\n  criterion 1.1 "a" max 1 { score 1 }\n'
        + line
        + "\n}\n"
    )
    assert only_error(text) == msg("t.par:4:3: error E110: code 1.1 is used twice (first at line 3)", line, 3)


def test_e111_code_not_under_its_parent() -> None:
    line = '  criterion 2.1 "a" max 1 { score 1 }'
    assert only_error(H + 'field 1 "F" max 1 {\n' + line + "\n}\n") == msg(
        "t.par:3:3: error E111: node 2.1 is placed under 1; its code says otherwise", line, 3
    )


def test_e111_top_level_code_with_parts() -> None:
    line = 'field 1.1 "F" max 1 { score 1 }'
    found = errors(H + line + "\n")
    assert msg("t.par:2:1: error E111: top-level node 1.1 should have a one-part code such as 3", line, 1) in found


def test_e112_wrong_kind_nesting() -> None:
    line = '  sub 1.1 "a" max 1 { score 1 }'
    assert only_error(H + 'field 1 "F" max 1 {\n' + line + "\n}\n") == msg(
        "t.par:3:3: error E112: node 1.1 is a sub where a criterion belongs", line, 3
    )


def test_e120_children_maxima_differ_from_parent_max() -> None:
    text = (
        H
        + 'field 1 "F" max 1 {\n  criterion 1.1 "a" max 0.5 { score 0.5 }\n  criterion 1.2 "b" max 0.75 { score 0 }\n}\n'
    )
    assert only_error(text) == msg(
        "t.par:2:17: error E120: the children of 1 add up to 1.25, but its max is 1", 'field 1 "F" max 1 {', 17
    )


def test_e121_fields_differ_from_scale() -> None:
    header = 'ruleset "T" level province scale 100'
    assert only_error(header + '\nfield 1 "F" max 1 { score 1 }\n') == msg(
        "t.par:1:1: error E121: the fields add up to 1, but the scale is 100", header, 1
    )


def test_e122_leaf_without_score() -> None:
    assert only_error(H + 'field 1 "F" max 1\n') == msg(
        "t.par:2:1: error E122: node 1 has no children and no score", 'field 1 "F" max 1', 1
    )


def test_e123_parent_with_a_score() -> None:
    line = 'field 1 "F" max 1 { score 1 criterion 1.1 "a" max 1 { score 1 } }'
    assert only_error(H + line + "\n") == msg(
        "t.par:2:1: error E123: node 1 has children and a score; a parent sums its children", line, 1
    )


# ------------------------------------------------------------------ formulas: interval analysis


RATE_INPUTS = "input a: count\ninput b: count\n"


def test_e140_formula_can_exceed_max() -> None:
    line = 'field 1 "F" max 1 { score max * rate(a, b, empty: 100%) }'
    assert only_error(H + RATE_INPUTS + line + "\n") == msg(
        "t.par:4:27: error E140: the formula of 1 can reach no upper limit but the node's max is 1"
        " (cap it with min(..., max), or declare constraint a <= b if the rate cannot pass 100%)",
        line,
        27,
    )


def test_e140_bounded_excess() -> None:
    line = 'field 1 "F" max 1 { score 0.5 + p }'
    assert only_error(H + "input p: percent\n" + line + "\n") == msg(
        "t.par:3:27: error E140: the formula of 1 can reach up to 1.5 but the node's max is 1"
        " (cap it with min(..., max))",
        line,
        27,
    )


def test_e140_accepted_once_a_constraint_is_declared() -> None:
    rs = parrules.loads(
        H + RATE_INPUTS + "constraint a <= b\n" + 'field 1 "F" max 1 { score max * rate(a, b, empty: 100%) }\n'
    )
    assert rs.checked.ranges["1"].lo == 0 and rs.checked.ranges["1"].hi == 1
    # a constraint written the other way round counts too
    parrules.loads(
        H + RATE_INPUTS + "constraint b >= a\n" + 'field 1 "F" max 1 { score max * rate(a, b, empty: 100%) }\n'
    )


def test_e140_accepted_once_wrapped_in_min() -> None:
    rs = parrules.loads(H + RATE_INPUTS + 'field 1 "F" max 1 { score min(max * rate(a, b, empty: 100%), max) }\n')
    assert rs.evaluate({"a": 5, "b": 4}).total == 1  # 5/4 > 100%: capped at max


def test_e141_formula_can_go_below_zero() -> None:
    line = 'field 1 "F" max 1 { score 1 - 2 * a }'
    assert only_error(H + "input a: ratio\n" + line + "\n") == msg(
        "t.par:3:27: error E141: the formula of 1 can go down to -1 (floor it with max(0, ...))", line, 27
    )


def test_e141_accepted_once_floored() -> None:
    parrules.loads(H + 'input a: ratio\nfield 1 "F" max 1 { score max(0, 1 - 2 * a) }\n')


def test_e141_uses_declared_input_range() -> None:
    # 1 - 2 x a for a in 0..0.5 stays within 0..1
    parrules.loads(H + 'input a: number in 0..0.5\nfield 1 "F" max 1 { score 1 - 2 * a }\n')


def test_e142_division_can_divide_by_zero() -> None:
    line = 'field 1 "F" max 1 { score min(a / b, 1) }'
    # only the division is reported, not the unknown range it leaves (no E141)
    assert only_error(H + "input a: count\ninput b: count in 0..10\n" + line + "\n") == msg(
        "t.par:4:31: error E142: this division can divide by zero; write rate(a, b, empty: ...) to say what 0/0 scores",
        line,
        31,
    )


def test_e142_not_raised_when_divisor_cannot_be_zero() -> None:
    parrules.loads(H + 'input a: count\ninput b: count in 1..10\nfield 1 "F" max 1 { score min(a / b, 1) }\n')


def test_e143_rate_without_zero_policy() -> None:
    line = 'field 1 "F" max 1 { score max * rate(a, b) }'
    assert only_error(H + RATE_INPUTS + "constraint a <= b\n" + line + "\n") == msg(
        "t.par:5:33: error E143: rate() needs a policy for a zero whole: add empty: 100%, empty: 0 or empty: na"
        " (the rate to use when the whole is 0)",
        line,
        33,
    )


def test_e144_negative_part_of_rate() -> None:
    line = 'field 1 "F" max 1 { score max * rate(x, b, empty: 0) }'
    found = errors(H + "input x: number\ninput b: count\nconstraint x <= b\n" + line + "\n")
    assert (
        msg("t.par:5:38: error E144: the part of rate() can be negative; floor it with max(0, ...)", line, 38) in found
    )


def test_e131_yesno_added_to_a_count() -> None:
    line = 'field 1 "F" max 1 { score min(n + ok, 1) }'
    assert only_error(H + "input n: count\ninput ok: yesno\n" + line + "\n") == msg(
        "t.par:4:35: error E131: '+' needs a number, but this is yes/no (use if ... then ... else ...)", line, 35
    )


def test_e131_score_is_a_condition() -> None:
    line = 'field 1 "F" max 1 { score ok }'
    assert only_error(H + "input ok: yesno\n" + line + "\n") == msg(
        "t.par:3:27: error E131: the score of 1 must be a number, not a yes/no", line, 27
    )


def test_e131_not_applicable_needs_a_condition() -> None:
    line = 'field 1 "F" max 1 { not applicable when n score 1 }'
    assert only_error(H + "input n: count\n" + line + "\n") == msg(
        "t.par:3:41: error E131: not applicable when ... needs a yes/no condition, not a number", line, 41
    )


def test_e132_let_hides_an_input() -> None:
    text = H + 'input a: ratio\nfield 1 "F" max 1 {\n  let a = 1\n  score a\n}\n'
    assert msg("t.par:4:3: error E132: let a hides another name of the same spelling", "  let a = 1", 3) in errors(text)


def test_e145_clamp_bounds_reversed() -> None:
    line = 'field 1 "F" max 1 { score clamp(x, 1, 0) }'
    assert msg("t.par:3:27: error E145: clamp() has a low bound above its high bound", line, 27) in errors(
        H + "input x: number\n" + line + "\n"
    )


def test_e160_monotone_in_an_input_not_read() -> None:
    line = 'field 1 "F" max 1 { monotone increasing in b score min(a, 1) }'
    assert only_error(H + "input a: count\ninput b: count\n" + line + "\n") == msg(
        "t.par:4:21: error E160: node 1 does not read b, so it cannot be monotone in it", line, 21
    )


# ------------------------------------------------------------------ tiers, ranks, choices, classes


def test_e150_tiers_overlap() -> None:
    line = 'field 1 "F" max 1 { score tiers p { from 80%: 1 from 50% to 80%: 0.5 below 50%: 0 } }'
    assert only_error(H + "input p: percent\n" + line + "\n") == msg(
        "t.par:3:37: error E150: tiers 'from 50% to 80%' and 'from 80%' overlap", line, 37
    )


def test_e151_tiers_gap() -> None:
    line = 'field 1 "F" max 1 { score tiers p { from 80%: 1 from 50% below 70%: 0.5 below 50%: 0 } }'
    assert only_error(H + "input p: percent\n" + line + "\n") == msg(
        "t.par:3:37: error E151: no tier covers the values between 'from 50% below 70%' and 'from 80%'", line, 37
    )


def test_e151_tiers_miss_the_bottom_of_the_domain() -> None:
    line = 'field 1 "F" max 1 { score tiers p { from 80%: 1 from 50% below 80%: 0.5 } }'
    assert only_error(H + "input p: percent\n" + line + "\n") == msg(
        "t.par:3:49: error E151: no tier covers values from 0 up to 'from 50% below 80%'", line, 49
    )


def test_tiers_open_bounds_meet_without_gap() -> None:
    parrules.loads(H + 'input n: count\nfield 1 "F" max 1 { score tiers n { to 2: 1 above 2: 0 } }\n')


def test_e152_rank_bands_overlap() -> None:
    line = 'field 1 "F" max 1 { score ranks r { 1..10: 1 10..63: 0.5 } }'
    assert only_error(H + "input r: rank 1..63\n" + line + "\n") == msg(
        "t.par:3:46: error E152: rank bands 1..10 and 10..63 overlap", line, 46
    )


def test_e153_rank_bands_gap() -> None:
    line = 'field 1 "F" max 1 { score ranks r { 1..10: 1 12..63: 0.5 } }'
    assert only_error(H + "input r: rank 1..63\n" + line + "\n") == msg(
        "t.par:3:46: error E153: no rank band covers rank 11", line, 46
    )


def test_e153_rank_bands_stop_short_of_the_declared_ranks() -> None:
    line = 'field 1 "F" max 1 { score ranks r { 1..10: 1 11..50: 0.5 } }'
    assert only_error(H + "input r: rank 1..63\n" + line + "\n") == msg(
        "t.par:3:46: error E153: no rank band covers ranks above 50", line, 46
    )


def test_e155_choice_missing_an_option() -> None:
    line = 'field 1 "F" max 1 { score choice d { none: 1 dept: 0.5 } }'
    assert only_error(H + "input d: choice { none, dept, unit }\n" + line + "\n") == msg(
        "t.par:3:27: error E155: choice d does not say what unit scores", line, 27
    )


def test_e156_choice_names_an_unknown_option() -> None:
    line = 'field 1 "F" max 1 { score choice d { none: 1 dept: 0.5 other: 0 } }'
    assert only_error(H + "input d: choice { none, dept }\n" + line + "\n") == msg(
        "t.par:3:56: error E156: other is not an option of d", line, 56
    )


CLASSES_HEAD = 'ruleset "T" level province scale 1\nfield 1 "F" max 1 { score 1 }\n'


def test_e170_classes_overlap() -> None:
    line = 'classes by index { "Tốt": from 80  "Khá": from 70 to 80  "Yếu": below 70 }'
    assert only_error(CLASSES_HEAD + line + "\n") == msg(
        "t.par:3:27: error E170: class bands 'from 70 to 80' and 'from 80' overlap", line, 27
    )


def test_e171_classes_gap() -> None:
    line = 'classes by index { "Tốt": from 80  "Khá": from 70 below 75  "Yếu": below 70 }'
    assert only_error(CLASSES_HEAD + line + "\n") == msg(
        "t.par:3:27: error E171: no class band covers the values between 'from 70 below 75' and 'from 80'", line, 27
    )


def test_e180_tie_break_names_an_unknown_node() -> None:
    line = "ranking by total descending tie_break 9"
    assert only_error(CLASSES_HEAD + line + "\n") == msg(
        "t.par:3:1: error E180: tie_break names node 9, which the ruleset does not have", line, 1
    )


def test_every_error_is_reported_at_once_in_line_order() -> None:
    text = (
        H
        + 'field 1 "F" max 1 {\n'
        + '  criterion 1.1 "a" max 0.5 { score nope }\n'
        + '  criterion 1.2 "b" max 0.25 { score 0.25 }\n'
        + "}\n"
    )
    codes = [r.split(": ")[1].split()[1] for r in errors(text)]
    assert codes == ["E120", "E130"]


def test_override_without_extends_e190() -> None:
    line = 'override criterion 1.1 "a" max 1 { score 1 }'
    with pytest.raises(parrules.RulesetError) as exc:
        parrules.loads(CLASSES_HEAD + line + "\n", "t.par")
    assert exc.value.first.code == "E190"
    assert str(exc.value.first.loc) == "t.par:3:1"


# ------------------------------------------------------------------ docs/errors.md lists every code


def test_every_code_in_the_source_is_documented() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    used: set[str] = set()
    for path in (root / "src" / "parrules").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""["']([EWD]\d{3})["']""", text))
    documented = set(re.findall(r"^### ([EWD]\d{3}):", (root / "docs" / "errors.md").read_text(encoding="utf-8"), re.M))
    assert used, "no codes found in the source"
    assert sorted(used - documented) == []


def test_e191_remove_input_the_parent_does_not_have(tmp_path) -> None:
    (tmp_path / "base.par").write_text(H + 'input a: count\nfield 1 "F" max 1 { score min(a, 1) }\n', encoding="utf-8")
    child = tmp_path / "child.par"
    child.write_text('ruleset "c" extends "base"\nremove input b\n', encoding="utf-8")
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.load(child)
    assert caught.value.first.code == "E191"
    assert caught.value.first.message == "remove input b: the parent ruleset has no input b"


# ------------------------------------------------------------------ rounding: round, then cap (issue 8, class 2)

ROUNDED = (
    'ruleset "T" level province scale 1 rounding {mode} 4\n'
    'field 1 "F" max 1 {{\n'
    '  criterion 1.1 "C" max 1 {{\n'
    '    sub 1.1.1 "a" max 0.125 {{ round 0 score max }}\n'
    '    sub 1.1.2 "b" max 0.875 {{ round 2 score max }}\n'
    "  }}\n"
    "}}\n"
)


def test_rounding_up_never_lifts_a_score_above_its_max() -> None:
    """The issue's reproducers: full marks on max 0.125 rounded up to 0 places is 1, and 0.875
    rounded up to 2 places is 0.88; the cap brings both back to the max."""
    rs = parrules.loads(ROUNDED.format(mode="up"), "t.par")
    card = rs.evaluate({})
    assert (card["1.1.1"].score, card["1.1.2"].score) == (Decimal("0.125"), Decimal("0.875"))
    assert card["1.1"].score == card.total == 1  # 0.125 + 0.875, not 1 + 0.88 capped
    assert [w.render() for w in rs.warnings] == [
        msg(
            "t.par:4:23: warning W211: 1.1.1 rounds up to 0 places, which carries its top score 0.125 up to 1,"
            " above its max 0.125: the cap at the max, not the formula, gives the top score;"
            " write round 3, or a max of 0 or 1",
            '    sub 1.1.1 "a" max 0.125 { round 0 score max }',
            23,
        ),
        msg(
            "t.par:5:23: warning W211: 1.1.2 rounds up to 2 places, which carries its top score 0.875 up to 0.88,"
            " above its max 0.875: the cap at the max, not the formula, gives the top score;"
            " write round 3, or a max of 0.87 or 0.88",
            '    sub 1.1.2 "b" max 0.875 { round 2 score max }',
            23,
        ),
    ]


@pytest.mark.parametrize(
    ("mode", "first", "second"),
    [
        # 0.125 to 0 places: up -> 1 (capped 0.125); half_up, half_even, down -> 0.
        # 0.875 to 2 places: up, half_up -> 0.88 (capped 0.875); half_even -> 0.88 (the 7 is odd,
        # so the tie goes to the even 8; capped); down -> 0.87.
        ("up", "0.125", "0.875"),
        ("half_up", "0", "0.875"),
        ("half_even", "0", "0.875"),
        ("down", "0", "0.87"),
    ],
)
def test_every_rounding_mode_rounds_then_caps(mode: str, first: str, second: str) -> None:
    rs = parrules.loads(ROUNDED.format(mode=mode), "t.par")
    card = rs.evaluate({})
    assert (card["1.1.1"].score, card["1.1.2"].score) == (Decimal(first), Decimal(second))
    # what the checker proves is the range of the rounded-then-capped score
    assert rs.checked.ranges["1.1.1"] == Range(Decimal(first), Decimal(first))
    assert rs.checked.ranges["1.1.2"] == Range(Decimal(second), Decimal(second))


def test_w210_full_marks_round_below_the_max() -> None:
    rs = parrules.loads(ROUNDED.format(mode="down"), "t.par")
    assert [w.message for w in rs.warnings] == [
        "max 0.125 has 3 decimals but 1.1.1 rounds down to 0 places, so full marks 0.125 round to 0"
        " and no unit can score the max; write round 3, or a max of 0 or 1",
        "max 0.875 has 3 decimals but 1.1.2 rounds down to 2 places, so full marks 0.875 round to 0.87"
        " and no unit can score the max; write round 3, or a max of 0.87 or 0.88",
    ]
    assert {w.code for w in rs.warnings} == {"W210"}


def test_w210_when_the_formula_never_reaches_the_max() -> None:
    rs = parrules.loads(
        'ruleset "T" level province scale 0.125\ninput x: ratio in 0..0.5\n'
        'field 1 "F" max 0.125 { round 1 score max * x }\n',
        "t.par",
    )
    # top of the formula 0.0625 -> 0.1 (half_up), below the max: only the decimals are reported
    assert [w.message for w in rs.warnings] == [
        "max 0.125 has 3 decimals but 1 rounds half_up to 1 place, so no score can equal the max;"
        " write round 3, or a max of 0.1 or 0.2"
    ]
    assert rs.evaluate({"x": "0.5"}).total == Decimal("0.1")


def test_a_parent_rounds_then_caps() -> None:
    # 1 + 0.25 = 1.25 -> half_up to 1 place = 1.3 -> capped at the parent's max 1.25
    text = (
        'ruleset "T" level province scale 1.25\n'
        'field 1 "F" max 1.25 {\n'
        "  round 1\n"
        '  criterion 1.1 "a" max 1 { score 1 }\n'
        '  criterion 1.2 "b" max 0.25 { score 0.25 }\n'
        "}\n"
    )
    rs = parrules.loads(text, "t.par")
    assert rs.evaluate({}).total == Decimal("1.25")
    assert [w.code for w in rs.warnings] == ["W211"]
    assert rs.warnings[0].message.endswith("write round 2 on 1 (its max is the sum of its children), or drop its round")
    assert rs.checked.ranges["1"] == Range(Decimal("1.25"), Decimal("1.25"))


def test_a_parent_rounds_then_caps_at_what_still_applies() -> None:
    # Found by benchmarks/soak.py.  With y true, 1.2 does not apply: the field's applicable max
    # is 0.50000001 (1.1 alone).  Its sum 0.50000001 rounds *up* to 6 places: 0.500001, above
    # what applies, which put the index at 100.01.  Capped at the applicable max: 0.50000001,
    # and the index is exactly 100.
    text = (
        'ruleset "t" level province scale 1.00000001 rounding up 4\n'
        "input y: yesno\n"
        'field 1 "f" max 1.00000001 { round 6\n'
        '  criterion 1.1 "a" max 0.50000001 { score max }\n'
        '  criterion 1.2 "b" max 0.5 { not applicable when y  score max } }\n'
    )
    rs = parrules.loads(text, "t.par")
    card = rs.evaluate({"y": True})
    assert card["1"].score == Decimal("0.50000001")
    assert card["1"].applicable_max == Decimal("0.50000001")
    assert card.index == Decimal("100.00")
    # when both apply the sum 1.00000001 rounds up to 1.000001, capped at the max 1.00000001
    assert rs.evaluate({"y": False})["1"].score == Decimal("1.00000001")


def test_matching_places_give_no_rounding_warning() -> None:
    rs = parrules.loads(H + 'input x: ratio\nfield 1 "F" max 1 { round 0 score max * x }\n', "t.par")
    assert rs.warnings == ()
    # 0.5 rounds half_up to 1; the range is [0, 1] after rounding
    assert rs.evaluate({"x": "0.5"}).total == 1
    assert rs.checked.ranges["1"] == Range(Decimal(0), Decimal(1))


def test_e146_rounded_scores_must_fit_the_evaluators_digits() -> None:
    big = "1" + "0" * 29  # 1E+29: 30 digits before the point, 31 with a rounding carry
    line = f'field 1 "F" max {big} {{ round 12 score max }}'
    found = only_error(f'ruleset "T" level province scale {big}\n{line}\n')
    assert found == msg(
        f"t.par:2:1: error E146: a score rounded to 12 places under a scale of {big} needs 43 digits, more than"
        " the 40 the evaluator carries; round to at most 9 places or use a smaller scale",
        line,
        1,
    )
    # at 9 places it fits, and full marks score exactly the max
    rs = parrules.loads(f'ruleset "T" level province scale {big}\nfield 1 "F" max {big} {{ round 9 score max }}\n')
    assert rs.evaluate({}).total == Decimal(big)


# ------------------------------------------------------------------ the percent trap (issue 8, class 6)

TRAP = H.replace("scale 1", "scale 4") + "input online: percent\ninput r: ratio\ninput a: count\ninput b: count\n"


def trap_warnings(score: str) -> list[str]:
    rs = parrules.loads(TRAP + f'field 1 "F" max 4 {{ {score} }}\n', "t.par")
    return [f"{w.code}: {w.message}" for w in rs.warnings if w.code != "W201"]


PERCENT_RANGE = "online ranges over [0, 1] (0%..100% as written in the data)"


def test_w212_a_tier_written_95_instead_of_95_percent() -> None:
    """The reproducer: before, it checked clean and every unit scored 0 (95 is 9500%)."""
    rs = parrules.loads(TRAP + 'field 1 "F" max 4 { score tiers online { from 95: 4  below 95: 0 } }\n', "t.par")
    assert rs.evaluate({"online": 100, "r": 0, "a": 0, "b": 0}).total == 0  # the trap itself
    assert [w.render() for w in rs.warnings if w.code == "W212"] == [
        msg(
            f"t.par:6:42: warning W212: tier 'from 95' can never apply: {PERCENT_RANGE}; did you mean 95%?"
            " (inside formulas a percent is a ratio: 95% is 0.95)",
            'field 1 "F" max 4 { score tiers online { from 95: 4  below 95: 0 } }',
            42,
        )
    ]


def test_w212_not_given_once_the_percent_sign_is_written() -> None:
    assert trap_warnings("score tiers online { from 95%: 4  below 95%: 0 }") == []
    assert trap_warnings("score tiers r { from 0.95: 4  below 0.95: 0 }") == []


def test_w213_a_comparison_with_50_on_a_percent() -> None:
    expected = f"W213: online > 50 is always false: {PERCENT_RANGE}; did you mean 50%? (inside formulas a percent is a ratio: 50% is 0.5)"
    assert trap_warnings("score if online > 50 then 4 else 0") == [expected]
    # the threshold on the left, and inside a let, are the same trap
    assert trap_warnings("score if 50 < online then 4 else 0") == [expected.replace("online > 50", "50 < online")]
    assert trap_warnings("let o = online\n score if o >= 80 then 4 else 0") == [
        "W213: o >= 80 is always false: o ranges over [0, 1] (0%..100% as written in the data); did you mean 80%?"
        " (inside formulas a percent is a ratio: 80% is 0.8)"
    ]


def test_w213_on_a_ratio_names_the_ratio() -> None:
    assert trap_warnings("score if r >= 80 then 4 else 0") == [
        "W213: r >= 80 is always false: r ranges over [0, 1]; did you mean 0.8? (a ratio runs from 0 to 1)"
    ]


def test_w213_always_true_and_equalities() -> None:
    assert trap_warnings("score if online <= 100 then 4 else 0") == [
        f"W213: online <= 100 is always true: {PERCENT_RANGE}; did you mean 100%?"
        " (inside formulas a percent is a ratio: 100% is 1)"
    ]
    assert trap_warnings("score if a >= 0 then 4 else 0") == ["W213: a >= 0 is always true: a ranges over [0, +∞]"]
    assert trap_warnings("score if a == -1 then 4 else 0") == ["W213: a == -1 is always false: a ranges over [0, +∞]"]
    assert trap_warnings("score if a != -1 then 4 else 0") == ["W213: a != -1 is always true: a ranges over [0, +∞]"]
    # a count is no share: out of reach, but no percent to suggest
    assert (
        trap_warnings("score if a > -1 and b < 95 then 4 else 0")[0]
        == "W213: a > -1 is always true: a ranges over [0, +∞]"
    )
    text = TRAP + 'input c: count in 0..50\nfield 1 "F" max 4 { score tiers c { from 95: 4  below 95: 0 } }\n'
    assert [w.message for w in parrules.loads(text).warnings if w.code == "W212"] == [
        "tier 'from 95' can never apply: c ranges over [0, 50]"
    ]
    # decided by neither side alone: no warning
    assert trap_warnings("score if a > b then 4 else 0") == []
    assert trap_warnings("score if online >= 80% then 4 else 0") == []


def test_w212_linear_points_beyond_a_percent() -> None:
    found = trap_warnings("score linear online { 50: 0  100: 4 }")
    assert found == [
        f"W212: linear point {at} can never be reached: {PERCENT_RANGE}, so linear gives every unit the same score;"
        f" did you mean {at}%? (inside formulas a percent is a ratio: {at}% is {ratio})"
        for at, ratio in (("50", "0.5"), ("100", "1"))
    ]
    assert trap_warnings("score linear online { 0: 0  100: 4 }") == [
        f"W212: linear point 100 can never be reached: {PERCENT_RANGE}; did you mean 100%?"
        " (inside formulas a percent is a ratio: 100% is 1)"
    ]
    assert trap_warnings("score linear online { 0%: 0  100%: 4 }") == []


def test_w212_rank_band_beyond_the_ranks() -> None:
    text = H.replace("scale 1", "scale 4") + "input k: rank 1..63\n"
    line = 'field 1 "F" max 4 { score ranks k { 1..63: 4  64..70: 0 } }'
    rs = parrules.loads(text + line + "\n", "t.par")
    assert [w.render() for w in rs.warnings] == [
        msg("t.par:3:47: warning W212: rank band 64..70 can never apply: k ranges over [1, 63]", line, 47)
    ]


def test_w214_a_bare_number_against_a_rate_without_a_constraint() -> None:
    # the rate has no proven upper limit (a may exceed b), so 95 is not provably out of reach
    assert trap_warnings("score tiers rate(a, b, empty: 100%) { from 95: 4  below 95: 0 }") == [
        "W214: rate(a, b, empty: 100%) is a ratio (100% is 1), so 95 means 9500%; did you mean 95%?"
        " (if the rate can pass 100%, write 9500% to say so)"
    ]
    assert trap_warnings("score if rate(a, b, empty: 100%) > 50 then 4 else 0")[0].startswith(
        "W214: rate(a, b, empty: 100%) is a ratio (100% is 1), so 50 means 5000%; did you mean 50%?"
    )
    assert trap_warnings("score tiers rate(a, b, empty: 100%) { from 110%: 4  below 110%: 0 }") == []


def test_w212_with_a_constraint_the_rate_is_a_proven_share() -> None:
    rs = parrules.loads(
        TRAP
        + "constraint a <= b\n"
        + 'field 1 "F" max 4 { score tiers rate(a, b, empty: 100%) { from 95: 4  below 95: 0 } }\n',
        "t.par",
    )
    assert [w.code for w in rs.warnings if w.code != "W201"] == ["W212"]
    assert "did you mean 95%?" in rs.warnings[-1].message


@pytest.mark.parametrize("name", parrules.shipped())
def test_shipped_rulesets_have_no_rounding_or_percent_trap_warning(name: str) -> None:
    assert [w.render() for w in parrules.load(name).warnings if w.code.startswith("W21")] == []


# ------------------------------------------------------------------ the checker's own arithmetic (issue 8, class 10)

# 30 significant digits: 1 + 0.00000000000000000000000000001 is 1.00000000000000000000000000001
# exactly; at 28 digits the sum rounds to 1.
TINY = "0.00000000000000000000000000001"
EXACT = "1.00000000000000000000000000001"


def _two_children(parent_max: str, scale: str) -> str:
    return (
        f'ruleset "T" level province scale {scale}\n'
        f'field 1 "F" max {parent_max} {{\n'
        '  criterion 1.1 "a" max 1 { round 12 score max }\n'
        f'  criterion 1.2 "b" max {TINY} {{ score 0 }}\n'
        "}\n"
    )


def test_maxima_with_30_digits_add_up_exactly() -> None:
    rs = parrules.loads(_two_children(EXACT, EXACT), "t.par")  # at 28 digits: a false E120 and E121
    assert rs.ast.fields[0].max == Decimal(EXACT)


def test_maxima_that_differ_in_the_30th_digit_do_not_add_up() -> None:
    found = errors(_two_children("1", "1"))  # at 28 digits the sum rounds to 1 and passed
    assert [f.split("\n")[0] for f in found] == [
        f"t.par:2:17: error E120: the children of 1 add up to {EXACT}, but its max is 1"
    ]
    fields = f'field 1 "a" max 1 {{ score max }}\nfield 2 "b" max {TINY} {{ score 0 }}\n'
    found = errors('ruleset "T" level province scale 1\n' + fields)
    assert [f.split("\n")[0] for f in found] == [
        f"t.par:1:1: error E121: the fields add up to {EXACT}, but the scale is 1"
    ]
    parrules.loads(f'ruleset "T" level province scale {EXACT}\n' + fields)


def test_the_checker_ignores_the_callers_decimal_context() -> None:
    text = _two_children(EXACT, EXACT)
    reference = parrules.loads(text, "t.par")
    national = parrules.load("national-2022")
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        assert parrules.loads(text, "t.par").checked.ranges == reference.checked.ranges
        again = parrules.loads(Path(national.path).read_text(encoding="utf-8"), national.path)
    assert again.checked.ranges == national.checked.ranges
    assert again.warnings == national.warnings


def test_check_itself_runs_in_its_own_context() -> None:
    """check() is public: called directly (not through loads), it must not read the caller's context."""
    ast = parse(_two_children(EXACT, EXACT), "t.par")
    exact = check(ast).ranges
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        assert check(ast).ranges == exact
        with pytest.raises(parrules.RulesetError) as caught:
            check(parse(_two_children("1", "1"), "t.par"))
    assert caught.value.first.code == "E120"


def test_interval_bounds_are_rounded_outward() -> None:
    # x / 3 for x in 0..1: the exact top 1/3 needs infinitely many digits; the checker's bound
    # must not fall below it, or min(x / 3 * 3, 1)-style proofs would be unsound
    third = div(Range(Decimal(0), Decimal(1)), Range(Decimal(3), Decimal(3)))
    assert third.hi is not None and third.hi * 3 >= 1
    assert third.lo == 0
    back = mul(third, Range(Decimal(3), Decimal(3)))
    assert back.hi is not None and back.hi >= 1


# ------------------------------------------------------------------ -0 (issue 8, class 10)


@pytest.mark.parametrize("zero", [Decimal("-0"), "-0", "-0.000", -0.0, Decimal("-0E+3"), Decimal("-0E-9")])
def test_a_negative_zero_never_scores_minus_zero(zero: object) -> None:
    text = (
        'ruleset "T" level province scale 1\ninput x: ratio\n'
        'field 1 "F" max 1 {\n'
        '  criterion 1.1 "points" max 0.5 { score points }\n'
        '  criterion 1.2 "formula" max 0.5 { score x * 0 * -1 }\n'
        "}\n"
    )
    rs = parrules.loads(text, "t.par")
    card = rs.evaluate({"p_1_1": zero, "x": zero})
    shown = [str(v) for v in (*card.scores, card.total, card.index)]
    assert shown == ["0.0000", "0.0000", "0.0000", "0.0000", "0.00"]
    assert not any(v.is_signed() for v in (*card.scores, card.total))


SUBJECTS = {
    # subject spelling -> the suggestion for a threshold T (T% for a percent or a rate, T/100 for a ratio)
    "online": "percent",
    "r": "ratio",
    "rate(a, b, empty: 100%)": "percent",
    "o": "percent",  # a let bound to the percent input
}
CONSTRUCTS = [
    "tiers {s} {{ from {t}: 4  below {t}: 0 }}",
    "tiers {s} {{ below {t}: 0  from {t}: 4 }}",
    "tiers {s} {{ above {t}: 4  to {t}: 0 }}",
    "if {s} > {t} then 4 else 0",
    "if {s} >= {t} then 4 else 0",
    "if {t} < {s} then 4 else 0",
    "if {s} < {t} then 0 else 4",
    "if not ({s} <= {t}) then 4 else 0",
    "linear {s} {{ 0: 0  {t}: 4 }}",
    "linear {s} {{ {t}: 0  100: 4 }}",
]


@settings(max_examples=120, deadline=None)
@given(
    subject=st.sampled_from(sorted(SUBJECTS)),
    construct=st.sampled_from(CONSTRUCTS),
    threshold=st.one_of(
        st.integers(2, 99).map(str),
        st.decimals(min_value=Decimal("1.01"), max_value=Decimal("99.99"), places=2).map(
            lambda d: f"{d.normalize():f}"
        ),
    ),
)
def test_every_spelling_of_the_percent_trap_is_warned_with_its_fix(
    subject: str, construct: str, threshold: str
) -> None:
    head = TRAP + "constraint a <= b\n"
    body = "let o = online\n  score " if subject == "o" else "score "
    wrong = parrules.loads(head + f'field 1 "F" max 4 {{ {body}{construct.format(s=subject, t=threshold)} }}\n')
    found = [w.message for w in wrong.warnings if w.code in ("W212", "W213")]
    ratio = f"{Decimal(threshold).scaleb(-2).normalize():f}"
    fix = f"did you mean {ratio}?" if SUBJECTS[subject] == "ratio" else f"did you mean {threshold}%?"
    assert found, construct
    assert any(fix in message for message in found), (fix, found)
    # written with the percent sign (or as the ratio), the same rule gives no such warning
    right = ratio if SUBJECTS[subject] == "ratio" else threshold + "%"
    fixed = construct.format(s=subject, t=right).replace(" 100: 4", " 100%: 4")
    clean = parrules.loads(head + f'field 1 "F" max 4 {{ {body}{fixed} }}\n')
    assert [w.message for w in clean.warnings if w.code.startswith("W21")] == []


def test_the_standalone_module_rounds_then_caps_too(tmp_path: Path) -> None:
    """The module rs.to_source() emits runs the same generated code: imported from a file, it
    scores the issue's reproducers at their maxima and a -0 as 0."""
    import importlib.util

    rs = parrules.loads(ROUNDED.format(mode="up"), "t.par")
    path = tmp_path / "rounded_up.py"
    path.write_text(rs.to_source(), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("rounded_up", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scores, _applicable = module.evaluate_scores({})
    assert [str(s) for s in scores] == ["1.000", "1.000", "0.125", "0.875"]


def test_explain_says_when_the_cap_decided_the_score() -> None:
    # max 0.875, rounding up to 2 places: x = 1 gives 0.875 -> 0.88 -> capped at 0.875;
    # x = 0.5 gives 0.4375 -> 0.44, under the max, so no cap is mentioned
    text = 'ruleset "T" level province scale 1 rounding up 2\ninput x: ratio\nfield 1 "F" max 1 {\n'
    text += '  criterion 1.1 "a" max 0.125 { score max * x }\n  criterion 1.2 "b" max 0.875 { score max * x }\n}\n'
    rs = parrules.loads(text, "t.par")
    assert rs.evaluate({"x": "1"}).explain("1.2").splitlines()[-1] == (
        "  rounded up to 2 places: 0.88, capped at the max: 0.875"
    )
    assert rs.evaluate({"x": "0.5"}).explain("1.2").splitlines()[-1] == "  rounded up to 2 places: 0.44"
