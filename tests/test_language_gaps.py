"""Issue 12, point 3: the language gaps closed.

* ``otherwise`` as the last row of ``tiers`` and ``ranks`` (E161 when it is not the last or
  not the only one; W215 when the rows above cover every value; the gap errors give way to it);
* ``na`` as the value of a tier, a rank band, a choice case or an ``if`` branch, the node then
  not applicable exactly as with ``rate(..., empty: na)`` (E162 where no node can be taken out);
* ``explain`` of a node that is not applicable says why, with the values, in the run's language (vi or en);
* a mistyped name gives E130 only, wherever it is written (no knock-on error from its guessed
  type or range).

Every expected number is worked out by hand in the comment beside it.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

import parrules
from parrules import columnar, standalone
from parrules.check import Range, shape
from parrules.diff import diff_rulesets
from parrules.explain import explain
from parrules.parse import parse
from parrules.render import format_ruleset

HEAD = (
    'ruleset "T" level province scale 4\n'  # line 1
    "input online: percent\n"  # 2
    "input r: rank 1..63\n"  # 3
    "input received: count\n"  # 4
    "input on_time: count\n"  # 5
    "input plan: yesno\n"  # 6
    "input kind: choice { a, b, c }\n"  # 7
    "constraint on_time <= received\n"  # 8
)


def one(formula: str, max_: str = "4", extra: str = "") -> str:
    """HEAD, then line 9: one field scored by ``formula`` (scale 4)."""
    return HEAD + extra + f'field 1 "F" max 4 {{ criterion 1.1 "C" max {max_} {{ score {formula} }} }}\n'


def found(text: str) -> list[tuple[str, int, int, str]]:
    """Every diagnostic of loading ``text``: the errors if there are any, else the warnings."""
    try:
        rs = parrules.loads(text, "t.par")
    except parrules.RulesetError as error:
        return [(d.code, d.loc.line, d.loc.column, d.message) for d in error.diagnostics]
    return [(d.code, d.loc.line, d.loc.column, d.message) for d in rs.warnings]


def codes(text: str) -> list[str]:
    return [code for code, *_ in found(text) if not code.startswith("W201")]


UNIT = {"online": "40", "r": 55, "received": 0, "on_time": 0, "plan": False, "kind": "b"}


def unit(**changes: Any) -> dict[str, Any]:
    return {**UNIT, **changes}


# ------------------------------------------------------------------ otherwise: scoring

TIERS = "tiers online { from 90%: 4  from 50% below 90%: 2  otherwise: 1 }"
RANKS = "ranks r { 1..10: 4  11..30: 3  31..50: 2  otherwise: 1 }"


@pytest.mark.parametrize(
    ("online", "points"),
    [("95", "4"), ("90", "4"), ("89.99", "2"), ("50", "2"), ("49.99", "1"), ("0", "1")],
)
def test_otherwise_tier_takes_every_value_no_tier_above_holds(online: str, points: str) -> None:
    # 90 and above: first tier (4); 50 up to 90: second (2); below 50 nothing above holds: otherwise (1)
    rs = parrules.loads(one(TIERS))
    assert rs.evaluate(unit(online=online))["1.1"].score == D(points)


@pytest.mark.parametrize(("rank", "points"), [(1, "4"), (10, "4"), (11, "3"), (50, "2"), (51, "1"), (63, "1")])
def test_otherwise_rank_band_takes_the_ranks_no_band_names(rank: int, points: str) -> None:
    rs = parrules.loads(one(RANKS))
    assert rs.evaluate(unit(r=rank))["1.1"].score == D(points)


def test_a_long_table_with_otherwise_is_looked_up_and_falls_to_otherwise() -> None:
    # nine explicit bands (more than compile.INLINE_ROWS = 8: the constant-table path); ranks
    # 1..9 score 4 - 0.25 * (rank - 1) (rank 9: 2), and ranks 10..63 fall to otherwise (0.5)
    bands = "  ".join(f"{k}..{k}: {4 - D('0.25') * (k - 1)}" for k in range(1, 10))
    rs = parrules.loads(one(f"ranks r {{ {bands}  otherwise: 0.5 }}"))
    assert [rs.evaluate(unit(r=k))["1.1"].score for k in (1, 2, 9, 10, 63)] == [
        D(4),
        D("3.75"),
        D(2),
        D("0.5"),
        D("0.5"),
    ]
    tiers = "  ".join(f"from {k} below {k + 1}: {k % 4}" for k in range(1, 10))
    rs = parrules.loads(one(f"tiers r {{ {tiers}  otherwise: 3.5 }}"))
    # rank 9 is in 'from 9 below 10' (9 mod 4 = 1); rank 10 and above: otherwise (3.5)
    assert [rs.evaluate(unit(r=k))["1.1"].score for k in (2, 9, 10, 40)] == [D(2), D(1), D("3.5"), D("3.5")]


def test_a_table_of_only_otherwise_gives_its_value_to_every_unit() -> None:
    rs = parrules.loads(one("tiers online { otherwise: 1.5 }"))
    assert rs.evaluate(unit(online="0"))["1.1"].score == D("1.5")
    rs = parrules.loads(one("ranks r { otherwise: 2.5 }"))
    assert rs.evaluate(unit(r=63))["1.1"].score == D("2.5")
    # no row above it to cover anything: it always applies, no W215
    assert codes(one("ranks r { otherwise: 2.5 }")) == codes(one("tiers online { otherwise: 1.5 }")) == []


def test_the_national_ruleset_writes_its_fourth_budget_group_as_otherwise() -> None:
    # seed section III of national 2022: Nhóm 1 (10 highest) 1.5; Nhóm 2 (11-30) 1.0;
    # Nhóm 3 (31-50) 0.75; Nhóm 4 (the 13 lowest, ranks 51..63) 0.5
    rs = parrules.load("national-2022")
    node = rs.node("8.4")
    assert isinstance(node.score, parrules.nodes.Ranks)
    assert [b.describe() for b in node.score.bands] == ["1..10", "11..30", "31..50", "otherwise"]
    assert not [w for w in rs.warnings if w.code == "W215"]


# ------------------------------------------------------------------ otherwise: the checker


def test_otherwise_not_last_is_e161() -> None:
    text = one("tiers online { otherwise: 1  from 50%: 2 }")
    column = text.splitlines()[8].index("otherwise") + 1
    assert found(text) == [
        ("E161", 9, column, "the otherwise tier must be the last (it takes what the tiers above it leave)")
    ]
    text = one("ranks r { otherwise: 1  1..10: 2 }")
    assert [(c, m) for c, _l, _c, m in found(text)] == [
        ("E161", "the otherwise rank band must be the last (it takes what the rank bands above it leave)")
    ]


def test_a_second_otherwise_is_e161_at_the_second() -> None:
    line = one("ranks r { 1..10: 2  otherwise: 1  otherwise: 0 }").splitlines()[8]
    assert found(one("ranks r { 1..10: 2  otherwise: 1  otherwise: 0 }")) == [
        ("E161", 9, line.rindex("otherwise") + 1, "a table has at most one otherwise rank band; this is another")
    ]
    assert codes(one("tiers online { from 50%: 2  otherwise: 1  otherwise: 0 }")) == ["E161"]


def test_otherwise_takes_the_gaps_the_other_rows_leave() -> None:
    # without otherwise each table is E151 / E153; with it the gaps are what otherwise takes
    assert codes(one("tiers online { from 90%: 4  from 50% below 80%: 2 }")) == ["E151", "E151"]
    assert codes(one("tiers online { from 90%: 4  from 50% below 80%: 2  otherwise: 1 }")) == []
    assert codes(one("ranks r { 1..10: 4  21..30: 3 }")) == ["E153", "E153"]
    assert codes(one("ranks r { 1..10: 4  21..30: 3  otherwise: 1 }")) == []
    # an overlap is still an overlap
    assert codes(one("tiers online { from 50%: 4  from 40% below 60%: 2  otherwise: 1 }")) == ["E150"]
    assert codes(one("ranks r { 1..10: 4  5..30: 3  otherwise: 1 }")) == ["E152"]


def test_otherwise_that_can_never_apply_is_w215() -> None:
    text = one("tiers online { from 50%: 4  below 50%: 2  otherwise: 1 }")
    line = text.splitlines()[8]
    assert [d for d in found(text) if d[0] != "W201"] == [
        (
            "W215",
            9,
            line.index("otherwise") + 1,
            "otherwise can never apply: the tiers above it cover every value "
            "(online ranges over [0, 1] (0%..100% as written in the data))",
        )
    ]
    text = one("ranks r { 1..30: 4  31..63: 2  otherwise: 1 }")
    assert [d for d in found(text) if d[0] != "W201"] == [
        (
            "W215",
            9,
            text.splitlines()[8].index("otherwise") + 1,
            "otherwise can never apply: the rank bands above it cover every rank (r ranges over [1, 63])",
        )
    ]
    # one rank or one value left uncovered is enough for otherwise to apply
    assert codes(one("ranks r { 1..30: 4  31..62: 2  otherwise: 1 }")) == []
    assert (
        codes(one("tiers online { from 50%: 4  below 50%: 2  otherwise: 1 }").replace("below 50%", "below 40%")) == []
    )


def test_otherwise_renders_formats_and_diffs_as_written() -> None:
    text = one(TIERS) + 'field 2 "G" max 0 { score ranks r { 1..10: 0  otherwise: 0 } }\n'
    ast = parse(text, "t.par")
    formatted = format_ruleset(ast)
    assert "otherwise: 1 }" in formatted and "1..10: 0  otherwise: 0 }" in formatted
    again = parse(formatted, "t.par")
    assert [shape(node.score) for node in again.nodes()] == [shape(node.score) for node in ast.nodes()]
    assert format_ruleset(again) == formatted
    # a band written as ranks that becomes otherwise: the changed row only
    old = parrules.loads(one("ranks r { 1..10: 4  11..30: 3  31..50: 2  51..63: 1 }"), "old.par")
    new = parrules.loads(one(RANKS), "new.par")
    pieces = [(c.kind, c.code, c.where, c.old, c.new) for c in diff_rulesets(old, new)]
    assert pieces == [("tier_changed", "1.1", "score band 4", "51..63", "otherwise")]


# ------------------------------------------------------------------ na as a value


@pytest.mark.parametrize(
    ("formula", "applies", "does_not"),
    [
        # a tier: online 95% -> 2; online 40% -> na
        ("tiers online { from 50%: 2  otherwise: na }", {"online": "95"}, {"online": "40"}),
        # a rank band: rank 5 -> 2; rank 55 -> na
        ("ranks r { 1..50: 2  otherwise: na }", {"r": 5}, {"r": 55}),
        # a choice case: a -> 2; b -> na
        ("choice kind { a: 2  b: na  c: 0 }", {"kind": "a"}, {"kind": "b"}),
        # a branch of if, either side: plan -> 2; no plan -> na
        ("if plan then 2 else na", {"plan": True}, {"plan": False}),
        ("if not plan then na else 2", {"plan": True}, {"plan": False}),
        # inside arithmetic: 1 + 1 = 2, or the whole node out
        ("1 + (if plan then 1 else na)", {"plan": True}, {"plan": False}),
    ],
)
def test_na_as_a_value_takes_the_node_out_like_empty_na(
    formula: str, applies: dict[str, Any], does_not: dict[str, Any]
) -> None:
    # field 1 = criterion 1.1 (max 2, scored by the formula) + 1.2 (max 2, always 1)
    text = HEAD + (
        f'field 1 "F" max 4 {{\n  criterion 1.1 "C" max 2 {{ score {formula} }}\n'
        '  criterion 1.2 "D" max 2 { score 1 }\n}\n'
    )
    rs = parrules.loads(text)
    card = rs.evaluate(unit(**applies))
    # 1.1 applies with 2 of 2: total 2 + 1 = 3 of 4, index 75.00
    assert (card["1.1"].score, card["1.1"].applicable, card.total, card.index) == (D(2), True, D(3), D("75.00"))
    card = rs.evaluate(unit(**does_not))
    # 1.1 is out: its max 2 leaves the scale; total 1 of 2, index 50.00
    assert (card["1.1"].score, card["1.1"].applicable, card["1"].applicable_max) == (D(0), False, D(2))
    assert (card.total, card.applicable_scale, card.index) == (D(1), D(2), D("50.00"))
    # the batch scorer agrees, row for row
    rows = [unit(**applies), unit(**does_not)]
    table = columnar.score_table(rs, {k: [row[k] for row in rows] for k in UNIT})
    assert table.decimals("1.1") == [D(2), D(0)]
    assert table.applicable_decimals("1.1") == [D(2), D(0)]
    assert table.indexes() == [D("75.00"), D("50.00")]


def test_an_na_branch_adds_no_value_to_the_range_the_checker_computes() -> None:
    # 1 - (if plan then na else 0.5) is 0.5 whenever the node applies: within max 0.5.
    # Were na counted as 0, the formula would reach 1 - 0 = 1 > 0.5 (E140).
    text = HEAD.replace("scale 4", "scale 0.5") + ('field 1 "F" max 0.5 { score 1 - (if plan then na else 0.5) }\n')
    assert codes(text) == []
    assert parrules.loads(text).evaluate(unit(plan=False))["1"].score == D("0.5")
    # the node's score ranges over 0 (not applicable) to 0.5
    assert parrules.loads(text).checked.ranges["1"] == Range(D(0), D("0.5"))
    # a table whose every row is na adds only 0 to the range (within max 0.5) and never applies
    for formula in ("choice kind { a: na  b: na  c: na }", "tiers online { from 50%: na  otherwise: na }"):
        text = HEAD.replace("scale 4", "scale 0.5") + f'field 1 "F" max 0.5 {{ score {formula} }}\n'
        card = parrules.loads(text).evaluate(unit())
        assert (card.total, card.index) == (D(0), None)


@pytest.mark.parametrize(
    "where",
    [
        "constraint rate(on_time, received, empty: na) <= 1\n",
        "constraint (if plan then na else 1) > 0\n",
        "constraint (tiers online { from 50%: 1  otherwise: na }) > 0\n",
    ],
)
def test_na_in_a_constraint_is_e162(where: str) -> None:
    text = one("1", extra=where)
    assert found(text)[0][0] == "E162"
    assert found(text)[0][3] == (
        "na (not applicable) can only be a value of a node's score or let, not of a constraint "
        "or a not applicable when condition"
    )


def test_na_in_a_not_applicable_condition_is_e162_and_in_a_let_is_allowed() -> None:
    text = HEAD + ('field 1 "F" max 4 { not applicable when (if plan then na else 1) > 0  score 4 }\n')
    assert codes(text) == ["E162"]
    text = HEAD + 'field 1 "F" max 4 { let v = if plan then na else 4  score v }\n'
    rs = parrules.loads(text)
    assert rs.evaluate(unit(plan=False))["1"].score == D(4)
    assert rs.evaluate(unit(plan=True))["1"].applicable is False


def test_na_values_survive_the_cache(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARRULES_CACHE_DIR", str(tmp_path))
    path = tmp_path / "t.par"
    path.write_text(one("tiers online { from 50%: 2  otherwise: na }") + "\n", encoding="utf-8")
    first = parrules.load(str(path))
    second = parrules.load(str(path))  # read back from the cache entry the first load wrote
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert second.ast == first.ast
    assert second.evaluate(unit())["1.1"].applicable is False


# ------------------------------------------------------------------ explain: why not applicable

WHY = HEAD.replace("scale 4", "scale 6") + (
    'field 1 "F" max 6 {\n'  # 9
    '  criterion 1.1 "tiers" max 1 { score tiers online { from 90%: 1  from 50% below 90%: 0.5  otherwise: na } }\n'
    '  criterion 1.2 "ranks" max 1 { score ranks r { 1..50: 1  otherwise: na } }\n'
    '  criterion 1.3 "if" max 1 { score if plan then max else na }\n'
    '  criterion 1.4 "choice" max 1 { score choice kind { a: 1  b: na  c: 0 } }\n'
    '  criterion 1.5 "rate" max 1 { score max * rate(on_time, received, empty: na) }\n'
    '  criterion 1.6 "when" max 1 { not applicable when received == 0 and not plan  score max }\n'
    "}\n"
)

REASONS = {
    "1.1": (
        "  không áp dụng: online = 40%, thuộc bậc 'otherwise' là na",
        "  not applicable: online = 40%, in the tier 'otherwise', which is na",
    ),
    "1.2": (
        "  không áp dụng: r = 55, thuộc khung hạng 'otherwise' là na",
        "  not applicable: r = 55, in the rank band 'otherwise', which is na",
    ),
    "1.3": (
        "  không áp dụng: điều kiện plan = không, nhánh else là na",
        "  not applicable: the condition plan = không (no), its else is na",
    ),
    "1.4": ("  không áp dụng: kind = b, lựa chọn này là na", "  not applicable: kind = b, an option scored na"),
    "1.5": ("  không áp dụng: received = 0 (mẫu số bằng 0)", "  not applicable: received = 0 (an empty denominator)"),
    "1.6": (
        "  không áp dụng: điều kiện received == 0 and not plan đúng (received = 0, plan = không)",
        "  not applicable: the condition received == 0 and not plan holds (received = 0, plan = không (no))",
    ),
}


@pytest.mark.parametrize("code", sorted(REASONS))
def test_explain_says_why_a_node_is_not_applicable_with_the_values(code: str) -> None:
    rs = parrules.loads(WHY, "t.par")
    text = rs.evaluate(unit()).explain(code)
    lines = text.splitlines()
    assert lines[1].startswith("  score: not applicable")
    vi, en = REASONS[code]
    assert lines[2] == en and vi not in text  # English, the library's default: one language
    assert explain(rs.evaluate(unit()), code, lang="vi").splitlines()[2] == vi
    # the standalone module explains it character for character alike
    module: dict[str, Any] = {}
    exec(compile(standalone.emit(rs), "<standalone>", "exec"), module)
    assert module["explain"](unit(), code) == text


def test_a_node_that_applies_gives_no_reason() -> None:
    rs = parrules.loads(WHY, "t.par")
    # online 95% (tier 1), rank 5, a plan, option a, 3 of 4 on time, received 4
    card = rs.evaluate(unit(online="95", r=5, plan=True, kind="a", received=4, on_time=3))
    text = card.explain()
    assert "không áp dụng" not in text and "not applicable:" not in text
    # 1 + 1 + 1 + 1 + 1 x 3/4 + 1 = 5.75 of 6
    assert card.total == D("5.75")


# ------------------------------------------------------------------ one root error per mistake

NAMES = (
    'ruleset "T" level province scale 4\n'
    "input received: count\n"
    "input on_time: count\n"
    "input online: percent\n"
    "input budget_rank: rank 1..63\n"
    "input has_plan: yesno\n"
    "input discipline: choice { none, warned }\n"
    "constraint on_time <= received\n"
)
SLIPS = {
    "rate part": "max * rate(on_tme, received, empty: 0)",
    "rate whole": "max * rate(on_time, recieved, empty: 0)",
    "rate without empty": "max * rate(on_time, recieved)",
    "division": "min(max, on_time / recieved)",
    "tier subject": "tiers onlin { below 50%: 0  from 50% to 100%: 4 }",
    "tier subject with otherwise": "tiers onlin { from 50%: 4  otherwise: 0 }",
    "rank subject": "ranks budget_rnk { 1..10: 4  11..63: 1 }",
    "linear subject": "linear onlin { 0%: 0  100%: max }",
    "comparison with a number": "if onlin >= 50% then max else 0",
    "comparison with a yes/no": "if hasplan == has_plan then max else 0",
    "condition": "if hasplan then max else 0",
    "and": "if has_plan and hasplan then max else 0",
    "not": "if not hasplan then max else 0",
    "deduct": "deduct(late, 0.5, floor: 0)",
    "min": "min(max, on_tme)",
    "max": "max(0, min(4, on_tme))",
    "clamp": "clamp(on_tme, 0, max)",
    "clamp bound": "clamp(on_time, lo, max)",
    "choice": "choice disciplin { none: 4  warned: 0 }",
    "arithmetic": "min(max, 2 * on_tme + 1)",
    "score": "on_tme",
}


@pytest.mark.parametrize("formula", list(SLIPS.values()), ids=list(SLIPS))
def test_a_mistyped_name_is_e130_only(formula: str) -> None:
    text = NAMES + f'field 1 "F" max 4 {{ monotone increasing in on_time  score {formula} }}\n'
    diagnostics = found(text)
    assert [d[0] for d in diagnostics] == ["E130"], diagnostics
    if "lo," not in formula and "late" not in formula:
        assert "did you mean" in diagnostics[0][3]


@pytest.mark.parametrize(
    ("place", "text"),
    [
        ("constraint", 'constraint on_tme <= received\nfield 1 "F" max 4 { score 4 }\n'),
        ("constraint condition", 'constraint hasplan\nfield 1 "F" max 4 { score 4 }\n'),
        ("not applicable when", 'field 1 "F" max 4 { not applicable when hasplan  score 4 }\n'),
        (
            "let",
            'field 1 "F" max 4 { let r = rate(on_tme, received, empty: 0)  score tiers r { from 1: 4  below 1: 0 } }\n',
        ),
        ("let as a condition", 'field 1 "F" max 4 { let p = hasplan  score if p then 4 else 0 }\n'),
        ("monotone", 'field 1 "F" max 4 { monotone increasing in on_tme  score min(4, on_time) }\n'),
    ],
)
def test_a_mistyped_name_outside_a_score_is_e130_only(place: str, text: str) -> None:
    diagnostics = found(NAMES + text)
    assert [d[0] for d in diagnostics] == ["E130"], (place, diagnostics)
    assert "did you mean" in diagnostics[0][3]


def test_errors_that_do_not_come_from_the_unknown_name_are_still_reported() -> None:
    # the division by received (which can be 0) is its own mistake, beside the mistyped name
    text = NAMES + 'field 1 "F" max 4 { score min(max, on_tme + on_time / received) }\n'
    assert [d[0] for d in found(text)] == ["E130", "E142"]
    # a gap between tiers does not depend on the subject's range
    text = NAMES + 'field 1 "F" max 4 { score tiers onlin { below 40%: 0  from 50%: 4 } }\n'
    assert [d[0] for d in found(text)] == ["E130", "E151"]


def test_otherwise_still_names_an_input_outside_the_start_of_a_row() -> None:
    rs = parrules.loads(
        'ruleset "T" level province scale 4\ninput otherwise: count\n'
        'field 1 "F" max 4 { score tiers otherwise { from 3: 4  otherwise: min(otherwise, 2) } }\n'
    )
    # 1 is below 3: otherwise, min(1, 2) = 1; 5 is from 3: 4
    assert [rs.evaluate({"otherwise": k})["1"].score for k in (1, 5)] == [D(1), D(4)]


def test_explain_names_the_otherwise_row_that_applied() -> None:
    rs = parrules.loads(one(RANKS), "t.par")
    text = rs.evaluate(unit(r=55)).explain("1.1")
    # rank 55 is in no band above: otherwise, 1 point
    assert "ranks      ranks r { 1..10: 4  11..30: 3  31..50: 2  otherwise: 1 } = 1  [branch: otherwise]" in text
    text = parrules.loads(one(TIERS), "t.par").evaluate(unit(online="49")).explain("1.1")
    assert "= 1  [branch: otherwise]" in text and "không áp dụng" not in text


def test_na_values_format_and_parse_back() -> None:
    ast = parse(WHY, "t.par")
    formatted = format_ruleset(ast)
    assert "score if plan then max else na" in formatted and "b: na" in formatted
    assert "otherwise: na }" in formatted
    again = parse(formatted, "t.par")
    assert [shape(node.score) for node in again.nodes()] == [shape(node.score) for node in ast.nodes()]
    assert format_ruleset(again) == formatted


@pytest.mark.parametrize(
    "condition",
    [
        "(if plan then on_time else 0) <= received",
        "(tiers online { from 50%: on_time  otherwise: 0 }) <= received",
        "(ranks r { 1..10: on_time  otherwise: 0 }) <= received",
        "(choice kind { a: on_time  b: 0  c: 0 }) <= received",
    ],
)
def test_a_unit_is_explained_under_a_constraint_with_a_branching_formula(condition: str) -> None:
    # the traced evaluator once asserted on a constraint's if/tiers/ranks/choice (no node to trace it for)
    rs = parrules.loads(one("min(4, on_time)", extra=f"constraint {condition}\n"), "t.par")
    card = rs.evaluate(unit(online="60", r=5, plan=True, kind="a", received=3, on_time=2))
    # min(4, 2) = 2
    assert card["1.1"].score == D(2)
    assert "rounded half_up to 4 places: 2" in card.explain("1.1")


def test_a_let_tainted_by_a_mistyped_name_does_not_hide_the_next_nodes_errors() -> None:
    # 1.1's let p reads the mistyped hasplan (E130 only); 1.2's own let p divides by received,
    # which can be 0 (E142): the taint of 1.1's p does not carry over to 1.2
    text = NAMES + (
        'field 1 "F" max 4 {\n'
        '  criterion 1.1 "A" max 2 { let p = hasplan  score if p then 2 else 0 }\n'
        '  criterion 1.2 "B" max 2 { let p = received  score min(2, on_time / p) }\n'
        "}\n"
    )
    assert [(d[0], d[1]) for d in found(text)] == [("E130", 10), ("E142", 11)]
