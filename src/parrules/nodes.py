"""The abstract syntax tree of a ruleset: frozen attrs classes, no behaviour.

Every later stage (check, compile, explain) dispatches on these class names, so
a formula kind such as ``Tiers`` can be followed by name from the grammar rule
``tiers`` through ``check.Checker.visit_Tiers`` and ``compile.visit_Tiers`` to
the explanation of the branch taken.  Nodes carry a ``Location`` so that every
message and every trace step can point at the ruleset line it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs


class _Node:
    """Equality, hash and repr by field, as attrs generates them, written once for every AST class.

    Each class is ``attrs.frozen(repr=False, eq=False)`` and inherits these: attrs compiling
    the three methods for each of the ~40 classes at import was about 40 % of importing this
    module, which every command pays (docs/performance.md, start-up).  Same behaviour:
    instances of the same class are equal when every field is; another class is
    NotImplemented; the hash follows equality; the repr is attrs' ``Class(field=value, ...)``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _field_names(self.__class__))

    def __hash__(self) -> int:
        return hash((self.__class__, *(getattr(self, name) for name in _field_names(self.__class__))))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(self.__class__))
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


@attrs.frozen(repr=False, eq=False)
class Location(_Node):
    """Where a construct starts in its ruleset file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Location("<builtin>", 0, 0)


# ------------------------------------------------------------------ expressions


@attrs.frozen(repr=False, eq=False)
class Number(_Node):
    value: Decimal
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Percent(_Node):
    """A percent literal: ``20%`` is the ratio 0.20."""

    value: Decimal
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Ref(_Node):
    """A name: a declared input or a ``let`` binding of the enclosing node."""

    name: str
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class NodeMax(_Node):
    """``max`` on its own: the maximum points of the node being scored."""

    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class BinOp(_Node):
    op: str  # one of + - * /
    left: Expr
    right: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Neg(_Node):
    operand: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Compare(_Node):
    op: str  # one of < <= > >= == !=
    left: Expr
    right: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class BoolOp(_Node):
    op: str  # "and" | "or"
    left: Expr
    right: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Not(_Node):
    operand: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class If(_Node):
    condition: Expr
    then: Expr  # either branch may be ``na`` (NotApplicableValue)
    otherwise: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class NotApplicableValue(_Node):
    """``na``: the node is not applicable (score 0, its max removed from the unit's maximum).

    Written as ``rate(..., empty: na)`` or as the value of a tier, a rank band, a choice
    case or a branch of ``if``; the evaluator raises ``NotApplicable`` where it is chosen."""

    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Rate(_Node):
    """``rate(part, whole, empty: X)``: the ratio part / whole, or the ratio X when whole is 0."""

    part: Expr
    whole: Expr
    empty: Expr | None
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Extremum(_Node):
    """``min(a, b, ...)`` or ``max(a, b, ...)``: caps and floors."""

    kind: str  # "min" | "max"
    args: tuple[Expr, ...]
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Clamp(_Node):
    """``clamp(x, low, high)``."""

    value: Expr
    low: Expr
    high: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Deduct(_Node):
    """``deduct(events, each, floor: F, start: S)``: S - each * events, never below F."""

    events: Expr
    each: Expr
    floor: Expr
    start: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Bound(_Node):
    value: Decimal
    closed: bool
    text: str


@attrs.frozen(repr=False, eq=False)
class Interval(_Node):
    """A threshold range: ``from A below B`` is [A, B); a missing side is unbounded."""

    lower: Bound | None
    upper: Bound | None
    loc: Location = NOWHERE

    def contains(self, x: Decimal) -> bool:
        if self.lower is not None:
            if x < self.lower.value or (x == self.lower.value and not self.lower.closed):
                return False
        if self.upper is not None:
            if x > self.upper.value or (x == self.upper.value and not self.upper.closed):
                return False
        return True

    def describe(self) -> str:
        parts = []
        if self.lower is not None:
            parts.append(("from " if self.lower.closed else "above ") + self.lower.text)
        if self.upper is not None:
            parts.append(("to " if self.upper.closed else "below ") + self.upper.text)
        return " ".join(parts) or "otherwise"


@attrs.frozen(repr=False, eq=False)
class Tier(_Node):
    """A row of ``tiers``; an ``otherwise`` row (the last) has an interval without sides."""

    interval: Interval
    value: Expr
    loc: Location = NOWHERE

    @property
    def otherwise(self) -> bool:
        return self.interval.lower is None and self.interval.upper is None


@attrs.frozen(repr=False, eq=False)
class Tiers(_Node):
    """Threshold tiers: the first tier whose interval holds the subject gives the points."""

    subject: Expr
    tiers: tuple[Tier, ...]
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class LinearPoint(_Node):
    at: Decimal
    at_text: str
    value: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Linear(_Node):
    """Straight lines between (threshold, points) pairs; flat before the first and after the last."""

    subject: Expr
    points: tuple[LinearPoint, ...]
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class RankBand(_Node):
    """Ranks first..last (inclusive); an ``otherwise`` band (the last) has neither."""

    first: int | None
    last: int | None
    value: Expr
    loc: Location = NOWHERE

    @property
    def otherwise(self) -> bool:
        return self.first is None

    def describe(self) -> str:
        return "otherwise" if self.first is None else f"{self.first}..{self.last}"


@attrs.frozen(repr=False, eq=False)
class Ranks(_Node):
    """Rank bands: ranks first..last (inclusive) give the band's points."""

    subject: Expr
    bands: tuple[RankBand, ...]
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class ChoiceCase(_Node):
    option: str
    value: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Choice(_Node):
    """Discrete levels: the option chosen in a ``choice`` input gives the points."""

    input: str
    cases: tuple[ChoiceCase, ...]
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class PointsInput(_Node):
    """``score points``: the points are an input (survey or judgement), bounded by the node's max."""

    input: str
    loc: Location = NOWHERE


Expr = (
    Number
    | Percent
    | Ref
    | NodeMax
    | BinOp
    | Neg
    | Compare
    | BoolOp
    | Not
    | If
    | Rate
    | Extremum
    | Clamp
    | Deduct
    | Tiers
    | Linear
    | Ranks
    | Choice
    | PointsInput
    | NotApplicableValue
)


def walk_expr(expr: object) -> Iterator[object]:
    """Every AST object inside an expression (the expression itself included), without
    recursion, so the checker, the compiler and explanations share one walk."""
    stack: list[Any] = [expr]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            stack.extend(item)
        elif attrs.has(type(item)):
            yield item
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)) if f.name != "loc")


