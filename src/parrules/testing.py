"""Hypothesis strategies derived from a ruleset's own input declarations.

Used by the property tests, the fuzzers and the benchmarks (which score
synthetic units).  A drawn unit respects every declared type and bound, and
the constraints of the common shape ``a <= b`` / ``a <= b - c`` are met by
lowering ``a`` after the draw, so few draws are thrown away.  Needs the
``hypothesis`` package (the ``test`` extra).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from . import nodes as n
from .ruleset import Ruleset

_BIG = 10_000_000


def _decimal(low: Decimal, high: Decimal, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False, allow_infinity=False)


def input_strategy(rs: Ruleset, decl: n.InputDecl) -> st.SearchStrategy[Any]:
    """Values of one input, as a data file would give them (percent in percent)."""
    if decl.type == "yesno":
        return st.booleans()
    if decl.type == "choice":
        return st.sampled_from(decl.options)
    if decl.type in ("count", "rank"):
        low = int(decl.low) if decl.low is not None else 0
        high = int(decl.high) if decl.high is not None else _BIG
        return st.integers(min_value=low, max_value=high)
    if decl.type == "points":
        top = rs.node(decl.implicit_for).max if decl.implicit_for else Decimal(10)
        if decl.high is not None:
            top = min(top, decl.high)
        return _decimal(decl.low or Decimal(0), top, 4)
    default_high = {"percent": Decimal(100), "ratio": Decimal(1), "money": Decimal(10**9)}.get(
        decl.type, Decimal(10**6)
    )
    default_low = Decimal(0) if decl.type != "number" else -default_high
    lower: Decimal = decl.low if decl.low is not None else default_low
    upper: Decimal = decl.high if decl.high is not None else default_high
    return _decimal(lower, upper, 4 if decl.type in ("percent", "ratio") else 3)


def _value(expr: n.Expr, values: dict[str, Any]) -> Decimal | None:
    """The value of a simple constraint side (names, numbers, + and -), else None."""
    if isinstance(expr, n.Ref):
        v = values.get(expr.name)
        return Decimal(v) if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else None
    if isinstance(expr, (n.Number, n.Percent)):
        return expr.value
    if isinstance(expr, n.Extremum):
        args = [_value(a, values) for a in expr.args]
        if any(a is None for a in args):
            return None
        return min(args) if expr.kind == "min" else max(args)  # type: ignore[type-var]
    if isinstance(expr, n.BinOp) and expr.op in "+-":
        a, b = _value(expr.left, values), _value(expr.right, values)
        if a is None or b is None:
            return None
        return a + b if expr.op == "+" else a - b
    return None


@st.composite
def units(draw: st.DrawFn, rs: Ruleset) -> dict[str, Any]:
    """One synthetic unit's inputs that satisfy the ruleset's declarations."""
    values = {name: draw(input_strategy(rs, decl)) for name, decl in rs.inputs.items()}
    for _ in range(3):  # constraints may chain (a <= b - c, c <= b): repair a few rounds
        for constraint in rs.ast.constraints:
            cond = constraint.condition
            if not isinstance(cond, n.Compare) or cond.op not in ("<=", "<", ">=", ">"):
                continue
            small, big = (cond.left, cond.right) if cond.op in ("<=", "<") else (cond.right, cond.left)
            if not isinstance(small, n.Ref) or small.name not in values:
                continue
            limit = _value(big, values)
            current = _value(small, values)
            if limit is None or current is None or current <= limit:
                continue
            decl = rs.inputs[small.name]
            limit = max(limit, Decimal(0))
            if decl.type in ("count", "rank"):
                values[small.name] = int(limit)
            else:
                values[small.name] = limit
    ok = True
    try:
        rs.evaluate(values)
    except Exception as exc:  # only constraint failures are thrown away; other errors surface in tests
        from .errors import InputError

        if isinstance(exc, InputError) and exc.code == "D108":
            ok = False
        else:
            raise
    assume(ok)
    return values
