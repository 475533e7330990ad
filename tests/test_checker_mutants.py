"""Checker diagnostics that mutation testing of check.py showed no test pinned (docs/mutation.md).

Every expected code, line and column is read off the ruleset text in the test.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import parrules
from parrules import nodes as n
from parrules.check import Range, check
from parrules.parse import parse

# c is a count declared within 2..5, so the checker knows its range exactly; b has no upper bound
HEAD = 'ruleset "T" level province scale 4\ninput c: count in 2..5\ninput b: count\n'


def w213(condition: str, lets: str = "") -> list[tuple[str, int, int, str]]:
    """The always-true/false warnings of ``if CONDITION then 4 else 0``: code, line, column, message."""
    line = f'field 1 "F" max 4 {{ {lets}score if {condition} then 4 else 0 }}'
    rs = parrules.loads(HEAD + line + "\n", "t.par")
    column = line.index(condition) + 1
    found = [(w.code, w.loc.line, w.loc.column, w.message) for w in rs.warnings if w.code == "W213"]
    for _, line_no, col, _ in found:
        assert (line_no, col) == (4, column)
    return found


def always(condition: str, outcome: str, subject: str = "c ranges over [2, 5]", lets: str = "") -> None:
    line = f'field 1 "F" max 4 {{ {lets}score if {condition} then 4 else 0 }}'
    column = line.index(condition) + 1
    assert w213(condition, lets) == [("W213", 4, column, f"{condition} is always {outcome}: {subject}")]


# ------------------------------------------------------------------ _decide at the ends of a range
# c takes 2, 3, 4 and 5: a comparison is decided only when every one of them gives the same answer.


@pytest.mark.parametrize(
    ("condition", "outcome"),
    [
        ("c <= 5", "true"),  # 5 <= 5
        ("c < 6", "true"),
        ("c < 2", "false"),  # not even 2 < 2
        ("c > 5", "false"),  # not even 5 > 5
        ("c >= 2", "true"),  # 2 >= 2
        ("c > 1", "true"),
        ("c >= 6", "false"),
        ("c == 7", "false"),  # 7 is above every value
        ("c != 7", "true"),
        ("c == 1", "false"),  # 1 is below every value
    ],
)
def test_decided_at_the_ends(condition: str, outcome: str) -> None:
    always(condition, outcome)


@pytest.mark.parametrize(
    "condition",
    [
        "c < 5",  # 2 < 5 but not 5 < 5
        "c <= 2",  # 2 <= 2 but not 3 <= 2
        "c > 2",  # 3 > 2 but not 2 > 2
        "c >= 5",  # 5 >= 5 but not 2 >= 5
        "c == 2",  # c may be 2 (the low end) or not
        "c == 5",  # c may be 5 (the high end) or not
        "c == 3",
        "c != 3",
        "c != 5",
        "c == b",  # b reaches every c; b has no upper bound
        "b == c",
    ],
)
def test_undecided_at_the_ends(condition: str) -> None:
    assert w213(condition) == []


def test_equality_of_one_value() -> None:
    # a let of a constant has the one value 3: equal to 3 always, different never
    always("k == 3", "true", "k ranges over [3, 3]", lets="let k = 3 ")
    always("k != 3", "false", "k ranges over [3, 3]", lets="let k = 3 ")
    always("k == 4", "false", "k ranges over [3, 3]", lets="let k = 3 ")
    always("k != 4", "true", "k ranges over [3, 3]", lets="let k = 3 ")


# ------------------------------------------------------------------ class bands: over 0..100 by index, 0..scale by total

ONE_FIELD = 'ruleset "T" level province scale 4\nfield 1 "F" max 4 { score 4 }\n'


def class_errors(head: str, line: str) -> list[tuple[str, int, int, str]]:
    try:
        parrules.loads(head + line + "\n", "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return []


def test_index_bands_cover_0_to_100_exactly() -> None:
    # the index runs 0..100 whatever the scale (4 here): from 0 and to 100 close both ends
    assert class_errors(ONE_FIELD, 'classes by index { "A": from 50 to 100  "B": from 0 below 50 }') == []


def test_index_bands_stopping_at_99_leave_a_gap() -> None:
    line = 'classes by index { "A": from 50 to 99  "B": from 0 below 50 }'
    assert class_errors(ONE_FIELD, line) == [
        ("E171", 3, line.index('"A"') + 6, "no class band covers values above 'from 50 to 99' (up to 100)")
    ]


def test_total_bands_cover_0_to_the_scale() -> None:
    assert class_errors(ONE_FIELD, 'classes by total { "A": from 2 to 4  "B": from 0 below 2 }') == []
    line = 'classes by total { "A": from 2 to 3  "B": from 0 below 2 }'
    assert class_errors(ONE_FIELD, line) == [
        ("E171", 3, line.index('"A"') + 6, "no class band covers values above 'from 2 to 3' (up to 4)")
    ]


def test_total_bands_without_a_scale_are_read_over_0_to_100() -> None:
    # the missing scale is the only error: the bands are checked over 0..100 meanwhile
    head = 'ruleset "T" level province\nfield 1 "F" max 4 { score 4 }\n'
    found = class_errors(head, 'classes by total { "A": from 0 to 100 }')
    assert [(code, line) for code, line, _, _ in found] == [("E101", 1)]


# ------------------------------------------------------------------ tiers at the ends of their subject's range (c is 2..5)


def tier_errors(tiers: str) -> list[tuple[str, int, int, str]]:
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    try:
        parrules.loads(HEAD + line + "\n", "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return []


def test_tiers_closed_at_both_ends_of_the_range_cover_it() -> None:
    assert tier_errors("from 2 below 3: 1  from 3 to 5: 4") == []


def test_a_tier_open_at_the_low_end_leaves_the_low_end_out() -> None:
    tiers = "above 2 below 3: 1  from 3 to 5: 4"
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    assert tier_errors(tiers) == [
        ("E151", 4, line.index("above 2") + 1, "no tier covers values from 2 up to 'above 2 below 3'")
    ]


def test_a_tier_open_at_the_high_end_leaves_the_high_end_out() -> None:
    tiers = "from 2 below 3: 1  from 3 below 5: 4"
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    assert tier_errors(tiers) == [
        ("E151", 4, line.index("from 3 below 5") + 1, "no tier covers values above 'from 3 below 5' (up to 5)")
    ]


# ------------------------------------------------------------------ interval arithmetic: unbounded ends and exact bounds
# x is a plain number (no bound on either side), n a count (0 and up), d a count 2..4, y a yes/no

ARITH = (
    'ruleset "T" level province scale 4\n'
    "input x: number\ninput n: count\ninput d: count in 2..4\ninput y: yesno\ninput r: rank 1..3\n"
)


def loaded(formula: str, head: str = ARITH) -> list[tuple[str, int, int, str]]:
    """The diagnostics of ``field 1 "F" max 4 { score FORMULA }`` (line 7 after ARITH): errors, or else the
    warnings but W201 (each formula reads only some of the inputs declared here)."""
    text = head + f'field 1 "F" max 4 {{ score {formula} }}\n'
    try:
        rs = parrules.loads(text, "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return [(d.code, d.loc.line, d.loc.column, d.message) for d in rs.warnings if d.code != "W201"]


def score_range(formula: str, head: str = ARITH) -> tuple[Decimal | None, Decimal | None]:
    rs = parrules.loads(head + f'field 1 "F" max 4 {{ score {formula} }}\n', "t.par")
    found = rs.checked.ranges["1"]
    return found.lo, found.hi


COL = len('field 1 "F" max 4 { score ') + 1  # the column where the formula starts


def test_negated_and_extremes_of_unbounded_values() -> None:
    # -x has no bound either side; max(x, -x) has none below either (both arguments go down
    # forever), so the formula can go below 0 however it is capped above
    assert loaded("min(4, max(x, -x))") == [
        ("E141", 7, COL, "the formula of 1 can go down to any negative value (floor it with max(0, ...))")
    ]
    # min(4, x) goes down with x; min(n, n) goes up with n (no upper limit)
    assert loaded("max(0, min(4, x))") == []
    assert loaded("min(4, x)") == [
        ("E141", 7, COL, "the formula of 1 can go down to any negative value (floor it with max(0, ...))")
    ]
    assert loaded("min(n, n)") == [
        (
            "E140",
            7,
            COL,
            "the formula of 1 can reach no upper limit but the node's max is 4 (cap it with min(..., max))",
        )
    ]
    # max(0, n): 0 below, no limit above
    assert loaded("max(0, n)")[0][3].startswith("the formula of 1 can reach no upper limit")


def test_products_with_unbounded_factors() -> None:
    # n runs 0..+inf: n * n from 0 * 0 = 0 up without limit (0 times the unbounded end is 0,
    # not an undefined 0 * inf); capped at 4 it runs 0..4
    assert score_range("min(4, n * n)") == (Decimal(0), Decimal(4))
    # n * 2 has no upper limit
    assert loaded("n * 2") == [
        (
            "E140",
            7,
            COL,
            "the formula of 1 can reach no upper limit but the node's max is 4 (cap it with min(..., max))",
        )
    ]
    # min(1, x) runs -inf..1, twice that -inf..2; floored at 0 it runs 0..2
    assert score_range("max(0, min(1, x) * 2)") == (Decimal(0), Decimal(2))


def test_a_division_by_a_positive_range_keeps_both_bounds() -> None:
    # d runs 2..4, so 4 / d runs 4/4 = 1 .. 4/2 = 2, and 4 / -d runs -2 .. -1
    assert score_range("4 / d") == (Decimal(1), Decimal(2))
    assert score_range("2 + 4 / -d") == (Decimal(0), Decimal(1))
    # 4 / d never falls below 1: the comparison is decided
    assert loaded("if 4 / d >= 1 then 4 else 0") == [
        ("W213", 7, COL + 3, "4 / d >= 1 is always true: 4 / d ranges over [1, 2]")
    ]
    # n / (n + 1)... a divisor 1 + n runs 1..+inf, so 4 / (1 + n) runs from 0 (never reached) to 4
    assert score_range("4 / (1 + n)") == (Decimal(0), Decimal(4))
    # a divisor -1 - n runs -inf..-1, so 4 / (-1 - n) runs -4..0, and 4 + that 0..4
    assert score_range("4 + 4 / (-1 - n)") == (Decimal(0), Decimal(4))


# ------------------------------------------------------------------ deduct(), clamp(), ranks: the edge of each rule


def test_deduct_refuses_events_or_points_that_can_be_negative() -> None:
    message = "deduct() takes a non-negative number of events and points per event"
    assert loaded("deduct(n, 0)") == []  # no points per event is allowed (and scores 4 flat)
    assert loaded("deduct(n, 1, floor: 0)") == []
    for formula in (
        "deduct(n, -1, floor: 0)",
        "deduct(n, x, floor: 0)",
        "deduct(d - 5, 1, floor: 0)",
        "deduct(x, 1, floor: 0)",
    ):
        assert loaded(formula) == [("E144", 7, COL, message)], formula


def test_clamp_may_pin_a_value() -> None:
    # low == high is a constant score, not a reversed clamp
    assert loaded("clamp(d, 2, 2)") == []
    assert score_range("clamp(d, 2, 2)") == (Decimal(2), Decimal(2))
    assert loaded("clamp(d, 3, 2)") == [("E145", 7, COL, "clamp() has a low bound above its high bound")]


RANKS_LINE = 'field 1 "F" max 4 {{ score ranks {subject} {{ {bands} }} }}'


def ranks(subject: str, bands: str, head: str = ARITH) -> list[tuple[str, int, int, str]]:
    return loaded(f"ranks {subject} {{ {bands} }}", head)


def test_rank_bands_of_one_rank_and_gaps_of_several() -> None:
    # a band of one rank is not empty
    assert ranks("r", "1..1: 4  2..3: 2") == []
    # ranks 2 and 3 are missing (r runs 1..3)
    line = RANKS_LINE.format(subject="r", bands="1..1: 4  4..5: 2")
    assert ranks("r", "1..1: 4  4..5: 2") == [("E153", 7, line.index("4..5") + 1, "no rank band covers ranks 2..3")]
    # one rank missing is named alone
    line = RANKS_LINE.format(subject="r", bands="1..1: 4  3..3: 2")
    assert ranks("r", "1..1: 4  3..3: 2") == [("E153", 7, line.index("3..3") + 1, "no rank band covers rank 2")]


def test_rank_bands_against_the_ends_of_the_subject() -> None:
    # d runs 2..4: bands from 3 leave 2 out
    line = RANKS_LINE.format(subject="d", bands="3..4: 4")
    assert ranks("d", "3..4: 4") == [("E153", 7, line.index("3..4") + 1, "no rank band covers ranks below 3")]
    # x has no bound: both ends are open
    line = RANKS_LINE.format(subject="x", bands="1..3: 4")
    assert ranks("x", "1..3: 4") == [
        ("E153", 7, line.index("1..3") + 1, "no rank band covers ranks below 1"),
        ("E153", 7, line.index("1..3") + 1, "no rank band covers ranks above 3"),
    ]


def test_rank_bands_outside_the_subject_never_apply() -> None:
    # r runs 1..3: a one-rank band 4..4 above it, and (for a rank 4..6) a band 1..3 below it
    line = RANKS_LINE.format(subject="r", bands="1..3: 4  4..4: 0")
    assert ranks("r", "1..3: 4  4..4: 0") == [
        ("W212", 7, line.index("4..4") + 1, "rank band 4..4 can never apply: r ranges over [1, 3]")
    ]
    head = ARITH.replace("rank 1..3", "rank 4..6")
    line = RANKS_LINE.format(subject="r", bands="1..3: 4  4..6: 0")
    assert ranks("r", "1..3: 4  4..6: 0", head) == [
        ("W212", 7, line.index("1..3") + 1, "rank band 1..3 can never apply: r ranges over [4, 6]")
    ]


# ------------------------------------------------------------------ rate(): its range, its policies and its hint
# c is a count 0..4 (it can be 0), d a count 2..4 (it cannot), n a count with no upper bound

RATE = ARITH + "input c: count in 0..4\n"
CAP = "cap it with min(..., max)"


def test_rate_of_a_whole_that_cannot_be_zero() -> None:
    # 1 / (1 + n): the whole runs 1..+inf, so the rate runs 0..1 (1 / inf is 0) and 4 times it 0..4;
    # no empty: is needed (the whole is never 0)
    assert score_range("4 * rate(1, 1 + n)", RATE) == (Decimal(0), Decimal(4))
    # d / 4 runs 2/4 .. 4/4
    assert score_range("4 * rate(d, 4)", RATE) == (Decimal(2), Decimal(4))


def test_rate_of_a_whole_that_can_be_zero() -> None:
    # nothing over c is 0 whatever c is; with empty: 1 the rate is 0 or 1
    assert score_range("4 + rate(0, c, empty: 0)", RATE) == (Decimal(4), Decimal(4))
    assert score_range("2 * rate(0, n, empty: 1)", RATE) == (Decimal(0), Decimal(2))
    # c / c, min(1, c) / c: the whole comes as close to 0 as the data allow, so no upper limit
    assert score_range("min(4, rate(c, c, empty: 0))", RATE) == (Decimal(0), Decimal(4))
    assert score_range("min(4, rate(min(1, c), c, empty: 0))", RATE) == (Decimal(0), Decimal(4))


def test_rate_of_a_part_known_not_to_pass_its_whole() -> None:
    head = RATE + "constraint c <= n\n"
    # c / n is 0..1 by the constraint, and with empty: 2 for n = 0, 0..2
    assert score_range("2 * rate(c, n, empty: 1)", head) == (Decimal(0), Decimal(2))
    assert score_range("2 * rate(c, n, empty: 2)", head) == (Decimal(0), Decimal(4))


def test_a_node_whose_rate_may_not_apply_can_score_0() -> None:
    # d / 4 runs 0.5..1, so 4 times it 2..4; with empty: na the node can be taken out (scored 0)
    assert score_range("4 * rate(d, 4, empty: 0)", RATE) == (Decimal(2), Decimal(4))
    assert score_range("4 * rate(d, 4, empty: na)", RATE) == (Decimal(0), Decimal(4))


def test_rate_hint_only_for_a_rate_that_can_pass_100_percent() -> None:
    # c / n has no upper limit: the hint says how to bound it
    assert loaded("4 * rate(c, n, empty: 0)", RATE) == [
        (
            "E140",
            8,
            COL,
            "the formula of 1 can reach no upper limit but the node's max is 4 "
            f"({CAP}, or declare constraint c <= n if the rate cannot pass 100%)",
        )
    ]
    # c / d under c <= d is at most exactly 1 (100%): 5 times it passes the max, but not because
    # of the rate, so no hint
    assert loaded("5 * rate(c, d)", RATE + "constraint c <= d\n") == [
        ("E140", 9, COL, f"the formula of 1 can reach up to 5 but the node's max is 4 ({CAP})")
    ]


def test_rate_refuses_a_whole_that_can_be_negative() -> None:
    # d - 3 runs -1..1
    line = 'field 1 "F" max 4 { score 4 * rate(c, d - 3, empty: 0) }'
    assert loaded("4 * rate(c, d - 3, empty: 0)", RATE) == [
        ("E144", 8, line.index("d - 3") + 1, "the whole of rate() can be negative; floor it with max(0, ...)")
    ]


# ------------------------------------------------------------------ what the messages show of a range

PCT = RATE + "input p: percent\ninput q: percent in 10..90\n"  # p is line 8, q line 9, the node line 10


def test_a_range_unbounded_below_is_shown_from_minus_infinity() -> None:
    # min(1, x) runs -inf..1, so it is always below 2
    assert loaded("if min(1, x) < 2 then 4 else 0") == [
        ("W213", 7, COL + 3, "min(1, x) < 2 is always true: min(1, x) ranges over [-∞, 1]")
    ]
    # x + 1 has no lower bound either: "any negative value", not a number
    assert loaded("min(4, x + 1)") == [
        ("E141", 7, COL, "the formula of 1 can go down to any negative value (floor it with max(0, ...))")
    ]


def test_a_percent_subject_is_shown_as_written_in_the_data() -> None:
    # q is declared 10..90 (percent), 0.1..0.9 inside formulas: never above 0.95
    assert loaded("if q > 0.95 then 4 else 0", PCT) == [
        ("W213", 10, COL + 3, "q > 0.95 is always false: q ranges over [0.1, 0.9] (10%..90% as written in the data)")
    ]
    # p > 1 is never true either (p is at most 1, i.e. 100%), but 1 is not a percent written bare:
    # no "did you mean 1%?"
    assert loaded("if p > 1 then 4 else 0", PCT) == [
        ("W213", 10, COL + 3, "p > 1 is always false: p ranges over [0, 1] (0%..100% as written in the data)")
    ]


def test_the_percent_hint_for_a_share_with_no_declared_kind() -> None:
    # c / 4 runs 0..1, a share though no percent input is named: 50 means 50%
    assert loaded("if c / 4 >= 50 then 4 else 0", RATE) == [
        (
            "W213",
            8,
            COL + 3,
            "c / 4 >= 50 is always false: c / 4 ranges over [0, 1]; "
            "did you mean 50%? (inside formulas a percent is a ratio: 50% is 0.5)",
        )
    ]
    # c / 4 - 0.4 runs -0.4..0.6: not a share, so no hint though 0.5 lies inside it
    assert loaded("if c / 4 - 0.4 >= 50 then 4 else 0", RATE) == [
        ("W213", 8, COL + 3, "c / 4 - 0.4 >= 50 is always false: c / 4 - 0.4 ranges over [-0.4, 0.6]")
    ]


# ------------------------------------------------------------------ linear: repeated points, flat ends

LINEAR_LINE = 'field 1 "F" max 4 {{ score linear {subject} {{ {points} }} }}'


def linear(subject: str, points: str) -> list[tuple[str, int, int, str]]:
    return loaded(f"linear {subject} {{ {points} }}", RATE)


def test_linear_refuses_a_repeated_point() -> None:
    line = LINEAR_LINE.format(subject="c", points="1: 0  1: 4")
    assert linear("c", "1: 0  1: 4") == [
        ("E154", 8, line.index("linear") + 1, "the points of linear must be in increasing order with no repeats")
    ]


def test_linear_flat_when_the_subject_ends_at_the_first_or_last_point() -> None:
    same = ", so linear gives every unit the same score"
    # c runs 0..4 and the line starts at 4: every c is on the flat start; point 4 itself is reached
    line = LINEAR_LINE.format(subject="c", points="4: 0  8: 4")
    assert linear("c", "4: 0  8: 4") == [
        ("W212", 8, line.index("8:") + 1, f"linear point 8 can never be reached: c ranges over [0, 4]{same}")
    ]
    # d runs 2..4 and the line ends at 2: every d is on the flat end
    line = LINEAR_LINE.format(subject="d", points="0: 0  1: 2  2: 4")
    assert linear("d", "0: 0  1: 2  2: 4") == [
        ("W212", 8, line.index("0:") + 1, f"linear point 0 can never be reached: d ranges over [2, 4]{same}"),
        ("W212", 8, line.index("1:") + 1, f"linear point 1 can never be reached: d ranges over [2, 4]{same}"),
    ]
    # d meets the segment 2..6: points outside d's range still set its slope, nothing to say
    assert linear("d", "0: 0  2: 2  6: 4") == []


# ------------------------------------------------------------------ declared inputs: twice, empty ranges, implicit points

HEADER = 'ruleset "T" level province scale 4\n'


def declared(text: str) -> list[tuple[str, int, int, str]]:
    """Errors of a ruleset whose inputs are the point (unused-input warnings are not)."""
    try:
        parrules.loads(HEADER + text, "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return []


def test_an_input_declared_twice_keeps_the_first_and_goes_on() -> None:
    # the inputs after the repeated one are still declared: m is read without an E130
    text = (
        "input c: count in 0..4\ninput c: count\ninput m: count in 0..4\n" + 'field 1 "F" max 4 { score min(c, m) }\n'
    )
    assert declared(text) == [("E102", 3, 7, "input c is declared twice (first at line 2)")]


def test_choice_options_given_twice() -> None:
    text = 'input k: choice { a, b, a }\nfield 1 "F" max 4 { score choice k { a: 4  b: 0 } }\n'
    assert declared(text) == [("E102", 2, 7, "choice input k lists an option twice")]


def test_empty_input_ranges() -> None:
    # a rank 3..1 is named with its bounds (and is an empty range like any other)
    text = 'input r: rank 3..1\nfield 1 "F" max 4 { score ranks r { 1..3: 4 } }\n'
    found = declared(text)
    assert found[:2] == [
        ("E103", 2, 7, "rank input r has an empty range 3..1"),
        ("E103", 2, 7, "input r has an empty range"),
    ]
    # a count 4..0 is not a rank: only the general message
    text = 'input c: count in 4..0\nfield 1 "F" max 4 { score min(4, c) }\n'
    assert declared(text) == [("E103", 2, 7, "input c has an empty range")]
    # one value is a range, not an empty one
    text = 'input r: rank 2..2\ninput c: count in 2..2\nfield 1 "F" max 4 { score ranks r { 2..2: c } }\n'
    assert declared(text) == []


def test_implicit_points_inputs() -> None:
    text = (
        "input c: count in 0..1\ninput q: points\n"
        'field 1 "F" max 1 { score points as c }\n'  # line 4: c is a count
        'field 2 "G" max 1 { score points as q }\n'  # line 5: q is declared as points: fine
        'field 3 "H" max 1 { score points as s }\n'  # line 6: s is implied by this node
        'field 4 "I" max 1 { score points as s }\n'  # line 7: and taken by a second node
        'field 5 "J" max 0 { score points }\n'  # line 8: p_5, still implied after the errors
    )
    col = len('field 1 "F" max 1 { ') + 1
    assert declared(text) == [
        ("E104", 4, col, "node 1 scores points from c, but c is declared as count"),
        ("E104", 7, col, "nodes 3 and 4 both take their points from input s"),
    ]
    rs = parrules.loads(
        HEADER + "input q: points\n" + 'field 1 "F" max 2 { score points as q }\nfield 2 "G" max 2 { score points }\n',
        "t.par",
    )
    # the declared points input now belongs to node 1; node 2's is implied, in điểm (points),
    # described by the node's title and read 0..its max
    assert rs.inputs["q"] == n.InputDecl("q", "points", implicit_for="1", loc=rs.inputs["q"].loc)
    assert rs.inputs["q"].loc.line == 2
    assert rs.inputs["p_2"] == n.InputDecl(
        "p_2",
        "points",
        description="G",
        unit="điểm",
        implicit_for="2",
        loc=n.Location("t.par", 4, len('field 2 "G" max 2 { ') + 1),
    )
    assert rs.checked.ranges["2"] == Range(Decimal(0), Decimal(2))


# ------------------------------------------------------------------ comparisons: kinds, which side is the subject, hints

CMP = RATE + "input t: ratio\n"  # the node is line 9


def test_comparison_kinds() -> None:
    # two yes/no compare only for (in)equality
    assert loaded("if y < y then 4 else 0", CMP) == [("E131", 9, COL + 3, "< compares numbers, not yes/no with yes/no")]
    assert loaded("if c == y then 4 else 0", CMP) == [
        ("E131", 9, COL + 3, "== compares numbers, not number with yes/no")
    ]
    # a failed comparison is still a yes/no (0..1 as a number): tiers add their E131, no gap
    line = 'field 1 "F" max 4 { score tiers (c == y) { from 0 to 1: 1 } }'
    column = line.index("c == y") + 1
    assert loaded("tiers (c == y) { from 0 to 1: 1 }", CMP) == [
        ("E131", 9, column, "== compares numbers, not number with yes/no"),
        ("E131", 9, column, "tiers needs a number, but this is yes/no (use if ... then ... else ...)"),
    ]


def test_the_subject_of_a_comparison() -> None:
    # neither side a bare number: the left one is described
    assert loaded("if d < c + 5 then 4 else 0", CMP) == [
        ("W213", 9, COL + 3, "d < c + 5 is always true: d ranges over [2, 4]")
    ]
    # both bare numbers: the left one
    assert loaded("if 2 < 3 then 4 else 0", CMP) == [("W213", 9, COL + 3, "2 < 3 is always true: 2 ranges over [2, 2]")]
    # a bare number on the left is the threshold: the right side is the subject, with its hint
    assert loaded("if 50 <= c / 4 then 4 else 0", CMP) == [
        (
            "W213",
            9,
            COL + 3,
            "50 <= c / 4 is always false: c / 4 ranges over [0, 1]; "
            "did you mean 50%? (inside formulas a percent is a ratio: 50% is 0.5)",
        )
    ]


def test_a_ratio_threshold_hint_is_a_fraction() -> None:
    assert loaded("if t > 50 then 4 else 0", CMP) == [
        (
            "W213",
            9,
            COL + 3,
            "t > 50 is always false: t ranges over [0, 1]; did you mean 0.5? (a ratio runs from 0 to 1)",
        )
    ]


def test_a_bare_threshold_against_an_unbounded_rate() -> None:
    # c / n can pass 1 (n can be below c), so >= 50 is not decided: 50 is read as 5000%
    assert loaded("if rate(c, n, empty: 0) >= 50 then 4 else 0", CMP) == [
        (
            "W214",
            9,
            COL + 3,
            "rate(c, n, empty: 0) is a ratio (100% is 1), so 50 means 5000%; "
            "did you mean 50%? (if the rate can pass 100%, write 5000% to say so)",
        )
    ]


# ------------------------------------------------------------------ tiers that can never apply (q is a percent 10..90)

TIERS_LINE = 'field 1 "F" max 4 {{ score tiers {subject} {{ {tiers} }} }}'


def test_a_percent_threshold_at_either_end_of_the_subject() -> None:
    # 10 / 100 and 90 / 100 are q's very ends: values q takes, so 10 and 90 were meant as percents
    hint = "did you mean {0}%? (inside formulas a percent is a ratio: {0}% is {1})"
    assert loaded("if q < 10 then 4 else 0", PCT) == [
        (
            "W213",
            10,
            COL + 3,
            "q < 10 is always true: q ranges over [0.1, 0.9] (10%..90% as written in the data); "
            + hint.format(10, "0.1"),
        )
    ]
    assert loaded("if q <= 90 then 4 else 0", PCT) == [
        (
            "W213",
            10,
            COL + 3,
            "q <= 90 is always true: q ranges over [0.1, 0.9] (10%..90% as written in the data); "
            + hint.format(90, "0.9"),
        )
    ]


def test_tiers_above_and_below_the_subject() -> None:
    shown = "q ranges over [0.1, 0.9] (10%..90% as written in the data)"
    # from 85 to 99: above q; its lower bound is the one to fix (85 / 100 is a value of q, 99 / 100
    # is not).  from 0.95 below 85 is above q too, but 0.95 is no bare percent (at most 1)
    tiers = "below 0.95: 4  from 0.95 below 85: 4  from 85 to 99: 0  above 99: 0"
    line = TIERS_LINE.format(subject="q", tiers=tiers)
    assert loaded(f"tiers q {{ {tiers} }}", PCT) == [
        ("W212", 10, line.index("from 0.95") + 1, f"tier 'from 0.95 below 85' can never apply: {shown}"),
        (
            "W212",
            10,
            line.index("from 85") + 1,
            f"tier 'from 85 to 99' can never apply: {shown}; "
            "did you mean 85%? (inside formulas a percent is a ratio: 85% is 0.85)",
        ),
        ("W212", 10, line.index("above 99") + 1, f"tier 'above 99' can never apply: {shown}"),
    ]
    # below 0.05: under q, and no bare percent can be (a percent is above its ratio)
    tiers = "below 0.05: 0  from 0.05: 4"
    line = TIERS_LINE.format(subject="q", tiers=tiers)
    assert loaded(f"tiers q {{ {tiers} }}", PCT) == [
        ("W212", 10, line.index("below 0.05") + 1, f"tier 'below 0.05' can never apply: {shown}")
    ]


def test_tiers_that_end_at_the_subjects_ends_can_apply() -> None:
    # c runs 0..4 and d 2..4: from 4 applies at c = 4, to 2 at d = 2
    assert loaded("tiers c { from 0 below 4: 0  from 4: 4 }", RATE) == []
    assert loaded("tiers d { to 2: 0  above 2: 4 }", RATE) == []


def test_a_tier_that_never_applies_does_not_count_in_the_range() -> None:
    # c runs 0..4: from 5 never applies, so its 8 is not a score the node can reach (no E140)
    line = TIERS_LINE.format(subject="c", tiers="from 0 below 5: 2  from 5: 8")
    assert loaded("tiers c { from 0 below 5: 2  from 5: 8 }", RATE) == [
        ("W212", 8, line.index("from 5:") + 1, "tier 'from 5' can never apply: c ranges over [0, 4]")
    ]
    assert score_range("tiers c { from 0 below 5: 2  from 5: 8 }", RATE) == (Decimal(2), Decimal(2))
    # when no tier applies the gap is the error, and the range is every tier's
    line = TIERS_LINE.format(subject="c", tiers="from 5: 1")
    assert loaded("tiers c { from 5: 1 }", RATE) == [
        ("E151", 8, line.index("from 5") + 1, "no tier covers values from 0 up to 'from 5'")
    ]


@pytest.mark.parametrize(("threshold", "warned"), [("1", False), ("2", True), ("100", True), ("101", False)])
def test_the_bare_thresholds_read_as_percents(threshold: str, warned: bool) -> None:
    # a bare number 1 < t <= 100 against a rate that can pass 100% was probably meant as t%;
    # 1 is 100% already, and above 100 no percent is likely
    found = loaded(f"if rate(c, n, empty: 0) >= {threshold} then 4 else 0", CMP)
    percent = f"{int(threshold) * 100}%"
    expected = [
        (
            "W214",
            9,
            COL + 3,
            f"rate(c, n, empty: 0) is a ratio (100% is 1), so {threshold} means {percent}; "
            f"did you mean {threshold}%? (if the rate can pass 100%, write {percent} to say so)",
        )
    ]
    assert found == (expected if warned else [])


def test_the_depth_of_a_formula_counts_through_conditions() -> None:
    # 70 nots under an if: the k-th not is k operators below the if, so the checker stops at the 65th,
    # reports it once, and reads it as a number, which the not around it refuses
    line = 'field 1 "F" max 4 { score if ' + "not " * 70 + "y then 4 else 0 }"
    column = len('field 1 "F" max 4 { score if ') + 4 * 64 + 1
    assert loaded(line[len('field 1 "F" max 4 { score ') : -2], RATE) == [
        ("E009", 8, column, "a formula is nested more than 64 operators deep"),
        ("E131", 8, column, "not needs a yes/no condition, not a number"),
    ]


# ------------------------------------------------------------------ the digits of a bound in a message

NINES = "9" * 30  # the largest whole number a ruleset may write (30 digits)
TINY = "1." + "0" * 28 + "1"  # 1 + 1E-29, 30 digits


def shown(let: str) -> str:
    """How the W213 of ``k == 1`` shows the one value of ``let k = LET``."""
    line = f'field 1 "F" max 4 {{ let k = {let}  score if k == 1 then 4 else 0 }}'
    rs = parrules.loads(RATE + line + "\n", "t.par")
    (warning,) = [w for w in rs.warnings if w.code == "W213"]
    prefix = "k == 1 is always false: k ranges over ["
    assert warning.message.startswith(prefix)
    low, high = warning.message[len(prefix) : -1].split(", ")
    assert low == high
    return low


def test_exact_bounds_up_to_66_digits() -> None:
    # a product of ruleset numbers is shown exactly while it has at most 2 * 30 + 6 digits:
    # (10^30 - 1)^2 * (10^6 - 1) = 10^66 - 10^60 - 2 * 10^36 + 2 * 10^30 + 10^6 - 1, 66 digits:
    # 999998, 23 nines, 8, 000002, 24 zeros, 999999
    product = "999998" + "9" * 23 + "8" + "000002" + "0" * 24 + "999999"
    assert len(product) == 66
    assert shown(f"{NINES} * {NINES} * 999999") == product
    # with 10^7 - 1 it has 67 digits: shown to six places (none here, a whole number) and marked
    assert shown(f"{NINES} * {NINES} * 9999999").endswith("…")
    assert "." not in shown(f"{NINES} * {NINES} * 9999999")


def test_rounded_bounds_drop_trailing_zeros() -> None:
    # (1 + 1E-29)^3 = 1 + 3E-29 + 3E-58 + 1E-87 (88 digits): to six places 1.000000, shown "1…";
    # half of it 0.500000, shown "0.5…"
    assert shown(f"{TINY} * {TINY} * {TINY}") == "1…"
    assert shown(f"0.5 * {TINY} * {TINY} * {TINY}") == "0.5…"


def test_money_and_counts_start_at_zero() -> None:
    # money and counts are never negative: capped at 4 they run 0..4 with no floor needed
    head = ARITH + "input m: money\n"
    assert score_range("min(4, m)", head) == (Decimal(0), Decimal(4))
    assert score_range("min(4, n)", head) == (Decimal(0), Decimal(4))


# ------------------------------------------------------------------ constraints that order a rate's part and whole


@pytest.mark.parametrize("constraint", ["c <= n", "c < n", "n >= c", "n > c", "max(c, d) <= n"])
def test_a_constraint_keeps_a_rate_within_100_percent(constraint: str) -> None:
    # each says the part is at most the whole: the rate is 0..1 (or empty: 1), twice that 0..2
    part = "max(c, d)" if "max" in constraint else "c"
    assert score_range(f"2 * rate({part}, n, empty: 1)", RATE + f"constraint {constraint}\n") == (
        Decimal(0),
        Decimal(2),
    )


@pytest.mark.parametrize("constraint", ["c != n", "n <= c", "c > n", "max(c, d) <= n", "y"])
def test_other_constraints_do_not(constraint: str) -> None:
    # none of these says c <= n (max(c, n) is not max(c, d)), so c / n has no upper limit
    part = "max(c, n)" if "max" in constraint else "c"
    assert loaded(f"2 * rate({part}, n, empty: 1)", RATE + f"constraint {constraint}\n") == [
        (
            "E140",
            9,
            COL,
            "the formula of 1 can reach no upper limit but the node's max is 4 "
            f"({CAP}, or declare constraint {part} <= n if the rate cannot pass 100%)",
        )
    ]


# ------------------------------------------------------------------ the order tiers are checked in


def test_tiers_are_ordered_by_their_lower_bound_whatever_the_writing() -> None:
    # below 0 comes before from 0 (no lower bound is below 0); from 3 to 3 comes before above 3
    assert loaded("tiers x { from 0 below 3: 1  below 0: 0  above 3: 4  from 3 to 3: 2 }") == []


# ------------------------------------------------------------------ a points input read by name


def test_a_points_input_read_by_name_runs_up_to_its_nodes_max() -> None:
    text = 'field 1 "F" max 2 { score points as q }\nfield 2 "G" max 2 { score q }\n'
    rs = parrules.loads(HEADER + text, "t.par")
    assert rs.checked.ranges["2"] == Range(Decimal(0), Decimal(2))
    assert rs.checked.input_users == {"q": ("1", "2")}
    assert rs.warnings == ()


# ------------------------------------------------------------------ places the evaluator can carry (E146)


def test_the_places_a_score_may_round_to() -> None:
    # under a scale of 10^27 a score has 28 digits before the point and a carry may add one:
    # 29 + places digits of the evaluator's 40, so 11 places fit and 12 do not
    leaf = f'field 1 "F" max {BIG} {{ score 4 }}\n'
    assert declared_with("rounding half_up 11", leaf) == []
    assert declared_with("rounding half_up 12", leaf) == [
        (
            "E146",
            1,
            1,
            f"a score rounded to 12 places under a scale of {BIG} needs 41 digits, more than the 40 the "
            "evaluator carries; round to at most 11 places or use a smaller scale",
        )
    ]
    # the header's places are not used when every leaf rounds on its own
    assert declared_with("rounding half_up 12", f'field 1 "F" max {BIG} {{ round 2  score 4 }}\n') == []
    # a node's own round is checked too, at the node
    assert declared_with("rounding half_up 2", f'field 1 "F" max {BIG} {{ round 12  score 4 }}\n') == [
        (
            "E146",
            2,
            1,
            f"a score rounded to 12 places under a scale of {BIG} needs 41 digits, more than the 40 the "
            "evaluator carries; round to at most 11 places or use a smaller scale",
        )
    ]


BIG = "1" + "0" * 27


def declared_with(header: str, body: str) -> list[tuple[str, int, int, str]]:
    try:
        parrules.loads(f'ruleset "T" level province scale {BIG} {header}\n' + body, "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return []


def test_a_bare_linear_point_against_an_unbounded_rate() -> None:
    line = 'field 1 "F" max 4 { score linear rate(c, n, empty: 0) { 0: 0  50: 4 } }'
    assert loaded("linear rate(c, n, empty: 0) { 0: 0  50: 4 }", RATE) == [
        (
            "W214",
            8,
            line.index("linear") + 1,
            "rate(c, n, empty: 0) is a ratio (100% is 1), so 50 means 5000%; "
            "did you mean 50%? (if the rate can pass 100%, write 5000% to say so)",
        )
    ]


def test_a_constraint_matches_the_formula_as_written() -> None:
    # 0.5 and 50% are one value but two spellings: c <= 0.5 does not say c <= 50%, so c / 50%
    # runs 0 / 0.5 .. 4 / 0.5 = 0..8, four times that up to 32
    assert loaded("4 * rate(c, 50%)", RATE + "constraint c <= 0.5\n") == [
        (
            "E140",
            9,
            COL,
            "the formula of 1 can reach up to 32 but the node's max is 4 "
            f"({CAP}, or declare constraint c <= 50% if the rate cannot pass 100%)",
        )
    ]
    assert score_range("4 * rate(c, 0.5)", RATE + "constraint c <= 0.5\n") == (Decimal(0), Decimal(4))


# ------------------------------------------------------------------ a node's lets, its condition and its own findings


def test_a_node_that_may_not_apply_can_score_0() -> None:
    assert score_range("4", RATE) == (Decimal(4), Decimal(4))
    rs = parrules.loads(RATE + 'field 1 "F" max 4 { not applicable when y  score 4 }\n', "t.par")
    assert rs.checked.ranges["1"] == Range(Decimal(0), Decimal(4))


def test_a_let_may_hide_neither_an_input_nor_another_let() -> None:
    text = RATE + 'field 1 "F" max 4 {\n  let c = 1\n  let k = 2\n  let k = 3\n  score min(4, c + k) }\n'
    assert declared(text[len(HEADER) :]) == [
        ("E132", 9, 3, "let c hides another name of the same spelling"),
        ("E132", 11, 3, "let k hides another name of the same spelling"),
    ]


def test_lets_used_anywhere_in_the_node_are_used() -> None:
    # a and b are read by the score, e by the let f, which the score reads
    text = 'field 1 "F" max 4 {\n  let a = c\n  let b = y\n  let e = d\n  let f = e\n  let g = 1\n'
    text += "  score if b then min(4, a + f) else 0 }\n"
    rs = parrules.loads(RATE + text, "t.par")
    assert [(w.code, w.loc.line, w.message) for w in rs.warnings if w.code != "W201"] == [
        ("W202", 13, "let g of 1 is never used")
    ]


def test_a_warning_inside_a_formula_does_not_hide_its_range_errors() -> None:
    # c > 10 is never true (W213), but the formula still reaches 8 by its written branch
    assert loaded("if c > 10 then 8 else 0", RATE) == [
        ("E140", 8, COL, f"the formula of 1 can reach up to 8 but the node's max is 4 ({CAP})")
    ]


def test_a_rounded_parent_keeps_the_floor_its_children_give() -> None:
    # the children score exactly 1 and 1.5; the parent rounds their 2.5 to 2.5 (one place) and,
    # all its children applying, cannot score 0
    text = 'field 1 "F" max 4 { round 1\n  criterion 1.1 "A" max 2 { score 1 }\n  criterion 1.2 "B" max 2 { score 1.5 } }\n'
    rs = parrules.loads(HEADER + text, "t.par")
    assert rs.checked.ranges["1"] == Range(Decimal("2.5"), Decimal("2.5"))


def test_a_branch_without_a_floor_leaves_the_formula_without_one() -> None:
    # if y then x else 0: x has no lower bound, so neither has the if
    assert loaded("min(4, if y then x else 0)") == [
        ("E141", 7, COL, "the formula of 1 can go down to any negative value (floor it with max(0, ...))")
    ]
    assert loaded("min(4, if y then 0 else x)") == [
        ("E141", 7, COL, "the formula of 1 can go down to any negative value (floor it with max(0, ...))")
    ]


def test_a_bound_too_large_to_round_is_kept() -> None:
    # (10^30 - 1)^3 * 10^27 has 117 digits before the point: rounded to the default 4 places it
    # would need 121, more than the checker's 120; it is kept as it is (it is far above any max
    # anyway, and E140 says so)
    found = loaded(f"{NINES} * {NINES} * {NINES} * 1{'0' * 27}", RATE)
    assert [code for code, *_ in found] == ["E140"]


def test_tiers_over_an_unbounded_subject_name_the_infinite_end() -> None:
    line = TIERS_LINE.format(subject="x", tiers="from 0: 1")
    assert loaded("tiers x { from 0: 1 }") == [
        ("E151", 7, line.index("from 0") + 1, "no tier covers values from -∞ up to 'from 0'")
    ]
    line = TIERS_LINE.format(subject="x", tiers="below 5: 1")
    assert loaded("tiers x { below 5: 1 }") == [
        ("E151", 7, line.index("below 5") + 1, "no tier covers values above 'below 5' (up to +∞)")
    ]


@pytest.mark.parametrize(
    ("tiers", "first", "second"),
    [
        ("from 0: 1  from 5: 2", "from 0", "from 5"),  # the first has no end
        ("below 3: 1  below 5: 2", "below 3", "below 5"),  # neither has a start
        ("from 0 to 5: 1  from 3: 2", "from 0 to 5", "from 3"),  # 3..5 in both
    ],
)
def test_overlapping_tiers(tiers: str, first: str, second: str) -> None:
    line = TIERS_LINE.format(subject="x", tiers=tiers)
    found = loaded(f"tiers x {{ {tiers} }}")
    assert ("E150", 7, line.index(second) + 1, f"tiers '{first}' and '{second}' overlap") in found


def test_tiers_open_on_both_sides_of_one_value_leave_it_out() -> None:
    # below 3 and above 3: 3 itself is in neither
    line = TIERS_LINE.format(subject="x", tiers="below 3: 1  above 3: 2")
    assert loaded("tiers x { below 3: 1  above 3: 2 }") == [
        ("E151", 7, line.index("above 3") + 1, "no tier covers the values between 'below 3' and 'above 3'")
    ]


def test_a_divisor_that_reaches_zero_at_an_end() -> None:
    # d - 4 runs -2..0 and d - 3.5 runs -1.5..0.5: both can be 0
    message = "this division can divide by zero; write rate(a, b, empty: ...) to say what 0/0 scores"
    assert loaded("max(0, min(4, 4 / (d - 4)))") == [("E142", 7, COL + 14, message)]
    assert loaded("max(0, min(4, 4 / (d - 3.5)))") == [("E142", 7, COL + 14, message)]


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_depth_of_a_formula_counts_through_comparisons(side: str) -> None:
    # the if is at depth 0, the comparison at 1, and the k-th minus of a side at k + 1: the checker
    # stops at the 64th (65 deep)
    minuses = "-" * 70 + "c"
    condition = f"{minuses} < 1" if side == "left" else f"1 < {minuses}"
    line = f'field 1 "F" max 4 {{ score if {condition} then 4 else 0 }}'
    column = line.index("-") + 63 + 1
    assert loaded(f"if {condition} then 4 else 0", RATE) == [
        ("E009", 8, column, "a formula is nested more than 64 operators deep")
    ]


def test_a_finding_in_an_extended_ruleset_shows_the_parents_line(tmp_path: Path) -> None:
    # the unused input is declared in base.par; the warning names base.par:2 and quotes base.par's
    # line 2 (the checker, holding child.par's lines, quotes none rather than a wrong one; the
    # loader then puts the parent's own line under it), never a line of child.par
    (tmp_path / "base.par").write_text(
        'ruleset "Base" level province scale 1\ninput spare: count\nfield 1 "F" max 1 { score 1 }\n',
        encoding="utf-8",
    )
    (tmp_path / "child.par").write_text('ruleset "Child" extends "base"\n', encoding="utf-8")
    rs = parrules.load(tmp_path / "child.par")
    (warning,) = rs.warnings
    assert (warning.code, warning.loc.line, warning.source_line) == ("W201", 2, "input spare: count")
    assert warning.loc.file.endswith("base.par")


def test_an_error_in_one_node_does_not_hide_the_range_errors_of_the_next() -> None:
    text = 'field 1 "F" max 2 { score y }\nfield 2 "G" max 2 { score 3 }\n'
    col = len('field 1 "F" max 2 { score ') + 1
    assert declared(RATE[len(HEADER) :] + text) == [
        ("E131", 8, col, "the score of 1 must be a number, not a yes/no"),
        ("E140", 9, col, f"the formula of 2 can reach up to 3 but the node's max is 2 ({CAP})"),
    ]


def test_a_ruleset_of_exactly_max_nodes_loads_and_one_more_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The node limit is "at most MAX_NODES" (limits.py): a ruleset of exactly that many loads and one
    # more is E009.  The limit is lowered to 3 so that the boundary is cheap to reach: field 1 with
    # criteria 1.1 and 1.2 is 3 nodes, a third criterion makes 4.
    import parrules.check

    monkeypatch.setattr(parrules.check, "MAX_NODES", 3)
    head = 'ruleset "R" level province scale 1\nfield 1 "F" max 1 {\n'
    three = head + '  criterion 1.1 "a" max 0.5 { score 0.5 }\n  criterion 1.2 "b" max 0.5 { score 0.5 }\n}\n'
    assert len(parrules.loads(three).codes) == 3
    four = three[: -len("}\n")] + '  criterion 1.3 "c" max 0 { score 0 }\n}\n'
    with pytest.raises(parrules.RulesetError) as raised:
        parrules.loads(four)
    assert [(d.code, d.message) for d in raised.value.diagnostics] == [
        ("E009", "the ruleset has 4 nodes, more than the 3 allowed")
    ]


# ------------------------------------------------------------------ the second run: otherwise rows, na values,
# mistyped names, choice labels (issues 10 and 12).  Their tests in test_language_gaps.py and test_workbook.py
# lie outside check's mutation selection (benchmarks/mutation.py), so the checker's side is pinned here too:
# codes, lines and columns read off the text below; of a message only the names it must carry.

GAPS = (
    'ruleset "T" level province scale 4\n'  # line 1
    "input online: percent\n"  # 2
    "input r: rank 1..63\n"  # 3
    "input received: count\n"  # 4
    "input on_time: count\n"  # 5
    "input plan: yesno\n"  # 6
    "input kind: choice { low, mid, high }\n"  # 7 (the name kind at column 7)
    "constraint on_time <= received\n"  # 8
)
GAP_LINE = 'field 1 "F" max 4 {{ {body} }}'  # line 9


def gaps(formula: str, before: str = "", head: str = GAPS) -> list[tuple[str, int, int, str]]:
    """The diagnostics of ``field 1 "F" max 4 { BEFORE score FORMULA }`` on line 9: the errors, or else
    the warnings but W201."""
    text = head + GAP_LINE.format(body=f"{before}score {formula}") + "\n"
    try:
        rs = parrules.loads(text, "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return [(d.code, d.loc.line, d.loc.column, d.message) for d in rs.warnings if d.code != "W201"]


def gap_column(formula: str, word: str, before: str = "", last: bool = False) -> int:
    """The column of ``word`` (its first or last occurrence) in the node line of ``gaps``."""
    line = GAP_LINE.format(body=f"{before}score {formula}")
    return (line.rindex(word) if last else line.index(word)) + 1


def where(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int]]:
    return [(code, line, column) for code, line, column, _ in found]


def words(message: str) -> set[str]:
    return set(re.findall(r"\w+", message))


@pytest.mark.parametrize(
    "formula",
    [
        # no tier holds 80%..90% nor below 50%, no band ranks 11..20 or 31..63: otherwise takes them,
        # so neither E151/E153 (the gap) nor W215 (otherwise never applies)
        "tiers online { from 90%: 4  from 50% below 80%: 2  otherwise: 1 }",
        "ranks r { 1..10: 4  21..30: 3  otherwise: 1 }",
    ],
)
def test_otherwise_takes_the_gaps_without_a_word(formula: str) -> None:
    assert gaps(formula) == []


@pytest.mark.parametrize(
    "formula",
    [
        "tiers online { from 50%: 4  below 50%: 2  otherwise: 1 }",  # every value is >= 50% or < 50%
        "ranks r { 1..30: 4  31..63: 2  otherwise: 1 }",  # r is declared 1..63
    ],
)
def test_otherwise_under_rows_that_cover_everything_is_w215(formula: str) -> None:
    assert where(gaps(formula)) == [("W215", 9, gap_column(formula, "otherwise"))]


def test_one_rank_left_uncovered_lets_otherwise_apply() -> None:
    # 1..62 leaves rank 63 to otherwise
    assert gaps("ranks r { 1..30: 4  31..62: 2  otherwise: 1 }") == []


@pytest.mark.parametrize(
    ("formula", "row"),
    [
        ("tiers online { from 50%: 2  otherwise: 1  otherwise: 0 }", "tier"),
        ("ranks r { 1..10: 2  otherwise: 1  otherwise: 0 }", "band"),
    ],
)
def test_a_second_otherwise_is_e161_at_the_second(formula: str, row: str) -> None:
    found = gaps(formula)
    assert where(found) == [("E161", 9, gap_column(formula, "otherwise", last=True))]
    assert row in words(found[0][3])  # the message names the table's rows


@pytest.mark.parametrize(
    ("formula", "row"),
    [
        ("tiers online { otherwise: 1  from 50%: 2 }", "tier"),
        ("ranks r { otherwise: 1  1..10: 2 }", "band"),
    ],
)
def test_otherwise_not_last_is_e161_at_it(formula: str, row: str) -> None:
    found = gaps(formula)
    assert where(found) == [("E161", 9, gap_column(formula, "otherwise"))]
    assert row in words(found[0][3])


def test_a_table_of_only_otherwise_takes_every_value() -> None:
    # no row above it: nothing to cover, no W215, and its value is the node's only score
    assert gaps("ranks r { otherwise: 2.5 }") == gaps("tiers online { otherwise: 1.5 }") == []
    rs = parrules.loads(GAPS + GAP_LINE.format(body="score ranks r { otherwise: 2.5 }") + "\n")
    assert rs.checked.ranges["1"] == Range(Decimal("2.5"), Decimal("2.5"))


def test_rank_bands_that_overlap_are_named_in_the_order_they_start() -> None:
    # the bands are sorted by their first rank, the later one named where it is written: 5..6 starts
    # after 1..63 (though it ends first), and of two bands 1..10 the second as written
    nested = "ranks r { 1..63: 1  5..6: 2 }"
    assert [d for d in where(gaps(nested)) if d[0] == "E152"] == [("E152", 9, gap_column(nested, "5..6"))]
    twice = "ranks r { 1..10: 1  1..10: 2 }"
    assert [d for d in where(gaps(twice)) if d[0] == "E152"] == [("E152", 9, gap_column(twice, "1..10", last=True))]


NA_RANGE = GAPS.replace("scale 4", "scale 0.5")


def na_range(formula: str) -> Range:
    rs = parrules.loads(NA_RANGE + f'field 1 "F" max 0.5 {{ score {formula} }}\n', "t.par")
    assert [w.code for w in rs.warnings if w.code != "W201"] == []
    return rs.checked.ranges["1"]


@pytest.mark.parametrize(
    "formula",
    [
        "choice kind { low: na  mid: na  high: na }",
        "tiers online { from 50%: na  otherwise: na }",
        "ranks r { 1..10: na  otherwise: na }",
        "if plan then na else na",
    ],
)
def test_a_table_of_only_na_adds_only_0(formula: str) -> None:
    # every row takes the node out: it scores nothing, so its range is 0..0 (within max 0.5, no E140)
    assert na_range(formula) == Range(Decimal(0), Decimal(0))


def test_tiers_that_never_apply_still_bound_the_node() -> None:
    # r runs 1..63, so 'from 100' never applies (W212) and otherwise is na: no tier value is reachable,
    # and the checker falls back to every tier's value (3) rather than claim the node scores 0 only;
    # with na the node may score 0
    formula = "tiers r { from 100: 3  otherwise: na }"
    assert where(gaps(formula)) == [("W212", 9, gap_column(formula, "from 100"))]
    rs = parrules.loads(GAPS + GAP_LINE.format(body=f"score {formula}") + "\n", "t.par")
    assert rs.checked.ranges["1"] == Range(Decimal(0), Decimal(3))


@pytest.mark.parametrize(
    ("inner", "na"),
    [
        ("(tiers online { from 50%: 4  otherwise: na })", "na"),
        ("(ranks r { 1..10: 4  otherwise: na })", "na"),
        ("(if plan then na else 4)", "na"),
        ("rate(on_time, received, empty: na)", "empty"),  # a keyword's na is located at the keyword
    ],
)
def test_an_na_past_the_depth_limit_is_e009_too(inner: str, na: str) -> None:
    # under 64 minuses the table (or if, or rate) is 64 operators deep and its operands 65: each
    # operand is E009, the na among them as well as the numbers
    formula = "-" * 64 + inner
    assert ("E009", 9, gap_column(formula, na, last=True)) in where(gaps(formula))


def test_na_in_the_first_constraint_and_in_a_condition_is_e162() -> None:
    # the constraints are checked before any node, so the first one already refuses na
    head = GAPS.replace("constraint on_time <= received\n", "constraint (if plan then na else 1) > 0\n")
    assert where(gaps("4", head=head)) == [("E162", 8, len("constraint (if plan then ") + 1)]
    before = "not applicable when (if plan then na else 1) > 0  "
    assert where(gaps("4", before)) == [("E162", 9, gap_column("4", "na else", before))]


@pytest.mark.parametrize(
    ("before", "formula"),
    [
        ("", "max * rate(on_tme, received, empty: 0)"),  # an unknown part may be negative: no E144
        ("", "max * rate(on_time, recieved, empty: 0)"),  # nor an unknown whole
        ("", "max * rate(on_time, recieved)"),  # an unknown whole may be 0: no E143
        ("", "min(max, on_time / recieved)"),  # no E142
        ("", "tiers onlin { below 50%: 0  from 50% to 100%: 4 }"),  # no E151 above 100%
        ("", "ranks rr { 1..10: 4  11..63: 1 }"),  # no E153 below 1 or above 63
        ("", "if plann == plan then max else 0"),  # no E131 for a number against a yes/no
        ("", "if plann then max else 0"),  # no E131 for a number as a condition
        ("", "deduct(late, 0.5, floor: 0)"),  # no E144 for events that may be negative
        ("", "choice knd { low: 4  mid: 2  high: 0 }"),  # no E160 (monotone)
        ("", "min(max, on_tme)"),  # no E160: what the node reads is not known
        ("not applicable when plann  ", "4"),  # no E131 for the condition
        ("let p = plann  ", "if p then max else 0"),  # no E131 through the let
    ],
)
def test_a_mistyped_name_is_e130_and_nothing_else(before: str, formula: str) -> None:
    # monotone names on_time, which only some formulas read: E160 is left out where the node reads a
    # name that is not declared (what it reads is not known)
    found = gaps(formula, "monotone increasing in on_time  " + before)
    assert [code for code, *_ in found] == ["E130"], found


def test_a_mistyped_name_in_a_constraint_is_e130_only() -> None:
    head = GAPS.replace("constraint on_time <= received\n", "constraint plann\n")
    assert [code for code, *_ in gaps("4", head=head)] == ["E130"]


@pytest.mark.parametrize("bounds", ["(plann == plan), -1", "2, (plann == plan)"])
def test_a_comparison_with_a_mistyped_side_is_still_a_yes_no_of_0_or_1(bounds: str) -> None:
    # the comparison is yes/no whatever plann is: as a bound of clamp it is a number 0..1 (E131 says
    # so), and a low bound of 0..1 is above a high bound of -1, a low bound of 2 above one of 0..1 (E145)
    formula = f"clamp(on_time, {bounds})"
    assert where(gaps(formula)) == [
        ("E145", 9, gap_column(formula, "clamp")),
        ("E130", 9, gap_column(formula, "plann")),
        ("E131", 9, gap_column(formula, "plann")),
    ]


def test_a_mistyped_choice_input_is_offered_the_choice_inputs_only() -> None:
    # knd is one letter from kind, the only choice input; onlin is one letter from online, a percent,
    # which a choice cannot read, so it is not offered
    (found,) = gaps("choice knd { low: 4  mid: 2  high: 0 }")
    assert found[:3] == ("E130", 9, gap_column("choice knd", "choice")) and "kind" in words(found[3])
    (found,) = gaps("choice onlin { low: 4  mid: 2  high: 0 }")
    assert found[:3] == ("E130", 9, gap_column("choice onlin", "choice")) and "online" not in words(found[3])


def labelled(options: str) -> list[tuple[str, int, int, str]]:
    """The diagnostics of GAPS with ``kind``'s options written as OPTIONS (line 7, the name at column 7)."""
    head = GAPS.replace("choice { low, mid, high }", f"choice {{ {options} }}")
    return gaps("choice kind { low: 4  mid: 2  high: 0 }", head=head)


