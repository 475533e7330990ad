"""Exact columnar batch scoring: columns of inputs in, columns of scores, ranks and classes out.

``score_table(ruleset, columns)`` scores a whole batch with numpy, one array operation per
formula step instead of one Decimal operation per unit, and gives the same numbers as the
scalar evaluator (``Ruleset.evaluate``), node for node.  How it stays exact:

* **Scaled integers.**  Every value is an int64 array ``lo`` at a decimal ``scale``
  (the value is ``lo / 10**scale``) with a ``bound`` on its magnitude.  The scale and bound of
  each step follow from the AST: a constant has the scale of its digits, an input the scale of
  its data, ``a + b`` the larger scale, ``a * b`` the sum of the scales, and the bound of each
  result is computed from the operands' bounds *before* the operation runs.  A step whose
  bound would pass 2**63 - 1 first lowers the scale of an operand (rounding its lower end down
  and its upper end up, so the true value stays inside, see below); a value that cannot fit at
  any scale sends the whole batch to the exact fallback.  No int64 operation can overflow.
* **Intervals where a quotient does not terminate.**  The scalar evaluator rounds a quotient
  to 40 significant digits; an int64 cannot hold those, so a division gives an *interval*
  ``[lo, hi]`` (the floor and the ceiling of the exact quotient at a scale of up to 18 places)
  that contains the Decimal quotient.  Sums, products, minima and selections of intervals
  are intervals that contain the Decimal result (40-digit rounding is monotone and its grid
  is finer than ours).  An exact value has ``hi is lo``.
* **Certified rounding.**  A node's score is its formula rounded in the ruleset's mode to
  its places: when both ends of the interval round to the same number, that number is the
  scalar evaluator's; when they differ (the quotient sits within 1e-12 of a rounding
  boundary, or exactly on one while the Decimal quotient was rounded) the row is *uncertain*.
  A comparison (tiers, if, min) between intervals that overlap is uncertain the same way.
  Rounding of exact values (ties included) is done in integers: half_up, half_even, down, up.
* **The exact fallback is the scalar evaluator itself.**  Every row that is uncertain, or
  that the vectorised validation does not accept (a missing or malformed cell, a value out of
  range, a failed constraint, a cell given as text or another type the fast readers do not
  take), is scored by ``Ruleset.evaluate`` on that row's cells: it gets the scalar path's score,
  or the scalar path's InputError (the same code and message) and is reported in
  ``ScoreTable.rejected``, while the other rows are scored.

Totals, the applicable scale and the index are computed from the node columns (the index is
``total * 100 / applicable scale`` rounded exactly in integers); ranks and classes from the
columns of measures, with the ruleset's tie-break and class bands, and the downgrade rule
through ``aggregate.apply_downgrade``.

This module is not part of the frozen core: it reads the checked AST and never changes it.
"""

from __future__ import annotations

import functools
import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from . import nodes as n
from . import runtime
from .check import input_range
from .context import in_library_context
from .errors import InputError
from .ruleset import Ruleset

LIMIT = 2**63 - 1
# the finest scale a quotient is carried at: 1e-18 is far below any rounding a ruleset declares
MAX_SCALE = 18
# Note of aggregate.standings for a classified unit of a ruleset with a downgrade rule when
# the communes' classes are not given (tests/test_columnar.py checks the two agree).
NO_MEMBERS_NOTE = "theo điểm; chưa xét quy tắc xã (không có kết quả cấp xã)"

Array = np.ndarray[Any, Any]
IntLike = Array | int


class _Unplannable(Exception):
    """A value the int64 plan cannot hold at any scale: the batch goes to the exact fallback."""


# ------------------------------------------------------------------ values


class Num:
    """A column of numbers: ``lo / 10**scale <= value <= hi / 10**scale``, every |end| <= bound.

    ``hi is lo`` for an exact column.  ``na`` marks rows where the formula raised
    NotApplicable (``rate(..., empty: na)`` with a zero whole), None when no row did."""

    __slots__ = ("bound", "extent", "hi", "lo", "na", "scale")

    def __init__(
        self,
        lo: IntLike,
        hi: IntLike,
        scale: int,
        bound: int,
        na: Array | None = None,
        extent: tuple[int, int] | None = None,
    ):
        self.lo = lo
        self.hi = hi
        self.scale = scale
        self.bound = bound
        self.na = na
        self.extent = extent  # the exact least and greatest value of an exact column, when known

    @property
    def exact(self) -> bool:
        return self.hi is self.lo


class Bool:
    __slots__ = ("na", "value")

    def __init__(self, value: Array | bool, na: Array | None = None):
        self.value = value
        self.na = na


def _or(a: Array | None, b: Array | None) -> Array | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _pick(mask: Array | bool, a: Array | None, b: Array | None) -> Array | None:
    if a is None and b is None:
        return None
    return np.where(mask, False if a is None else a, False if b is None else b)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=4096)
def scaled(value: Decimal) -> tuple[int, int]:
    """(integer, scale) with value == integer / 10**scale, the scale as small as possible."""
    sign, digits, exponent = value.as_tuple()
    coefficient = int("".join(map(str, digits)) or "0")
    assert isinstance(exponent, int)
    while exponent < 0 and coefficient and coefficient % 10 == 0:
        coefficient //= 10
        exponent += 1
    if not coefficient:
        return 0, 0
    if exponent >= 0:
        return (-1 if sign else 1) * coefficient * 10**exponent, 0
    return (-1 if sign else 1) * coefficient, -exponent


def const(value: Decimal) -> Num:
    i, s = scaled(value)
    return Num(i, i, s, abs(i))


def _fits(bound: int) -> bool:
    return bound <= LIMIT


