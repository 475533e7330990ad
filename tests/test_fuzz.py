"""Fuzzing the loader and the evaluator: hostile or broken text never escapes as anything
but a located ``RulesetError``, and a ruleset that loads never fails on a unit's data with
anything but an ``InputError``.

Three sources of text: (a) random Unicode; (b) sentences of the grammar itself
(``hypothesis.extra.lark.from_lark``); (c) mutations of tests/data/small.par and of
every shipped ruleset (deleted, duplicated and swapped tokens and lines, inserted
Unicode, huge numbers, deep nesting).  benchmarks/soak.py runs the same properties
for as many cases as asked.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import lark
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import parrules
from parrules.parse import grammar_text
from parrules.testing import input_strategy

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted([ROOT / "tests" / "data" / "small.par", *(ROOT / "rulesets").glob("*.par")])
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


# ---------------------------------------------------------------- the properties
def check_text(text: str, data: st.DataObject | None = None, units: int = 2) -> parrules.Ruleset | None:
    """loads(text) gives a Ruleset or a located RulesetError; a Ruleset scores or raises InputError."""
    try:
        rs = parrules.loads(text)
    except parrules.RulesetError as error:
        assert error.diagnostics, "a RulesetError without diagnostics"
        for d in error.diagnostics:
            assert d.loc.line >= 1 and d.loc.column >= 1, d.render()
            assert re.fullmatch(r"[EW]\d{3}", d.code), d.code
            d.render()
        return None
    if data is not None:
        for _ in range(units):
            check_unit(rs, data.draw(unit_values(rs), label="unit"))
    return rs


def check_unit(rs: parrules.Ruleset, inputs: dict[str, Any]) -> None:
    try:
        card = rs.evaluate(inputs)
    except parrules.InputError as error:
        assert re.fullmatch(r"D\d{3}", error.code), error.code
        return
    for result in card:
        assert Decimal(0) <= result.score <= result.max, result
    assert card.total <= rs.scale


HOSTILE_VALUES = st.sampled_from(
    [None, "", "x", "NaN", "1e999999", True, float("nan"), float("inf"), Decimal("NaN"), Decimal("sNaN"),
     Decimal("Infinity"), Decimal("-1e999999"), 10**40, -1, Decimal("0.5"), [], {}]
)  # fmt: skip


def _declared(rs: parrules.Ruleset, name: str) -> st.SearchStrategy[Any]:
    try:
        return input_strategy(rs, rs.inputs[name])
    except Exception:
        return st.integers(-10, 10**6)


def unit_values(rs: parrules.Ruleset) -> st.SearchStrategy[dict[str, Any]]:
    """Mostly values drawn from the declarations, sometimes a hostile value or a missing input."""
    return st.fixed_dictionaries(
        {name: st.one_of(_declared(rs, name), _declared(rs, name), _declared(rs, name), HOSTILE_VALUES) for name in rs.inputs}
    ).flatmap(lambda d: (st.sets(st.sampled_from(sorted(d)), max_size=1) if d else st.just(set())).map(
        lambda drop: {k: v for k, v in d.items() if k not in drop}
    ))  # fmt: skip  (a ruleset without inputs drops nothing: sets of nothing() is an error)


# ---------------------------------------------------------------- (a) random text
random_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
ruleset_alphabet = st.text(st.sampled_from(list('ruleset "t" {}()[]:,.%<=>+-*/#\n\\ 0123456789 max if then')), max_size=400)


# ---------------------------------------------------------------- (b) the grammar's own sentences
@functools.cache
def grammar_sentences() -> st.SearchStrategy[str]:
    grammar = lark.Lark(grammar_text(), parser="lalr", lexer="contextual")
    explicit: dict[str, st.SearchStrategy[str]] = {}
    sized = {
        "NAME": r"[A-Za-z_][A-Za-z0-9_]{0,6}",
        "STRING": r'"(?:[^"\\\n]|\\["\\n]){0,12}"',
        "CODE": r"\d{1,2}(\.\d{1,2}){0,3}",
        "NUMBER": r"\d{1,4}(\.\d{1,3})?",
        "INT": r"\d{1,4}",
    }
    for terminal in grammar.terminals:
        pattern = terminal.pattern
        if terminal.name == "MAX_FN":
            strategy: st.SearchStrategy[str] = st.just("max")
        elif isinstance(pattern, lark.lexer.PatternStr):
            strategy = st.just(pattern.value)
        elif terminal.name in sized:
            strategy = st.from_regex(sized[terminal.name], fullmatch=True)
        else:
            strategy = st.from_regex(pattern.to_regexp(), fullmatch=True)
        explicit[terminal.name] = strategy.map(lambda token: token + " ")  # tokens apart, as a writer would
    return from_lark(grammar, explicit=explicit)


# ---------------------------------------------------------------- (c) mutations of real rulesets
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\d+(?:\.\d+)*|[A-Za-z_]\w*|\S')


@functools.cache
def seed_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in SEEDS)


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[str, ...] | None = None) -> str:
    text = draw(st.sampled_from(seeds or seed_texts()))
    for _ in range(draw(st.integers(1, 4))):
        text = draw(mutation(text))
    return text


HUGE = st.sampled_from(["9" * 31, "9" * 5000, "1" + "0" * 400, "0." + "0" * 300 + "1", "99999999999999.99999999999999"])
NASTY = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8) | st.sampled_from(
    ["\u202e", "\u200b", "\ufeff", "\x00", "\r", "\r\n", "\x0c", '"', "\\", "{", "}", "(", ")", "#", "%", "..", "ệ"]
)


@st.composite
def mutation(draw: st.DrawFn, text: str) -> str:
    kind = draw(st.sampled_from(["token", "line", "insert", "number", "nest", "swap"]))
    if kind == "line":
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "swap"]))
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    spans = [m.span() for m in TOKEN.finditer(text)]
    if not spans:
        return text + draw(NASTY)
    start, end = spans[draw(st.integers(0, len(spans) - 1))]
    if kind == "token":
        how = draw(st.sampled_from(["delete", "duplicate", "replace"]))
        if how == "delete":
            return text[:start] + text[end:]
        if how == "duplicate":
            return text[:start] + text[start:end] + " " + text[start:end] + text[end:]
        other_start, other_end = spans[draw(st.integers(0, len(spans) - 1))]
        return text[:start] + text[other_start:other_end] + text[end:]
    if kind == "swap":
        a, b = sorted([(start, end), spans[draw(st.integers(0, len(spans) - 1))]])
        if a[1] > b[0]:
            return text
        return text[: a[0]] + text[b[0] : b[1]] + text[a[1] : b[0]] + text[a[0] : a[1]] + text[b[1] :]
    if kind == "insert":
        return text[:start] + draw(NASTY) + text[start:]
    if kind == "number":
        numbers = [(s, e) for s, e in spans if text[s].isdigit()]
        if not numbers:
            return text
        s, e = numbers[draw(st.integers(0, len(numbers) - 1))]
        return text[:s] + draw(HUGE) + text[e:]
    depth = draw(st.sampled_from([3, 63, 65, 200, 3000]))  # nest
    if draw(st.booleans()):
        return text[:start] + "(" * depth + text[start:end] + ")" * depth + text[end:]
    return text[:start] + " + ".join([text[start:end]] * depth) + text[end:]


# ---------------------------------------------------------------- the tests
@SETTINGS
@given(text=random_text)
def test_random_text(text: str) -> None:
    check_text(text)


@SETTINGS
@given(text=ruleset_alphabet)
def test_random_text_from_the_ruleset_alphabet(text: str) -> None:
    check_text(text)


@SETTINGS
@given(text=st.deferred(lambda: grammar_sentences()), data=st.data())
def test_grammar_sentences(text: str, data: st.DataObject) -> None:
    check_text(text, data)


@settings(SETTINGS, max_examples=120)
@given(text=mutated(), data=st.data())
def test_mutated_rulesets(text: str, data: st.DataObject) -> None:
    check_text(text, data)


@settings(SETTINGS, max_examples=15)
@given(data=st.data())
def test_seeds_load_and_score_hostile_units(data: st.DataObject) -> None:
    for text in seed_texts():
        rs = check_text(text, data, units=3)
        assert rs is not None
