"""Values of the core that the mutation run (docs/mutation.md) found no test pinning.

Each expected value is derived by hand in the comment beside it: the points of
``linear`` between its points, and the exact text of the data errors a user reads
(which input, which bound, which node needs it, what else is missing).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

import parrules
from parrules import runtime

from .conftest import DATA

GOOD: dict[str, Any] = {
    "received": 10,
    "on_time": 7,
    "online": "50",
    "rank_budget": 20,
    "has_plan": True,
    "late_tasks": 1,
    "discipline": "none",
    "p_1_4": "0.25",
}


@pytest.fixture(scope="module")
def small() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")


def error_of(rs: parrules.Ruleset, inputs: dict[str, Any], unit: str | None = "X") -> parrules.InputError:
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate(inputs, unit=unit)
    return info.value


# ---------------------------------------------------------------- linear


def linear_leaf(points: str) -> parrules.Ruleset:
    return parrules.loads(
        f'ruleset "T" level province scale 2\ninput p: percent\nfield 1 "L" max 2 {{ score linear p {{ {points} }} }}\n'
    )


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        # points (0%, 0.5), (50%, 1), (100%, 2): y0 + (y1 - y0) x (x - x0) / (x1 - x0)
        ("0", "0.5"),  # the first point
        ("25", "0.75"),  # 0.5 + 0.5 x 0.25 / 0.5
        ("50", "1"),  # a middle point
        ("60", "1.2"),  # 1 + 1 x 0.10 / 0.5
        ("75", "1.5"),  # 1 + 1 x 0.25 / 0.5
        ("100", "2"),  # the last point
    ],
)
def test_linear_between_points_that_do_not_start_at_zero(p: str, expected: str) -> None:
    rs = linear_leaf("0%: 0.5  50%: 1  100%: 2")
    assert rs.evaluate({"p": p})["1"].score == D(expected)


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        # points (20%, 0.5), (40%, 2), (80%, 0): up, then down
        ("10", "0.5"),  # flat before the first point
        ("20", "0.5"),
        ("30", "1.25"),  # 0.5 + (2 - 0.5) x (0.30 - 0.20) / (0.40 - 0.20)
        ("60", "1"),  # 2 + (0 - 2) x (0.60 - 0.40) / (0.80 - 0.40)
        ("80", "0"),
        ("95", "0"),  # flat after the last point
    ],
)
def test_linear_up_then_down_and_flat_outside_its_points(p: str, expected: str) -> None:
    rs = linear_leaf("20%: 0.5  40%: 2  80%: 0")
    assert rs.evaluate({"p": p})["1"].score == D(expected)


def test_linear_runtime_directly() -> None:
    xs, ys = (D(1), D(3), D(5)), (D(2), D(6), D(4))
    assert runtime.linear(D(0), xs, ys) == D(2)  # flat before the first point
    assert runtime.linear(D(2), xs, ys) == D(4)  # 2 + 4 x 1 / 2
    assert runtime.linear(D(4), xs, ys) == D(5)  # 6 + (-2) x 1 / 2
    assert runtime.linear(D(9), xs, ys) == D(4)  # flat after the last point


# ---------------------------------------------------------------- data errors, word for word


def test_input_problem_carries_its_message() -> None:
    problem = runtime.InputProblem("D104", 3, "x must be a number")
    assert (str(problem), problem.code, problem.index, problem.message) == ("x must be a number", "D104", 3, "x must be a number")


def test_percent_out_of_range_names_input_bounds_and_nodes(small: parrules.Ruleset) -> None:
    error = error_of(small, {**GOOD, "online": "120"})
    # online is read by 1.1.2 (max x online) and 2.3 (tiers online); percent bounds 0..100 with %
    assert str(error) == "D106: unit 'X', input 'online', needed by 1.1.2, 2.3: online = 120% is outside 0..100%"
    assert (error.code, error.input, error.node, error.unit) == ("D106", "online", "1.1.2, 2.3", "X")


def test_rank_below_its_declared_range(small: parrules.Ruleset) -> None:
    error = error_of(small, {**GOOD, "rank_budget": 0})
    assert str(error) == "D106: unit 'X', input 'rank_budget', needed by 1.3: rank_budget = 0 is outside 1..63"


def test_points_above_the_node_max(small: parrules.Ruleset) -> None:
    # p_1_4 scores 1.4 (max 0.5): its range is 0..0.5
    error = error_of(small, {**GOOD, "p_1_4": "0.6"})
    assert str(error) == "D106: unit 'X', input 'p_1_4', needed by 1.4: p_1_4 = 0.6 is outside 0..0.5"


def test_one_sided_range_shows_an_open_end() -> None:
    rs = parrules.loads('ruleset "T" level province scale 1\ninput m: money\nfield 1 "F" max 1 { score min(m, 1) }\n')
    error = error_of(rs, {"m": "-5"}, unit=None)
    # money is at least 0 and has no upper bound: "0.." (no unit sign, no unit name)
    assert str(error) == "D106: input 'm', needed by 1: m = -5 is outside 0.."


def test_constraint_failure_names_every_input_of_it(small: parrules.Ruleset) -> None:
    error = error_of(small, {**GOOD, "on_time": 12})
    assert str(error) == (
        "D108: unit 'X', input 'on_time': the constraint on_time <= received does not hold (on_time = 12, received = 10)"
    )
    assert (error.input, error.node) == ("on_time", None)


def test_missing_input_suggests_the_misspelt_key(small: parrules.Ruleset) -> None:
    inputs = {k: v for k, v in GOOD.items() if k != "received"}
    error = error_of(small, {**inputs, "recieved": 10})
    assert str(error) == (
        "D101: unit 'X', input 'received', needed by 1.1.1: received is missing; "
        "the data has 'recieved', which no rule reads: a misspelling of received?"
    )


def test_missing_inputs_are_counted_and_the_first_five_named(small: parrules.Ruleset) -> None:
    # everything missing: received (the first read) is reported, the other 7 inputs counted,
    # the first five named in declaration order, then "..."
    error = error_of(small, {})
    assert str(error) == (
        "D101: unit 'X', input 'received', needed by 1.1.1: received is missing; "
        "7 other input(s) are not given either: on_time, online, rank_budget, has_plan, late_tasks, ..."
    )
    # two missing: both named, no "..."
    inputs = {k: v for k, v in GOOD.items() if k not in ("received", "late_tasks")}
    error = error_of(small, inputs, unit=None)
    assert str(error) == (
        "D101: input 'received', needed by 1.1.1: received is missing; 1 other input(s) are not given either: late_tasks"
    )


def test_the_traced_evaluator_reports_the_same_error(small: parrules.Ruleset) -> None:
    with pytest.raises(parrules.InputError) as info:
        small.run_traced({**GOOD, "online": "120"}, unit="X")
    assert str(info.value) == str(error_of(small, {**GOOD, "online": "120"}))
    # and the text itself, so a wrong message both evaluators share cannot pass: the percent
    # input's default range is 0..100 (docs/language.md), read by 1.1.2 and 2.3 in small.par
    assert str(info.value) == "D106: unit 'X', input 'online', needed by 1.1.2, 2.3: online = 120% is outside 0..100%"


# ---------------------------------------------------------------- yes/no inputs


@pytest.mark.parametrize(("value", "expected"), [(0, "0"), (1, "1"), (D(0), "0"), (D(1), "1"), (True, "1"), (False, "0")])
def test_yesno_accepts_one_and_zero(small: parrules.Ruleset, value: object, expected: str) -> None:
    # 1.2 scores ``if has_plan then max else 0`` (max 1)
    assert small.evaluate({**GOOD, "has_plan": value})["1.2"].score == D(expected)


@pytest.mark.parametrize("value", [2, D(2), D("0.5"), -1, 1.0, 0.0, "1", D("NaN")])
def test_yesno_refuses_anything_else(small: parrules.Ruleset, value: object) -> None:
    # a number other than 0 and 1, a float, a string, NaN: D104, never read as true
    assert error_of(small, {**GOOD, "has_plan": value}).code == "D104"


# ---------------------------------------------------------------- the number parser's default style


def test_parse_number_reads_the_vietnamese_style_by_default() -> None:
    from parrules.io import parse_number

    assert parse_number("1,5") == D("1.5")  # the decimal comma
    assert parse_number("1.050") == D(1050)  # a point groups thousands
    assert parse_number("1.5", "dot") == D("1.5")


# ---------------------------------------------------------------- standings without a ranking or a downgrade rule

UNRANKED = """ruleset "T" level department scale 10
field 1 "F" max 10 { source survey score points }
classes by total { "Tốt": from 8  "Khá": from 5 below 8  "Yếu": below 5 }
"""


def test_without_a_ranking_the_largest_measure_ranks_first() -> None:
    from parrules.aggregate import standings

    rs = parrules.loads(UNRANKED)
    cards = [rs.evaluate({"p_1": v}, unit=u) for u, v in (("A", "4"), ("B", "9"), ("C", "6"))]
    got = [(s.unit, s.rank, s.klass, s.note) for s in standings(rs, cards)]
    # no ranking declared: by the index, best first; no downgrade rule: no note at all
    assert got == [("B", 1, "Tốt", ""), ("C", 2, "Khá", ""), ("A", 3, "Yếu", "")]


def test_no_downgrade_rule_no_note_even_without_members() -> None:
    from parrules.aggregate import standings

    rs = parrules.load("bac-kan-2023-departments")
    cards = [rs.evaluate({name: D(0) for name in rs.inputs}, unit="S")]
    (s,) = standings(rs, cards)
    assert (s.rank, s.note) == (1, "")


def test_district_without_members_says_so_word_for_word() -> None:
    from parrules.aggregate import standings

    rs = parrules.load("bac-kan-2023-districts")
    inputs = {name: D(0) for name in rs.inputs}
    (s,) = standings(rs, [rs.evaluate(inputs, unit="A")])
    assert s.note == "theo điểm; chưa xét quy tắc xã (không có kết quả cấp xã)"


# ---------------------------------------------------------------- tier sides when a tier is tried first


def test_tiers_above_is_open_when_it_is_tried_first() -> None:
    # the tiers are tried in order: 5 is not ``above 5`` (open), so it falls to ``above 2 to 5``
    rs = parrules.loads(
        'ruleset "T" level province scale 1\ninput n: count\n'
        'field 1 "F" max 1 { score tiers n { above 5: 0  above 2 to 5: 0.5  to 2: 1 } }\n'
    )
    assert [rs.evaluate({"n": n})["1"].score for n in (6, 5, 3, 2, 0)] == [D(0), D("0.5"), D("0.5"), D(1), D(1)]


def test_tiers_below_is_open_when_it_is_tried_first() -> None:
    # 80% is not ``below 80%`` (open), so it falls to ``from 80% below 100%``; 100% to ``from 100%``
    rs = parrules.loads(
        'ruleset "T" level province scale 1\ninput p: percent\n'
        'field 1 "F" max 1 { score tiers p { below 80%: 0  from 80% below 100%: 0.5  from 100%: 1 } }\n'
    )
    assert [rs.evaluate({"p": p})["1"].score for p in ("79.99", "80", "99.99", "100")] == [
        D(0), D("0.5"), D("0.5"), D(1)
    ]  # fmt: skip


# ---------------------------------------------------------------- the steps an explanation shows

STEPS = """ruleset "T" level province scale 5
input p: percent
input n: count
field 1 "A" max 1 { score if p > 50% then max else 0 }
field 2 "B" max 1 { score clamp(p, 0, 1) }
field 3 "C" max 1 { score deduct(n, 0.25, floor: 0) }
field 4 "D" max 1 { score tiers p { from 50%: 1  below 50%: 0 } }
field 5 "E" max 1 { score linear p { 0%: 0  100%: max } }
"""


@pytest.mark.parametrize(
    ("code", "p", "step"),
    [
        # each step is named by its construct's keyword, with the branch taken, at the formula's line:col
        ("1", "60", "if         if p > 50% then max else 0 = 1  [branch: then]   (4:27)"),
        ("1", "40", "if         if p > 50% then max else 0 = 0  [branch: else]   (4:27)"),
        ("2", "60", "clamp      clamp(p, 0, 1) = 0.6   (5:27)"),  # 60% = 0.6
        ("3", "60", "deduct     deduct(n, 0.25) = 0.75   (6:27)"),  # 1 - 1 x 0.25
        ("4", "60", "tiers      tiers p { from 50%: 1  below 50%: 0 } = 1  [branch: from 50%]   (7:27)"),
        ("4", "40", "tiers      tiers p { from 50%: 1  below 50%: 0 } = 0  [branch: below 50%]   (7:27)"),
        ("5", "60", "linear     linear p { 0%: 0  100%: max } = 0.6   (8:27)"),  # 0 + 1 x 0.6 / 1
    ],
)
def test_explanation_names_each_step(code: str, p: str, step: str) -> None:
    rs = parrules.loads(STEPS)
    text = rs.evaluate({"p": p, "n": 1}).explain(code)
    assert "    " + step in text.splitlines(), text


STEPS_MORE = """ruleset "T" level province scale 4
input r: rank 1..10
input d: choice { none, some }
input p: percent
field 1 "A" max 1 { score ranks r { 1..5: 1  6..10: 0 } }
field 2 "B" max 1 { score choice d { none: 1  some: 0.5 } }
field 3 "C" max 1 { score min(p, 0.5) }
field 4 "D" max 1 { score max(p, 0.5) }
"""


@pytest.mark.parametrize(
    ("code", "inputs", "step"),
    [
        # as above: the keyword, the formula as written, its value, the band or option taken
        ("1", {"r": 3}, "ranks      ranks r { 1..5: 1  6..10: 0 } = 1  [branch: 1..5]   (5:27)"),
        ("1", {"r": 6}, "ranks      ranks r { 1..5: 1  6..10: 0 } = 0  [branch: 6..10]   (5:27)"),
        ("2", {"d": "some"}, "choice     choice d { none: 1  some: 0.5 } = 0.5  [branch: some]   (6:27)"),
        ("2", {"d": "none"}, "choice     choice d { none: 1  some: 0.5 } = 1  [branch: none]   (6:27)"),
        ("3", {"p": "60"}, "min        min(p, 0.5) = 0.5   (7:27)"),  # min(0.6, 0.5)
        ("4", {"p": "60"}, "max        max(p, 0.5) = 0.6   (8:27)"),  # max(0.6, 0.5)
    ],
)
def test_explanation_names_ranks_choice_min_and_max(code: str, inputs: dict[str, Any], step: str) -> None:
    rs = parrules.loads(STEPS_MORE)
    text = rs.evaluate({"r": 1, "d": "none", "p": "0"} | inputs).explain(code)
    assert "    " + step in text.splitlines(), text


# ---------------------------------------------------------------- why a node does not apply (explain)

# One ruleset per way an ``na`` takes a node out, compiled afresh (``loads``: a compile mutant
# runs here).  The reason line is what ``parrules explain`` prints under the score; its words
# come from compile's trace points (TracePoint.why), so a wrong word there is a wrong explanation.
NA_WHY = """ruleset "T" level province scale 10
input p: percent
input n: count
input r: rank 1..20
input q: yesno
input k: choice { a, b }
input m: count
input w: count
constraint m <= w
field 1 "F" max 10 {
  criterion 1.1 "percent tier" max 1 { score tiers p { from 50%: 1  below 50%: na } }
  criterion 1.2 "count tier" max 1 { score tiers n { from 3: na  below 3: 1 } }
  criterion 1.3 "sum tier" max 1 { score tiers n + 1 { from 5: 1  otherwise: na } }
  criterion 1.4 "band" max 1 { score ranks r { 1..5: 1  6..20: na } }
  criterion 1.5 "then" max 1 { score if q then na else 1 }
  criterion 1.6 "else" max 1 { score if n > 3 then 1 else na }
  criterion 1.7 "choice" max 1 { score choice k { a: na  b: 1 } }
  criterion 1.8 "rate" max 1 { score rate(m, w, empty: na) }
  criterion 1.9 "otherwise band" max 1 { score ranks r { 1..5: 1  otherwise: na } }
  criterion 1.10 "when" max 1 { not applicable when n >= 3 and q  score max }
}
"""


NA_UNIT = {"p": "40", "n": 3, "r": 7, "q": True, "k": "a", "m": 0, "w": 0}

# Each line filled in by hand from the templates of compile._Generator.branch_value and
# visit_Rate: the subject (a percent as the data writes it, 40 -> "40%", not the fraction 0.4),
# the value, the row's label as the trace shows it, and the kind of row (tier / rank band).
NA_REASONS = {
    # p = 40% is below 50%: the second tier (index 1), which is na
    "1.1": ("p = 40%, in the tier 'below 50%', which is na", "p = 40%, thuộc bậc 'below 50%' là na"),
    # n = 3 is from 3: the first tier (index 0); a count is shown as it is, without a %
    "1.2": ("n = 3, in the tier 'from 3', which is na", "n = 3, thuộc bậc 'from 3' là na"),
    # the subject n + 1 = 4 (no input: no unit) is below 5, so otherwise
    "1.3": ("n + 1 = 4, in the tier 'otherwise', which is na", "n + 1 = 4, thuộc bậc 'otherwise' là na"),
    # rank 7 is in 6..20, the second band
    "1.4": ("r = 7, in the rank band '6..20', which is na", "r = 7, thuộc khung hạng '6..20' là na"),
    # q = yes takes the then branch (a yes/no shows its word, "có (yes)" in English)
    "1.5": ("the condition q = có (yes), its then is na", "điều kiện q = có, nhánh then là na"),
    # n > 3 is false for n = 3: the else branch
    "1.6": ("the condition n > 3 = không (no), its else is na", "điều kiện n > 3 = không, nhánh else là na"),
    "1.7": ("k = a, an option scored na", "k = a, lựa chọn này là na"),
    # the whole w = 0
    "1.8": ("w = 0 (an empty denominator)", "w = 0 (mẫu số bằng 0)"),
    # rank 7 is not in 1..5: the otherwise band
    "1.9": ("r = 7, in the rank band 'otherwise', which is na", "r = 7, thuộc khung hạng 'otherwise' là na"),
    # n = 3 >= 3 and q = yes: the condition holds; the reason names the inputs it read, in order
    "1.10": (
        "the condition n >= 3 and q holds (n = 3, q = có (yes))",
        "điều kiện n >= 3 and q đúng (n = 3, q = có)",
    ),
}


def test_explain_gives_the_reason_an_na_took_each_node_out() -> None:
    # compiled in the test itself (not in a fixture, not by load()): mutmut runs for a compile
    # mutant only the tests it saw calling the compiler, and load() caches
    from parrules.explain import explain

    card = parrules.loads(NA_WHY, "t.par").evaluate(NA_UNIT)
    # every criterion is out: 0 of an applicable scale of 0, so no index
    assert (card.total, card.applicable_scale, card.index) == (0, 0, None)
    for code, (en, vi) in NA_REASONS.items():
        assert (card[code].applicable, card[code].applicable_max) == (False, 0), code
        assert explain(card, code).splitlines()[1:3] == [
            "  score: not applicable (max 1 removed from this unit's scale)",
            "  not applicable: " + en,
        ], code
        assert explain(card, code, lang="vi").splitlines()[2] == "  không áp dụng: " + vi, code


def test_the_trace_of_each_na_records_the_value_shown_and_the_branch() -> None:
    # the last traced step of each node is its "na" point: the value the reason shows (a
    # percent subject as the data writes it, 40 for 40%, not the fraction 0.4 it is computed
    # with; a condition's truth) and the index of the row or branch taken
    rs = parrules.loads(NA_WHY, "t.par")
    _scores, _applicable, trace = rs.run_traced(NA_UNIT)
    points = rs.compiled.trace_points
    last = {points[k].node: (points[k].kind, value, branch) for k, value, branch in trace}
    assert last == {
        "1.1": ("na", D("40"), 1),  # p.scaleb(2): the percent as written
        "1.2": ("na", D(3), 0),
        "1.3": ("na", D(4), 1),  # otherwise, the second row
        "1.4": ("na", D(7), 1),
        "1.5": ("na", True, 0),
        "1.6": ("na", False, 1),
        "1.7": ("na", "a", 0),
        "1.8": ("na", D(0), None),
        "1.9": ("na", D(7), 1),
        "1.10": ("not applicable when", True, None),
    }
    # the na points keep the rows of their table (the tiers', the bands', the branches)
    na = {p.node: p.branches for p in points if p.kind == "na"}
    assert na["1.1"] == ("from 50%", "below 50%")
    assert na["1.4"] == ("1..5", "6..20")
    assert na["1.5"] == na["1.6"] == ("then", "else")
    assert na["1.7"] == ("a", "b")
    assert na["1.8"] == ()
    # a not applicable when condition has no branches (report_page lists a step's branches)
    assert [p.branches for p in points if p.kind == "not applicable when"] == [()]


OTHERWISE_TABLES = """ruleset "T" level province scale 8
input p: percent
input r: rank 1..20
input m: count
input w: count
constraint m <= w
field 1 "T" max 4 { score tiers p { from 90%: 4  from 50% below 90%: 2  otherwise: 1 } }
field 2 "R" max 3 { score ranks r { 1..5: 3  6..10: 2  otherwise: 1 } }
field 3 "S" max 1 { score tiers rate(m, w, empty: 0) { from 50%: 1  from 25% below 50%: 0.5  below 25%: 0 } }
"""


@pytest.mark.parametrize(
    ("p", "r", "expected"),
    [
        # each row of two tables with an otherwise row: the named rows are tried in order,
        # otherwise takes the rest (p: 4 from 90%, 2 in 50%..90%, else 1; r: 3 for ranks 1..5,
        # 2 for 6..10, else 1); field 3 scores 0 (m / w = 0 / 1 is below 25%)
        ("95", 3, (D(4), D(3))),
        ("90", 5, (D(4), D(3))),
        ("70", 6, (D(2), D(2))),  # the second named row of each table
        ("50", 10, (D(2), D(2))),
        ("49", 11, (D(1), D(1))),  # otherwise
        ("0", 20, (D(1), D(1))),
    ],
)
def test_tables_with_an_otherwise_row_take_each_named_row(p: str, r: int, expected: tuple[D, D]) -> None:
    rs = parrules.loads(OTHERWISE_TABLES)
    card = rs.evaluate({"p": p, "r": r, "m": 0, "w": 1})
    assert (card["1"].score, card["2"].score, card["3"].score) == (*expected, D(0))
    assert rs.run_traced({"p": p, "r": r, "m": 0, "w": 1})[0] == (*expected, D(0))


def test_a_tables_subject_is_computed_and_traced_once() -> None:
    # m / w = 1 / 10 = 0.1 is below 25%, the third row: the rows above are tested first, yet the
    # rate is computed once and the explanation shows it once, then the tier taken
    rs = parrules.loads(OTHERWISE_TABLES, "t.par")
    card = rs.evaluate({"p": "70", "r": 7, "m": 1, "w": 10})
    lines = card.explain("3").splitlines()
    steps = lines[lines.index("  steps:") + 1 : -1]
    assert steps == [
        "    rate       rate(m, w, empty: 0) = 0.1   (9:33)",
        "    tiers      tiers rate(m, w, empty: 0) { from 50%: 1  from 25% below 50%: 0.5  below 25%: 0 } = 0"
        "  [branch: below 25%]   (9:27)",
    ]
    # the otherwise rows are traced under their label: p = 30% and rank 15 take them
    card = rs.evaluate({"p": "30", "r": 15, "m": 1, "w": 10})
    assert "[branch: otherwise]" in card.explain("1") and "[branch: otherwise]" in card.explain("2")


def test_an_uncovered_value_is_reported_for_the_unit() -> None:
    # the checker proves tiers cover their subject, so D107 is the evaluator's last resort;
    # it names no input (index None) and keeps the unit
    from parrules.evaluate import input_error

    rs = parrules.load(DATA / "small.par")
    problem = runtime.InputProblem("D107", None, "no tier or band covers the value 7")
    error = input_error(problem, rs, {}, "X")
    assert str(error) == "D107: unit 'X': no tier or band covers the value 7"
    assert (error.code, error.input, error.unit) == ("D107", None, "X")


# ---------------------------------------------------------------- the scorecard's own views


def test_lost_points_largest_first_then_in_tree_order(small: parrules.Ruleset) -> None:
    card = small.evaluate(GOOD, unit="X")
    # 1.1.1 1.5 x 7/10 = 1.05 (lost 0.45); 1.1.2 1.5 x 50% = 0.75 (0.75); 1.2 1 (0); 1.3 rank 20 -> 1 (0.5);
    # 1.4 0.25 of 0.5 (0.25); 2.1 1.5 - 0.25 = 1.25 (0.25); 2.2 none 1.5 (0); 2.3 50% < 80% -> 0 (1)
    lost = [(r.code, r.lost) for r in card.lost_points()]
    assert lost == [("2.3", D(1)), ("1.1.2", D("0.75")), ("1.3", D("0.5")), ("1.1.1", D("0.45")), ("1.4", D("0.25")),
                    ("2.1", D("0.25"))]  # fmt: skip


def test_row_and_repr(small: parrules.Ruleset) -> None:
    card = small.evaluate(GOOD, unit="X")
    row = card.to_row()
    # field 1: 1.05 + 0.75 + 1 + 1 + 0.25 = 4.05; field 2: 1.25 + 1.5 + 0 = 2.75; total 6.8 of 10
    assert list(row)[:3] == ["unit", "total", "index"]
    assert (row["unit"], row["total"], row["index"]) == ("X", D("6.8"), D("68.00"))
    assert {code: row[code] for code in ("1", "1.1.1", "2", "2.3")} == {
        "1": D("4.05"), "1.1.1": D("1.05"), "2": D("2.75"), "2.3": D(0)
    }  # fmt: skip
    assert list(row)[3:] == list(small.codes)
    assert repr(card) == "<Scorecard 'X' total=6.8000 index=68.00%>"
    assert repr(small.evaluate(GOOD)) == "<Scorecard total=6.8000 index=68.00%>"


def test_parse_number_drops_the_spaces_spreadsheets_group_with() -> None:
    from parrules.io import parse_number

    # a no-break space (U+00A0) or a narrow one (U+202F) between thousands is dropped:
    # 1 050,5 is 1050.5 with the decimal comma
    assert parse_number("1\u00a0050,5") == D("1050.5")
    assert parse_number("1\u202f050,5") == D("1050.5")
    assert parse_number("1\u00a0050.5", "dot") == D("1050.5")


def test_parse_number_says_which_decimal_style_it_read() -> None:
    from parrules.io import parse_number

    with pytest.raises(ValueError) as info:
        parse_number("abc")
    assert str(info.value) == "'abc' is not a number (the file is read with a decimal comma: 84,41; use --decimal dot for 84.41)"
    with pytest.raises(ValueError) as info:
        parse_number("abc", "dot")
    assert str(info.value) == "'abc' is not a number (the file is read with a decimal point: 84.41)"


NODES_AND_INPUTS = """ruleset "T" level province scale 6
input a: percent
input b: percent
input unused: percent
field 1 "F" max 6 {
  criterion 1.1 "x" max 1 { score max * a }
  criterion 1.2 "y" max 1 { score max * a }
  criterion 1.3 "z" max 1 { score max * a * b }
  criterion 1.4 "w" max 1 { score max * b }
  criterion 1.5 "v" max 1 { score max * b }
  criterion 1.6 "u" max 1 { score max * b }
}
"""


def test_the_nodes_needing_an_input_are_named_up_to_three() -> None:
    rs = parrules.loads(NODES_AND_INPUTS)
    good = {"a": 50, "b": 50, "unused": 50}
    # a is read by 3 nodes: all named; b by 4: the first three and "..."
    assert error_of(rs, {**good, "a": 101}).node == "1.1, 1.2, 1.3"
    assert error_of(rs, {**good, "b": 101}).node == "1.3, 1.4, 1.5 ..."
    # an input no node reads: its error names no node
    error = error_of(rs, {**good, "unused": 101})
    assert error.node is None
    assert str(error) == "D106: unit 'X', input 'unused': unused = 101% is outside 0..100%"


def test_missing_inputs_listed_up_to_five() -> None:
    rs = parrules.loads(
        'ruleset "T" level province scale 1\n'
        + "".join(f"input i{k}: count\n" for k in range(8))
        + 'field 1 "F" max 1 { score min(1, ' + " + ".join(f"i{k}" for k in range(8)) + ") }\n"
    )
    # i0 missing and 5 others: all five named; and 6 others: five and "..."
    five = {f"i{k}": 0 for k in (6, 7)}
    assert str(error_of(rs, five)).endswith("5 other input(s) are not given either: i1, i2, i3, i4, i5")
    six = {"i7": 0}
    assert str(error_of(rs, six)).endswith("6 other input(s) are not given either: i1, i2, i3, i4, i5, ...")


def test_parse_number_suggests_a_reading_for_misplaced_grouping() -> None:
    from parrules.io import parse_number

    # 1.0999 with the decimal comma: a point groups thousands, so 4 digits after it are no
    # number; the message offers the comma reading 1,0999 (babel's suggestion)
    with pytest.raises(ValueError) as info:
        parse_number("1.0999")
    message = str(info.value)
    assert message.startswith("'1.0999' is not a number in the declared format (the file is read with a decimal comma")
    assert "; did you mean " in message and "1,0999" in message


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-Infinity", "inf"])
def test_parse_number_refuses_what_is_no_finite_number(text: str) -> None:
    from parrules.io import parse_number

    with pytest.raises(ValueError):
        parse_number(text)
    with pytest.raises(ValueError):
        parse_number(text, "dot")


# ---------------------------------------------------------------- convert_cell, one kind at a time


def decl_of(rs: parrules.Ruleset, name: str) -> Any:
    return rs.inputs[name]


def test_convert_cell_reads_the_vietnamese_style_by_default(small: parrules.Ruleset) -> None:
    from parrules.io import convert_cell

    assert convert_cell("42,41", decl_of(small, "online")) == D("42.41")
    assert convert_cell("42,41%", decl_of(small, "online")) == D("42.41")
    assert convert_cell("1.050", decl_of(small, "received")) == D(1050)


def test_convert_cell_choice_matches_its_options_ignoring_case(small: parrules.Ruleset) -> None:
    from parrules.io import convert_cell

    decl = decl_of(small, "discipline")
    assert convert_cell("none", decl) == "none"
    assert convert_cell("NONE", decl) == "none"  # the declared spelling, not the cell's
    assert convert_cell(" Dept_Leader ", decl) == "dept_leader"
    with pytest.raises(ValueError):
        convert_cell(3, decl)  # a number is no option
    with pytest.raises(ValueError):
        convert_cell("other", decl)


def test_convert_cell_yesno_from_numbers(small: parrules.Ruleset) -> None:
    from parrules.io import convert_cell

    decl = decl_of(small, "has_plan")
    assert convert_cell(1, decl) is True
    assert convert_cell(0, decl) is False
    assert convert_cell(1.0, decl) is True  # a spreadsheet number cell
    assert convert_cell(D(0), decl) is False
    with pytest.raises(ValueError):
        convert_cell(2, decl)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_convert_cell_refuses_a_float_that_is_no_number(small: parrules.Ruleset, value: float) -> None:
    from parrules.io import convert_cell

    with pytest.raises(ValueError):
        convert_cell(value, decl_of(small, "online"))


# ---------------------------------------------------------------- the size of a number a score can use


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        # |value| < 10**16 and, unless 0, >= 10**-20: adjusted() (the exponent of the first digit)
        # is at most 15 and at least -20
        ("9999999999999999", True),  # 16 digits: adjusted 15
        ("1E+15", True),
        ("1E+16", False),  # adjusted 16
        ("-1E+16", False),
        ("1E-20", True),  # adjusted -20
        ("1E-21", False),  # adjusted -21
        ("0E-30", True),  # zero is zero, whatever its exponent
    ],
)
def test_to_decimal_bounds(text: str, accepted: bool) -> None:
    if accepted:
        assert runtime.to_decimal(text, 0, "x") == D(text)
        assert runtime.to_decimal(D(text), 0, "x") == D(text)
    else:
        with pytest.raises(runtime.InputProblem) as info:
            runtime.to_decimal(D(text), 0, "x")
        assert info.value.code == "D106"


@pytest.mark.parametrize("value", [[1], {"a": 1}, object(), b"1"])
def test_to_decimal_refuses_other_types_as_no_number(value: object) -> None:
    with pytest.raises(runtime.InputProblem) as info:
        runtime.to_decimal(value, 0, "x")
    assert info.value.code == "D104"
    assert info.value.message == f"x must be a number, not {type(value).__name__}"


# ---------------------------------------------------------------- the bounds the generated code reads inputs with

BOUNDS = """ruleset "T" level province scale 5
input r: rank 1..63
input pc: percent in 10..90
input ra: ratio
input rb: ratio in 0.2..0.8
input pts: points in 0..2
field 1 "F" max 5 {
  criterion 1.1 "a" max 1 { score if r <= 10 then max else 0 }
  criterion 1.2 "b" max 1 { score max * pc }
  criterion 1.3 "c" max 1 { score max * ra }
  criterion 1.4 "d" max 1 { score max * rb }
  criterion 1.5 "e" max 1 { score min(pts, 1) }
}
"""
BOUNDS_OK = {"r": 5, "pc": 50, "ra": "0.5", "rb": "0.5", "pts": "1.5"}


def test_declared_bounds_hold_at_their_ends() -> None:
    rs = parrules.loads(BOUNDS)
    ends = {"r": 63, "pc": 10, "ra": 1, "rb": "0.2", "pts": 2}
    card = rs.evaluate(ends)
    # 1.2 1 x 10% = 0.1; 1.3 1 x 1 = 1; 1.4 0.2; 1.5 min(2, 1) = 1
    assert [card[c].score for c in ("1.1", "1.2", "1.3", "1.4", "1.5")] == [D(0), D("0.1"), D(1), D("0.2"), D(1)]
    assert rs.evaluate({**ends, "pc": 90, "ra": 0, "rb": "0.8", "pts": 0})["1.2"].score == D("0.9")


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("r", "1.5", "D105"),  # a rank is a whole number
        ("r", 64, "D106"),
        ("pc", 5, "D106"),  # the declared 10..90, not the percent default 0..100
        ("pc", 95, "D106"),
        ("ra", "1.5", "D106"),  # a ratio is 0..1 by default
        ("ra", "-0.1", "D106"),
        ("rb", "0.1", "D106"),  # the declared 0.2..0.8
        ("rb", "0.9", "D106"),
        ("pts", "2.5", "D106"),  # an explicit points input keeps its declared range
    ],
)
def test_declared_bounds_refuse_outside(name: str, value: object, code: str) -> None:
    rs = parrules.loads(BOUNDS)
    assert error_of(rs, {**BOUNDS_OK, name: value}).code == code


# ---------------------------------------------------------------- apply_downgrade called directly


def test_apply_downgrade_without_a_rule_or_members() -> None:
    from parrules.aggregate import apply_downgrade

    departments = parrules.load("bac-kan-2023-departments")  # declares no downgrade rule
    assert apply_downgrade(departments, "Khá", ["Yếu"]) == ("Khá", "")
    assert apply_downgrade(departments, "Khá", None) == ("Khá", "")
    districts = parrules.load("bac-kan-2023-districts")
    assert apply_downgrade(districts, None, ["Tốt"]) == (None, "")
    assert apply_downgrade(districts, "Khá", []) == (None, "chưa xếp loại: không có xã trực thuộc nào")
    with pytest.raises(ValueError) as info:
        apply_downgrade(districts, "Tốt", ["Xuất sắc", "Tốt"])
    assert str(info.value) == "commune class 'Xuất sắc' is not a class of this ruleset (Tốt, Khá, Trung bình, Yếu)"


def test_node_result_kind(small: parrules.Ruleset) -> None:
    card = small.evaluate(GOOD)
    assert [card[c].kind for c in ("1", "1.1", "1.1.1")] == ["field", "criterion", "sub"]


# ---------------------------------------------------------------- inputs as Python gives them (issue 14, runtime run)


def test_a_float_input_is_read_by_its_shortest_repr(small: parrules.Ruleset) -> None:
    # 42.41 (a float, as json.loads gives it) is read as 42.41: 1.1.2 = 1.5 x 42.41% = 0.63615 -> 0.6362
    # (half_up, 4 places); 1.1.1 = 1.5 x 7/10 = 1.05, with on_time 7.0 a float too
    card = small.evaluate({**GOOD, "online": 42.41, "on_time": 7.0})
    assert card["1.1.2"].score == D("0.6362")
    assert card["1.1.1"].score == D("1.05")


def test_another_librarys_numbers_are_read_by_their_text(small: parrules.Ruleset, tmp_path: Path) -> None:
    """A row of a pandas DataFrame gives numpy scalars: numpy.int64 and numpy.float32 are read as
    the numbers they write (as a float is by its repr), the same values as the float test above:
    1.1.2 = 1.5 x 42.41% = 0.63615 -> 0.6362, 1.1.1 = 1.5 x 7/10 = 1.05, 2.1 = 1.5 - 2 x 0.25 = 1."""
    np = pytest.importorskip("numpy")
    inputs = {**GOOD, "online": np.float32(42.41), "on_time": np.int64(7), "late_tasks": np.uint8(2)}
    card = small.evaluate(inputs)
    assert card["1.1.2"].score == D("0.6362")
    assert card["1.1.1"].score == D("1.05")
    assert card["2.1"].score == D("1")
    assert small.evaluate(small.checked_inputs(inputs)).scores == card.scores  # the trusted path reads them alike
    from .test_injection import import_module_file

    standalone = import_module_file(small.to_source(), tmp_path)  # its copy of the runtime reads them alike
    assert standalone.evaluate(inputs)["total"] == str(card.total)


@pytest.mark.parametrize("kind", ["numpy.bool", "Fraction", "numpy.array of two"])
def test_another_librarys_value_that_writes_no_number_is_refused(small: parrules.Ruleset, kind: str) -> None:
    """A numpy bool is yes/no, not a count (as Python's True is refused); a Fraction writes 1/2;
    an array is no number: each is D104 naming its type, never read as a number."""
    np = pytest.importorskip("numpy")
    from fractions import Fraction

    value = {"numpy.bool": np.True_, "Fraction": Fraction(1, 2), "numpy.array of two": np.array([1, 2])}[kind]
    with pytest.raises(runtime.InputProblem) as info:
        runtime.to_decimal(value, 0, "x")
    assert info.value.code == "D104"
    assert info.value.message == f"x must be a number, not {type(value).__name__}"


def test_a_choice_outside_its_options_is_refused_word_for_word(small: parrules.Ruleset) -> None:
    error = error_of(small, {**GOOD, "discipline": "mayor"})
    assert str(error) == (
        "D104: unit 'X', input 'discipline', needed by 2.2: discipline must be one of none, dept_leader, not 'mayor'"
    )


# ---------------------------------------------------------------- tables longer than the inline chain

# More rows than compile.INLINE_ROWS (8): the generated code looks the value up with
# runtime.row_of / option_of.  Every side of a tier, open and closed, meets its neighbour.
LONG_TIERS = """ruleset "T" level province scale 9
input a: number in 0..10
field 1 "F" max 9 { score tiers a {
  to 1: 1  above 1 below 2: 2  from 2 to 3: 3  above 3 to 4: 4  above 4 below 5: 5
  from 5 below 6: 6  from 6 to 7: 7  above 7 below 8: 8  from 8: 9 } }
"""


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("0", "1"), ("1", "1"),  # to 1: closed above
        ("1.5", "2"), ("2", "3"),  # below 2 open, from 2 closed
        ("3", "3"), ("3.5", "4"), ("4", "4"),  # to 3 closed, above 3 open, to 4 closed
        ("4.5", "5"), ("5", "6"),  # above 4 open; below 5 open, from 5 closed
        ("6", "7"), ("7", "7"), ("7.5", "8"), ("8", "9"), ("10", "9"),
    ],
)  # fmt: skip
def test_a_long_tiers_table_takes_each_side_as_declared(a: str, expected: str) -> None:
    rs = parrules.loads(LONG_TIERS)
    assert rs.evaluate({"a": a}).total == D(expected)
    assert rs.run_traced({"a": a})[0][0] == D(expected)


# The same table highest first: a value on an open lower side ("above 8" at 8) must go on to
# the next row, and a value below the first rows' lower bounds (0.5) must reach the last one.
LONG_TIERS_DOWN = """ruleset "T" level province scale 9
input a: number in 0..10
field 1 "F" max 9 { score tiers a {
  above 8: 9  above 7 to 8: 8  above 6 to 7: 7  above 5 to 6: 6  above 4 to 5: 5
  above 3 to 4: 4  above 2 to 3: 3  above 1 to 2: 2  to 1: 1 } }
"""


@pytest.mark.parametrize(("a", "expected"), [("10", "9"), ("8", "8"), ("7.5", "8"), ("7", "7"), ("1", "1"), ("0.5", "1")])
def test_a_long_tiers_table_tried_highest_first(a: str, expected: str) -> None:
    rs = parrules.loads(LONG_TIERS_DOWN)
    assert rs.evaluate({"a": a}).total == D(expected)


def test_a_long_ranks_table_and_choice_table() -> None:
    bands = " ".join(f"{r}..{r}: {10 - r}" for r in range(1, 10))  # rank r scores 10 - r, for 1..9
    ranks = parrules.loads(
        f'ruleset "T" level province scale 9\ninput r: rank 1..12\n'
        f'field 1 "F" max 9 {{ score ranks r {{ {bands} 10..12: 0.5 }} }}\n'
    )
    assert [ranks.evaluate({"r": r}).total for r in (1, 2, 5, 9, 10, 12)] == [9, 8, 5, 1, D("0.5"), D("0.5")]
    options = ", ".join(f"o{i}" for i in range(10))
    cases = " ".join(f"o{i}: {i}" for i in range(10))  # option o<i> scores i
    choice = parrules.loads(
        f'ruleset "T" level province scale 9\ninput d: choice {{ {options} }}\n'
        f'field 1 "F" max 9 {{ score min(choice d {{ {cases} }}, 9) }}\n'
    )
    assert [choice.evaluate({"d": f"o{i}"}).total for i in (0, 1, 7, 9)] == [0, 1, 7, 9]


# ---------------------------------------------------------------- a trapped decimal signal, in process


def test_a_formula_leaving_the_arithmetic_is_d110_naming_why() -> None:
    # (5 + 2) squared 30 times has about 2**30 x 0.85 digits, far above 10**999999: Overflow
    lets = "".join(f"    let v{i} = v{i - 1} * v{i - 1}\n" for i in range(1, 31))
    text = (
        'ruleset "t" year 2022 level province scale 10\ninput a: number in 0..10\n'
        'field 1 "f" max 10 {\n  criterion 1.1 "c" max 10 {\n    let v0 = a + 2\n' + lets
        + "    score min(max(v30, 0), max)\n  }\n}\n"
    )  # fmt: skip
    with pytest.raises(parrules.InputError) as info:
        parrules.loads(text).evaluate({"a": 5})
    assert (info.value.code, info.value.node) == ("D110", "1.1")
    assert "gives a number larger than the arithmetic can hold (above 10**999999)" in info.value.message


def test_runtime_signal_text_for_each_trapped_signal() -> None:
    from decimal import DivisionByZero, InvalidOperation, Overflow

    assert runtime.signal_text(DivisionByZero()) == "divides by zero"
    assert runtime.signal_text(Overflow()) == "gives a number larger than the arithmetic can hold (above 10**999999)"
    assert runtime.signal_text(InvalidOperation()) == "has no defined result (0/0, or a value too long to round)"
    assert runtime.signal_text(ArithmeticError()) == "fails (ArithmeticError)"


# ---------------------------------------------------------------- the number parser and the process's locale


def test_parse_number_does_not_follow_the_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    # babel's default locale comes from the environment (LC_NUMERIC, LANG); a server started
    # with LANG=de_DE must still read "1234.5" in the dot style as 1234.5 (in German "." groups)
    import babel.numbers

    from parrules.io import parse_number

    monkeypatch.setattr(babel.numbers, "LC_NUMERIC", "de_DE")
    assert parse_number("1234.5", "dot") == D("1234.5")
    assert parse_number("1234,5") == D("1234.5")


# ---------------------------------------------------------------- measures of units where a node does not apply (aggregate run)

# Field 2 does not apply to a unit without has_b: its index is taken on the 8 points that apply.
PARTLY = """ruleset "T" level department scale 10
input has_a: yesno
input has_b: yesno
field 1 "A" max 8 { not applicable when not has_a  score points }
field 2 "B" max 2 { not applicable when not has_b  score points }
classes by index { "Tốt": from 80  "Khá": from 70 below 80  "Yếu": below 70 }
ranking by {measure} descending
"""


def partly_cards(rs: parrules.Ruleset) -> list[parrules.Scorecard]:
    return [
        rs.evaluate({"has_a": True, "has_b": False, "p_1": "6"}, unit="A"),  # 6 of 8: index 75
        rs.evaluate({"has_a": True, "has_b": True, "p_1": "5.5", "p_2": "1.5"}, unit="B"),  # 7 of 10: index 70
        rs.evaluate({"has_a": False, "has_b": False}, unit="C"),  # nothing applies: no index, measured as 0
    ]


def test_ranking_by_total_is_not_ranking_by_index() -> None:
    from parrules.aggregate import measure, standings

    by_total = parrules.loads(PARTLY.replace("{measure}", "total"))
    a, b, c = partly_cards(by_total)
    assert [measure(by_total, card) for card in (a, b, c)] == [6, 7, 0]
    assert [measure(by_total, card, "index") for card in (a, b, c)] == [75, 70, 0]
    # by total B (7) is first, A (6) second; by index A (75 %) before B (70 %); C last either way
    got = [(s.unit, s.rank, s.klass) for s in standings(by_total, [c, a, b])]
    assert got == [("B", 1, "Khá"), ("A", 2, "Khá"), ("C", 3, "Yếu")]
    by_index = parrules.loads(PARTLY.replace("{measure}", "index"))
    assert [s.unit for s in standings(by_index, partly_cards(by_index))] == ["A", "B", "C"]


def test_a_unit_with_no_applicable_maximum_is_measured_as_zero() -> None:
    from parrules.aggregate import classify, measure

    rs = parrules.loads(PARTLY.replace("{measure}", "index"))
    card = partly_cards(rs)[2]
    assert (card.applicable_scale, card.index) == (0, None)
    assert measure(rs, card) == 0 and str(measure(rs, card)) == "0"
    assert classify(rs, card) == "Yếu"  # 0 is below 70


def test_classes_declared_worst_first_are_still_ordered_best_first() -> None:
    from parrules.aggregate import apply_downgrade, class_order

    text = PARTLY.replace("{measure}", "index").replace(
        '{ "Tốt": from 80  "Khá": from 70 below 80  "Yếu": below 70 }',
        '{ "Yếu": below 70  "Khá": from 70 below 80  "Tốt": from 80 }',
    )
    rs = parrules.loads(text + "downgrade when share of communes at class or better below 2 / 3\n")
    assert class_order(rs) == ["Tốt", "Khá", "Yếu"]  # by lower bound, highest first; "below 70" has none
    # 1 of 3 communes at Khá or better: Khá falls one class, to Yếu (not to Tốt)
    assert apply_downgrade(rs, "Khá", ["Khá", "Yếu", "Yếu"]) == ("Yếu", "hạ 1 mức: 1/3 xã đạt Khá trở lên < 2/3")


def test_a_share_above_one_cannot_lower_the_lowest_class() -> None:
    from parrules.aggregate import apply_downgrade

    # a rule asking for more than every commune (3/2) is never met; the lowest class stays
    rs = parrules.loads(
        PARTLY.replace("{measure}", "index") + "downgrade when share of communes at class or better below 3 / 2\n"
    )
    assert apply_downgrade(rs, "Yếu", ["Yếu", "Yếu"]) == (
        "Yếu",
        "không thể hạ thêm (Yếu là mức thấp nhất): 2/2 xã đạt Yếu trở lên < 3/2",
    )
    assert apply_downgrade(rs, "Tốt", ["Tốt", "Tốt"]) == ("Khá", "hạ 1 mức: 2/2 xã đạt Tốt trở lên < 3/2")


# ---------------------------------------------------------------- where a trapped signal is blamed (evaluate run)


def raised_at(rs: parrules.Ruleset, line: int, signal: ArithmeticError) -> ArithmeticError:
    """``signal`` raised from ``line`` of the ruleset's generated code (its file name and line)."""
    try:
        exec(compile("\n" * (line - 1) + "raise signal", rs.compiled.filename, "exec"), {"signal": signal})
    except ArithmeticError as exc:
        return exc
    raise AssertionError("not raised")


def test_a_signal_in_a_constraint_names_the_constraint_and_its_first_input(small: parrules.Ruleset) -> None:
    from decimal import DivisionByZero

    from parrules.evaluate import arithmetic_error

    # the checker refuses every division a constraint could make by zero, so this is the
    # mapping alone: a signal raised on the line the generator marks "# constraint 0"
    line = next(start for start, kind, _index in small.compiled.markers if kind == "constraint")  # fast function
    error = arithmetic_error(raised_at(small, line, DivisionByZero()), small, "U")
    # small.par line 10: "constraint on_time <= received"; on_time is the first input it reads
    assert (error.code, error.input, error.node, error.unit) == ("D110", "on_time", None, "U")
    assert error.message == (
        f"the constraint on_time <= received ({DATA / 'small.par'}:10:1) divides by zero for this unit's inputs"
    )


def test_a_signal_in_a_node_names_the_node_and_the_unit(small: parrules.Ruleset) -> None:
    from decimal import InvalidOperation

    from parrules.evaluate import arithmetic_error

    index = small.compiled.codes.index("1.1.2")
    line = [start for start, kind, i in small.compiled.markers if kind == "node" and i == index][-1]  # the traced one
    error = arithmetic_error(raised_at(small, line, InvalidOperation()), small, "U")
    # small.par line 19: '    sub 1.1.2 "Trực tuyến" max 1.5 { score max * online }', the node at column 5
    assert (error.code, error.input, error.node, error.unit) == ("D110", None, "1.1.2", "U")
    assert error.message == (
        f"the formula of node 1.1.2 ({DATA / 'small.par'}:19:5) has no defined result"
        " (0/0, or a value too long to round) for this unit's inputs"
    )


def test_a_signal_from_outside_the_generated_code_is_still_d110(small: parrules.Ruleset) -> None:
    from decimal import DivisionByZero

    from parrules.evaluate import arithmetic_error

    error = arithmetic_error(DivisionByZero(), small, "U")  # no traceback into the generated code
    assert str(error) == "D110: unit 'U': a formula divides by zero for this unit's inputs"
    assert (error.code, error.input, error.node) == ("D110", None, None)


# ---------------------------------------------------------------- a node's and a unit's figures at 1 and below 1 (evaluate run)


def test_node_results_at_a_max_of_one_and_below_one(small: parrules.Ruleset) -> None:
    card = small.evaluate(GOOD)
    # 1.2 "Kế hoạch" max 1, has_plan: 1 of 1 = 100 %; 1.4 "Khảo sát" max 0.5, 0.25 given: 50 %
    assert (card["1.2"].applicable, card["1.2"].rate, card["1.2"].title) == (True, D(100), "Kế hoạch")
    assert (card["1.4"].applicable, card["1.4"].rate, card["1.4"].lost) == (True, D(50), D("0.25"))
    assert card["1.1"].title == "Giải quyết"


def test_a_node_of_max_one_that_does_not_apply_and_a_scale_of_one() -> None:
    rs = parrules.loads(
        'ruleset "T" level department scale 2\ninput has_b: yesno\n'
        'field 1 "A" max 1 { score points }\n'
        'field 2 "B" max 1 { not applicable when not has_b  score points }\n'
    )
    card = rs.evaluate({"has_b": False, "p_1": "0.5"})
    # field 2 (max 1) does not apply: no rate; the unit's applicable scale is 1, its index 0.5 / 1 = 50.00 %
    assert (card["2"].applicable, card["2"].rate, card["2"].applicable_max) == (False, None, 0)
    assert (card.applicable_scale, card.total, card.index) == (1, D("0.5"), D("50.00"))
    assert str(card.index) == "50.00"


def test_the_notebook_view_shows_the_unit_total_and_index(small: parrules.Ruleset) -> None:
    # 6.8000 of small.par's scale 10 is 68.00 % (test_row_and_repr derives it)
    html = small.evaluate(GOOD, unit="X")._repr_html_()
    assert "6.8000 / 10" in html and "68.00%" in html


def test_without_a_view_the_notebook_falls_back_to_repr(small: parrules.Ruleset, monkeypatch: pytest.MonkeyPatch) -> None:
    # the core names no presentation module: with no view registered, _repr_html_ is None (a notebook
    # then shows repr), and a registered view is called with the card
    card = small.evaluate(GOOD, unit="X")
    monkeypatch.setattr(parrules.Scorecard, "html_view", None)
    assert card._repr_html_() is None
    monkeypatch.setattr(parrules.Scorecard, "html_view", lambda c: f"<b>{c.unit}</b>")
    assert card._repr_html_() == "<b>X</b>"


def test_a_constraint_reading_no_input_names_none() -> None:
    rs = parrules.loads('ruleset "T" level department scale 1\nconstraint 1 <= 0\nfield 1 "A" max 1 { score points }\n')
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate({"p_1": "0.5"}, unit="U")
    # never true, whatever the unit: refused as D108 naming no input (the list of values is empty)
    assert (info.value.code, info.value.input, info.value.unit) == ("D108", None, "U")
    assert info.value.message == "the constraint 1 <= 0 does not hold ()"


@pytest.mark.parametrize(("inputs", "kind"), [(None, "NoneType"), ([("received", 10)], "list"), ("{}", "str")])
def test_inputs_that_are_no_mapping_are_d111_word_for_word(small: parrules.Ruleset, inputs: Any, kind: str) -> None:
    with pytest.raises(parrules.InputError) as info:
        small.evaluate(inputs, unit="U")
    assert str(info.value) == (
        f"D111: unit 'U': a unit's inputs must be a mapping of input names to values (a dict, a JSON object), not {kind}"
    )


# ---------------------------------------------------------------- what the generated code reads and sums (compile run)


@pytest.mark.parametrize(("name", "node"), [("has_plan", "1.2"), ("discipline", "2.2")])
def test_a_missing_yesno_or_choice_is_d101_not_d104(small: parrules.Ruleset, name: str, node: str) -> None:
    inputs = {k: v for k, v in GOOD.items() if k != name}
    assert str(error_of(small, inputs)) == f"D101: unit 'X', input '{name}', needed by {node}: {name} is missing"


def test_a_parent_of_more_children_than_one_sum_statement() -> None:
    # 11 criteria (more than compile.INLINE_ROWS, 8) of max 1: criterion 1.k scores k / 20,
    # so the field is (1 + 2 + ... + 11) / 20 = 66 / 20 = 3.3
    criteria = "".join(f'  criterion 1.{k} "c{k}" max 1 {{ score {k} / 20 }}\n' for k in range(1, 12))
    rs = parrules.loads(f'ruleset "T" level province scale 11\nfield 1 "F" max 11 {{\n{criteria}}}\n')
    assert rs.evaluate({}).total == D("3.3")
    assert rs.run_traced({})[0][0] == D("3.3")


def test_a_rate_in_the_part_of_a_rate_keeps_its_own_whole() -> None:
    # The generated code keeps each rate's whole in a temporary (w1, w2, ...).  Here the outer
    # rate's whole is c = 4 and its part the inner rate a / b = 1 / 2 = 0.5, so the rate is
    # 0.5 / 4 = 0.125 and the score 8 x 0.125 = 1.  Were both wholes kept in one temporary, the
    # inner rate would overwrite the outer whole with b = 2 before the outer division, giving
    # 0.5 / 2 = 0.25 and a score of 2.
    rs = parrules.loads(
        'ruleset "T" level province scale 8\ninput a: count\ninput b: count\ninput c: count\n'
        'field 1 "R" max 8 { score min(max, max * rate(rate(a, b, empty: 0), c, empty: 0)) }\n'
    )
    inputs = {"a": 1, "b": 2, "c": 4}
    assert rs.evaluate(inputs).total == D(1)
    assert rs.run_traced(inputs)[0][0] == D(1)


@pytest.mark.parametrize(("decl", "given"), [("yesno", {}), ("choice { low, high }", {})])
def test_a_missing_yesno_or_choice_is_d101_in_a_fresh_compile(decl: str, given: dict[str, Any]) -> None:
    # loads compiles anew (no cache), so a compile mutant runs here; the D101 text names the
    # unit, the input, the node that needs it and says it is missing
    rs = parrules.loads(
        f'ruleset "T" level province scale 1\ninput q: {decl}\nfield 1 "F" max 1 {{ score if q then 1 else 0 }}\n'
        if decl == "yesno"
        else f'ruleset "T" level province scale 1\ninput q: {decl}\nfield 1 "F" max 1 {{ score choice q {{ low: 0 high: 1 }} }}\n'
    )
    assert str(error_of(rs, given)) == "D101: unit 'X', input 'q', needed by 1: q is missing"


def test_the_traced_steps_of_a_let_and_a_not_applicable_condition() -> None:
    # a = 1: min(a, 2) = 1, the let h = 1 / 2 = 0.5, the score max * h = 2 x 0.5 = 1; the traced
    # function records each step under its kind, the condition (skip = no) first
    rs = parrules.loads(
        'ruleset "T" level province scale 2\ninput a: count\ninput skip: yesno\n'
        'field 1 "R" max 2 { not applicable when skip\n let h = min(a, 2) / 2\n score max * h }\n'
    )
    kinds = [p.kind for p in rs.compiled.trace_points]
    assert kinds == ["min", "let h", "formula", "not applicable when"]
    scores, applicable, trace = rs.run_traced({"a": 1, "skip": False})
    assert (scores, applicable) == ((D(1),), (D(2),))
    assert [(kinds[k], value) for k, value, _ in trace] == [
        ("not applicable when", False),
        ("min", D(1)),
        ("let h", D("0.5")),
        ("formula", D(1)),
    ]
    # skip = yes: the node does not apply, so it scores 0 of an applicable max of 0
    assert rs.run_traced({"a": 1, "skip": True}) == ((D(0),), (D(0),), [(3, True, None)])


def test_the_generated_source_its_markers_and_the_traced_line_numbers() -> None:
    # D110 finds the node of a trapped signal by the line it was raised on: each marker must
    # sit on its "# node i" / "# constraint i" comment or on a function header, a line of
    # input reading after a header belongs to no node, and the traced function (compiled
    # later, from the tail of the source) keeps the line numbers it has in the source
    rs = parrules.loads(
        'ruleset "T" level province scale 2\ninput a: count\ninput b: count\nconstraint a <= b\n'
        'field 1 "R" max 2 { score max * rate(a, b, empty: 100%) }\n'
    )
    compiled = rs.compiled
    lines = compiled.source.splitlines()
    for line, kind, index in compiled.markers:
        if kind:
            assert lines[line - 1].strip().startswith(f"# {kind} {index}")
        else:
            assert lines[line - 1].startswith("def ")
    headers = [k + 1 for k, text in enumerate(lines) if text.startswith("def ")]
    assert [line for line, kind, _ in compiled.markers if not kind] == headers
    fast, traced = lines.index("def evaluate(inputs):") + 1, lines.index("def evaluate_traced(inputs):") + 1
    # the checked pair (Ruleset.checked_inputs, then evaluate of its result) follows, compiled later too
    unchecked, check = lines.index("def evaluate_checked(values):") + 1, lines.index("def check_inputs(inputs):") + 1
    assert headers == [fast, traced, unchecked, check]
    assert compiled.located(traced + 1) is None
    assert compiled.located(check + 1) is None
    node_lines = [line for line, kind, _ in compiled.markers if kind == "node"]
    # the rate leaf is computed by evaluate, evaluate_traced and evaluate_checked (not check_inputs)
    assert len(node_lines) == 3 and node_lines[0] < traced < node_lines[1] < unchecked < node_lines[2] < check
    assert compiled.located(node_lines[1]) == ("node", 0)
    assert compiled.located(node_lines[2]) == ("node", 0)
    constraint_lines = [line for line, kind, _ in compiled.markers if kind == "constraint"]
    assert len(constraint_lines) == 3 and constraint_lines[2] > check  # read by check_inputs, not evaluate_checked
    # a = 1 of b = 2: 2 x 1/2 = 1, traced as fast, and checked as fast
    assert rs.run_traced({"a": 1, "b": 2})[0] == (D(1),)
    assert rs.evaluate(rs.checked_inputs({"a": 1, "b": 2})).scores == (D(1),)
    namespace = compiled.evaluate.__globals__
    assert compiled.evaluate.__code__.co_firstlineno == fast
    assert namespace["evaluate_traced"].__code__.co_firstlineno == traced
    assert namespace["evaluate_traced"].__code__.co_filename == compiled.filename
    assert namespace["evaluate_checked"].__code__.co_firstlineno == unchecked
    assert namespace["check_inputs"].__code__.co_firstlineno == check
    assert namespace["check_inputs"].__code__.co_filename == compiled.filename


def test_declared_bounds_of_a_nodes_points_input_narrower_than_its_max() -> None:
    # p_1 is node 1's points input, declared in 0..1 while the node's max is 2: the bound the
    # generated code reads it with is the smaller, 1, so 1 is taken and 1.5 is D106 outside 0..1
    rs = parrules.loads(
        'ruleset "T" level province scale 2\ninput p_1: points in 0..1\nfield 1 "S" max 2 { source survey score points }\n'
    )
    assert rs.evaluate({"p_1": 1}).total == D(1)
    assert str(error_of(rs, {"p_1": "1.5"})) == "D106: unit 'X', input 'p_1', needed by 1: p_1 = 1.5 is outside 0..1"


def test_a_rate_with_empty_na_in_a_let_makes_the_node_not_applicable() -> None:
    # the let r = rate(a, b, empty: na) has no whole when b = 0, so node 1 does not apply:
    # score 0 of an applicable max of 0; with b = 2 it scores 2 x 1/2 = 1 of 2
    rs = parrules.loads(
        'ruleset "T" level province scale 2\ninput a: count\ninput b: count\nconstraint a <= b\n'
        'field 1 "R" max 2 { let r = rate(a, b, empty: na)\n score max * r }\n'
    )
    assert rs.evaluate({"a": 1, "b": 2})["1"].score == D(1)
    card = rs.evaluate({"a": 0, "b": 0})
    assert (card["1"].applicable, card["1"].applicable_max) == (False, 0)
    assert rs.run_traced({"a": 0, "b": 0})[:2] == ((D(0),), (D(0),))


def test_a_ruleset_path_with_a_nul_still_compiles() -> None:
    # compile() refuses a file name with a NUL: the generated code's file name spells it \x00
    rs = parrules.loads('ruleset "T" level province scale 1\nfield 1 "F" max 1 { score 1 }\n', path="a\x00b.par")
    assert rs.compiled.filename == "<parrules a\\x00b.par>"
    assert rs.evaluate({}).total == D(1)


def test_the_generated_module_names_its_title_and_inputs() -> None:
    # the standalone module (emit_module, the same text) exposes TITLE and INPUTS, in input order
    rs = parrules.loads('ruleset "Thử" level province scale 1\ninput b: count\ninput a: yesno\nfield 1 "F" max 1 { score if a then min(b, 1) else 0 }\n')
    namespace = rs.compiled.evaluate.__globals__
    assert (namespace["TITLE"], namespace["INPUTS"]) == ("Thử", ("b", "a"))


# ---------------------------------------------------------------- a leaf scoring its own points (issue 9, point 6)

# Field 1's max 2 and field 3's max 1 lie on their grids (4 places, 1 place): the read holds their
# points within 0..max, so the evaluator keeps points already at the places and rounds the others,
# without the cap.  Field 2's max 1.23456 lies off the grid of 4 places: its points keep the cap.
POINTS_GRID = (
    'ruleset "T" level province scale 4.23456\n'
    'field 1 "A" max 2 { score points }\n'
    'field 2 "B" max 1.23456 { score points }\n'
    'field 3 "C" max 1 { round 1 score points }\n'
)


@pytest.mark.parametrize(
    ("p_1", "p_2", "p_3", "expected"),
    [
        # already at the places: the value as given, exponent and all
        ("0.2500", "1.2345", "0.3", ("0.2500", "1.2345", "0.3")),
        # fewer places: padded to the places (0.25 -> 0.2500, 0 -> 0.0000; 1 place: 1 -> 1.0)
        ("0.25", "0", "1", ("0.2500", "0.0000", "1.0")),
        # more places: half up (0.00004 -> 0.0000, 1.99995 -> 2.0000; 0.25 -> 0.3, 0.35 -> 0.4)
        ("0.00004", "0.5", "0.25", ("0.0000", "0.5000", "0.3")),
        ("1.99995", "0.5", "0.35", ("2.0000", "0.5000", "0.4")),
        # the max off the grid: 1.23456 rounds half up to 1.2346, above the max, so it is capped at 1.23456
        ("2", "1.23456", "0.94", ("2.0000", "1.23456", "0.9")),
        # a -0 (at the places or not) is the node's +0, never -0.0000
        ("-0.0000", "-0", "-0.0", ("0.0000", "0.0000", "0.0")),
    ],
)
def test_points_are_rounded_to_the_places_and_a_zero_is_positive(p_1: str, p_2: str, p_3: str, expected: tuple[str, ...]) -> None:
    rs = parrules.loads(POINTS_GRID)
    inputs = {"p_1": D(p_1), "p_2": D(p_2), "p_3": D(p_3)}
    scores = rs.evaluate(inputs).scores
    assert tuple(str(s) for s in scores) == expected
    # the traced evaluator (which always rounds and caps) gives the same numbers, written the same way
    assert tuple(str(s) for s in rs.run_traced(inputs)[0]) == expected


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        ("down", "0.199", "0.19"),  # toward zero
        ("down", "0.10", "0.10"),  # at the places: kept
        ("up", "0.191", "0.20"),  # away from zero
        ("up", "1.999", "2.00"),  # away from zero, up to the max exactly
        ("half_even", "0.125", "0.12"),  # the tie to the even digit
    ],
)
def test_points_are_rounded_in_the_declared_mode(mode: str, value: str, expected: str) -> None:
    rs = parrules.loads(f'ruleset "T" level province scale 2 rounding {mode} 2\nfield 1 "A" max 2 {{ score points }}\n')
    assert str(rs.evaluate({"p_1": D(value)}).total) == expected


