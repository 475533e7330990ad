"""The columnar batch evaluator (parrules.columnar.score_table) is the scalar evaluator, column-wise.

Proof of identity: for every shipped ruleset, random batches drawn by hypothesis (some cells
spoiled: missing, text, out of range, of the wrong type) are scored both ways; every node's
score and applicable maximum, the total, the index, the rank, the class and the note must be
the ones ``Ruleset.evaluate_many`` and ``aggregate.standings`` give, and the rejected rows the
same errors (code, message, unit, row).  Then the rounding ties of every mode, exhaustively,
generated random rulesets (tests/ruleset_gen.py), and Hà Giang 2022 from seed 004.
"""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import aggregate, columnar
from parrules.errors import RulesetError
from parrules.io import read_data
from parrules.testing import units

from .conftest import all_rulesets
from .ruleset_gen import generate
from .ruleset_gen import units as generated_units

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
ROUNDINGS = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}


def assert_same(rs: parrules.Ruleset, columns: Any, unit: str | None = "unit") -> columnar.ScoreTable:
    """score_table against the scalar evaluator and aggregate.standings on the same rows."""
    table = columnar.score_table(rs, columns, unit=unit)
    cards, errors = rs.evaluate_many(columnar.rows_of(columns, unit=unit))
    assert [(e.code, e.render()) for e in table.rejected] == [(e.code, e.render()) for e in errors]
    assert len(table) == len(cards)
    assert table.units == [c.unit for c in cards]
    for code in rs.codes:
        position = rs.position(code)
        assert table.decimals(code) == [c.scores[position] for c in cards], code
        assert table.applicable_decimals(code) == [c.applicable_maxima[position] for c in cards], code
    assert table.totals() == [c.total for c in cards]
    assert table.applicable_scales() == [c.applicable_scale for c in cards]
    assert table.indexes() == [c.index for c in cards]
    standings = aggregate.standings(rs, cards)
    by_card = {id(s.card): s for s in standings}
    expected = [(by_card[id(c)].rank, by_card[id(c)].klass, by_card[id(c)].note) for c in cards]
    assert list(zip(table.rank.tolist(), table.klass, table.note, strict=True)) == expected
    return table


SPOILED = (
    None,
    "",
    "x",
    float("nan"),
    float("inf"),
    1.5e12,
    -1,
    "1e999999",
    True,
    D("0.5"),
    "1e-30",
    10**40,
    "  7  ",
    2.5,
)


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame as pandas builds it (int64, float64 or object columns), a unit column first."""
    df = pd.DataFrame(rows)
    df.insert(0, "unit", [f"u{i}" for i in range(len(rows))])
    return df


@st.composite
def batches(draw: st.DrawFn, rs: parrules.Ruleset) -> list[dict[str, Any]]:
    rows = draw(st.lists(units(rs), min_size=1, max_size=12))
    names = sorted(rs.inputs)
    for row in rows:
        if names and draw(st.integers(0, 9)) == 0:  # one row in ten has a spoiled cell
            name = draw(st.sampled_from(names))
            value = draw(st.sampled_from(SPOILED))
            row[name] = value
    return rows


@pytest.mark.parametrize("name", all_rulesets())
def test_batches_score_as_the_scalar_evaluator(name: str) -> None:
    rs = parrules.load(name)

    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(batches(rs), st.sampled_from(["frame", "lists", "floats"]))
    def check(rows: list[dict[str, Any]], shape: str) -> None:
        df = frame(rows)
        if shape == "floats":  # numbers as pandas reads them from a CSV: float64 columns
            for column in df.columns[1:]:
                try:
                    df[column] = df[column].astype(float)
                except (TypeError, ValueError):
                    pass
        columns: Any = df if shape != "lists" else {k: list(v) for k, v in df.to_dict("list").items()}
        assert_same(rs, columns)

    check()


def test_full_batch_of_clean_units_needs_no_fallback() -> None:
    """Clean national units (counts as int64, points as floats of 4 places) are scored by numpy alone."""
    rs = parrules.load("national-2022")
    rng = random.Random(4)
    rows = []
    for _ in range(300):
        row: dict[str, Any] = {}
        for name, decl in rs.inputs.items():
            if decl.type == "choice":
                row[name] = rng.choice(decl.options)
            elif decl.type == "points":
                top = rs.node(decl.implicit_for).max if decl.implicit_for else D(1)
                row[name] = float(D(rng.randint(0, int(top * 10000))).scaleb(-4))
            elif decl.type == "percent":
                row[name] = float(D(rng.randint(0, 1000000)).scaleb(-4))
            elif decl.type == "rank":
                row[name] = rng.randint(1, 63)
            else:
                row[name] = rng.randint(0, 10**6)
        for small, big in (
            ("inspection_issues_not_due", "inspection_issues_found"),
            ("portal_synced", "portal_required"),
            ("on_time_dept", "received_dept"),
            ("on_time_district", "received_district"),
            ("on_time_commune", "received_commune"),
            ("audit_handled", "audit_required"),
            ("ndxp_in_use", "ndxp_available"),
        ):
            row[small] = min(row[small], row[big])
        row["inspection_issues_resolved"] = min(
            row["inspection_issues_resolved"], row["inspection_issues_found"] - row["inspection_issues_not_due"]
        )
        rows.append(row)
    table = assert_same(rs, frame(rows))
    assert table.fallback == 0 and not table.rejected


def mode_ruleset(mode: str, places: int = 2) -> parrules.Ruleset:
    return parrules.loads(
        f"""ruleset "ties"
  year 2024
  level province
  scale 3
  rounding {mode} {places}
  index rounding 1
