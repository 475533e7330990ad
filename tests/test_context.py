"""Every number is independent of the caller's decimal context (issue 8, class 3).

A caller's ``decimal`` context (precision, rounding, traps, exponent limits,
clamp, capitals) used to reach the library: ``getcontext().prec = 5`` gave the
national total 84.409 instead of 84.4094, ``prec = 3`` changed a leaf and made
``index`` raise InvalidOperation, a trapped Inexact raised decimal.Inexact.
Rule (src/parrules/context.py): every public entry point of the core that
computes, compares or parses a number runs in one library context, a copy of
``runtime.make_context()`` with every field given, entered by the library
itself; the caller's context is left exactly as it was, flags included.

Each test computes inside a hostile context and compares *outside* it with the
values typed from the seeds (004: Hà Giang 2022; 002: Lai Châu 2022; 000: Bắc
Kạn 2023), so the comparison itself cannot be bent by the context under test.
"""

from __future__ import annotations

import csv
import decimal
import functools
import threading
from collections.abc import Callable
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Clamped,
    Context,
    Decimal,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
)
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parrules
from parrules import runtime
from parrules.aggregate import classify, standings
from parrules.audit import agrees, audit, printed_number, read_published
from parrules.compare import compare_results, read_results
from parrules.standalone import result_data

from .seed_units import assert_seed_values
from .test_audit import EXPECTED as AUDIT_EXPECTED
from .test_audit import PUBLISHED
from .test_golden_lai_chau import KNOWN as LAI_CHAU_KNOWN
from .test_golden_lai_chau import rows as lai_chau_rows
from .test_golden_national_2022 import PRINTED_RATES_AS_COUNTS, ministry_inputs

D = Decimal
T = TypeVar("T")
ROUNDINGS = [
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
]
SIGNALS = [Clamped, DivisionByZero, FloatOperation, Inexact, InvalidOperation, Overflow, Rounded, Subnormal, Underflow]
SEEDS = Path(__file__).parent / "data" / "seeds"


def context(**fields: Any) -> Context:
    """A context with every field given (Context() would copy the rest from DefaultContext)."""
    base: dict[str, Any] = {
        "prec": 28,
        "rounding": ROUND_HALF_EVEN,
        "Emin": -999999,
        "Emax": 999999,
        "capitals": 1,
        "clamp": 0,
        "flags": [],
        "traps": [InvalidOperation, DivisionByZero, Overflow],
    }
    return Context(**(base | fields))


HOSTILE: dict[str, Context] = {
    "prec-1": context(prec=1),
    "prec-3": context(prec=3),  # a leaf changed and index raised InvalidOperation
    "prec-5": context(prec=5),  # the national total was 84.409
    **{f"prec-4-{mode}": context(prec=4, rounding=mode) for mode in ROUNDINGS},
    "inexact-trapped": context(traps=[Inexact]),  # raised decimal.Inexact
    "every-signal-trapped": context(traps=SIGNALS),
    "nothing-trapped": context(traps=[]),  # Decimal("abc") is NaN, 1/0 is Infinity
    "small-exponents": context(Emax=2, Emin=-2),
    "clamp": context(prec=6, Emax=3, Emin=-3, clamp=1, traps=SIGNALS),
    "lower-case-exponent": context(capitals=0),
}


def snapshot(ctx: Context) -> tuple[Any, ...]:
    return (
        ctx.prec,
        ctx.rounding,
        ctx.Emin,
        ctx.Emax,
        ctx.capitals,
        ctx.clamp,
        tuple(ctx.flags[s] for s in SIGNALS),
        tuple(ctx.traps[s] for s in SIGNALS),
    )


def inside(hostile: Context, compute: Callable[[], T]) -> T:
    """compute() with ``hostile`` as the caller's context; the context is unchanged afterwards."""
    with decimal.localcontext(hostile) as ctx:
        ctx.clear_flags()
        before = snapshot(ctx)
        result = compute()
        assert snapshot(decimal.getcontext()) == before, "the library changed the caller's context or its flags"
    return result


@pytest.fixture(scope="module")
def national() -> parrules.Ruleset:
    return parrules.load("national-2022")


@pytest.fixture(scope="module")
def reference(national: parrules.Ruleset) -> parrules.Scorecard:
    """Hà Giang from the printed counts, in the default context (same seed values, checked below)."""
    return national.evaluate(ministry_inputs(), unit="Hà Giang")