def test_only_points_on_the_grid_skip_the_cap() -> None:
    # fields 1 and 3 (max on the grid) take the short form in the fast evaluator; field 2 (max off
    # the grid) and every leaf of the traced evaluator keep the rounding, the cap and the floor
    source = parrules.loads(POINTS_GRID).compiled.source
    fast, rest = source.split("\ndef evaluate_traced(inputs):")
    traced, pair = rest.split("\ndef evaluate_checked(values):")
    unchecked, check = pair.split("\ndef check_inputs(inputs):")
    assert fast.count(".same_quantum(") == 2
    assert "s1 = (x1).quantize(" in fast and "s1 = K2 if s1 > K2 else" in fast  # field 2 (node 1): rounded, capped
    assert "same_quantum" not in traced
    # the checked pair: check_inputs scores fields 1 and 3 at the boundary (the short form, once),
    # evaluate_checked only field 2, the long way; the other two arrive in the tuple it unpacks
    assert check.count(".same_quantum(") == 2 and "s0 = (x0 if x0.same_quantum(" in check
    assert "same_quantum" not in unchecked
    assert "s1 = (x1).quantize(" in unchecked and "x1, s0, s2, = values" in unchecked


# ---------------------------------------------------------------- the evaluator's errors said in Vietnamese (issue 10)
# Each InputError keeps its sentence (parrules.wording), so the command line says it in the run's
# language; the Vietnamese below is wording_vi_data's, filled in by hand.