def test_labels_on_some_options_warn_naming_the_others() -> None:
    (found,) = labelled('low label "Low", mid, high label "High"')
    assert found[:3] == ("W217", 7, 7)
    assert "mid" in words(found[3]) and not {"low", "high"} & words(found[3])


@pytest.mark.parametrize(
    "options",
    [
        'low label "=1+1", mid label "Mid", high label "High"',  # read as a formula
        'low label " =1", mid label "Mid", high label "High"',  # so is a cell beginning with spaces and =
        'low label "  ", mid label "Mid", high label "High"',  # blank
    ],
)
def test_a_label_a_cell_cannot_carry_is_e168(options: str) -> None:
    assert where(labelled(options)) == [("E168", 7, 7)]


def test_every_label_is_checked_past_an_unlabelled_or_refused_one() -> None:
    # Same and same are one label (case is ignored): E166, naming both options, also after an option
    # without a label and after one refused (E168)
    found = labelled('low, mid label "Same", high label "same"')
    assert where(found) == [("E166", 7, 7)] and {"mid", "high"} <= words(found[0][3])
    assert where(labelled('low label "=x", mid label "Same", high label "same"')) == [("E168", 7, 7), ("E166", 7, 7)]
    # and after a repeated label: LOW is the code of low, not of high (E167)
    found = labelled('low label "Alpha", mid label "alpha", high label "LOW"')
    assert where(found) == [("E166", 7, 7), ("E167", 7, 7)]
    assert {"low", "mid"} <= words(found[0][3])