input x: ratio "x"
input part: count "part"
input whole: count "whole"
constraint part <= whole
field 1 "a" max 1 {{ score x }}
field 2 "b" max 2 {{ score 2 * rate(part, whole, empty: 0) }}
"""
    )


@pytest.mark.parametrize("mode", sorted(ROUNDINGS))
def test_rounding_ties_of_every_mode_exhaustively(mode: str) -> None:
    """Every value of three places in 0..1 rounded to two (so every tie .xx5 after an even and
    an odd digit, and zero), and every quotient 2 * p / q for q up to 16 (exact ties such as
    2 * 1/16 = 0.125, and 2 * 1/3 = 0.666..., a quotient the scalar evaluator rounds at 40 digits)."""
    rs = mode_ruleset(mode)
    xs = [D(i).scaleb(-3) for i in range(1001)]
    pairs = [(p, q) for q in range(1, 17) for p in range(q + 1)] + [(0, 0)]
    rows = max(len(xs), len(pairs))
    columns = {
        "x": [xs[i % len(xs)] for i in range(rows)],
        "part": np.array([pairs[i % len(pairs)][0] for i in range(rows)]),
        "whole": np.array([pairs[i % len(pairs)][1] for i in range(rows)]),
    }
    table = assert_same(rs, columns, unit=None)
    # and against Decimal's own rounding, written out, for the plain values
    expected = [x.quantize(D("0.01"), ROUNDINGS[mode]) for x in columns["x"]]
    assert table.decimals("1") == expected


@pytest.mark.parametrize("mode", sorted(ROUNDINGS))
def test_round_div_is_decimal_quantize(mode: str) -> None:
    """The integer rounding behind every node, against Decimal.quantize, negatives and ties included."""
    numerators = np.arange(-3000, 3001, dtype=np.int64)
    for denominator in (1, 2, 4, 8, 10, 16, 100, 1000):
        got = columnar.round_div(numerators, denominator, mode)
        want = [int((D(int(v)) / denominator).quantize(D(1), ROUNDINGS[mode])) for v in numerators]
        assert got.tolist() == want, denominator


def test_a_quotient_on_a_boundary_goes_to_the_scalar_evaluator() -> None:
    """3 * rate(1, 3) is exactly 1, but the scalar evaluator rounds 1/3 to 40 digits, 0.333...33,
    and 3 times that, 0.999...99, rounds down to 0.99; 3 * rate(2, 3) is 3 * 0.666...67 (rounded
    half up) = 2.000...01, down to 2.00.  The int64 interval of each quotient holds the boundary
    (1, 2), so both rows must be scored by the scalar evaluator, and are; 3 * rate(1, 4) = 0.75
    is exact and stays in numpy."""
    rs = parrules.loads(
        """ruleset "third"
  year 2024
  level province
  scale 3
  rounding down 2