def input_names(expr: object) -> list[str]:
    """Names an expression reads (inputs or lets), in order of first appearance."""
    names: list[str] = []
    for item in walk_expr(expr):
        if isinstance(item, Ref):
            names.append(item.name)
        elif isinstance(item, PointsInput | Choice):
            names.append(item.input)
    return list(dict.fromkeys(reversed(names)))


# ------------------------------------------------------------------ declarations

INPUT_TYPES = ("count", "money", "percent", "ratio", "number", "yesno", "points", "rank", "choice")


@attrs.frozen(repr=False, eq=False)
class InputDecl(_Node):
    """A declared input.  ``low``/``high`` are in the input's own unit (percent: 0..100)."""

    name: str
    type: str
    description: str = ""
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    options: tuple[str, ...] = ()
    implicit_for: str | None = None  # the node code, for ``score points`` inputs
    loc: Location = NOWHERE
    # a choice's display labels, one per option ("" for an option without one); () when no
    # option has a label, so a ruleset that writes none has the AST it had before labels
    labels: tuple[str, ...] = ()

    def label(self, option: str) -> str:
        """The words a person reads for an option: its ``label``, else the option's code."""
        if self.labels and option in self.options:
            return self.labels[self.options.index(option)] or option
        return option


@attrs.frozen(repr=False, eq=False)
class Constraint(_Node):
    condition: Expr
    message: str = ""
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Let(_Node):
    name: str
    value: Expr
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Monotone(_Node):
    input: str
    direction: str  # "increasing" | "decreasing"
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Node(_Node):
    """A field, criterion or sub-criterion.  A leaf has a score; a parent sums its children."""

    kind: str  # "field" | "criterion" | "sub"
    code: str
    title: str
    max: Decimal
    source: str | None = None
    agency: str = ""
    basis: str = ""
    note: str = ""
    round_places: int | None = None
    monotone: tuple[Monotone, ...] = ()
    not_applicable_when: Expr | None = None
    lets: tuple[Let, ...] = ()
    score: Expr | None = None
    children: tuple[Node, ...] = ()
    loc: Location = NOWHERE
    max_loc: Location = NOWHERE

    def walk(self) -> list[Node]:
        """This node and all below it, parents before children (the order of the tables)."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@attrs.frozen(repr=False, eq=False)
class ClassBand(_Node):
    name: str
    interval: Interval
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Classes(_Node):
    measure: str  # "index" | "total"
    bands: tuple[ClassBand, ...]
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Ranking(_Node):
    measure: str
    descending: bool = True
    tie_break: tuple[str, ...] = ()
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Downgrade(_Node):
    """A district falls one class when fewer than ``numerator/denominator`` of its communes
    are in its class or better; it is not classified while any commune lacks a result."""

    members: str
    numerator: int
    denominator: int
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Header(_Node):
    title: str
    year: int | None = None
    level: str | None = None
    basis: str = ""
    scale: Decimal | None = None
    rounding_mode: str = "half_up"
    rounding_places: int = 4
    index_places: int = 2
    extends: str | None = None
    given: tuple[str, ...] = ()  # header items written in the file (the rest are defaults or inherited)
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Override(_Node):
    node: Node
    loc: Location = NOWHERE


@attrs.frozen(repr=False, eq=False)
class Remove(_Node):
    """``remove 3.4.5`` (a node and all below it) or ``remove input NAME``."""

    code: str
    loc: Location = NOWHERE
    what: str = "node"  # "node" | "input" (then ``code`` is the input's name)


@attrs.frozen(repr=False, eq=False)
class Ruleset(_Node):
    """A whole ruleset file as written (before ``extends`` is resolved)."""

    header: Header
    inputs: tuple[InputDecl, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    fields: tuple[Node, ...] = ()
    classes: Classes | None = None
    ranking: Ranking | None = None
    downgrade: Downgrade | None = None
    overrides: tuple[Override, ...] = ()
    removals: tuple[Remove, ...] = ()
    path: str = "<string>"

    def nodes(self) -> list[Node]:
        out: list[Node] = []
        for field in self.fields:
            out.extend(field.walk())
        return out