def test_a_label_that_is_its_own_code_is_allowed() -> None:
    assert labelled('low label "Low", mid label "mid", high label "High"') == []


def test_the_checker_quotes_the_line_of_each_finding() -> None:
    # check() itself (which the loader and parrules.plan call) quotes the line a finding is on: the
    # first line (E121: the fields add up to 4, the scale is 5) and the last (E140: 5 above max 4)
    text = 'ruleset "T" level province scale 5\nfield 1 "F" max 4 { score 5 }'
    with pytest.raises(parrules.RulesetError) as raised:
        check(parse(text, "t.par"), text.splitlines())
    assert [(d.code, d.loc.line, d.source_line) for d in raised.value.diagnostics] == [
        ("E121", 1, text.splitlines()[0]),
        ("E140", 2, text.splitlines()[1]),
    ]


def test_a_finding_in_a_parent_never_quotes_the_childs_line(tmp_path: Path) -> None:
    # the unused input is on base.par's line 2; child.par has a line 2 too, which must not be shown
    (tmp_path / "base.par").write_text(
        'ruleset "Base" level province scale 1\ninput spare: count\nfield 1 "F" max 1 { score 1 }\n',
        encoding="utf-8",
    )
    (tmp_path / "child.par").write_text('ruleset "Child" extends "base"\n# line 2 of the child\n', encoding="utf-8")
    (warning,) = parrules.load(tmp_path / "child.par").warnings
    assert (warning.code, warning.loc.line, warning.source_line) == ("W201", 2, "input spare: count")