def card_values(card: parrules.Scorecard) -> dict[str, Any]:
    """Everything a front end reads from a scorecard, computed where this is called."""
    r736 = card["7.3.6"]
    return {
        "total": card.total,
        "index": card.index,
        "scale": card.applicable_scale,
        "class": classify(card.ruleset, card),
        "scores": [str(s) for s in card.scores],  # digits, not only values
        "by_source": card.by_source(),
        "lost": [(r.code, r.lost) for r in card.lost_points()],
        "rate_7.3.6": r736.rate,
        "lost_7.3.6": r736.lost,
        "row": card.to_row(),
        "repr": repr(card),
        "explain": card.explain("7.3.6"),
    }


# ---------------------------------------------------------------- seed 004: Hà Giang 2022


@pytest.mark.parametrize("name", HOSTILE)
def test_national_total_index_and_nodes_in_a_hostile_context(
    name: str, national: parrules.Ruleset, reference: parrules.Scorecard
) -> None:
    inputs = ministry_inputs()
    got = inside(HOSTILE[name], lambda: card_values(national.evaluate(inputs, unit="Hà Giang")))
    # 004:417 printed 84.4089 + 0.0001 (3.4.1) + 0.0004 (6.1.3) from the printed counts; 004:53
    assert got["total"] == D("84.4094") and str(got["total"]) == "84.4094"
    assert got["index"] == D("84.41") and str(got["index"]) == "84.41"
    assert got["class"] == "Nhóm B"
    assert got["scale"] == D(100)
    assert got["scores"][national.position("7.3.6")] == "0.6362"  # 1.5 x 42.41% half-up, 004:398
    assert got["scores"][national.position("3.4.1")] == "1.4982"
    assert got["rate_7.3.6"].quantize(D("0.000001")) == D("42.413333")  # 0.6362 / 1.5 in percent
    assert got["lost_7.3.6"] == D("0.8638")
    assert got == card_values(reference)


@pytest.mark.parametrize("name", HOSTILE)
def test_survey_split_and_many_units_in_a_hostile_context(name: str, national: parrules.Ruleset) -> None:
    printed = ministry_inputs(**PRINTED_RATES_AS_COUNTS)
    bad = ministry_inputs(received_dept="abc")  # never NaN, even with InvalidOperation not trapped

    def run() -> Any:
        cards, errors = national.evaluate_many([("A", printed), ("B", bad), ("C", printed)])
        return [c.total for c in cards], [c.by_source() for c in cards], [(e.unit, e.code, e.input) for e in errors]

    totals, sources, errors = inside(HOSTILE[name], run)
    assert totals == [D("84.4089"), D("84.4089")]  # 004:417
    assert sources[0]["survey"] == (D("25.4716"), D(32))  # 004:421: 25,47 of 32
    assert sources[0]["appraisal"][1] == D(68)
    assert errors == [("B", "D104", "received_dept")]


@pytest.mark.parametrize("name", HOSTILE)
def test_loading_in_a_hostile_context_gives_the_same_evaluator(name: str, national: parrules.Ruleset) -> None:
    """Percent literals (42.41% -> 0.4241) and the checker's interval sums are computed at load time."""
    loaded = inside(HOSTILE[name], lambda: parrules.loads(national.text, national.path))
    assert loaded.compiled.source == national.compiled.source
    assert loaded.warnings == national.warnings
    # the same source as a normal load could share its bug: the seed unit's published points too
    assert_seed_values(loaded, "national-2022", loaded.compiled.evaluate, name)


@pytest.mark.parametrize("name", HOSTILE)
def test_standalone_module_in_a_hostile_context(name: str, national: parrules.Ruleset) -> None:
    namespace: dict[str, Any] = {}
    exec(compile(national.to_source(), "<standalone national-2022>", "exec"), namespace)
    inputs = ministry_inputs()
    scores, _applicable = inside(HOSTILE[name], lambda: namespace["evaluate_scores"](inputs))
    assert str(scores[national.position("7.3.6")]) == "0.6362"
    assert sum(scores[i] for i in national.field_positions) == D("84.4094")
    # the complete module (issue 13): total, index and class of seed 004, and the library's explanation
    result = inside(HOSTILE[name], lambda: namespace["evaluate"](inputs))
    assert (result["total"], result["index"], result["class"]) == ("84.4094", "84.41", "Nhóm B")
    assert result == result_data(national, inputs)
    text = inside(HOSTILE[name], lambda: namespace["explain"](inputs, "7.3.6"))
    assert text == national.evaluate(inputs).explain("7.3.6")


