"""Checker diagnostics that mutation testing of check.py showed no test pinned (docs/mutation.md).

Every expected code, line and column is read off the ruleset text in the test.
"""

from __future__ import annotations

import pytest

import parrules

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