# ------------------------------------------------------------------ a diagnostic keeps its sentence (issue 10):
# the checker's findings are said in the run's language when shown, so each must carry its template and
# arguments, not only the English text (the CLI's tests see this too, but they lie outside check's selection).

SAID = 'ruleset "T" level province scale 4\ninput received: count\ninput on_time: count\nfield 1 "A" max 4 {\n  criterion 1.1 "B" max 4 { score max * rate(on_tme, received, empty: 100%) }\n}\n'


def test_a_checker_error_keeps_its_sentence_said_in_vietnamese() -> None:
    with pytest.raises(parrules.RulesetError) as caught:
        check(parse(SAID, "t.par"), SAID.splitlines())
    found = caught.value.first
    assert (found.code, found.loc.line) == ("E130", 5)
    assert found.message == "on_tme is not a declared input or a let of this node (did you mean 'on_time'?)"
    assert found.sentence is not None and str(found.sentence) == found.message
    # the Vietnamese of wording_vi_ruleset, with the name and the near miss filled in
    assert found.text("vi").startswith("on_tme không phải đầu vào đã khai báo")
    assert "'on_time'" in found.text("vi") and found.text("en") == found.message
    assert found.render("vi").startswith("t.par:5:") and " lỗi E130: on_tme không phải" in found.render("vi")


