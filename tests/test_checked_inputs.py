"""Ruleset.checked_inputs and the trusted path of Ruleset.evaluate (issue 9, point 6).

``checked_inputs`` validates a unit once (the reading lines of ``evaluate``, the constraints) and
``evaluate`` of its result skips what that made redundant: the input checks, the rounding of a
points leaf's own points (done once at the boundary), Decimal comparisons of a rank (an int), the
applicable maxima of a ruleset where every node applies (one constant).  The property tests
hold the two paths to the same Scorecard, and the same InputError, on every shipped ruleset; the
cases below pin each skipped check with a value derived by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from decimal import localcontext
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import runtime
from parrules.evaluate import CheckedInputs
from parrules.testing import units

from .conftest import DATA, all_rulesets

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

LOADED: dict[str, parrules.Ruleset] = {}


def loaded(name: str) -> parrules.Ruleset:
    if name not in LOADED:
        LOADED[name] = parrules.load(name)
    return LOADED[name]


def same_card(plain: parrules.Scorecard, checked: parrules.Scorecard) -> None:
    """Node for node: the score and applicable max, as values and as written (0.7500 is not 0.75)."""
    assert [str(s) for s in checked.scores] == [str(s) for s in plain.scores]
    assert [str(a) for a in checked.applicable_maxima] == [str(a) for a in plain.applicable_maxima]
    assert (checked.total, checked.index, checked.unit) == (plain.total, plain.index, plain.unit)


def outcome(run: Any) -> Any:
    try:
        return run()
    except parrules.InputError as exc:
        return exc


def same_outcome(rs: parrules.Ruleset, values: Any, unit: str | None = "U") -> None:
    """evaluate(values) and evaluate(checked_inputs(values)) give the same card or the same error."""
    plain = outcome(lambda: rs.evaluate(values, unit))
    checked = outcome(lambda: rs.evaluate(rs.checked_inputs(values, unit)))
    if isinstance(plain, parrules.InputError) or isinstance(checked, parrules.InputError):
        assert isinstance(plain, parrules.InputError) and isinstance(checked, parrules.InputError), (plain, checked)
        assert (str(checked), checked.code, checked.input, checked.node, checked.unit) == (
            str(plain),
            plain.code,
            plain.input,
            plain.node,
            plain.unit,
        )
    else:
        same_card(plain, checked)


# ---------------------------------------------------------------- the two paths agree on every shipped ruleset


@pytest.mark.parametrize("name", all_rulesets())
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_checked_inputs_score_as_the_plain_mapping(name: str, data: st.DataObject) -> None:
    rs = loaded(name)
    values = data.draw(units(rs))
    plain = rs.evaluate(values, "U")
    checked = rs.evaluate(rs.checked_inputs(values, "U"))
    same_card(plain, checked)
    # points as a file writes them (0.75, not 0.7500): rounded at the boundary, the same card
    short = {k: v.normalize() if isinstance(v, D) else v for k, v in values.items()}
    same_outcome(rs, short)


BAD_VALUES = [None, "", "abc", "NaN", "Infinity", "-1", "1E+30", "0.5", True, 2.5, [1], "x%", "1E-30"]


@pytest.mark.parametrize("name", all_rulesets())
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_bad_or_missing_input_is_the_same_error_on_both_paths(name: str, data: st.DataObject) -> None:
    rs = loaded(name)
    values = dict(data.draw(units(rs)))
    spoilt = data.draw(st.sampled_from(sorted(rs.inputs)))
    if data.draw(st.booleans()):
        del values[spoilt]  # missing: D101, with the other missing inputs and any misspelt key named
        if data.draw(st.booleans()):
            values[spoilt[:-1] + "_"] = 1
    else:
        values[spoilt] = data.draw(st.sampled_from(BAD_VALUES))
    same_outcome(rs, values)


# ---------------------------------------------------------------- each skipped check, by hand


@pytest.fixture(scope="module")
def small() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")


@pytest.mark.parametrize(
    ("points", "written"),
    [
        ("0.25", "0.2500"),  # 2 places given, the ruleset's 4 written (rounding half_up 4)
        ("0.2500", "0.2500"),  # already at the places: taken as it is
        ("0.12345", "0.1235"),  # half_up: the 5 rounds up
        ("0.12344", "0.1234"),
        ("-0", "0.0000"),  # a -0 never leaves the node: +0 at the places
        ("0", "0.0000"),
        ("0.5", "0.5000"),  # the max of 1.4
    ],
)
def test_a_points_leaf_is_rounded_once_at_the_boundary(small: parrules.Ruleset, points: str, written: str) -> None:
    checked = small.checked_inputs({**GOOD, "p_1_4": points})
    assert checked["p_1_4"] == points  # the mapping shows what was given
    assert str(small.evaluate(checked)["1.4"].score) == written
    assert str(small.evaluate({**GOOD, "p_1_4": points})["1.4"].score) == written


def test_checked_inputs_raise_what_evaluate_raises(small: parrules.Ruleset) -> None:
    # a points input above its node's max 0.5: D106 from checked_inputs, as from evaluate
    with pytest.raises(parrules.InputError) as info:
        small.checked_inputs({**GOOD, "p_1_4": "0.6"}, "X")
    assert str(info.value) == "D106: unit 'X', input 'p_1_4', needed by 1.4: p_1_4 = 0.6 is outside 0..0.5"
    # the constraint on_time <= received, broken by 8 of 7
    with pytest.raises(parrules.InputError) as info:
        small.checked_inputs({**GOOD, "received": 7, "on_time": 8}, "X")
    assert info.value.code == "D108" and "on_time <= received does not hold (on_time = 8, received = 7)" in str(info.value)
    # a misspelt key: the D101 names it, and counts nothing else missing
    values = {k: v for k, v in GOOD.items() if k != "online"}
    with pytest.raises(parrules.InputError) as info:
        small.checked_inputs({**values, "onlin": "50"}, "X")
    assert info.value.code == "D101" and "the data has 'onlin', which no rule reads: a misspelling of online?" in str(info.value)
    # not a mapping at all: D111, as evaluate says it
    with pytest.raises(parrules.InputError) as info:
        small.checked_inputs([1, 2], "X")  # type: ignore[arg-type]
    assert info.value.code == "D111"


def test_ranks_compared_as_ints(small: parrules.Ruleset) -> None:
    # bands 1..10: 1.5, 11..30: 1, 31..50: 0.75, 51..63: 0.5; a rank written 11.0 is rank 11
    for rank, score in [(1, "1.5000"), (10, "1.5000"), ("11.0", "1.0000"), (30, "1.0000"), (31, "0.7500"), (63, "0.5000")]:
        assert str(small.evaluate(small.checked_inputs({**GOOD, "rank_budget": rank}))["1.3"].score) == score
    source = small.compiled.source
    unchecked = source[source.index("def evaluate_checked(values):") : source.index("def check_inputs(inputs):")]
    # rank_budget is input 3: its int q3 against the int bounds, the Decimal x3 kept for a D107
    assert re.search(r"\(t(\d+) := q3\) >= 1 and t\1 <= 10 else .* >= 51 and t\1 <= 63 else no_branch\(x3\)", unchecked)
    assert "q3 = int(x3)" in source


def test_a_rank_no_band_covers_shows_the_rank_as_given() -> None:
    # the checker proves the bands cover the declared ranks (E153), so only values that skipped
    # check_inputs reach no_branch: given straight to the generated function, 64.0 (as an int 64)
    # is said as the unit wrote it, "64.0", as the plain path would say it
    rs = parrules.loads('ruleset "T" level province scale 2\ninput r: rank 1..63\nfield 1 "R" max 2 { score ranks r { 1..10: 2  11..63: 1 } }\n')
    unchecked = rs.compiled.evaluate_checked
    assert unchecked is not None
    assert unchecked((D("3.0"), 3))[0] == (D(2),)
    with pytest.raises(runtime.InputProblem) as info:
        unchecked((D("64.0"), 64))
    assert str(info.value) == "no tier or band covers the value 64.0"


def test_applicable_maxima_are_one_constant_when_every_node_applies(small: parrules.Ruleset) -> None:
    # no node of small.par may be out of the maximum: every applicable max is the node's max
    assert "APPLICABLE = (" in small.compiled.source
    card = small.evaluate(small.checked_inputs(GOOD))
    maxima = {"1": "6", "1.1": "3", "1.1.1": "1.5", "1.1.2": "1.5", "1.2": "1", "1.3": "1.5", "1.4": "0.5"}
    maxima |= {"2": "4", "2.1": "1.5", "2.2": "1.5", "2.3": "1"}
    assert {code: str(card[code].applicable_max) for code in maxima} == maxima


def test_a_node_that_may_not_apply_keeps_its_own_maximum_and_its_lazy_points() -> None:
    # field 1 does not apply unless open: then its points p_1 need not be given; when it applies,
    # p_1 is read (and validated) by evaluate, as on the plain path; 0.3 scores 0.3000 of 1
    rs = parrules.loads(
        'ruleset "T" level province scale 2\ninput open: yesno\n'
        'field 1 "A" max 1 { not applicable when not open  score points }\nfield 2 "B" max 1 { score points }\n'
    )
    assert "APPLICABLE" not in rs.compiled.source  # field 1 may drop out
    closed = rs.evaluate(rs.checked_inputs({"open": False, "p_2": "1"}))
    assert [str(s) for s in closed.scores] == ["0", "1.0000"] and closed.applicable_maxima == (D(0), D(1))
    opened = rs.evaluate(rs.checked_inputs({"open": True, "p_1": "0.3", "p_2": "1"}))
    assert [str(s) for s in opened.scores] == ["0.3000", "1.0000"] and opened.applicable_maxima == (D(1), D(1))
    checked = rs.checked_inputs({"open": True, "p_2": "1"}, "X")  # p_1 missing: found when field 1 applies
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate(checked)
    assert (info.value.code, info.value.input, info.value.unit) == ("D101", "p_1", "X")
    with pytest.raises(parrules.InputError) as again:
        rs.evaluate({"open": True, "p_2": "1"}, "X")
    assert str(info.value) == str(again.value)
    checked = rs.checked_inputs({"open": True, "p_1": "2", "p_2": "1"}, "X")
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate(checked)
    assert str(info.value) == "D106: unit 'X', input 'p_1', needed by 1: p_1 = 2 is outside 0..1"


def test_a_formula_leaving_the_arithmetic_is_the_same_d110() -> None:
    # (5 + 2) squared 30 times has about 2**30 x 0.85 digits, far above 10**999999: Overflow in
    # node 1.1, found by evaluate of the checked inputs as by evaluate of the mapping
    lets = "".join(f"    let v{i} = v{i - 1} * v{i - 1}\n" for i in range(1, 31))
    text = (
        'ruleset "t" year 2022 level province scale 10\ninput a: number in 0..10\n'
        'field 1 "f" max 10 {\n  criterion 1.1 "c" max 10 {\n    let v0 = a + 2\n' + lets
        + "    score min(max(v30, 0), max)\n  }\n}\n"
    )  # fmt: skip
    rs = parrules.loads(text)
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate(rs.checked_inputs({"a": 5}, "X"))
    assert (info.value.code, info.value.node, info.value.unit) == ("D110", "1.1", "X")
    assert str(info.value) == str(outcome(lambda: rs.evaluate({"a": 5}, "X")))


def test_a_signal_in_check_inputs_names_the_constraint(small: parrules.Ruleset) -> None:
    from decimal import DivisionByZero

    from parrules.evaluate import arithmetic_error

    # the checker refuses every division a constraint could make by zero, so: a signal raised on
    # the line check_inputs marks "# constraint 0" (the last of the three copies of the constraint)
    check_line = small.compiled.source.splitlines().index("def check_inputs(inputs):") + 1
    line = [start for start, kind, _ in small.compiled.markers if kind == "constraint"][-1]
    assert line > check_line
    try:
        exec(compile("\n" * (line - 1) + "raise DivisionByZero()", small.compiled.filename, "exec"), {"DivisionByZero": DivisionByZero})
    except ArithmeticError as exc:
        error = arithmetic_error(exc, small, "U")
    # small.par line 10: "constraint on_time <= received"; on_time is the first input it reads
    assert (error.code, error.input, error.node) == ("D110", "on_time", None)
    assert error.message == f"the constraint on_time <= received ({DATA / 'small.par'}:10:1) divides by zero for this unit's inputs"


# ---------------------------------------------------------------- what a CheckedInputs is


def test_checked_inputs_cannot_be_built_by_hand_nor_changed(small: parrules.Ruleset) -> None:
    # the messages whole (the mutation run found them mutable unseen: a substring matched)
    built = r"^CheckedInputs are made by Ruleset\.checked_inputs\(values\); building one by hand is unsupported$"
    with pytest.raises(TypeError, match=built):
        CheckedInputs(object(), small.compiled, dict(GOOD), (), None)
    checked = small.checked_inputs(GOOD, "A")
    changed = r"^CheckedInputs cannot be changed: check the changed inputs again$"
    with pytest.raises(AttributeError, match=changed):
        checked._values = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match=changed):
        del checked.unit
    with pytest.raises(TypeError):
        checked["online"] = "90"  # type: ignore[index]
    assert (len(checked), sorted(checked), checked.get("nothing", 7)) == (len(GOOD), sorted(GOOD), 7)
    assert repr(checked) == "<CheckedInputs 'A' of 8 inputs>"
    assert dict(checked) == GOOD and checked == GOOD


def test_a_checked_mapping_is_a_copy(small: parrules.Ruleset) -> None:
    values = dict(GOOD)
    checked = small.checked_inputs(values)
    values["online"] = "90"  # the caller's dict changes later: the checked inputs do not
    card = small.evaluate(checked)
    assert checked["online"] == "50" and card.inputs is checked
    # 1.1.2 = 1.5 x 50% = 0.75; 2.3: 50% is below 80%, 0
    assert (str(card["1.1.2"].score), str(card["2.3"].score)) == ("0.7500", "0.0000")


def test_a_checked_mapping_of_another_ruleset_is_validated_again(small: parrules.Ruleset) -> None:
    text = (DATA / "small.par").read_text(encoding="utf-8")
    narrower = parrules.loads(text.replace('count "Nhiệm vụ trễ hạn"', 'count "Nhiệm vụ trễ hạn" in 0..3'))
    checked = small.checked_inputs({**GOOD, "late_tasks": 5})
    # 2.1 = max(0, 1.5 - 0.25 x 5) = 0.25 for the ruleset that checked it
    assert str(small.evaluate(checked)["2.1"].score) == "0.2500"
    with pytest.raises(parrules.InputError) as info:
        narrower.evaluate(checked)  # not trusted: late_tasks = 5 is outside 0..3 here
    assert info.value.code == "D106" and "late_tasks = 5 is outside 0..3" in str(info.value)
    # the same text loaded again is another ruleset: validated again, scored alike
    twin = parrules.loads(text)
    assert twin.checked_inputs(checked) is not checked and small.checked_inputs(checked) is checked
    same_card(small.evaluate(checked), twin.evaluate(checked))


def test_the_unit_the_context_and_the_explanation(small: parrules.Ruleset) -> None:
    checked = small.checked_inputs(GOOD, "A")
    assert small.evaluate(checked).unit == "A" and small.evaluate(checked, "B").unit == "B"
    with localcontext() as ctx:  # the caller's context changes no number
        ctx.prec = 3
        card = small.evaluate(checked)
    plain = small.evaluate(GOOD, "A")
    same_card(plain, card)
    assert card.explain("1.4") == plain.explain("1.4")
    assert card.traced()[0] == plain.scores
    # by hand: 1.1.1 = 1.5 x 7/10 = 1.05; 1.1.2 = 0.75; 1.2 = 1; 1.3 (rank 20) = 1; 1.4 = 0.25;
    # field 1 = 4.05; 2.1 = 1.5 - 0.25 = 1.25; 2.2 = 1.5; 2.3 = 0; field 2 = 2.75; total 6.8
    assert card.total == D("6.8")


def test_evaluate_many_and_a_checked_batch_agree(small: parrules.Ruleset) -> None:
    batch = [("A", GOOD), ("B", {**GOOD, "online": "abc"}), ("C", {**GOOD, "late_tasks": 0})]
    cards, errors = small.evaluate_many(batch)
    checked = []
    for unit, values in batch:
        try:
            checked.append(small.evaluate(small.checked_inputs(values, unit)))
        except parrules.InputError as exc:  # B's online = abc: D104, as evaluate_many reported it
            assert (exc.code, exc.input, exc.unit) == (errors[0].code, errors[0].input, errors[0].unit) == ("D104", "online", "B")
    assert len(checked) == len(cards) == 2
    for plain, fast in zip(cards, checked, strict=True):
        same_card(plain, fast)


def test_a_long_ranks_table_compares_ints_too() -> None:
    # nine bands (more than INLINE_ROWS = 8: a constant table searched by row_of), band k covering
    # ranks 7k-6..7k and scoring k/10: rank 23 is in band 4 (22..28), 0.4; rank 63 in band 9, 0.9
    bands = "  ".join(f"{7 * k - 6}..{7 * k}: {D(k) / 10}" for k in range(1, 10))
    rs = parrules.loads(f'ruleset "T" level province scale 1\ninput r: rank 1..63\nfield 1 "R" max 1 {{ score ranks r {{ {bands} }} }}\n')
    source = rs.compiled.source
    unchecked_source = source[source.index("def evaluate_checked(values):") :]
    table = re.search(r"\n(R\d+) = \(\(1, True, 7, True\), \(8, True, 14, True\), ", source)  # the rows as ints
    assert table is not None and re.search(rf"row_of\(\(t\d+ := q0\), {table.group(1)}\)", unchecked_source)
    for rank, score in [(23, "0.4"), ("22.0", "0.4"), (28, "0.4"), (1, "0.1"), (63, "0.9")]:
        assert rs.evaluate(rs.checked_inputs({"r": rank}))["1"].score == D(score)
        assert rs.evaluate({"r": rank})["1"].score == D(score)
    unchecked = rs.compiled.evaluate_checked
    assert unchecked is not None
    with pytest.raises(runtime.InputProblem) as info:  # past every row, given past check_inputs
        unchecked((D("64.0"), 64))
    assert str(info.value) == "no tier or band covers the value 64.0"


def test_a_points_leaf_with_a_let_is_computed_in_evaluate() -> None:
    # a let is computed even when the score does not read it (a warning, W202): here it overflows
    # ((5 + 2) squared 30 times), so 1.1 is D110 on both paths; check_inputs cannot score the leaf
    lets = "".join(f"    let v{i} = v{i - 1} * v{i - 1}\n" for i in range(1, 31))
    text = (
        'ruleset "t" year 2022 level province scale 10\ninput a: number in 0..10\n'
        'field 1 "f" max 10 {\n  criterion 1.1 "c" max 10 {\n    let v0 = a + 2\n' + lets + "    score points\n  }\n}\n"
    )
    rs = parrules.loads(text)
    checked = rs.checked_inputs({"a": 5, "p_1_1": 1}, "X")
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate(checked)
    assert (info.value.code, info.value.node) == ("D110", "1.1")
    assert str(info.value) == str(outcome(lambda: rs.evaluate({"a": 5, "p_1_1": 1}, "X")))


def test_a_checked_mapping_without_a_unit() -> None:
    rs = parrules.loads('ruleset "T" level province scale 1\nfield 1 "A" max 1 { score points }\n')
    checked = rs.checked_inputs({"p_1": "1"})
    assert (repr(checked), checked.unit, rs.evaluate(checked).unit) == ("<CheckedInputs of 1 inputs>", None, None)
    assert str(rs.evaluate(checked).total) == "1.0000"  # 1 rounded to the default 4 places


# ---------------------------------------------------------------- the checked pair, compiled afresh
# (the mutation run of compile.py, docs/mutation.md: each test loads with ``loads`` inside its body,
# since a ruleset compiled by the cached ``load`` or a module fixture runs no compile mutant)


def test_an_input_read_only_by_a_let_is_passed_to_evaluate_checked() -> None:
    # let k = a, score k: the only line of evaluate_checked that reads a is "l0_0 = x0" (the input
    # ends the line), so check_inputs must still hand it over; by hand, 2.5 scores 2.5000 of 10
    rs = parrules.loads('ruleset "T" level province scale 10\ninput a: number in 0..10\nfield 1 "A" max 10 { let k = a\n score k }\n')
    assert [str(s) for s in rs.evaluate(rs.checked_inputs({"a": "2.5"})).scores] == ["2.5000"]


def test_a_ruleset_reading_no_input_scores_its_checked_inputs() -> None:
    # score 1 of max 1: no input, no points leaf, nothing to hand over (check_inputs returns ());
    # by hand 1 at the default 4 places
    rs = parrules.loads('ruleset "T" level province scale 1\nfield 1 "A" max 1 { score 1 }\n')
    card = rs.evaluate(rs.checked_inputs({}))
    assert ([str(s) for s in card.scores], card.applicable_maxima) == (["1.0000"], (D(1),))


def test_applicable_maxima_are_one_constant_in_a_fresh_compile() -> None:
    # as test_applicable_maxima_are_one_constant_when_every_node_applies, compiled in the test:
    # no node may drop out here, so evaluate_checked returns the constant, here (K0,) of the max 2;
    # a node that may not apply (the condition) gets the tuple of a0-style names instead
    rs = parrules.loads('ruleset "T" level province scale 2\nfield 1 "A" max 2 { score points }\n')
    assert "APPLICABLE = (" in rs.compiled.source and re.search(r"return \(s0, \), APPLICABLE\n", rs.compiled.source)
    assert rs.evaluate(rs.checked_inputs({"p_1": "1.5"})).applicable_maxima == (D(2),)
    maybe = parrules.loads(
        'ruleset "T" level province scale 2\ninput open: yesno\nfield 1 "A" max 2 { not applicable when not open  score points }\n'
    )
    assert "APPLICABLE" not in maybe.compiled.source
    assert maybe.evaluate(maybe.checked_inputs({"open": False})).applicable_maxima == (D(0),)


def test_ranks_of_an_expression_of_a_rank_compare_as_decimals() -> None:
    # the subject r + 0 is no input: compared as a Decimal on both paths (only a plain rank name
    # is handed over as an int); 1..10: 1, 11..63: 0.5, so rank 10 scores 1 and rank 11 0.5
    rs = parrules.loads('ruleset "T" level province scale 1\ninput r: rank 1..63\nfield 1 "R" max 1 { score ranks r + 0 { 1..10: 1  11..63: 0.5 } }\n')
    source = rs.compiled.source
    assert "int(" not in source[source.index("def check_inputs(inputs):") :]
    for rank, score in [(10, "1.0000"), (11, "0.5000"), ("63.0", "0.5000")]:
        assert str(rs.evaluate(rs.checked_inputs({"r": rank})).total) == score
        assert str(rs.evaluate({"r": rank}).total) == score


def test_a_standalone_module_has_no_checked_pair() -> None:
    # a standalone module guards evaluate and evaluate_traced (D110); the checked pair is for
    # Ruleset.checked_inputs in process only, and a standalone module does not carry it
    from parrules.compile import emit_module

    rs = parrules.loads('ruleset "T" level province scale 1\nfield 1 "A" max 1 { score points }\n')
    standalone = emit_module(rs.checked)
    assert "def evaluate_traced(inputs):" in standalone
    assert "def check_inputs(" not in standalone and "def evaluate_checked(" not in standalone
    assert "def check_inputs(inputs):" in rs.compiled.source


def test_only_the_fast_part_is_compiled_at_load() -> None:
    # the traced function and the checked pair compile on first use: the code object kept (what
    # parrules.codecache stores) defines evaluate and none of them, and evaluate is its function
    rs = parrules.loads('ruleset "T" level province scale 1\nfield 1 "A" max 1 { score points }\n')
    code = rs.compiled.code
    assert "evaluate" in code.co_names
    assert not {"evaluate_traced", "check_inputs", "evaluate_checked"} & set(code.co_names)
    assert rs.compiled.evaluate.__code__ in code.co_consts