def test_the_evaluators_errors_keep_their_sentence(small: parrules.Ruleset) -> None:
    from decimal import DivisionByZero, InvalidOperation

    from parrules.evaluate import arithmetic_error

    missing = error_of(small, {k: v for k, v in GOOD.items() if k != "online"}, unit=None)
    assert missing.code == "D101" and missing.message.startswith("online is missing")
    assert missing.text("vi").startswith("thiếu online")
    # a signal in a node: the signal's own words are said in Vietnamese too
    index = small.compiled.codes.index("1.1.2")
    line = [start for start, kind, i in small.compiled.markers if kind == "node" and i == index][-1]
    node = arithmetic_error(raised_at(small, line, InvalidOperation()), small, "U")
    assert node.text("vi") == (
        f"công thức của nút 1.1.2 ({DATA / 'small.par'}:19:5) không có kết quả xác định"
        " (0/0, hoặc một giá trị quá dài để làm tròn) với các đầu vào của đơn vị này"
    )
    anywhere = arithmetic_error(DivisionByZero(), small, "U")
    assert anywhere.text("vi") == "một công thức chia cho 0 với các đầu vào của đơn vị này"
    # a signal with no words of its own is named by its type, in either language
    other = arithmetic_error(ArithmeticError(), small, "U")
    assert other.message == "a formula fails (ArithmeticError) for this unit's inputs"
    assert other.text("vi") == "một công thức fails (ArithmeticError) với các đầu vào của đơn vị này"