input part: count "part"
input whole: count "whole"
constraint part <= whole
field 1 "a" max 3 { score 3 * rate(part, whole, empty: 0) }
"""
    )
    table = assert_same(rs, {"part": np.array([1, 2, 1, 0]), "whole": np.array([3, 3, 4, 0])}, unit=None)
    assert table.decimals("1") == [D("0.99"), D("2.00"), D("0.75"), D("0")]
    assert table.fallback == 2  # the two thirds


NATIONAL = parrules.load("national-2022")


@settings(max_examples=5)
@given(st.lists(units(NATIONAL), min_size=3, max_size=3))
def test_bad_rows_are_rejected_as_by_the_scalar_path_and_the_others_scored(rows: list[dict[str, Any]]) -> None:
    rs = NATIONAL
    rows[1]["received_dept"] = "many"
    rows[2].pop("portal_required")
    table = assert_same(rs, frame(rows))
    assert [e.code for e in table.rejected] == ["D104", "D101"]
    assert [e.row for e in table.rejected] == [2, 3]
    assert table.units == ["u0"]


def test_ha_giang_2022_through_score_table() -> None:
    """Seed 004, Phụ lục 02: total 84.4094 (84.4089 printed + the seed's two slips, see
    test_golden_national_2022.py) and 7.3.6 = 0.6362 (004:398); index 84.41, group B."""
    rs = parrules.load("national-2022")
    data = read_data(ROOT / "examples" / "ha-giang-2022.csv", rs)
    rows = [u.inputs for u in data.units]
    columns: dict[str, Any] = {"unit": [u.unit for u in data.units]}
    for name in rs.inputs:
        columns[name] = [row.get(name) for row in rows]
    table = assert_same(rs, columns)
    assert table.totals() == [D("84.4094")]
    assert table.decimals("7.3.6") == [D("0.6362")]
    assert table.indexes() == [D("84.41")]
    assert list(table.klass) == ["Nhóm B"]


def test_generated_rulesets() -> None:
    """Random well-formed rulesets of tests/ruleset_gen.py (every formula kind, every rounding
    mode, hostile units with a few invalid values) score alike both ways."""
    checked = 0
    for seed in range(25):
        generated = generate(f"columnar-{seed}", extreme=0.0)
        try:
            rs = parrules.loads(generated.text)
        except RulesetError:
            continue
        rng = random.Random(seed)
        rows = generated_units(generated, rng, 25)
        names = sorted({k for row in rows for k in row})
        columns = {name: [row.get(name) for row in rows] for name in names}
        assert_same(rs, columns, unit=None)
        checked += 1
    assert checked >= 15


DISTRICTS = parrules.load("bac-kan-2023-districts")


@settings(max_examples=5)
@given(st.lists(units(DISTRICTS), min_size=6, max_size=6))
def test_downgrade_notes_follow_standings(rows: list[dict[str, Any]]) -> None:
    rs = DISTRICTS
    df = frame(rows)
    assert_same(rs, df)
    table = columnar.score_table(rs, df, members={"u0": [None], "u1": []})
    cards, _ = rs.evaluate_many(columnar.rows_of(df))
    want = aggregate.standings(rs, cards, members={"u0": [None], "u1": []})
    by_unit = {s.unit: (s.rank, s.klass, s.note) for s in want}
    assert [by_unit[u] for u in table.units] == list(zip(table.rank.tolist(), table.klass, table.note, strict=True))


def test_columns_of_different_lengths_are_refused() -> None:
    rs = parrules.load("national-2022")
    with pytest.raises(ValueError, match="different lengths"):
        columnar.score_table(rs, {"a": [1, 2], "b": [1]})


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.integers(-(10**6), 10**6).flatmap(lambda i: st.integers(0, 10).map(lambda p: float(D(i).scaleb(-p)))),
            st.floats(allow_nan=True, allow_infinity=True),
        ),
        min_size=0,
        max_size=150,
    )
)
def test_float_columns_are_read_by_their_shortest_repr_at_the_fewest_places(values: list[float]) -> None:
    """Each float is the decimal of its shortest repr (what the scalar evaluator reads), at the
    fewest places (0 to 8) that every row the fast path takes needs; NaN, infinities and rows
    of more than 8 places are left to the fallback.  The places are first tried on a few rows
    (the first 64 and those a smaller scale refused): rows past them must still be checked."""
    array = np.array(values, dtype=np.float64)
    ints, scale, missing, extent = columnar._float_column(array)
    taken = [i for i in range(len(values)) if missing is None or not missing[i]]
    expected = {i: D(repr(values[i])) for i in taken}
    for i in taken:
        assert D(int(ints[i])).scaleb(-scale) == expected[i], (values[i], scale)
    for i in range(len(values)):
        x = values[i]
        if not np.isfinite(x):
            assert missing is not None and missing[i]
    needed = [max(0, -int(expected[i].normalize().as_tuple().exponent)) for i in taken]
    if taken and all(
        abs(v) * 1e8 < 2**50 for v in values if np.isfinite(v)
    ):  # not the row-by-row reader of huge values
        assert scale == max(needed)
    if extent is not None and taken and missing is None:
        assert extent == (int(ints.min()), int(ints.max()))


def test_float_column_checks_rows_past_the_probe() -> None:
    """The first 64 rows are whole numbers; a row further down has 3 places, another 9 (beyond
    the 8 the fast path reads): the column is read at 3 places and the 9-place row refused."""
    values = [float(i) for i in range(100)] + [1.125, 0.123456789]
    ints, scale, missing, _ = columnar._float_column(np.array(values))
    assert scale == 3
    assert missing is not None and np.flatnonzero(missing).tolist() == [101]
    assert ints[100] == 1125 and ints[99] == 99000


@pytest.mark.parametrize("mode", sorted(ROUNDINGS))
def test_round_div_of_columns_at_or_above_zero(mode: str) -> None:
    """The shortcut for columns >= 0 divided by a power of ten (most scores), against
    Decimal.quantize: every numerator 0..30000 and around the largest the shortcut takes."""
    top = columnar.LIMIT
    for denominator in (10, 100, 1000, 10**14, 3):
        numerators = np.concatenate(
            [
                np.arange(0, 30001, dtype=np.int64),
                np.arange(top - denominator - 20, top - denominator + 1, dtype=np.int64),
            ]
        )
        got = columnar.round_div(numerators, denominator, mode)
        want = [int((D(int(v)) / denominator).quantize(D(1), ROUNDINGS[mode])) for v in numerators]
        assert got.tolist() == want, denominator


def test_choice_columns_are_read_as_to_choice_reads_a_cell() -> None:
    """An option as written, one with spaces around it (stripped), another text, a number, a
    missing cell and pandas' NA (whose comparison is no bool): the codes and the refused rows
    are the scalar reader's."""
    options = ("a", "b", "c")
    cells = ["b", " c ", "d", 3, None, "a"]
    for column in (np.array(cells, dtype=object), np.array([*cells, pd.NA], dtype=object), cells):
        codes, bad = columnar._choice_column(column, options)
        want = [options.index(v.strip()) if isinstance(v, str) and v.strip() in options else -1 for v in column]
        assert codes.tolist() == want
        assert bad.tolist() == [w < 0 for w in want]
    codes, bad = columnar._choice_column(np.array(["c", "a", "b"]), options)  # a numpy text column
    assert codes.tolist() == [2, 0, 1] and not bad.any()


def test_a_batch_of_no_rows_is_an_empty_table() -> None:
    """No rows (an empty partition of a Dask frame, an empty file): an empty table, not an error
    from the division steps' magnitudes of empty columns (it was)."""
    rs = parrules.load("national-2022")
    for columns in ({}, {name: np.zeros(0) for name in rs.inputs}):
        table = columnar.score_table(rs, columns, unit=None)
        assert len(table) == 0 and not table.rejected and table.rank.tolist() == []
        assert table.total_scale == 4 and table.index_scale == 2  # rounding half_up 4, index rounding 2