@pytest.mark.parametrize("name", HOSTILE)
def test_audit_in_a_hostile_context(name: str, national: parrules.Ruleset) -> None:
    cells = read_published(PUBLISHED)
    inputs = ministry_inputs()

    def run() -> Any:
        card = national.evaluate(inputs, unit="Tỉnh Hà Giang")
        findings = audit(national, [card], read_published(PUBLISHED))
        checks = (agrees(D("0.8114"), "0.811"), agrees(D("1.4982"), "1.4981"), printed_number("84,4089"))
        return {f.code: (f.published, f.computed, f.difference) for f in findings}, checks

    findings, checks = inside(HOSTILE[name], run)
    assert {code: (pub, comp) for code, (pub, comp, _diff) in findings.items()} == {
        code: (pub, D(comp)) for code, (pub, comp) in AUDIT_EXPECTED.items()
    }
    assert findings["total"][2] == D("0.0005") and findings["5"][2] == D("-0.0090")
    assert checks == (True, False, D("84.4089"))
    assert len(cells) == 135


# ---------------------------------------------------------------- seed 002: Lai Châu 2022


@pytest.mark.parametrize("name", HOSTILE)
def test_lai_chau_districts_totals_indices_and_ranks_in_a_hostile_context(name: str) -> None:
    rs = parrules.load("lai-chau-2022-districts")
    table = lai_chau_rows("lai_chau_2022_districts_index.csv")
    units = [(r["unit"], {"appraisal": D(r["appraisal_points"]), "impact": D(r["impact_points"])}) for r in table]

    def run() -> Any:
        cards, errors = rs.evaluate_many(units)
        ranks = {s.unit: s.rank for s in standings(rs, list(reversed(cards)))}
        return [(c.total, c.index, c.applicable_scale) for c in cards], ranks, errors

    got, ranks, errors = inside(HOSTILE[name], run)
    assert errors == []
    for (total, index, scale), row in zip(got, table, strict=True):
        expected = (D(row["total_points"]), D(row["index_2022_pct"]))
        if row["seed_line"] in LAI_CHAU_KNOWN:
            expected = LAI_CHAU_KNOWN[row["seed_line"]]
        assert (total, index, scale) == (*expected, D(row["scale"])), f"002:{row['seed_line']}"
    assert ranks == {r["unit"]: int(r["stt"]) for r in table}


# ---------------------------------------------------------------- seed 000: Bắc Kạn 2023