# ------------------------------------------------------------------ a band or tier nested in a wider one


def test_a_rank_band_nested_in_a_wider_one_overlaps_it_and_leaves_no_gap() -> None:
    # 2..2 lies inside 1..3 (r runs 1..3): an overlap, but ranks 3 is covered by 1..3, so no
    # "no rank band covers ranks above 2" (which comparing with the previous band alone said)
    line = RANKS_LINE.format(subject="r", bands="1..3: 4  2..2: 2")
    assert ranks("r", "1..3: 4  2..2: 2") == [("E152", 7, line.index("2..2") + 1, "rank bands 1..3 and 2..2 overlap")]


def test_the_gap_after_a_nested_band_is_measured_from_the_wider_band() -> None:
    # x is unbounded: 1..10 reaches furthest, so after it only rank 11 is missing (not 4..11),
    # the nested 2..3 overlaps 1..10, and the open ends are below 1 and above 20
    bands = "1..10: 4  2..3: 2  12..20: 1"
    line = RANKS_LINE.format(subject="x", bands=bands)
    assert sorted(ranks("x", bands)) == sorted([
        ("E152", 7, line.index("2..3") + 1, "rank bands 1..10 and 2..3 overlap"),
        ("E153", 7, line.index("12..20") + 1, "no rank band covers rank 11"),
        ("E153", 7, line.index("1..10") + 1, "no rank band covers ranks below 1"),
        ("E153", 7, line.index("12..20") + 1, "no rank band covers ranks above 20"),
    ])