def rescale(v: Num, s: int) -> Num:
    """The same column at scale ``s``: exact when raising it, rounded outward when lowering it."""
    if s == v.scale:
        return v
    if s > v.scale:
        f = 10 ** (s - v.scale)
        if v.bound * f > LIMIT:
            raise _Unplannable
        lo = v.lo * f
        extent = None if v.extent is None else (v.extent[0] * f, v.extent[1] * f)
        return Num(lo, lo if v.exact else v.hi * f, s, v.bound * f, v.na, extent)
    if v.scale - s > MAX_SCALE:  # in steps, so that no divisor leaves int64
        return rescale(rescale(v, v.scale - MAX_SCALE), s)
    f = 10 ** (v.scale - s)
    lo = v.lo // f
    hi = -(-v.hi // f)
    if v.exact and np.array_equal(lo, hi):
        hi = lo
    return Num(lo, hi, s, -(-v.bound // f), v.na)


def _common(values: Sequence[Num], combined: Callable[[list[int]], int]) -> list[Num]:
    """The values at one scale (the largest that keeps ``combined`` of the bounds within int64)."""
    target = max(v.scale for v in values)
    low = min(v.scale for v in values)
    while True:
        bounds = [v.bound * 10 ** (target - v.scale) if target >= v.scale else v.bound for v in values]
        if _fits(combined(bounds)) or target <= low:
            break
        target -= 1
    if not _fits(combined(bounds)):
        raise _Unplannable
    return [rescale(v, target) for v in values]


def add(a: Num, b: Num, sign: int = 1) -> Num:
    a, b = _common([a, b], sum)
    if sign > 0:
        lo = a.lo + b.lo
        hi = lo if a.exact and b.exact else a.hi + b.hi
    else:
        lo = a.lo - b.hi
        hi = lo if a.exact and b.exact else a.hi - b.lo
    return Num(lo, hi, a.scale, a.bound + b.bound, _or(a.na, b.na))


def neg(a: Num) -> Num:
    lo = -a.hi
    return Num(lo, lo if a.exact else -a.lo, a.scale, a.bound, a.na)


def mul(a: Num, b: Num) -> Num:
    while (
        a.bound * b.bound > LIMIT or a.scale + b.scale > MAX_SCALE
    ):  # lower the finer (preferably the inexact) operand a place
        if a.scale == 0 and b.scale == 0:
            raise _Unplannable
        if (b.scale > a.scale or (b.scale == a.scale and not b.exact)) and b.scale > 0:
            b = rescale(b, b.scale - 1)
        elif a.scale > 0:
            a = rescale(a, a.scale - 1)
        else:
            b = rescale(b, b.scale - 1)
    na = _or(a.na, b.na)
    if a.exact and b.exact:
        lo = a.lo * b.lo
        return Num(lo, lo, a.scale + b.scale, a.bound * b.bound, na)
    if b.exact and np.ndim(b.lo) == 0:  # an interval times a constant (max * rate(...)): two products
        a, b = b, a
    if a.exact and np.ndim(a.lo) == 0:
        c = int(a.lo)
        ends = (c * b.lo, c * b.hi) if c >= 0 else (c * b.hi, c * b.lo)
        return Num(ends[0], ends[1], a.scale + b.scale, a.bound * b.bound, na)
    products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
    lo = _min(products)
    return Num(lo, _max(products), a.scale + b.scale, a.bound * b.bound, na)


def _min(values: Sequence[IntLike]) -> IntLike:
    out = values[0]
    for v in values[1:]:
        out = np.minimum(out, v)
    return out


def _max(values: Sequence[IntLike]) -> IntLike:
    out = values[0]
    for v in values[1:]:
        out = np.maximum(out, v)
    return out


def _magnitude(*arrays: IntLike) -> int:
    """The greatest absolute value in the arrays (0 for empty ones: a batch of no rows)."""
    return max((int(np.max(np.abs(x))) if np.size(x) else 0) if np.ndim(x) else abs(int(x)) for x in arrays)


def _places(limit: int) -> int:
    """How many decimal places a value of magnitude ``limit`` can be shifted by within int64."""
    return int(math.log10(LIMIT // (limit + 1)))


# The places of a quotient that one division step must give for the batch to stop there: a
# rounding to 4 places of max * p / q (q up to 10**6, max up to 10 with one place) is decided
# at 11 places unless it is a tie, which more places do not decide either (the scalar
# evaluator's 40-digit quotient is; such rows go to it).  A quotient whose numerators leave no
# room for these in one step is carried further, to MAX_SCALE places, as before.
ENOUGH = 12


def _long_division(pairs: list[tuple[IntLike, IntLike]], wanted: int) -> tuple[list[Array], list[Array], int]:
    """floor(num * 10**k / den) of each (num, den) pair, den != 0, and whether a remainder is left,
    for k up to ``wanted`` that keeps every quotient within int64: one division of num * 10**k
    when the numerators leave room for ENOUGH places, else schoolbook long division, a few
    digits at a time (as many as the divisor and the quotient so far leave room for)."""
    numerators: list[Array] = []
    divisors: list[Array] = []
    for num, den in pairs:
        num, den = np.asarray(num, dtype=np.int64), np.asarray(den, dtype=np.int64)
        if den.size and int(den.min()) < 0:
            negative = den < 0
            num, den = np.where(negative, -num, num), np.abs(den)
        numerators.append(num)
        divisors.append(den)
    digits = min(wanted, _places(_magnitude(*numerators)))
    f = 10**digits
    quotients: list[Array] = []
    remainders: list[Array] = []
    for num, den in zip(numerators, divisors, strict=True):
        t = num * f if digits else num
        q = t // den
        quotients.append(q)
        remainders.append(t - q * den)
    if digits < ENOUGH:
        den_room = _places(max(_magnitude(*divisors), 1) - 1)
        while digits < wanted:
            step = min(wanted - digits, den_room, _places(_magnitude(*quotients)))
            if step <= 0:
                break
            f = 10**step
            for j, den in enumerate(divisors):
                t = remainders[j] * f
                x = t // den
                remainders[j] = t - x * den
                quotients[j] = quotients[j] * f + x
            digits += step
    return quotients, [r != 0 for r in remainders], digits


def div(a: Num, b: Num, rows: int, zero: Array | None = None) -> tuple[Num, Array | None]:
    """a / b as an interval at up to MAX_SCALE places; rows where ``zero`` holds (a rate's empty
    whole) get 0.  Returns the quotient and the rows it cannot certify (a divisor interval that
    reaches zero)."""
    bad: Array | None = None
    if not b.exact:
        reaches = (np.asarray(b.lo) <= 0) & (np.asarray(b.hi) >= 0)
        if zero is not None:
            reaches &= ~zero
        bad = reaches if np.any(reaches) else None
        if bad is not None:
            zero = bad if zero is None else zero | bad
    # (A / 10**sa) / (B / 10**sb) = floor(A * 10**k / B) / 10**(k + sa - sb)
    num_lo, num_hi, den_lo, den_hi = a.lo, a.hi, b.lo, b.hi
    if zero is not None and not zero.any():
        zero = None
    if zero is not None:  # 0 / 1 on those rows: a quotient of 0, exactly
        num_lo = np.where(zero, 0, num_lo)
        num_hi = num_lo if a.exact else np.where(zero, 0, num_hi)
        den_lo = np.where(zero, 1, den_lo)
        den_hi = den_lo if b.exact else np.where(zero, 1, den_hi)
    wanted = MAX_SCALE - a.scale + b.scale
    if wanted < 0:
        raise _Unplannable
    if a.exact and b.exact:
        (q,), (left,), digits = _long_division([(num_lo, den_lo)], wanted)
        hi = q + left if left.any() else q
    else:
        nums = (num_lo,) if a.exact else (num_lo, num_hi)
        dens = (den_lo,) if b.exact else (den_lo, den_hi)
        pairs = [(x, y) for x in nums for y in dens]
        floors, lefts, digits = _long_division(pairs, wanted)
        q = np.asarray(_min(floors))
        hi = np.asarray(_max([f + left for f, left in zip(floors, lefts, strict=True)]))
        if np.array_equal(q, hi):
            hi = q
    scale = digits + a.scale - b.scale
    if scale < 0:  # a numerator too large to carry a single place of the quotient
        raise _Unplannable
    q = np.broadcast_to(q, (rows,)) if np.ndim(q) == 0 else q
    hi = np.broadcast_to(hi, (rows,)) if np.ndim(hi) == 0 else hi
    # q <= hi on every row: the extremes are q's least and hi's greatest
    bound = max(abs(int(q.min())), abs(int(hi.max()))) if q.size else 0
    return Num(q, hi, scale, bound, _or(a.na, b.na)), bad


def select(mask: Array | bool, a: Num, b: Num) -> Num:
    """Row by row: ``a`` where mask holds, else ``b``."""
    a, b = _common([a, b], max)
    lo = np.where(mask, a.lo, b.lo)
    hi = lo if a.exact and b.exact else np.where(mask, a.hi, b.hi)
    return Num(lo, hi, a.scale, max(a.bound, b.bound), _pick(mask, a.na, b.na))


def extremum(kind: str, values: Sequence[Num]) -> Num:
    values = _common(values, max)
    pick = _min if kind == "min" else _max
    lo = pick([v.lo for v in values])
    hi = lo if all(v.exact for v in values) else pick([v.hi for v in values])
    na: Array | None = None
    for v in values:
        na = _or(na, v.na)
    return Num(lo, hi, values[0].scale, max(v.bound for v in values), na)


def compare(op: str, a: Num, b: Num) -> tuple[Any, Array | None]:
    """(the comparison, the rows where the intervals leave it undecided)."""
    if op in (">", ">="):
        op, a, b = "<" if op == ">" else "<=", b, a
    a, b = _common([a, b], max)
    if a.exact and b.exact:
        result = {"<": np.less, "<=": np.less_equal, "==": np.equal, "!=": np.not_equal}[op](a.lo, b.lo)
        return result, None
    if op == "<":
        true, false = a.hi < b.lo, a.lo >= b.hi
    elif op == "<=":
        true, false = a.hi <= b.lo, a.lo > b.hi
    else:
        point = (a.lo == a.hi) & (b.lo == b.hi) & (a.lo == b.lo)
        apart = (a.hi < b.lo) | (a.lo > b.hi)
        true, false = (point, apart) if op == "==" else (apart, point)
    unsure: Any = ~(true | false)
    return true, (unsure if np.any(unsure) else None)


def round_div(numerator: IntLike, denominator: IntLike, mode: str) -> IntLike:
    """numerator / denominator (denominator > 0) rounded to an integer in the ruleset's mode,
    exactly: the floor and the remainder decide, ties by the mode's own rule."""
    if (
        isinstance(denominator, int)
        and 1 < denominator <= LIMIT
        and isinstance(numerator, np.ndarray)
        and numerator.dtype == np.int64
        and numerator.size
        and mode in ("half_up", "down", "up")
        and int(numerator.min()) >= 0
        and int(numerator.max()) <= LIMIT - denominator
    ):  # a column of integers >= 0 (most scores) by a power of ten: one shift and one division
        if mode == "down":
            return numerator // denominator
        if mode == "up":
            return (numerator + (denominator - 1)) // denominator
        return (numerator + denominator // 2) // denominator  # half_up: a remainder of d/2 or more goes up
    q = numerator // denominator
    r = numerator - q * denominator
    if mode == "down":  # toward zero
        return np.where((numerator < 0) & (r != 0), q + 1, q)  # type: ignore[no-any-return]
    if mode == "up":  # away from zero
        return np.where((numerator >= 0) & (r != 0), q + 1, q)  # type: ignore[no-any-return]
    twice = 2 * r
    if mode == "half_up":  # ties away from zero
        tie = np.where(numerator >= 0, q + 1, q)
    elif mode == "half_even":
        tie = np.where(q % 2 == 0, q, q + 1)
    else:  # pragma: no cover - the grammar allows only the four modes of runtime.ROUNDING
        raise ValueError(f"unknown rounding mode {mode!r}")
    return np.where(twice > denominator, q + 1, np.where(twice < denominator, q, tie))  # type: ignore[no-any-return]


def quantize(v: Num, places: int, mode: str) -> tuple[Num, Any]:
    """The column rounded to ``places`` (exact), and the rows whose interval ends round apart."""
    if v.scale > places + MAX_SCALE:
        v = rescale(v, places + MAX_SCALE)
    if v.scale <= places:
        v = rescale(v, places)
        if v.exact:
            return v, None
        unsure = v.lo != v.hi
        return Num(v.lo, v.lo, places, v.bound, v.na), (unsure if np.any(unsure) else None)
    f = 10 ** (v.scale - places)
    lo = round_div(v.lo, f, mode)
    bound = -(-v.bound // f) + 1
    if v.exact:
        return Num(lo, lo, places, bound, v.na), None
    unsure = lo != round_div(v.hi, f, mode)
    return Num(lo, lo, places, bound, v.na), (unsure if np.any(unsure) else None)


# ------------------------------------------------------------------ reading the columns


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def cell(value: Any) -> Any:
    """A cell as the scalar evaluator gets it: NaN, pandas' NA and NaT are a missing value (None),
    and a numpy number is the Python number it holds (numpy.int64(3) is 3)."""
    if isinstance(value, np.generic):
        value = value.item()
    return None if _is_missing(value) else value


def _fit(values: Array, s: int) -> tuple[Array, Array]:
    """(rint(x * 10**s), whether that integer / 10**s converts back to x) of each value."""
    f = 10.0**s
    candidate = np.rint(values * f)
    return candidate, candidate / f == values


_POWERS = 10.0 ** np.arange(9)


def _fitting(values: Array) -> Array:
    """For each of 0..8 places, whether every one of these (few) values fits it, in one go."""
    with np.errstate(over="ignore", invalid="ignore"):  # a huge value: inf, which fits nothing
        scaled_up = values[:, None] * _POWERS
        return np.all(np.rint(scaled_up) / _POWERS == values[:, None], axis=0)  # type: ignore[no-any-return]


# the rows tried first for each scale: a scale these refuse is refused without a pass over the column
PROBE = 64


def _float_column(values: Array) -> tuple[Array, int, Array | None, tuple[int, int] | None]:
    """Exact scaled integers of a float column, each float read by its shortest repr (as the
    scalar evaluator reads a float), at the fewest places (0 to 8) the column needs; rows that
    need more than 8 places, NaN (a missing cell) and infinities are left to the fallback.

    A float whose shortest repr has at most s places is the one decimal of s places that
    converts back to it (below 2**50 / 10**s two such decimals are more than a float's spacing
    apart), so rint(x * 10**s) / 10**s == x finds it, and finds nothing for others.  The fewest
    places are found by trying 0, 1, 2, ... places on a few rows (the first ones and those that
    refused a smaller scale) and only then on the whole column: about six passes over a column
    in all, where a gcd of the scaled integers cost fifty."""
    least = float(values.min()) if values.size else 0.0
    greatest = float(values.max()) if values.size else 0.0
    odd: Array | None = None  # NaN or an infinity
    safe = values
    if not (math.isfinite(least) and math.isfinite(greatest)):
        odd = ~np.isfinite(values)
        safe = np.where(odd, 0.0, values)
        least, greatest = float(safe.min()), float(safe.max())
    biggest = max(-least, greatest)
    probe = safe[:PROBE]
    fitting = _fitting(probe)
    for s in range(9):
        if biggest * 10.0**s >= 2.0**50:  # large values: row by row, as the scalar evaluator reads them
            return (*_decimal_column(values.tolist(), -1, ""), None)
        if s < 8 and not fitting[s]:
            continue
        candidate, good = _fit(safe, s)
        if good.all():
            # rint(x * 10**s) is monotone: the extremes of the column are those of the values
            extent = (int(np.rint(least * 10.0**s)), int(np.rint(greatest * 10.0**s)))
            return candidate.astype(np.int64), s, odd, extent
        fitting &= _fitting(safe[~good][:PROBE])
    # some rows need more than 8 places: the fallback's; the others at the fewest places they need
    kept = safe[good]
    s = next(p for p in range(9) if _fit(kept, p)[1].all())
    candidate = np.rint(safe * 10.0**s)
    missing = ~good if odd is None else ~good | odd
    return np.where(good, candidate, 0).astype(np.int64), s, missing, None


def _decimal_column(values: Sequence[Any], index: int, name: str) -> tuple[Array, int, Array]:
    """Scaled integers of an object column, each cell read by runtime.to_decimal (as the
    scalar evaluator reads it); a cell it rejects is left to the fallback, which reports it."""
    count = len(values)
    found: list[Decimal | None] = [None] * count
    scale = 0
    for i, value in enumerate(values):
        if value.__class__ is Decimal and value.is_finite() and -21 < value.adjusted() < 16:
            d = value  # the scalar evaluator takes such a Decimal as it is
        elif _is_missing(value):
            continue
        else:
            try:
                d = runtime.to_decimal(value, index, name)
            except runtime.InputProblem:
                continue
        exponent = d.as_tuple().exponent
        assert isinstance(exponent, int)
        if exponent < 0:
            scale = max(scale, -exponent)
        found[i] = d
    scale = min(scale, MAX_SCALE)
    ints = np.zeros(count, dtype=np.int64)
    bad = np.ones(count, dtype=bool)
    for i, given in enumerate(found):
        if given is None:
            continue
        x = given.scaleb(scale)
        if x == x.to_integral_value() and abs(x) <= LIMIT:
            ints[i] = int(x)
            bad[i] = False
    return ints, scale, bad


class Scaled(Sequence[Decimal]):
    """A numeric column already in scaled integers: ``ints / 10**scale`` (int64, ``scale`` at most
    ``MAX_SCALE``), as a reader that parsed the digits itself gives it (``parrules.columns_io``):
    ``score_table`` takes it as it is, with no float and no Decimal per cell.  A row the fast path
    leaves to the scalar evaluator reads its cell as the exact Decimal."""

    def __init__(self, ints: Array, scale: int):
        if not 0 <= scale <= MAX_SCALE:
            raise ValueError(f"a scale of {scale} places is outside 0..{MAX_SCALE}")
        self.ints = np.asarray(ints, dtype=np.int64)
        self.scale = scale

    def __len__(self) -> int:
        return len(self.ints)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice | np.ndarray):
            return Scaled(self.ints[index], self.scale)
        return Decimal(int(self.ints[index])).scaleb(-self.scale)


def _number_column(values: Any, index: int, name: str) -> tuple[Array, int, Array | None, tuple[int, int] | None]:
    """(scaled ints, scale, rows the fast path did not take (None: none), the least and greatest
    value when known) of a numeric input's column."""
    if isinstance(values, Scaled):
        return values.ints, values.scale, None, None
    array = values if isinstance(values, np.ndarray) else None
    if array is None and isinstance(values, Sequence) and all(type(v) is int for v in values):
        try:
            array = np.array(values, dtype=np.int64)
        except OverflowError:
            array = None
    if array is not None and array.dtype.kind in "iu":
        if array.dtype.kind == "u" and array.size and int(array.max()) > LIMIT:
            return (*_decimal_column(list(array.tolist()), index, name), None)
        return array.astype(np.int64, copy=False), 0, None, None
    if array is not None and array.dtype.kind == "f":
        return _float_column(array.astype(np.float64, copy=False))
    if array is not None and array.dtype.kind == "b":  # yes/no is no number (D104, by the fallback)
        return np.zeros(len(array), dtype=np.int64), 0, np.ones(len(array), dtype=bool), None
    return (*_decimal_column(list(values), index, name), None)


def _yesno_column(values: Any, index: int, name: str) -> tuple[Array, Array]:
    array = values if isinstance(values, np.ndarray) else None
    if array is not None and array.dtype.kind == "b":
        return array.astype(bool, copy=False), np.zeros(len(array), dtype=bool)
    if array is not None and array.dtype.kind in "iu":
        ok = (array == 0) | (array == 1)
        return array == 1, ~ok
    out = np.zeros(len(values), dtype=bool)
    bad = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        try:
            out[i] = runtime.to_yesno(value, index, name)
        except runtime.InputProblem:
            bad[i] = True
    return out, bad


def _choice_column(values: Any, options: tuple[str, ...]) -> tuple[Array, Array]:
    code = {option: i for i, option in enumerate(options)}
    array = values if isinstance(values, np.ndarray) and values.ndim == 1 else None
    found: Any = None
    if array is not None and array.dtype.kind in "OU":
        # one comparison of the column per option (few), in C, instead of a dict look-up per cell;
        # a cell whose comparison is not a plain bool (pandas' NA) sends the column the careful way
        try:
            found = np.full(len(array), -1, dtype=np.int64)
            for i, option in enumerate(options):
                same = np.asarray(array == option)
                if same.dtype != bool or same.shape != found.shape:
                    found = None
                    break
                found[same & (found < 0)] = i
        except (TypeError, ValueError):
            found = None
    if found is None:
        get = code.get
        try:
            found = np.array([get(v, -1) for v in values], dtype=np.int64)  # an option as written (the common case)
        except TypeError:  # an unhashable cell: every cell the careful way below
            found = np.full(len(values), -1, dtype=np.int64)
    for i in np.flatnonzero(found < 0).tolist():  # to_choice strips the text first
        v = values[i]
        found[i] = code.get(v.strip(), -1) if isinstance(v, str) else -1
    return found, found < 0


_LIMITS: weakref.WeakKeyDictionary[Ruleset, dict[str, tuple[Decimal | None, Decimal | None]]] = (
    weakref.WeakKeyDictionary()
)


def _limits(rs: Ruleset) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Each numeric input's lowest and highest accepted value inside formulas (a percent as a
    ratio): the checker's input_range, and for the points of a node at most its max.  The
    scalar evaluator's own bounds are the same or wider: a value outside these goes to it."""
    if rs not in _LIMITS:
        out: dict[str, tuple[Decimal | None, Decimal | None]] = {}
        for name, decl in rs.checked.inputs.items():
            node_max = rs.node(decl.implicit_for).max if decl.implicit_for is not None else None
            rng = input_range(decl, node_max)
            hi = rng.hi
            if decl.type == "points" and node_max is not None:
                hi = node_max if hi is None else min(hi, node_max)
            out[name] = (rng.lo, hi)
        _LIMITS[rs] = out
    return _LIMITS[rs]


# ------------------------------------------------------------------ the table


class ScoreTable:
    """The scored rows of a batch as columns, and the rejected rows.

    Numbers are exact fixed-point columns: ``scores[code]`` is an int64 array and
    ``scales[code]`` its decimal scale (the score of row i is scores[code][i] / 10**scale);
    ``decimals(code)`` gives them as Decimals.  ``rows`` are the 1-based positions of the
    scored rows in the input, ``units`` their names.  ``rank``, ``klass`` and ``note`` follow
    ``aggregate.standings``.  ``fallback`` counts the rows scored by the scalar evaluator."""

    def __init__(self, ruleset: Ruleset):
        self.ruleset = ruleset
        self.rows: Array = np.zeros(0, dtype=np.int64)
        self.units: list[str | None] = []
        self.scores: dict[str, Array] = {}
        self.applicable: dict[str, Array] = {}
        self.scales: dict[str, int] = {}
        self.total: Array = np.zeros(0, dtype=np.int64)
        self.total_scale = 0
        self.applicable_scale: Array = np.zeros(0, dtype=np.int64)
        self.applicable_scale_scale = 0
        self.index: Array = np.zeros(0, dtype=np.int64)
        self.index_known: Array = np.zeros(0, dtype=bool)
        self.index_scale = ruleset.header.index_places
        self.rank: Array = np.zeros(0, dtype=np.int64)
        self.klass: list[str | None] = []
        self.note: list[str] = []
        self.rejected: list[InputError] = []
        self.fallback = 0

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"<ScoreTable {len(self)} scored, {len(self.rejected)} rejected>"

    @staticmethod
    def _decimals(ints: Array, scale: int) -> list[Decimal]:
        return [Decimal(int(i)).scaleb(-scale) for i in ints]

    @in_library_context
    def decimals(self, code: str) -> list[Decimal]:
        """The scores of one node, as Decimals (numerically equal to the scalar evaluator's)."""
        self.ruleset.position(code)  # NotFound for an unknown code
        return self._decimals(self.scores[code], self.scales[code])

    @in_library_context
    def applicable_decimals(self, code: str) -> list[Decimal]:
        self.ruleset.position(code)
        return self._decimals(self.applicable[code], self.scales[code])

    @in_library_context
    def totals(self) -> list[Decimal]:
        return self._decimals(self.total, self.total_scale)

    @in_library_context
    def applicable_scales(self) -> list[Decimal]:
        return self._decimals(self.applicable_scale, self.applicable_scale_scale)

    @in_library_context
    def indexes(self) -> list[Decimal | None]:
        return [
            Decimal(int(i)).scaleb(-self.index_scale) if known else None
            for i, known in zip(self.index, self.index_known, strict=True)
        ]

    @in_library_context
    def to_frame(self) -> Any:
        """A pandas DataFrame (unit, total, index, class, rank, then every node), in Decimals."""
        import pandas as pd

        data: dict[str, Any] = {"unit": self.units, "row": self.rows, "total": self.totals()}
        data["index"] = self.indexes()
        data["class"] = self.klass
        data["rank"] = self.rank
        for code in self.ruleset.codes:
            data[code] = self.decimals(code)
        return pd.DataFrame(data)


def _columns_of(columns: Any) -> dict[str, Any]:
    """name -> column (a numpy array where the source has one) of a DataFrame, a pyarrow
    Table or a mapping of sequences."""
    if hasattr(columns, "to_pandas") and not hasattr(columns, "columns"):  # pragma: no cover - pyarrow
        columns = columns.to_pandas()
    if hasattr(columns, "columns") and hasattr(columns, "__getitem__") and hasattr(columns, "index"):
        return {str(name): columns[name].to_numpy() for name in columns.columns}
    if not isinstance(columns, Mapping):
        raise TypeError(
            f"score_table takes a DataFrame or a mapping of column name -> values, not {type(columns).__name__}"
        )
    return {str(name): values for name, values in columns.items()}


def _length(data: Mapping[str, Any]) -> int:
    lengths = {len(values) for values in data.values()}
    if len(lengths) > 1:
        raise ValueError(f"the columns have different lengths: {sorted(lengths)}")
    return lengths.pop() if lengths else 0


class _Batch:
    """One batch through the AST: inputs read, constraints checked, nodes scored."""

    def __init__(self, rs: Ruleset, data: Mapping[str, Any], rows: int):
        self.rs = rs
        self.data = data
        self.rows = rows
        self.mode = rs.header.rounding_mode
        self.bad = np.zeros(rows, dtype=bool)  # rows for the scalar evaluator
        self.values: dict[str, Num | Bool | Array] = {}
        self.lazy_bad: dict[str, Array] = {}
        self.lets: dict[str, Num | Bool] = {}
        self.node: n.Node | None = None
        self.scales = node_scales(rs)

    def mark(self, rows: Array | None) -> None:
        if rows is not None:
            self.bad |= rows

    # -- inputs
    def read_inputs(self) -> None:
        lazy = {
            node.score.input
            for node in self.rs.ast.nodes()
            if not node.children and node.not_applicable_when is not None and isinstance(node.score, n.PointsInput)
        }
        for index, (name, decl) in enumerate(self.rs.checked.inputs.items()):
            values = self.data.get(name)
            bad: Array | None
            if values is None:
                bad = np.ones(self.rows, dtype=bool)
                if decl.type == "choice":
                    self.values[name] = np.full(self.rows, -1, dtype=np.int64)
                elif decl.type == "yesno":
                    self.values[name] = Bool(np.zeros(self.rows, dtype=bool))
                else:
                    zeros = np.zeros(self.rows, dtype=np.int64)
                    self.values[name] = Num(zeros, zeros, 0, 0)
            elif decl.type == "choice":
                codes, bad = _choice_column(values, decl.options)
                self.values[name] = codes
            elif decl.type == "yesno":
                flags, bad = _yesno_column(values, index, name)
                self.values[name] = Bool(flags)
            else:
                num, bad = self.read_number(values, index, name, decl)
                self.values[name] = num
            if bad is None:  # every row read
                continue
            if name in lazy:
                self.lazy_bad[name] = bad
            else:
                self.bad |= bad

    def read_number(self, values: Any, index: int, name: str, decl: n.InputDecl) -> tuple[Num, Array | None]:
        """The column as a Num, and the rows the fast path does not take (None: every row)."""
        ints, scale, bad, extent = _number_column(values, index, name)
        shift = 2 if decl.type == "percent" else 0  # the limits are of the value inside formulas
        lo, hi = _limits(self.rs)[name]
        if extent is None:
            extent = (int(ints.min()), int(ints.max())) if ints.size else (0, 0)
        low, high = extent
        # to_decimal's size rule (adjusted exponent at most 15), then the type's rules: a count
        # or rank is whole and >= 0; every type within its declared or default range.  Each test
        # runs over the rows only when the column's own extremes break it.
        refused: list[Array] = []
        big = 10 ** (16 + scale)
        if low <= -big or high >= big:
            refused.append(np.abs(ints) >= big)
        if decl.type in ("count", "rank"):
            if low < 0:
                refused.append(ints < 0)
            if scale:
                refused.append(ints % 10**scale != 0)
        if lo is not None:
            first = _threshold(lo, scale + shift, up=True)  # value >= lo  <=>  ints >= first
            if low < first:
                refused.append(ints < first if first <= LIMIT else np.ones(len(ints), dtype=bool))
        if hi is not None:
            last = _threshold(hi, scale + shift, up=False)  # value <= hi  <=>  ints <= last
            if high > last:
                refused.append(ints > last if last >= -LIMIT else np.ones(len(ints), dtype=bool))
        for rows in refused:
            bad = rows if bad is None else bad | rows
        if bad is not None and bad.any():  # a refused row must not widen the bounds of the others
            ints = np.where(bad, 0, ints)
            low = int(ints.min()) if ints.size else 0
            high = int(ints.max()) if ints.size else 0
        return Num(ints, ints, scale + shift, max(abs(low), abs(high)), None, (low, high)), bad

    # -- constraints
    def constraints(self) -> None:
        self.node = None
        self.lets = {}
        for constraint in self.rs.ast.constraints:
            held = self.boolean(constraint.condition)
            self.bad |= ~np.asarray(held.value, dtype=bool)
            self.mark(held.na)

    # -- nodes
    def score(self) -> tuple[dict[str, Num], dict[str, IntLike]]:
        scores: dict[str, Num] = {}
        applicable: dict[str, IntLike] = {}
        for node in reversed(self.rs.ast.nodes()):  # children before parents
            if node.children:
                self.parent(node, scores, applicable)
            else:
                self.leaf(node, scores, applicable)
        return scores, applicable

    def leaf(self, node: n.Node, scores: dict[str, Num], applicable: dict[str, IntLike]) -> None:
        self.node = node
        self.lets = {}
        header = self.rs.header
        places = node.round_places if node.round_places is not None else header.rounding_places
        top_i, top_s = scaled(node.max)
        scale = self.scales[node.code]
        out_na: Array | None = None
        if node.not_applicable_when is not None:
            cond = self.boolean(node.not_applicable_when)
            self.mark(cond.na)
            out_na = np.asarray(cond.value, dtype=bool) | np.zeros(self.rows, dtype=bool)
        if isinstance(node.score, n.PointsInput) and node.score.input in self.lazy_bad:
            missing = self.lazy_bad[node.score.input]
            self.mark(missing if out_na is None else missing & ~out_na)
        for let in node.lets:
            value = self.expr(let.value)
            self.lets[let.name] = value
            out_na = _or(out_na, value.na)
        assert node.score is not None
        value = self.number(node.score)
        out_na = _or(out_na, value.na)
        rounded, unsure = quantize(value, places, self.mode)
        self.mark(unsure)
        # floor at 0 and cap at the max (first at the rounding's places, so the int64 cannot overflow)
        ceiling = _threshold(node.max, places, up=True)
        extent = rounded.extent
        if extent is not None and extent[0] >= 0 and extent[1] <= ceiling:
            s = rounded.lo  # e.g. validated points: already within 0..max
        else:
            s = np.minimum(np.maximum(rounded.lo, 0), ceiling)
        top = top_i * 10 ** (scale - top_s)
        if scale > places:
            s = np.minimum(s * 10 ** (scale - places), top)
        if np.ndim(s) == 0:
            s = np.full(self.rows, s, dtype=np.int64)
        if out_na is not None and np.any(out_na):
            s = np.where(out_na, 0, s)
            applicable[node.code] = np.where(out_na, 0, top)
        else:
            applicable[node.code] = top
        scores[node.code] = Num(s, s, scale, top)

    def parent(self, node: n.Node, scores: dict[str, Num], applicable: dict[str, IntLike]) -> None:
        top_i, top_s = scaled(node.max)
        scale = self.scales[node.code]
        total: IntLike = 0
        apply: IntLike = 0
        for child in node.children:
            f = 10 ** (scale - scores[child.code].scale)
            term, top = scores[child.code].lo, applicable[child.code]
            total = total + (term if f == 1 else term * f)
            apply = apply + (top if f == 1 else top * f)
        if node.round_places is not None and scale > node.round_places:
            f = 10 ** (scale - node.round_places)
            total = round_div(total, f, self.mode) * f
        cap = top_i * 10 ** (scale - top_s)
        if isinstance(apply, np.ndarray):
            apply = np.minimum(apply, cap)
            total = np.minimum(total, apply)
            applicable[node.code] = apply
        else:
            applicable[node.code] = cap
            total = np.minimum(total, cap)
        scores[node.code] = Num(total, total, scale, cap)

    # -- expressions
    def expr(self, e: Any) -> Num | Bool:
        return getattr(self, "visit_" + type(e).__name__)(e)  # type: ignore[no-any-return]

    def number(self, e: Any) -> Num:
        value = self.expr(e)
        assert isinstance(value, Num)
        return value

    def boolean(self, e: Any) -> Bool:
        value = self.expr(e)
        assert isinstance(value, Bool)
        return value

    def visit_Number(self, e: n.Number) -> Num:
        return const(e.value)

    def visit_Percent(self, e: n.Percent) -> Num:
        return const(e.value)

    def visit_NodeMax(self, e: n.NodeMax) -> Num:
        assert self.node is not None
        return const(self.node.max)

    def visit_Ref(self, e: n.Ref) -> Num | Bool:
        if e.name in self.lets:
            return self.lets[e.name]
        value = self.values[e.name]
        assert isinstance(value, Num | Bool)
        return value

    def visit_PointsInput(self, e: n.PointsInput) -> Num | Bool:
        return self.visit_Ref(n.Ref(e.input))

    def visit_BinOp(self, e: n.BinOp) -> Num:
        a, b = self.number(e.left), self.number(e.right)
        if e.op == "+":
            return add(a, b)
        if e.op == "-":
            return add(a, b, -1)
        if e.op == "*":
            return mul(a, b)
        q, unsure = div(a, b, self.rows)
        self.mark(unsure)
        return q

    def visit_Neg(self, e: n.Neg) -> Num:
        return neg(self.number(e.operand))

    def visit_Compare(self, e: n.Compare) -> Bool:
        a, b = self.expr(e.left), self.expr(e.right)
        if isinstance(a, Bool) and isinstance(b, Bool):
            same = np.asarray(a.value) == np.asarray(b.value)
            return Bool(same if e.op == "==" else ~same, _or(a.na, b.na))
        assert isinstance(a, Num) and isinstance(b, Num)
        result, unsure = compare(e.op, a, b)
        self.mark(unsure)
        return Bool(result, _or(a.na, b.na))

    def visit_BoolOp(self, e: n.BoolOp) -> Bool:
        a, b = self.boolean(e.left), self.boolean(e.right)
        av, bv = np.asarray(a.value, dtype=bool), np.asarray(b.value, dtype=bool)
        if e.op == "and":  # b is evaluated only where a holds
            return Bool(av & bv, _or(a.na, None if b.na is None else b.na & av))
        return Bool(av | bv, _or(a.na, None if b.na is None else b.na & ~av))

    def visit_Not(self, e: n.Not) -> Bool:
        a = self.boolean(e.operand)
        return Bool(~np.asarray(a.value, dtype=bool), a.na)

    def visit_If(self, e: n.If) -> Num:
        cond = self.boolean(e.condition)
        out = select(cond.value, self.number(e.then), self.number(e.otherwise))
        out.na = _or(cond.na, out.na)
        return out

    def visit_Rate(self, e: n.Rate) -> Num:
        part, whole = self.number(e.part), self.number(e.whole)
        zero = np.asarray(whole.lo) == 0
        if not whole.exact:
            zero &= np.asarray(whole.hi) == 0
        if zero.ndim == 0:
            zero = np.full(self.rows, bool(zero))
        q, unsure = div(part, whole, self.rows, zero)
        self.mark(unsure)
        # the whole is computed first (its NotApplicable always counts), the part only where it is not 0
        q.na = _or(_pick(zero, None, part.na), whole.na)
        if not np.any(zero):
            return q
        if isinstance(e.empty, n.NotApplicableValue):
            q.na = _or(q.na, zero)
            return q
        if e.empty is None:  # the checker proved the whole is never 0: D107 by the fallback if it is
            self.mark(zero)
            return q
        out = select(zero, self.number(e.empty), q)
        out.na = _or(out.na, whole.na)
        return out

    def visit_Extremum(self, e: n.Extremum) -> Num:
        return extremum(e.kind, [self.number(a) for a in e.args])

    def visit_Clamp(self, e: n.Clamp) -> Num:
        value, low, high = self.number(e.value), self.number(e.low), self.number(e.high)
        return extremum("min", [extremum("max", [value, low]), high])

    def visit_Deduct(self, e: n.Deduct) -> Num:
        floor, start = self.number(e.floor), self.number(e.start)
        each, events = self.number(e.each), self.number(e.events)
        return extremum("max", [floor, add(start, mul(each, events), -1)])

    def _holds(self, subject: Num, iv: n.Interval) -> Array:
        held: Array = np.ones(self.rows, dtype=bool)
        if iv.lower is not None:
            r, unsure = compare("<=" if iv.lower.closed else "<", const(iv.lower.value), subject)
            self.mark(unsure)
            held &= r
        if iv.upper is not None:
            r, unsure = compare("<=" if iv.upper.closed else "<", subject, const(iv.upper.value))
            self.mark(unsure)
            held &= r
        return held

    def _first(self, conditions: list[Array], values: list[Num], subject_na: Array | None) -> Num:
        """The value of the first condition that holds on each row; a row where none holds is
        the scalar evaluator's (its D107)."""
        covered = np.zeros(self.rows, dtype=bool)
        for c in conditions:
            covered |= c
        self.mark(~covered)
        out = values[-1]
        for c, v in zip(reversed(conditions[:-1]), reversed(values[:-1]), strict=True):
            out = select(c, v, out)
        return Num(out.lo, out.hi, out.scale, out.bound, _or(out.na, subject_na))

    def visit_Tiers(self, e: n.Tiers) -> Num:
        subject = self.number(e.subject)
        conditions = [self._holds(subject, t.interval) for t in e.tiers]
        return self._first(conditions, [self.number(t.value) for t in e.tiers], subject.na)

    def visit_Ranks(self, e: n.Ranks) -> Num:
        subject = self.number(e.subject)
        conditions = [
            self._holds(
                subject,
                n.Interval(None, None)  # otherwise: the last band, which takes the rows no band above holds
                if b.first is None or b.last is None
                else n.Interval(
                    n.Bound(Decimal(b.first), True, str(b.first)), n.Bound(Decimal(b.last), True, str(b.last))
                ),
            )
            for b in e.bands
        ]
        return self._first(conditions, [self.number(b.value) for b in e.bands], subject.na)

    def visit_NotApplicableValue(self, e: n.NotApplicableValue) -> Num:
        """``na`` chosen by a tier, band, case or branch: every row where it is selected is not applicable."""
        return Num(0, 0, 0, 0, np.ones(self.rows, dtype=bool))

    def visit_Choice(self, e: n.Choice) -> Num:
        codes = self.values[e.input]
        decl = self.rs.checked.inputs[e.input]
        conditions: list[Array] = [np.asarray(codes == decl.options.index(c.option)) for c in e.cases]
        return self._first(conditions, [self.number(c.value) for c in e.cases], None)

    def visit_Linear(self, e: n.Linear) -> Num:
        x = self.number(e.subject)
        xs = [const(p.at) for p in e.points]
        ys = [self.number(p.value) for p in e.points]
        conditions: list[Array] = []
        values: list[Num] = []
        c, unsure = compare("<=", x, xs[0])
        self.mark(unsure)
        conditions.append(np.asarray(c) | np.zeros(self.rows, dtype=bool))
        values.append(ys[0])
        for i in range(1, len(xs)):
            c, unsure = compare("<=", x, xs[i])
            self.mark(unsure)
            conditions.append(np.asarray(c) | np.zeros(self.rows, dtype=bool))
            # runtime.linear: y0 + (y1 - y0) * (x - x0) / (x1 - x0), in that order
            slope = mul(add(ys[i], ys[i - 1], -1), add(x, xs[i - 1], -1))
            q, unsure = div(slope, add(xs[i], xs[i - 1], -1), self.rows)
            self.mark(unsure)
            values.append(add(ys[i - 1], q))
        conditions.append(np.ones(self.rows, dtype=bool))
        values.append(ys[-1])
        return self._first(conditions, values, x.na)


# ------------------------------------------------------------------ whole units


def node_scales(rs: Ruleset) -> dict[str, int]:
    """The decimal scale of each node's score column: every score the scalar evaluator can give
    (rounded to the node's places, its max, 0, a sum of children) is an integer at this scale."""
    scales: dict[str, int] = {}
    for node in reversed(rs.ast.nodes()):
        top = scaled(node.max)[1]
        if node.children:
            scales[node.code] = max([top, node.round_places or 0] + [scales[c.code] for c in node.children])
        else:
            places = node.round_places if node.round_places is not None else rs.header.rounding_places
            scales[node.code] = max(places, top)
    return scales


def _sum_fields(rs: Ruleset, columns: Mapping[str, Array], scales: Mapping[str, int]) -> tuple[Array, int]:
    codes = [f.code for f in rs.ast.fields]
    scale = max([scales[c] for c in codes] + [0])
    total = np.zeros(len(next(iter(columns.values()))) if columns else 0, dtype=np.int64)
    for code in codes:
        f = 10 ** (scale - scales[code])
        total = total + (columns[code] if f == 1 else columns[code] * f)
    return total, scale


def _threshold(value: Decimal, scale: int, up: bool) -> int:
    """The integer at ``scale`` just at or beyond ``value``: ceil (up) or floor of value*10**scale."""
    i, s = scaled(value)
    if s <= scale:
        return i * 10 ** (scale - s)
    f = 10 ** (s - scale)
    return -(-i // f) if up else i // f


def _in_interval(values: Array, scale: int, iv: n.Interval) -> Array:
    """Interval.contains for a column at ``scale``, exactly, in integers."""
    held: Array = np.ones(len(values), dtype=bool)
    if iv.lower is not None:
        if iv.lower.closed:
            held &= values >= _threshold(iv.lower.value, scale, up=True)
        else:
            held &= values > _threshold(iv.lower.value, scale, up=False)
    if iv.upper is not None:
        if iv.upper.closed:
            held &= values <= _threshold(iv.upper.value, scale, up=False)
        else:
            held &= values < _threshold(iv.upper.value, scale, up=True)
    return held


def rank_table(table: ScoreTable, members: Mapping[str, Sequence[str | None]] | None) -> None:
    """Ranks (ties shared, the ruleset's tie-break), classes and the downgrade, from the columns,
    as aggregate.standings gives them."""
    from .aggregate import apply_downgrade

    rs = table.ruleset
    count = len(table)
    index_or_zero = np.where(table.index_known, table.index, 0)

    def measure(which: str) -> tuple[Array, int]:
        return (table.total, table.total_scale) if which == "total" else (index_or_zero, table.index_scale)

    ranking = rs.ast.ranking
    descending = ranking.descending if ranking else True
    keys = [measure(ranking.measure if ranking else "index")[0]]
    keys += [table.scores[code] for code in (ranking.tie_break if ranking else ())]
    signed = [k if descending else -k for k in keys]
    order = np.lexsort([-k for k in reversed(signed)]) if count else np.zeros(0, dtype=np.int64)
    ranks = np.zeros(count, dtype=np.int64)
    if count:
        changed = np.zeros(count, dtype=bool)
        changed[0] = True
        for k in signed:
            ordered = k[order]
            changed[1:] |= ordered[1:] != ordered[:-1]
        positions = np.arange(1, count + 1)
        ranks[order] = np.maximum.accumulate(np.where(changed, positions, 0))
    table.rank = ranks

    classes = rs.ast.classes
    klass: list[str | None] = [None] * count
    if classes is not None:
        values, scale = measure(classes.measure)
        found = np.full(count, -1, dtype=np.int64)
        for b, band in enumerate(classes.bands):
            found = np.where((found < 0) & _in_interval(values, scale, band.interval), b, found)
        labels = np.array([band.name for band in classes.bands] + [None], dtype=object)
        klass = labels[found].tolist()  # -1, no band: the None at the end
    notes = [""] * count
    if rs.ast.downgrade is not None:
        for i, name in enumerate(klass):
            if name is None:
                continue
            if members is None:
                notes[i] = NO_MEMBERS_NOTE
            else:
                unit = table.units[i]
                klass[i], notes[i] = apply_downgrade(rs, name, members.get(unit) if unit is not None else None)
    table.klass = klass
    table.note = notes


@in_library_context
def score_table(
    ruleset: Ruleset,
    columns: Any,
    *,
    unit: str | None = "unit",
    members: Mapping[str, Sequence[str | None]] | None = None,
) -> ScoreTable:
    """Score a batch given as columns; see the module docstring and docs/api.md.

    ``columns``: a pandas DataFrame, a pyarrow Table or a mapping of input name -> sequence (a
    numpy array is read fastest).  ``unit``: the column naming the units (ignored when
    absent).  ``members``: the communes' classes per unit, for a downgrade rule (as in
    ``aggregate.standings``).  A missing cell (None, NaN, pandas' NA) is a missing input."""
    data = _columns_of(columns)
    count = _length(data)
    labels = data.get(unit) if unit is not None else None
    names: list[str | None] = (
        [None if _is_missing(v) else str(v) for v in labels] if labels is not None else [None] * count
    )
    inputs = {k: v for k, v in data.items() if k != unit}
    rs = ruleset
    batch = _Batch(rs, inputs, count)
    try:
        batch.read_inputs()
        batch.constraints()
        node_scores, node_applicable = batch.score()
    except (_Unplannable, OverflowError):  # OverflowError: a ruleset constant beyond int64
        batch.bad[:] = True
        node_scores = {}
        node_applicable = {}
    scales = batch.scales
    score_cols = {
        code: (np.asarray(node_scores[code].lo) if code in node_scores else np.zeros(count, dtype=np.int64))
        for code in rs.codes
    }
    constant: dict[int, Array] = {}  # one read-only column per constant maximum, shared by its nodes

    def column(value: IntLike) -> Array:
        if isinstance(value, np.ndarray) and value.ndim:
            return value
        value = int(value)
        if value not in constant:
            constant[value] = np.full(count, value, dtype=np.int64)
            constant[value].flags.writeable = False
        return constant[value]

    applicable_cols = {code: column(node_applicable.get(code, 0)) for code in rs.codes}
    keep = np.ones(count, dtype=bool)
    rejected: list[InputError] = []
    fallback = np.flatnonzero(batch.bad)
    if len(fallback):  # the scalar evaluator's rows are written into the columns: own them
        score_cols = {code: col.copy() for code, col in score_cols.items()}
        applicable_cols = {code: col.copy() for code, col in applicable_cols.items()}
    for i in fallback.tolist():
        row = {name: cell(values[i]) for name, values in inputs.items()}
        try:
            card = rs.evaluate(row, names[i])
        except InputError as exc:
            rejected.append(exc.located(unit=names[i], row=exc.row if exc.row is not None else i + 1))
            keep[i] = False
            continue
        for position, code in enumerate(rs.codes):
            scale = scales[code]
            score_cols[code][i] = int(card.scores[position].scaleb(scale))
            applicable_cols[code][i] = int(card.applicable_maxima[position].scaleb(scale))
    table = ScoreTable(rs)
    table.fallback = len(fallback)
    table.rejected = rejected
    table.rows = np.flatnonzero(keep) + 1
    table.units = names if bool(keep.all()) else [names[i] for i in table.rows - 1]
    table.scales = scales
    every = bool(keep.all())
    table.scores = {code: col if every else col[keep] for code, col in score_cols.items()}
    table.applicable = {code: col if every else col[keep] for code, col in applicable_cols.items()}
    # total = min(sum of fields, scale); index = total * 100 / applicable scale, rounded exactly
    total, total_scale = _sum_fields(rs, table.scores, scales)
    cap_i, cap_s = scaled(rs.scale)
    if cap_s > total_scale:
        total, total_scale = total * 10 ** (cap_s - total_scale), cap_s
    table.total = np.minimum(total, cap_i * 10 ** (total_scale - cap_s))
    table.total_scale = total_scale
    table.applicable_scale, table.applicable_scale_scale = _sum_fields(rs, table.applicable, scales)
    places = rs.header.index_places
    # index * 10**places = total * 100 * 10**places * 10**(scale of A) / (A * 10**(scale of T))
    a_ints, a_scale = table.applicable_scale, table.applicable_scale_scale
    known = a_ints > 0
    factor = 100 * 10 ** (places + a_scale)
    top_total = cap_i * 10 ** max(total_scale - cap_s, 0)
    top_scale = int(a_ints.max()) * 10**total_scale if a_ints.size else 0
    wide = top_total * factor > LIMIT or top_scale > LIMIT  # Python ints where int64 could overflow
    numerator = (table.total.astype(object) if wide else table.total) * factor
    denominator = np.where(known, a_ints, 1)
    denominator = (denominator.astype(object) if wide else denominator) * 10**total_scale
    index = round_div(numerator, denominator, rs.header.rounding_mode)
    table.index = np.where(known, index, 0).astype(np.int64)
    table.index_known = known
    table.index_scale = places
    rank_table(table, members)
    return table


def rows_of(columns: Any, unit: str | None = "unit") -> Iterable[tuple[str | None, dict[str, Any]]]:
    """The batch as (unit, inputs) pairs, each cell as the scalar evaluator gets it: what
    ``Ruleset.evaluate_many`` takes to score the same rows one by one."""
    data = _columns_of(columns)
    count = _length(data)
    labels = data.get(unit) if unit is not None else None
    for i in range(count):
        name = None if labels is None or _is_missing(labels[i]) else str(labels[i])
        yield name, {k: cell(v[i]) for k, v in data.items() if k != unit}