@pytest.mark.parametrize("name", HOSTILE)
def test_bac_kan_classes_ranks_and_comparison_in_a_hostile_context(name: str, tmp_path: Path) -> None:
    rs = parrules.load("bac-kan-2022-departments")
    with (SEEDS / "bac_kan_2023_departments_comparison_2022.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    old = tmp_path / "2022.csv"
    new = tmp_path / "2023.csv"
    for path, year in ((old, "2022"), (new, "2023")):
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(
                [["unit", "points", "rank"]] + [[r["unit"], r[f"points_{year}"], r[f"rank_{year}"]] for r in table]
            )

    def run() -> Any:
        cards = [rs.evaluate({"total_2022": D(r["points_2022"])}, unit=r["unit"]) for r in table]
        placed = {s.unit: (s.rank, s.klass) for s in standings(rs, cards)}
        comparison = compare_results(read_results(old), read_results(new))
        return placed, {r.unit: (r.points_change, r.rank_change) for r in comparison.rows}

    placed, changes = inside(HOSTILE[name], run)
    for r in table:
        assert placed[r["unit"]] == (int(r["rank_2022"]), r["class_2022"]), f"000:{r['seed_line']}"
        assert changes[r["unit"]] == (
            D(r["points_2023"]) - D(r["points_2022"]),
            int(r["rank_2022"]) - int(r["rank_2023"]),
        )
    assert changes["Sở Giao thông vận tải"] == (D("15.356"), 16)  # 95.476 - 80.12, 17th -> 1st; 000:185


# ---------------------------------------------------------------- the library's own context


def test_library_context_ignores_a_changed_default_context(national: parrules.Ruleset) -> None:
    """A new thread starts from decimal.DefaultContext, which a caller may change (a portal's
    worker threads); Context() copies every field left out from it, so make_context gives all."""
    default = decimal.DefaultContext
    saved = (default.prec, default.rounding, default.Emax, default.Emin, default.capitals, default.clamp)
    saved_traps, saved_flags = dict(default.traps), dict(default.flags)
    inputs = ministry_inputs()
    result: list[Any] = []
    try:
        default.prec = 3
        default.rounding = ROUND_FLOOR
        default.traps[Inexact] = True
        default.traps[Rounded] = True
        # every other field too: Context() would copy each one it is not given
        default.Emax, default.Emin, default.capitals, default.clamp = 99, -99, 0, 1
        default.flags[Inexact] = True
        made = runtime.make_context()
        worker = threading.Thread(target=lambda: result.append(card_values(national.evaluate(inputs))))
        worker.start()
        worker.join()
    finally:
        default.prec, default.rounding, default.Emax, default.Emin, default.capitals, default.clamp = saved
        for signal, trapped in saved_traps.items():
            default.traps[signal] = trapped
        for signal, raised in saved_flags.items():
            default.flags[signal] = raised
    # the library's context (parrules/context.py): 40 digits, half-up, exponents to +-999999
    # (10**999999 is where D110 says the arithmetic ends), capital E, no clamping, no flag raised
    assert (made.prec, made.rounding, made.Emax, made.Emin, made.clamp) == (40, ROUND_HALF_UP, 999999, -999999, 0)
    assert made.capitals == 1 and not any(made.flags.values())
    assert {s for s in SIGNALS if made.traps[s]} == {InvalidOperation, DivisionByZero, Overflow}
    assert result and result[0]["total"] == D("84.4094") and result[0]["index"] == D("84.41")


contexts = st.builds(
    context,
    prec=st.integers(1, 60),
    rounding=st.sampled_from(ROUNDINGS),
    Emin=st.integers(-999999, 0),
    Emax=st.integers(0, 999999),
    capitals=st.integers(0, 1),
    clamp=st.integers(0, 1),
    traps=st.lists(st.sampled_from(SIGNALS), unique=True),
)


@functools.cache
def loaded(name: str) -> parrules.Ruleset:
    return parrules.load(name)


@settings(max_examples=60)
@given(hostile=contexts)
def test_random_contexts_change_nothing(hostile: Context) -> None:
    national = loaded("national-2022")
    districts = loaded("lai-chau-2022-districts")
    table = lai_chau_rows("lai_chau_2022_districts_index.csv")
    row = table[0]
    inputs = ministry_inputs()
    units = [(r["unit"], {"appraisal": D(r["appraisal_points"]), "impact": D(r["impact_points"])}) for r in table]

    def run() -> Any:
        card = national.evaluate(inputs)
        others, _errors = districts.evaluate_many(units)
        ranks = {s.unit: s.rank for s in standings(districts, others)}
        audited = (agrees(D("0.8114"), "0.811"), agrees(D("1.4982"), "1.4981"), printed_number("84,4089"))
        return card.total, card.index, [str(s) for s in card.scores], others[0].total, others[0].index, ranks, audited

    total, index, scores, d_total, d_index, ranks, audited = inside(hostile, run)
    assert (total, index) == (D("84.4094"), D("84.41"))  # 004:417, 004:53
    assert scores == [str(s) for s in national.evaluate(inputs).scores]
    assert (d_total, d_index) == (D(row["total_points"]), D(row["index_2022_pct"])), f"002:{row['seed_line']}"
    assert ranks == {r["unit"]: int(r["stt"]) for r in table}  # 002, the district table's order
    assert audited == (True, False, D("84.4089"))


# ---------------------------------------------------------------- reading a data file


@pytest.mark.parametrize("name", HOSTILE)
def test_reading_and_scoring_the_example_file_in_a_hostile_context(name: str, national: parrules.Ruleset) -> None:
    """The README's main job, through the data reader (babel's Vietnamese numbers, percent cells)."""
    from parrules import io as data_io

    example = Path(__file__).resolve().parent.parent / "examples" / "ha-giang-2022.csv"

    def run() -> Any:
        data = data_io.read_data(example, national)
        run = data_io.score_data(national, data)
        return [(c.unit, c.total, c.index) for c in run.cards], len(run.rejected)

    cards, errors = inside(HOSTILE[name], run)
    assert errors == 0
    # 004:53 and the README: Hà Giang's total from the printed figures, 84.4094; index 84.41
    assert cards == [("Tỉnh Hà Giang", D("84.4094"), D("84.41"))]


@pytest.mark.parametrize("name", HOSTILE)
def test_numbers_are_written_the_same_in_a_hostile_context(name: str) -> None:
    from parrules import render, report

    got = inside(HOSTILE[name], lambda: (render.number(D("84.4094")), report.number_text(D("84.4094"), "vi", 2)))
    # 84.4094 at 2 places is 84.41 whatever the caller's rounding or precision (seed 004:53 prints 84,41)
    assert got == ("84.4094", "84,41")