def test_a_tier_nested_in_a_wider_one_overlaps_it_and_leaves_no_gap() -> None:
    # c runs 2..5; "from 3 to 4" lies inside "from 2 to 5": an overlap only (comparing with the
    # previous tier alone also said "no tier covers values above 'from 3 to 4' (up to 5)")
    tiers = "from 2 to 5: 1  from 3 to 4: 4"
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    assert tier_errors(tiers) == [("E150", 4, line.index("from 3 to 4") + 1, "tiers 'from 2 to 5' and 'from 3 to 4' overlap")]


def test_a_tier_ending_at_the_same_value_but_closed_reaches_further() -> None:
    # "from 2 below 4" is nested in "from 2 to 4" (same start; 4 itself only in the wider one,
    # which comes first): the wider, closed at 4, still reaches furthest, so "above 4 to 5"
    # follows it with no gap at 4 (against the nested one alone, 4 looked uncovered)
    tiers = "from 2 to 4: 1  from 2 below 4: 2  above 4 to 5: 4"
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    assert tier_errors(tiers) == [("E150", 4, line.index("from 2 below 4") + 1, "tiers 'from 2 to 4' and 'from 2 below 4' overlap")]


# the mutation run of 8fca21c's code (docs/mutation.md): which interval reaches furthest, by hand


