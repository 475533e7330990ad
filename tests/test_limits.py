"""Hostile sizes and depths fail with a located RulesetError (or an InputError), never a crash or a hang.

No test here is timed: each asserts the error code the bound gives.  The inputs
are generated in memory.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import parrules
from parrules import limits

HEADER = 'ruleset "t" year 2022 level province scale 10\ninput a: number in 0..10\n'


def _error(text: str) -> parrules.RulesetError:
    with pytest.raises(parrules.RulesetError) as info:
        parrules.loads(text)
    error = info.value
    for d in error.diagnostics:
        assert d.loc.line >= 1 and d.loc.column >= 1, d
    return error


def _codes(error: parrules.RulesetError) -> set[str]:
    return {d.code for d in error.diagnostics}


def _formula(expr: str) -> str:
    return HEADER + f'field 1 "x" max 10 {{ score {expr} }}\n'


def test_deep_parentheses() -> None:
    error = _error(_formula("(" * 10_000 + "a" + ")" * 10_000))
    assert error.first.code == "E009"


def test_deep_blocks() -> None:
    text = HEADER + 'field 1 "x" max 10 ' + '{ sub 1.1 "y" max 1 ' * 10_000 + "}" * 10_000
    assert _error(text).first.code == "E009"


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
def test_long_operator_chain(op: str) -> None:
    """10,000 chained terms: a left-deep tree the AST builder would recurse into."""
    error = _error(_formula(f" {op} ".join(["a"] * 10_000)))
    assert error.first.code == "E009"
    assert error.first.loc.line == 3


@pytest.mark.parametrize(
    "expr",
    [
        "-" * 10_000 + "a",
        "if " + "not " * 10_000 + "a > 1 then 1 else 0",
        "if a > 1 then 1 else " * 10_000 + "0",
        "if " + " and ".join(["a > 1"] * 10_000) + " then 1 else 0",
        "if " + " or ".join(["a > 1"] * 10_000) + " then 1 else 0",
    ],
    ids=["neg", "not", "if-else", "and", "or"],
)
def test_other_deep_formulas(expr: str) -> None:
    assert _error(_formula(expr)).first.code == "E009"


def test_just_under_the_expression_depth_loads() -> None:
    """The bound is far above real formulas: 60 chained terms still load and evaluate."""
    rs = parrules.loads(_formula("min(" + " + ".join(["a"] * 60) + ", 10)"))
    assert rs.evaluate({"a": 0}).total == 0


def test_fifty_megabytes() -> None:
    text = HEADER + "# " + "x" * 50_000_000 + "\n"
    error = _error(text)
    assert error.first.code == "E001"
    assert error.first.loc.line == 1


def test_just_over_the_byte_limit_in_utf8() -> None:
    """The limit is in bytes: Vietnamese text takes more bytes than characters."""
    text = HEADER + "# " + "ệ" * (limits.MAX_RULESET_BYTES // 3 + 1) + "\n"
    assert len(text) < limits.MAX_RULESET_BYTES
    assert _error(text).first.code == "E001"


@pytest.mark.parametrize("digits", [31, 100_000])
def test_huge_number_literal(digits: int) -> None:
    error = _error(_formula("9" * digits))
    assert error.first.code == "E005"
    assert error.first.loc.line == 3


def test_huge_number_with_fraction() -> None:
    assert _error(HEADER + 'field 1 "x" max 1.' + "0" * 100_000 + " { score a }").first.code == "E005"


def test_huge_rounding_and_year() -> None:
    assert _error('ruleset "t" rounding half_up ' + "9" * 100_000 + "\n").first.code in {"E005", "E008"}
    _error('ruleset "t" year ' + "9" * 100_000 + "\n")


def test_too_many_nodes() -> None:
    subs = "".join(f'  sub 1.{i} "s" max 0 {{ score 0 }}\n' for i in range(1, limits.MAX_NODES + 2))
    text = HEADER + 'field 1 "x" max 0 {\n' + subs + "}\n"
    assert "E009" in _codes(_error(text))


def test_many_functions_arguments() -> None:
    """A 10,000-argument min() is wide, not deep: it loads or fails located, never crashes."""
    try:
        parrules.loads(_formula("min(" + ", ".join(["a"] * 10_000) + ")"))
    except parrules.RulesetError as error:
        assert error.first.loc.line >= 1


@pytest.fixture(scope="module")
def small() -> parrules.Ruleset:
    from .conftest import DATA

    return parrules.load(DATA / "small.par")


GOOD: dict[str, Any] = {
    "received": 10,
    "on_time": 5,
    "online": 50,
    "rank_budget": 3,
    "has_plan": True,
    "late_tasks": 1,
    "discipline": "none",
    "p_1_4": Decimal("0.2"),
}

HOSTILE_NUMBERS = [
    Decimal("NaN"),
    Decimal("-NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("1e999999"),
    Decimal("-1e999999"),
    Decimal("1e-999999"),
    Decimal("1e999999999999999999"),
    float("nan"),
    float("inf"),
    float("-inf"),
    1e308,
    10**400,
    "1e999999",
    "NaN",
    "Infinity",
    "-sNaN",
    "9" * 100_000,
    "0." + "0" * 100_000 + "1",
]


@pytest.mark.parametrize("name", ["received", "on_time", "online", "rank_budget", "late_tasks", "p_1_4"])
@pytest.mark.parametrize("value", HOSTILE_NUMBERS, ids=[repr(v)[:24] for v in HOSTILE_NUMBERS])
def test_hostile_input_numbers(small: parrules.Ruleset, name: str, value: Any) -> None:
    with pytest.raises(parrules.InputError) as info:
        small.evaluate({**GOOD, name: value})
    assert info.value.code.startswith("D")
    assert info.value.input == name


@pytest.mark.parametrize("value", HOSTILE_NUMBERS, ids=[repr(v)[:24] for v in HOSTILE_NUMBERS])
def test_hostile_numbers_in_the_standalone_module(small: parrules.Ruleset, value: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(compile(small.to_source(), "<standalone>", "exec"), namespace)
    with pytest.raises(namespace["InputProblem"]):
        namespace["evaluate"]({**GOOD, "received": value})


def test_the_good_unit_scores(small: parrules.Ruleset) -> None:
    assert small.evaluate(GOOD).total > 0
