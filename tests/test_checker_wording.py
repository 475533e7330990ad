"""The exact E131 of every construct: which operand the checker blames, where, and in which words.

Mutation testing of check.py (docs/mutation.md) found that no test pinned the name each
construct gives itself in a type error ("clamp() needs a number, ...") nor the column it
points at.  Each case below puts a yes/no input (or a number where a yes/no belongs) in one
operand of one construct; the expected column is the position of that operand in the text
written here, and the message is the construct's name followed by the checker's fixed
sentence (the "needs a number" / "needs a yes/no condition" wording in docs/errors.md).
"""

from __future__ import annotations

import pytest

import parrules

# y is yes/no, c a count 0..4, k a choice, r a rank 1..3 (line 6 holds the node)
HEAD = (
    'ruleset "T" level province scale 4\n'
    "input y: yesno\n"
    "input c: count in 0..4\n"
    "input k: choice { a, b }\n"
    "input r: rank 1..3\n"
)
YESNO = "needs a number, but this is yes/no (use if ... then ... else ...)"
CHOICE = "needs a number, but this is a choice (use choice NAME { ... })"


def found(text: str) -> list[tuple[str, int, int, str]]:
    """Every diagnostic of loading ``text``: the errors if there are any, else the warnings."""
    try:
        rs = parrules.loads(text, "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return [(d.code, d.loc.line, d.loc.column, d.message) for d in rs.warnings]


def node_line(formula: str) -> str:
    return f'field 1 "F" max 4 {{ score {formula} }}'


# (formula with the blamed operand marked by «», the message)
CASES = [
    ("rate(«y», c, empty: 0)", f"rate() {YESNO}"),
    ("rate(c, «y», empty: 0)", f"rate() {YESNO}"),
    # the whole c can be 0, so empty: is a value the rate takes
    ("rate(c, c, empty: «y»)", f"empty: {YESNO}"),
    # the whole 4 is never 0, so empty: is only checked
    ("rate(c, 4, empty: «y»)", f"empty: {YESNO}"),
    ("deduct(«y», 1)", f"deduct() {YESNO}"),
    ("deduct(c, «y»)", f"deduct() {YESNO}"),
    ("deduct(c, 1, floor: «y»)", f"deduct() floor: {YESNO}"),
    ("deduct(c, 1, start: «y»)", f"deduct() start: {YESNO}"),
    ("clamp(«y», 0, 1)", f"clamp() {YESNO}"),
    ("clamp(c, «y», 1)", f"clamp() {YESNO}"),
    ("clamp(c, 0, «y»)", f"clamp() {YESNO}"),
    ("if «c» then 1 else 0", "if needs a yes/no condition, not a number"),
    ("if y then «y» else 0", f"then {YESNO}"),
    ("if y then 1 else «y»", f"else {YESNO}"),
    ("tiers «y» { from 0: 1 }", f"tiers {YESNO}"),
    ("tiers c { from 0: «y» }", f"a tier {YESNO}"),
    ("linear «y» { 0: 0  1: 1 }", f"linear {YESNO}"),
    ("linear c { 0: 0  4: «y» }", f"a linear point {YESNO}"),
    ("ranks «y» { 0..1: 1 }", f"ranks {YESNO}"),
    ("ranks r { 1..3: «y» }", f"a rank band {YESNO}"),
    ("choice k { a: «y»  b: 0 }", f"a choice {YESNO}"),
    ("min(«y», 1)", f"min() {YESNO}"),
    ("max(1, «y»)", f"max() {YESNO}"),
    ("«y» + 1", f"'+' {YESNO}"),
    ("1 - «y»", f"'-' {YESNO}"),
    ("«y» * 1", f"'*' {YESNO}"),
    ("«k» / 4", f"'/' {CHOICE}"),  # divided by a choice it would also be E142
    ("-«y»", f"'-' {YESNO}"),
    ("-«k»", f"'-' {CHOICE}"),
    ("if not «c» then 1 else 0", "not needs a yes/no condition, not a number"),
    ("if «c» and y then 1 else 0", "and needs a yes/no condition, not a number"),
    ("if y and «k» then 1 else 0", "and needs a yes/no condition, not a choice"),
    ("if y or «c» then 1 else 0", "or needs a yes/no condition, not a number"),
    ("if «c < y» then 1 else 0", "< compares numbers, not number with yes/no"),
    ("if «k == c» then 1 else 0", "== compares numbers, not choice with number"),
]


# ASCII test ids (mutmut passes them back to pytest on its command line)
@pytest.mark.parametrize(("formula", "message"), CASES, ids=[c[0].replace("«", "").replace("»", "") for c in CASES])
def test_e131_names_the_construct_and_points_at_the_operand(formula: str, message: str) -> None:
    line = node_line(formula)
    column = line.index("«") + 1
    text = HEAD + line.replace("«", "").replace("»", "") + "\n"
    # one error: a type error inside the formula hides the E140/E141 its unknown range would add
    assert found(text) == [("E131", 6, column, message)]


def test_e131_of_a_score_a_condition_and_a_constraint() -> None:
    score = 'field 1 "F" max 4 { score y }'
    condition = 'field 2 "G" max 0 { not applicable when c  score 0 }'
    constraint = "constraint c + 1"
    text = HEAD + f"{constraint}\n{score}\n{condition}\n"
    assert found(text) == [
        ("E131", 6, len("constraint ") + 1, "a constraint must be a yes/no condition, not a number"),
        ("E131", 7, score.index("y }") + 1, "the score of 1 must be a number, not a yes/no"),
        (
            "E131",
            8,
            condition.index("c  score") + 1,
            "not applicable when ... needs a yes/no condition, not a number",
        ),
    ]


@pytest.mark.parametrize("condition", ["y", "y and y", "y or y", "not y", "c < 2", "y == y", "y != y"])
def test_a_yes_no_used_as_a_number_is_one_error(condition: str) -> None:
    # a yes/no is read as 0..1 after its E131, so tiers covering exactly 0..1 add no gap (E151)
    line = node_line(f"tiers ({condition}) {{ from 0 to 1: 1 }}")
    assert found(HEAD + line + "\n") == [("E131", 6, line.index(condition) + 1, f"tiers {YESNO}")]