def test_a_tier_unbounded_above_reaches_furthest_of_all() -> None:
    # "above 1" has no upper end: every later tier overlaps it, and it stays the one compared
    # with, so "from 4 to 5" overlaps it too (against the nested "from 3 to 3", 3..4 looked a gap)
    tiers = "above 1: 1  from 3 to 3: 2  from 4 to 5: 4"
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    assert tier_errors(tiers) == [
        ("E150", 4, line.index("from 3 to 3") + 1, "tiers 'above 1' and 'from 3 to 3' overlap"),
        ("E150", 4, line.index("from 4 to 5") + 1, "tiers 'above 1' and 'from 4 to 5' overlap"),
    ]


def test_a_nested_tier_ending_lower_does_not_reach_further_than_an_open_end() -> None:
    # "from 3 to 4" ends below 5, where "from 2 below 5" ends open: the wider tier still reaches
    # furthest, and "from 5 to 5" starts exactly where it stops (no gap, no overlap)
    tiers = "from 2 below 5: 1  from 3 to 4: 2  from 5 to 5: 4"
    line = f'field 1 "F" max 4 {{ score tiers c {{ {tiers} }} }}'
    assert tier_errors(tiers) == [("E150", 4, line.index("from 3 to 4") + 1, "tiers 'from 2 below 5' and 'from 3 to 4' overlap")]


def test_a_band_ending_with_the_widest_does_not_replace_it() -> None:
    # 5..10 ends where 1..10 does: 1..10 stays the band compared with, so 8..12 is said to
    # overlap 1..10 (the band that starts first), not 5..10; x is unbounded: open below 1, above 12
    bands = "1..10: 4  5..10: 2  8..12: 1"
    line = RANKS_LINE.format(subject="x", bands=bands)
    assert sorted(ranks("x", bands)) == sorted([
        ("E152", 7, line.index("5..10") + 1, "rank bands 1..10 and 5..10 overlap"),
        ("E152", 7, line.index("8..12") + 1, "rank bands 1..10 and 8..12 overlap"),
        ("E153", 7, line.index("1..10") + 1, "no rank band covers ranks below 1"),
        ("E153", 7, line.index("8..12") + 1, "no rank band covers ranks above 12"),
    ])
