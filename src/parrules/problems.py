"""Every problem of one unit's inputs, not just the first.

The evaluator stops at the first input it cannot use (out of range, not a whole number, a
constraint that fails), which is right for scoring but slow for whoever fixes a data file:
a row with five mistakes came back five times.  Here the unit is evaluated again with each
reported input replaced by a value its declaration allows, until it scores or no new input
is named; each round names one more problem.  The evaluator itself is not changed.

A replacement value can itself break a constraint; a constraint that reads a replaced
input is therefore not reported (it could be a knock-on of the replacement), and the
search stops there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from . import nodes as n
from .errors import InputError
from .ruleset import Ruleset


def allowed_value(decl: n.InputDecl) -> Any:
    """A value the declaration allows (its low end, else 0, no, the first option)."""
    if decl.type == "yesno":
        return False
    if decl.type == "choice":
        return decl.options[0] if decl.options else ""
    low = decl.low if decl.low is not None else (Decimal(1) if decl.type == "rank" else Decimal(0))
    if decl.high is not None and low > decl.high:
        low = decl.high
    return int(low) if decl.type in ("count", "rank") and low == low.to_integral_value() else low


def every_problem(
    ruleset: Ruleset,
    inputs: Mapping[str, Any],
    known: Iterable[str] = (),
    first: InputError | None = None,
) -> list[InputError]:
    """The problems of ``inputs`` the evaluator reports one at a time, in the order found.

    ``known``: inputs already reported (by the reader: an unreadable cell), replaced before
    the first round and never reported again.  ``first``: the error the caller already
    has (it is the first of the list, and not searched for again)."""
    decls = ruleset.inputs
    values = dict(inputs)
    replaced = set(known)
    for name in replaced:
        if name in decls:
            values[name] = allowed_value(decls[name])
    problems: list[InputError] = []
    for _ in range(len(decls) + 2):  # each round replaces one more input: it ends
        if first is not None:
            exc, first = first, None
        else:
            try:
                ruleset.evaluate(values)
            except InputError as caught:
                exc = caught
            else:
                break
        if exc.code == "D108":
            if not (_constraint_names(ruleset, exc) & replaced):
                problems.append(exc)
            break
        if exc.input is None or exc.input in replaced or exc.input not in decls:
            if not replaced:  # not a knock-on of a replacement: report it
                problems.append(exc)
            break
        problems.append(exc)
        replaced.add(exc.input)
        values[exc.input] = allowed_value(decls[exc.input])
    return problems


def _constraint_names(ruleset: Ruleset, exc: InputError) -> set[str]:
    """The inputs read by the constraints that can have failed (those reading ``exc.input``)."""
    out: set[str] = set()
    for constraint in ruleset.ast.constraints:
        names = set(n.input_names(constraint.condition))
        if exc.input is None or exc.input in names:
            out |= names
    return out