def test_an_unknown_node_is_said_in_vietnamese(small: parrules.Ruleset) -> None:
    with pytest.raises(parrules.NotFound) as info:
        small.node("9.9")
    assert str(info.value) == "no node '9.9' in this ruleset"
    assert info.value.say("vi") == "không có nút '9.9' trong bộ chỉ số này"


def test_a_guarded_signal_is_said_with_its_words() -> None:
    """A standalone module's guarded entry point raises D110 with the signal's words as an argument:
    they are said in the sentence's language, the arguments that are not sentences as text."""
    from parrules import runtime
    from parrules.evaluate import problem_sentence

    problem = runtime.InputProblem("D110", None, "a formula {what} for these inputs", what="divides by zero")
    said = problem_sentence(problem)
    assert said is not None and str(said) == problem.message == "a formula divides by zero for these inputs"
    assert said.say("vi") == "một công thức chia cho 0 với các đầu vào này"
    unknown = runtime.InputProblem("D110", None, "a formula {what} for these inputs", what="fails (X)")
    assert problem_sentence(unknown) == parrules.wording.Sentence(unknown.template, (("what", "fails (X)"),))
    count = runtime.InputProblem("D105", 0, "{name} must be a whole number of at least 0, not {value}", name="n", value=-1)
    # a number argument is kept as a number, written in the sentence's language (-1,5 in Vietnamese)
    assert problem_sentence(count) == parrules.wording.Sentence(
        count.template, (("name", "n"), ("value", parrules.wording.Number(D(-1))))
    )
    half = runtime.InputProblem("D106", 0, "{name} = {value}{unit} is outside {lo}..{hi}{unit}", name="p", value=D("1.5"), unit="", lo=0, hi=D("0.5"))
    assert problem_sentence(half).say("vi") == "p = 1,5 nằm ngoài khoảng 0..0,5"  # type: ignore[union-attr]
