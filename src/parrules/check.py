"""Stage 2: check a ruleset before anything runs.

The checker walks the AST once, with the declared input ranges in hand, and
computes for every expression its type (number, yes/no, choice) and the
interval of values it can reach.  From that it finds what a ruleset author
gets wrong: names never declared, yes/no added to a count, a formula that can
exceed its node's max or go below zero, a division by something that can be
zero, tiers that overlap or leave a gap, maxima that do not add up.  Errors
stop ``load``; warnings are reported and kept on the loaded ruleset.

Each formula kind has one ``visit_<Kind>`` method here, named as in nodes.py.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    localcontext,
)
from typing import Any

import attrs

from . import nodes as n
from . import render, runtime
from .errors import Diagnostic, RulesetError, did_you_mean_said
from .limits import DECIMAL_PRECISION, MAX_EXPRESSION_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS
from .wording import Sentence, sentence

NUM, BOOL, CHOICE = "number", "yes/no", "choice"
# Words that mean something inside a formula: a name spelled so could be declared but never read.
RESERVED = frozenset(("max", "if", "then", "else", "and", "or", "not", "tiers", "linear", "ranks", "choice", "na"))
ZERO = Decimal(0)
ONE = Decimal(1)
# The English words a diagnostic names a kind of value or a place in a formula with, as
# sentences said in the run's language (parrules.wording); a word of the language itself
# (tiers, rate(), then) is not in here and is shown as written.
WORDS: dict[str, Sentence] = {
    NUM: sentence("number"),
    BOOL: sentence("yes/no"),
    CHOICE: sentence("choice"),
    "a tier": sentence("a tier"),
    "a linear point": sentence("a linear point"),
    "a rank band": sentence("a rank band"),
    "a choice": sentence("a choice"),
    "tier": sentence("tier"),
    "rank band": sentence("rank band"),
    "class band": sentence("class band"),
}
PLURALS: dict[str, Sentence] = {
    "tier": sentence("tiers"),
    "rank band": sentence("rank bands"),
    "class band": sentence("class bands"),
}

# The checker's own arithmetic, whatever the caller's decimal context.  A ruleset number has at
# most MAX_NUMBER_DIGITS digits (so it lies between 1E-29 and 1E+30); a sum of at most MAX_NODES
# of them (maxima against a parent's max, E120, or the scale, E121) needs fewer than
# 2 * 30 + 4 + 2 digits, so at this precision every such sum is exact.  Products and quotients of
# interval bounds can need more: those are rounded outward (lower bounds down, upper bounds up,
# see _DOWN and _UP), so a computed range always contains the true one.
CONTEXT = Context(
    prec=4 * MAX_NUMBER_DIGITS,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero],  # no Overflow trap: a bound too large is +-Infinity
)
_DOWN = CONTEXT.copy()
_DOWN.rounding = ROUND_FLOOR
_UP = CONTEXT.copy()
_UP.rounding = ROUND_CEILING


# ------------------------------------------------------------------ intervals


@attrs.frozen
class Range:
    """The values an expression can reach; ``None`` is unbounded on that side."""

    lo: Decimal | None
    hi: Decimal | None

    def __str__(self) -> str:
        lo = "-∞" if self.lo is None else _fmt(self.lo)
        hi = "+∞" if self.hi is None else _fmt(self.hi)
        return f"[{lo}, {hi}]"

    def contains_zero(self) -> bool:
        return (self.lo is None or self.lo <= 0) and (self.hi is None or self.hi >= 0)

    def within(self, other: Range) -> bool:
        """Every value of this range is a value of ``other``."""
        return (other.lo is None or (self.lo is not None and self.lo >= other.lo)) and (
            other.hi is None or (self.hi is not None and self.hi <= other.hi)
        )

    def meets(self, other: Range) -> bool:
        """The two ranges share a value."""
        return (self.hi is None or other.lo is None or self.hi >= other.lo) and (
            self.lo is None or other.hi is None or self.lo <= other.hi
        )


def _fmt(value: Decimal) -> str:
    """A number for a message: exact (a ruleset number or a sum of them, so E120 shows the very
    digit that differs), but a computed bound such as 1/3 to six places, marked with ``…``."""
    value = value.normalize(CONTEXT)
    if len(value.as_tuple().digits) <= 2 * MAX_NUMBER_DIGITS + 6:
        return f"{value:f}"
    return f"{value:.6f}".rstrip("0").rstrip(".") + "…"


def point(value: Decimal) -> Range:
    return Range(value, value)


EVERYTHING = Range(None, None)


def hull(ranges: Iterable[Range]) -> Range:
    items = list(ranges)
    lo: Decimal | None = items[0].lo
    hi: Decimal | None = items[0].hi
    for r in items[1:]:
        lo = None if lo is None or r.lo is None else min(lo, r.lo)
        hi = None if hi is None or r.hi is None else max(hi, r.hi)
    return Range(lo, hi)


def add(a: Range, b: Range) -> Range:
    lo = None if a.lo is None or b.lo is None else _DOWN.add(a.lo, b.lo)
    hi = None if a.hi is None or b.hi is None else _UP.add(a.hi, b.hi)
    return _from_inf(-_INF if lo is None else lo, _INF if hi is None else hi)


def neg(a: Range) -> Range:
    return Range(None if a.hi is None else a.hi.copy_negate(), None if a.lo is None else a.lo.copy_negate())


def sub(a: Range, b: Range) -> Range:
    return add(a, neg(b))


_INF = Decimal("Infinity")


def _to_inf(r: Range) -> tuple[Decimal, Decimal]:
    return (-_INF if r.lo is None else r.lo, _INF if r.hi is None else r.hi)


def _from_inf(lo: Decimal, hi: Decimal) -> Range:
    return Range(None if lo.is_infinite() else lo, None if hi.is_infinite() else hi)


def mul(a: Range, b: Range) -> Range:
    alo, ahi = _to_inf(a)
    blo, bhi = _to_inf(b)
    lows, highs = [], []
    for x in (alo, ahi):
        for y in (blo, bhi):
            if (x == 0 and y.is_infinite()) or (y == 0 and x.is_infinite()):
                lows.append(ZERO)
                highs.append(ZERO)
            else:
                lows.append(_DOWN.multiply(x, y))
                highs.append(_UP.multiply(x, y))
    return _from_inf(min(lows), max(highs))


def div(a: Range, b: Range) -> Range:
    """a / b for a divisor that cannot be zero (the caller has checked): b lies on one side of
    zero, so 1/b runs from 1/b.hi to 1/b.lo (an infinite end gives 0)."""
    blo, bhi = _to_inf(b)
    low = ZERO if bhi.is_infinite() else _DOWN.divide(ONE, bhi)
    high = ZERO if blo.is_infinite() else _UP.divide(ONE, blo)
    return mul(a, _from_inf(low, high))


def round_range(r: Range, places: int, mode: str) -> Range:
    """The range of the value rounded to ``places`` with the ruleset's mode: rounding never
    reverses an order, so the bounds round like the values.  A bound too large to round (far
    beyond any max) is kept as it is."""
    quantum = ONE.scaleb(-places)
    rounding = runtime.ROUNDING[mode]

    def rnd(x: Decimal | None) -> Decimal | None:
        if x is None or x.adjusted() + places + 2 > CONTEXT.prec:
            return x
        return x.quantize(quantum, rounding, CONTEXT)

    return Range(rnd(r.lo), rnd(r.hi))


def score_range(r: Range, top: Decimal) -> Range:
    """The range of a score floored at 0 and capped at ``top`` (the generated code does both)."""

    def clip(x: Decimal | None, default: Decimal) -> Decimal:
        return default if x is None else min(max(x, ZERO), top)

    return Range(clip(r.lo, ZERO), clip(r.hi, top))


def decimals(value: Decimal) -> int:
    """Places after the decimal point once trailing zeros are dropped (0.1250 has 3)."""
    return max(0, -value.normalize(CONTEXT).as_tuple().exponent)  # type: ignore[operator]


def minimum(ranges: Sequence[Range]) -> Range:
    lo = None if any(r.lo is None for r in ranges) else min(r.lo for r in ranges if r.lo is not None)
    his = [r.hi for r in ranges if r.hi is not None]
    hi = min(his) if his else None
    return Range(lo, hi)


def maximum(ranges: Sequence[Range]) -> Range:
    los = [r.lo for r in ranges if r.lo is not None]
    lo = max(los) if los else None
    hi = None if any(r.hi is None for r in ranges) else max(r.hi for r in ranges if r.hi is not None)
    return Range(lo, hi)


def shape(expr: Any) -> Any:
    """An expression without its locations, so two spellings of one formula compare equal."""
    if isinstance(expr, tuple):
        return tuple(shape(e) for e in expr)
    if attrs.has(type(expr)):
        return (
            type(expr).__name__,
            *tuple(shape(getattr(expr, f.name)) for f in attrs.fields(type(expr)) if f.name != "loc"),
        )
    return expr


# ------------------------------------------------------------------ the checked ruleset


@attrs.frozen
class Checked:
    """What later stages need: the resolved ruleset, every input (declared and implied) and the findings."""

    ruleset: n.Ruleset
    inputs: dict[str, n.InputDecl]
    warnings: tuple[Diagnostic, ...]
    ranges: dict[str, Range]  # the attainable score range of every node, by code
    input_users: dict[str, tuple[str, ...]]  # input name -> node codes that read it


def input_range(decl: n.InputDecl, node_max: Decimal | None = None) -> Range:
    """The values an input takes inside formulas (a percent is a ratio there)."""
    scale = Decimal("0.01") if decl.type == "percent" else ONE
    # a number is unbounded unless declared so; a rank is always declared with both ends
    default = {
        "count": Range(ZERO, None),
        "money": Range(ZERO, None),
        "percent": Range(ZERO, ONE),
        "ratio": Range(ZERO, ONE),
        "points": Range(ZERO, node_max),
    }.get(decl.type, EVERYTHING)
    lo = default.lo if decl.low is None else CONTEXT.multiply(decl.low, scale)
    hi = default.hi if decl.high is None else CONTEXT.multiply(decl.high, scale)
    return Range(lo, hi)


def check(ruleset: n.Ruleset, source_lines: Sequence[str] | None = None) -> Checked:
    """Check a resolved ruleset; raise RulesetError listing every error, return warnings otherwise."""
    checker = _Checker(ruleset, list(source_lines or []))
    try:
        with localcontext(CONTEXT):  # exact sums and comparisons, whatever the caller's context
            checker.run()
    except RecursionError:
        checker.error("E009", sentence("the ruleset is nested too deeply to check"), ruleset.header.loc)
    errors = [d for d in checker.diagnostics if d.severity == "error"]
    if errors:
        raise RulesetError(sorted(errors, key=lambda d: (d.loc.line, d.loc.column)))
    warnings = [d for d in checker.diagnostics if d.severity == "warning"]
    return Checked(
        ruleset=ruleset,
        inputs=checker.inputs,
        warnings=tuple(sorted(warnings, key=lambda d: (d.loc.line, d.loc.column))),
        ranges=checker.ranges,
        input_users={k: tuple(v) for k, v in checker.users.items()},
    )


class _Checker:
    def __init__(self, ruleset: n.Ruleset, lines: list[str]):
        self.ruleset = ruleset
        self.lines = lines
        self.diagnostics: list[Diagnostic] = []
        self.inputs: dict[str, n.InputDecl] = {}
        self.ranges: dict[str, Range] = {}
        self.users: dict[str, list[str]] = {}
        self.points_max: dict[str, Decimal] = {}
        self.known_ordered: set[tuple[Any, Any]] = set()
        # per node while visiting
        self.node: n.Node | None = None
        self.scope: dict[str, tuple[str, Range]] = {}
        self.rate_hint: str | None = None  # "part <= whole" of a rate not known to stay within 100%
        self.may_be_na = False  # the node can be taken out (not applicable when, rate(..., empty: na))
        self.na_allowed = False  # inside a node's lets and score, where an ``na`` value takes the node out
        self.tainted_lets: set[str] = set()  # lets whose value reads an undeclared name (E130)
        self.let_values: dict[str, n.Expr] = {}  # the lets of the node, to see what a subject is

    # -- reporting
    def _report(self, severity: str, code: str, message: Sentence, loc: n.Location) -> None:
        line = self.lines[loc.line - 1] if 0 < loc.line <= len(self.lines) and loc.file == self.ruleset.path else ""
        self.diagnostics.append(Diagnostic(severity, code, str(message), loc, line, sentence=message))

    def error(self, code: str, message: Sentence, loc: n.Location) -> None:
        self._report("error", code, message, loc)

    def warning(self, code: str, message: Sentence, loc: n.Location) -> None:
        self._report("warning", code, message, loc)

    # -- the whole ruleset
    def run(self) -> None:
        rs = self.ruleset
        header = rs.header
        if header.scale is None:
            self.error("E101", sentence("the header has no scale (write: scale 100)"), header.loc)
        if header.level is None:
            self.error("E101", sentence("the header has no level (province, department, district or commune)"), header.loc)
        all_nodes = rs.nodes()
        if len(all_nodes) > MAX_NODES:
            self.error("E009", sentence("the ruleset has {n} nodes, more than the {limit} allowed", n=len(all_nodes), limit=MAX_NODES), header.loc)
            return
        self._declare_inputs(all_nodes)
        self._check_tree(all_nodes)
        self._check_digits(all_nodes)
        for constraint in rs.constraints:
            self._check_constraint(constraint)
        for node in all_nodes:
            self._check_node(node)
        self._check_parents(all_nodes)
        self._check_unused()
        if rs.classes is not None:
            self._check_classes(rs.classes)
        if rs.ranking is not None:
            codes = {node.code for node in all_nodes}
            for code in rs.ranking.tie_break:
                if code not in codes:
                    self.error("E180", sentence("tie_break names node {code}, which the ruleset does not have", code=code), rs.ranking.loc)

    def _check_labels(self, decl: n.InputDecl) -> None:
        """A choice's labels are read back from a filled template: each must name one option only."""
        seen: dict[str, str] = {}
        codes = {unicodedata.normalize("NFC", o).casefold(): o for o in decl.options}
        for option, label in zip(decl.options, decl.labels, strict=True):
            if not label:
                continue
            if not label.strip() or label.lstrip().startswith("="):  # a cell "=..." is read as a formula
                self.error(
                    "E168",
                    sentence(
                        "option {option} of {name} has the label {label!r}, which a template cell cannot carry"
                        " (blank, or beginning with '='); write the option's words",
                        option=option, name=decl.name, label=label,
                    ),
                    decl.loc,
                )
                continue
            key = unicodedata.normalize("NFC", label).strip().casefold()
            if key in seen:
                self.error(
                    "E166",
                    sentence(
                        "options {first} and {option} of {name} have the same label {label!r};"
                        " a filled template could not tell them apart",
                        first=seen[key], option=option, name=decl.name, label=label,
                    ),
                    decl.loc,
                )
                continue
            seen[key] = option
            if key in codes and codes[key] != option:
                self.error(
                    "E167",
                    sentence(
                        "the label of option {option} of {name} is {label!r}, the code of option {other}",
                        option=option, name=decl.name, label=label, other=codes[key],
                    ),
                    decl.loc,
                )
        unlabelled = [o for o, label in zip(decl.options, decl.labels, strict=True) if not label]
        if unlabelled:
            self.warning(
                "W217",
                sentence(
                    "choice input {name} labels some options but not {options}; its dropdown will mix words and codes",
                    name=decl.name, options=", ".join(unlabelled),
                ),
                decl.loc,
            )

    def _declare_inputs(self, all_nodes: list[n.Node]) -> None:
        for decl in self.ruleset.inputs:
            if decl.name in self.inputs:
                first = self.inputs[decl.name].loc
                self.error("E102", sentence("input {name} is declared twice (first at line {line})", name=decl.name, line=first.line), decl.loc)
                continue
            if decl.name in RESERVED:
                self.error(
                    "E105", sentence("{name} is a word of the language and cannot name an input; rename it", name=decl.name), decl.loc
                )
            if decl.type == "choice" and len(set(decl.options)) != len(decl.options):
                self.error("E102", sentence("choice input {name} lists an option twice", name=decl.name), decl.loc)
            if decl.labels:
                self._check_labels(decl)
            if decl.type == "rank" and decl.low is not None and decl.high is not None and decl.low > decl.high:
                self.error("E103", sentence("rank input {name} has an empty range {low}..{high}", name=decl.name, low=decl.low, high=decl.high), decl.loc)
            if decl.low is not None and decl.high is not None and decl.low > decl.high:
                self.error("E103", sentence("input {name} has an empty range", name=decl.name), decl.loc)
            self.inputs[decl.name] = decl
        for node in all_nodes:
            if isinstance(node.score, n.PointsInput):
                name = node.score.input
                existing = self.inputs.get(name)
                if existing is not None and existing.implicit_for is None and existing.type != "points":
                    self.error(
                        "E104",
                        sentence("node {code} scores points from {name}, but {name} is declared as {type}", code=node.code, name=name, type=existing.type),
                        node.score.loc,
                    )
                    continue
                if existing is not None and existing.implicit_for is not None:
                    self.error(
                        "E104",
                        sentence("nodes {first} and {code} both take their points from input {name}", first=existing.implicit_for, code=node.code, name=name),
                        node.score.loc,
                    )
                    continue
                if existing is None:
                    self.inputs[name] = n.InputDecl(
                        name=name,
                        type="points",
                        description=node.title,
                        unit="điểm",
                        implicit_for=node.code,
                        loc=node.score.loc,
                    )
                else:
                    self.inputs[name] = attrs.evolve(existing, implicit_for=node.code)
                self.points_max[name] = node.max

    def _check_tree(self, all_nodes: list[n.Node]) -> None:
        rs = self.ruleset
        seen: dict[str, n.Node] = {}
        for node in all_nodes:
            if node.code in seen:
                first = seen[node.code]
                self.error("E110", sentence("code {code} is used twice (first at line {line})", code=node.code, line=first.loc.line), node.loc)
            else:
                seen[node.code] = node
        expected_kind = {0: "field", 1: "criterion", 2: "sub"}

        def visit(node: n.Node, parent: n.Node | None, depth: int) -> None:
            if parent is None:
                if "." in node.code:
                    self.error("E111", sentence("top-level node {code} should have a one-part code such as 3", code=node.code), node.loc)
            elif node.code.rsplit(".", 1)[0] != parent.code or "." not in node.code:
                self.error("E111", sentence("node {code} is placed under {parent}; its code says otherwise", code=node.code, parent=parent.code), node.loc)
            want = expected_kind.get(depth)
            if want is None:
                self.error("E112", sentence("node {code} is nested deeper than sub-criteria", code=node.code), node.loc)
            elif node.kind != want:
                self.error("E112", sentence("node {code} is a {kind} where a {want} belongs", code=node.code, kind=node.kind, want=want), node.loc)
            if node.children:
                if node.score is not None:
                    self.error(
                        "E123", sentence("node {code} has children and a score; a parent sums its children", code=node.code), node.loc
                    )
                total = sum((c.max for c in node.children), ZERO)
                if total != node.max:
                    self.error(
                        "E120",
                        sentence("the children of {code} add up to {total}, but its max is {max}", code=node.code, total=_fmt(total), max=_fmt(node.max)),
                        node.max_loc,
                    )
                for child in node.children:
                    visit(child, node, depth + 1)
            elif node.score is None:
                self.error("E122", sentence("node {code} has no children and no score", code=node.code), node.loc)
            if node.max < 0:
                self.error("E124", sentence("node {code} has a negative max", code=node.code), node.max_loc)

        for field in rs.fields:
            visit(field, None, 0)
        scale = rs.header.scale
        if scale is not None and rs.fields:
            total = sum((f.max for f in rs.fields), ZERO)
            if total != scale:
                self.error(
                    "E121",
                    sentence("the fields add up to {total}, but the scale is {scale}", total=_fmt(total), scale=_fmt(scale)),
                    rs.header.loc,
                )

    # -- formulas
    def _check_node(self, node: n.Node) -> None:
        self.node = node
        self.scope = {}
        self.na_allowed = False
        self.tainted_lets = set()
        if node.not_applicable_when is not None:
            kind, _ = self.visit(node.not_applicable_when)
            if kind != BOOL and not self._unknown(node.not_applicable_when):
                self.error(
                    "E131",
                    sentence("not applicable when ... needs a yes/no condition, not a {kind}", kind=WORDS.get(kind, kind)),
                    node.not_applicable_when.loc,
                )
        errors_before = len(self.diagnostics)
        self.rate_hint = None
        self.may_be_na = node.not_applicable_when is not None
        self.let_values = {let.name: let.value for let in node.lets}
        self.na_allowed = True
        for let in node.lets:
            if let.name in RESERVED:
                self.error("E105", sentence("{name} is a word of the language and cannot name a let; rename it", name=let.name), let.loc)
            elif let.name in self.scope or let.name in self.inputs:
                self.error("E132", sentence("let {name} hides another name of the same spelling", name=let.name), let.loc)
            self.scope[let.name] = self.visit(let.value)
            if self._unknown(let.value):
                self.tainted_lets.add(let.name)
        if node.score is not None and not node.children:
            kind, rng = self.visit(node.score)
            # an error inside the formula (an undeclared name, a division by zero) already says
            # what is wrong; its unknown range would only add misleading E140/E141 reports
            broken = any(d.severity == "error" for d in self.diagnostics[errors_before:])
            if kind != NUM:
                self.error("E131", sentence("the score of {code} must be a number, not a {kind}", code=node.code, kind=WORDS.get(kind, kind)), node.score.loc)
            elif not broken:
                if rng.hi is None or rng.hi > node.max:
                    reach = sentence("no upper limit") if rng.hi is None else sentence("up to {value}", value=_fmt(rng.hi))
                    hint = sentence("cap it with min(..., max)")
                    if self.rate_hint is not None:
                        hint = sentence(
                            "cap it with min(..., max), or declare constraint {constraint} if the rate cannot pass 100%",
                            constraint=self.rate_hint,
                        )
                    self.error(
                        "E140",
                        sentence("the formula of {code} can reach {reach} but the node's max is {max} ({hint})", code=node.code, reach=reach, max=_fmt(node.max), hint=hint),
                        node.score.loc,
                    )
                if rng.lo is None or rng.lo < 0:
                    lowest = sentence("any negative value") if rng.lo is None else _fmt(rng.lo)
                    self.error(
                        "E141",
                        sentence("the formula of {code} can go down to {reach} (floor it with max(0, ...))", code=node.code, reach=lowest),
                        node.score.loc,
                    )
                places = node.round_places if node.round_places is not None else self.ruleset.header.rounding_places
                self.ranges[node.code] = self._rounded(node, rng, places)
        used_lets = set()
        for expr in [node.score, node.not_applicable_when, *[let.value for let in node.lets]]:
            if expr is not None:
                used_lets |= set(n.input_names(expr))
        for let in node.lets:
            if let.name not in used_lets:
                self.warning("W202", sentence("let {name} of {code} is never used", name=let.name, code=node.code), let.loc)
        for mono in node.monotone:
            if mono.input not in self.inputs:
                near = did_you_mean_said(mono.input, list(self.inputs))
                self.error("E130", sentence("monotone names {name}, which is not a declared input{hint}", name=mono.input, hint=near), mono.loc)
            elif node.code not in self.users.get(mono.input, []) and not self._unknown(
                (node.score, node.not_applicable_when, node.lets)
            ):
                self.error(
                    "E160", sentence("node {code} does not read {name}, so it cannot be monotone in it", code=node.code, name=mono.input), mono.loc
                )
        self.node = None

    # -- rounding: a score is rounded, then capped at its max and floored at 0
    def _rounded(self, node: n.Node, rng: Range, places: int) -> Range:
        """The range of the node's score: ``rng`` rounded as the ruleset says, then capped and
        floored as the evaluator does.  Warns where the rounding, not the formula, decides the top
        score (W211) or where the max has more decimals than the rounding keeps (W210)."""
        mode = self.ruleset.header.rounding_mode
        rounded = round_range(rng, places, mode)
        top = node.max
        dec = decimals(top)
        if node.children:
            fix = sentence("write round {dec} on {code} (its max is the sum of its children), or drop its round", dec=dec, code=node.code)
        else:
            quantum = ONE.scaleb(-places)
            below, above = top.quantize(quantum, ROUND_FLOOR), top.quantize(quantum, ROUND_CEILING)
            fix = sentence("write round {dec}, or a max of {below} or {above}", dec=dec, below=_fmt(below), above=_fmt(above))
        what = (
            sentence("{code} rounds {mode} to {places} place", code=node.code, mode=mode, places=places)
            if places == 1
            else sentence("{code} rounds {mode} to {places} places", code=node.code, mode=mode, places=places)
        )
        if rng.hi is not None and rng.hi <= top and rounded.hi is not None and rounded.hi > top:
            self.warning(
                "W211",
                sentence(
                    "{what}, which carries its top score {top} up to {rounded}, above its max {max}:"
                    " the cap at the max, not the formula, gives the top score; {fix}",
                    what=what, top=_fmt(rng.hi), rounded=_fmt(rounded.hi), max=_fmt(top), fix=fix,
                ),
                node.max_loc,
            )
        elif dec > places:
            full = top.quantize(ONE.scaleb(-places), runtime.ROUNDING[mode])
            if rng.hi is not None and rng.hi >= top and full < top:
                why = sentence("so full marks {max} round to {full} and no unit can score the max", max=_fmt(top), full=_fmt(full))
            else:
                why = sentence("so no score can equal the max")
            self.warning("W210", sentence("max {max} has {dec} decimals but {what}, {why}; {fix}", max=_fmt(top), dec=dec, what=what, why=why, fix=fix), node.max_loc)
        result = score_range(rounded, top)
        return Range(ZERO, result.hi) if self.may_be_na else result

    def _check_parents(self, all_nodes: list[n.Node]) -> None:
        """A parent's range is its children's sum, rounded (if it has ``round``) and capped."""
        for node in reversed(all_nodes):  # children before parents
            if not node.children or any(c.code not in self.ranges for c in node.children):
                continue
            total = Range(ZERO, ZERO)
            for child in node.children:
                total = add(total, self.ranges[child.code])
            self.may_be_na = False  # a child that does not apply already has 0 in its range
            if node.round_places is None:
                self.ranges[node.code] = score_range(total, node.max)
            else:
                self.ranges[node.code] = self._rounded(node, total, node.round_places)

    def _check_digits(self, all_nodes: list[n.Node]) -> None:
        """Every score, rounded, must fit the digits the evaluator carries, or rounding it fails."""
        header = self.ruleset.header
        if header.scale is None:
            return
        # every score lies within 0..scale; a rounding carry can add one digit before the point
        width = max(header.scale.adjusted(), 0) + 2

        def fits(places: int, loc: n.Location) -> None:
            if width + places > DECIMAL_PRECISION:
                self.error(
                    "E146",
                    sentence(
                        "a score rounded to {places} places under a scale of {scale} needs {digits} digits,"
                        " more than the {precision} the evaluator carries;"
                        " round to at most {most} places or use a smaller scale",
                        places=places, scale=_fmt(header.scale or ZERO), digits=width + places,
                        precision=DECIMAL_PRECISION, most=DECIMAL_PRECISION - width,
                    ),
                    loc,
                )

        if any(not node.children and node.round_places is None for node in all_nodes):
            fits(header.rounding_places, header.loc)
        for node in all_nodes:
            if node.round_places is not None:
                fits(node.round_places, node.loc)

    def _check_constraint(self, constraint: n.Constraint) -> None:
        self.node = None
        self.scope = {}  # constraints are checked before any node: na_allowed is False, no let is tainted
        kind, _ = self.visit(constraint.condition)
        if kind != BOOL and not self._unknown(constraint.condition):
            self.error("E131", sentence("a constraint must be a yes/no condition, not a {kind}", kind=WORDS.get(kind, kind)), constraint.condition.loc)
        cond = constraint.condition
        if isinstance(cond, n.Compare) and cond.op in ("<=", "<", ">=", ">"):
            small, big = (cond.left, cond.right) if cond.op in ("<=", "<") else (cond.right, cond.left)
            self.known_ordered.add((shape(small), shape(big)))

    def _check_unused(self) -> None:
        for name, decl in self.inputs.items():
            if decl.implicit_for is None and name not in self.users:
                self.warning("W201", sentence("input {name} is declared but no formula uses it", name=name), decl.loc)

    def visit(self, expr: n.Expr, depth: int = 0) -> tuple[str, Range]:
        if depth > MAX_EXPRESSION_DEPTH:
            self.error("E009", sentence("a formula is nested more than {limit} operators deep", limit=MAX_EXPRESSION_DEPTH), expr.loc)
            return NUM, EVERYTHING
        method = getattr(self, "visit_" + type(expr).__name__)
        return method(expr, depth + 1)  # type: ignore[no-any-return]

    def _unknown(self, expr: object) -> bool:
        """The expression reads a name that is not declared (already reported as E130), directly
        or through a let: its kind and range are guesses, so no error may be drawn from them."""
        for item in n.walk_expr(expr):
            if isinstance(item, n.Ref) and (
                item.name in self.tainted_lets or (item.name not in self.scope and item.name not in self.inputs)
            ):
                return True
            if isinstance(item, n.Choice) and item.input not in self.inputs:
                return True
        return False

    def _number(self, expr: n.Expr, depth: int, what: str) -> Range:
        kind, rng = self.visit(expr, depth)
        if kind == BOOL:
            self.error("E131", sentence("{what} needs a number, but this is yes/no (use if ... then ... else ...)", what=WORDS.get(what, what)), expr.loc)
        elif kind == CHOICE:
            self.error("E131", sentence("{what} needs a number, but this is a choice (use choice NAME {{ ... }})", what=WORDS.get(what, what)), expr.loc)
        return rng

    def visit_Number(self, expr: n.Number, depth: int) -> tuple[str, Range]:
        return NUM, point(expr.value)

    def visit_Percent(self, expr: n.Percent, depth: int) -> tuple[str, Range]:
        return NUM, point(expr.value)

    def visit_NodeMax(self, expr: n.NodeMax, depth: int) -> tuple[str, Range]:
        if self.node is None:
            self.error("E133", sentence("max (the node's maximum) is only meaningful inside a node"), expr.loc)
            return NUM, EVERYTHING
        return NUM, point(self.node.max)

    def visit_Ref(self, expr: n.Ref, depth: int) -> tuple[str, Range]:
        if expr.name in self.scope:
            return self.scope[expr.name]
        decl = self.inputs.get(expr.name)
        if decl is None:
            hint = did_you_mean_said(expr.name, [*self.inputs, *self.scope])
            self.error("E130", sentence("{name} is not a declared input or a let of this node{hint}", name=expr.name, hint=hint), expr.loc)
            return NUM, EVERYTHING
        self._use(expr.name)
        if decl.type == "yesno":
            return BOOL, Range(ZERO, ONE)
        if decl.type == "choice":
            return CHOICE, EVERYTHING
        return NUM, input_range(decl, self.points_max.get(expr.name))

    def _use(self, name: str) -> None:
        users = self.users.setdefault(name, [])
        code = self.node.code if self.node is not None else None
        if code is not None and code not in users:
            users.append(code)

    def visit_PointsInput(self, expr: n.PointsInput, depth: int) -> tuple[str, Range]:
        self._use(expr.input)
        decl = self.inputs.get(expr.input)
        if decl is None:  # already reported by _declare_inputs
            return NUM, EVERYTHING
        return NUM, input_range(decl, self.points_max.get(expr.input))

    def visit_BinOp(self, expr: n.BinOp, depth: int) -> tuple[str, Range]:
        a = self._number(expr.left, depth, f"{expr.op!r}")
        b = self._number(expr.right, depth, f"{expr.op!r}")
        if expr.op == "+":
            return NUM, add(a, b)
        if expr.op == "-":
            return NUM, sub(a, b)
        if expr.op == "*":
            return NUM, mul(a, b)
        if b.contains_zero() and not self._unknown(expr.right):
            self.error(
                "E142",
                sentence("this division can divide by zero; write rate(a, b, empty: ...) to say what 0/0 scores"),
                expr.loc,
            )
            return NUM, EVERYTHING
        return NUM, div(a, b)

    def visit_Neg(self, expr: n.Neg, depth: int) -> tuple[str, Range]:
        return NUM, neg(self._number(expr.operand, depth, "'-'"))

    def visit_Compare(self, expr: n.Compare, depth: int) -> tuple[str, Range]:
        left_kind, left = self.visit(expr.left, depth)
        right_kind, right = self.visit(expr.right, depth)
        if expr.op in ("==", "!=") and left_kind == right_kind == BOOL:
            return BOOL, Range(ZERO, ONE)
        if left_kind != NUM or right_kind != NUM:
            if self._unknown(expr):
                return BOOL, Range(ZERO, ONE)
            self.error("E131", sentence("{op} compares numbers, not {left} with {right}", op=expr.op, left=WORDS.get(left_kind, left_kind), right=WORDS.get(right_kind, right_kind)), expr.loc)
            return BOOL, Range(ZERO, ONE)
        outcome = _decide(expr.op, left, right)
        # the side that is a bare number is the threshold; the other is the subject
        subject, subject_range, threshold = expr.left, left, expr.right
        if isinstance(expr.left, n.Number) and not isinstance(expr.right, n.Number):
            subject, subject_range, threshold = expr.right, right, expr.left
        if outcome is not None:
            hint: Sentence | str = ""
            if isinstance(threshold, n.Number):
                hint = self._percent_hint(threshold.value, _text(threshold.value), subject, subject_range)
            self.warning(
                "W213",
                sentence(
                    "{condition} is always true: {why}{hint}",
                    condition=render.expr(expr), why=self._describe(subject, subject_range), hint=hint,
                )
                if outcome
                else sentence(
                    "{condition} is always false: {why}{hint}",
                    condition=render.expr(expr), why=self._describe(subject, subject_range), hint=hint,
                ),
                expr.loc,
            )
        elif isinstance(threshold, n.Number):
            self._rate_trap(subject, subject_range, [(threshold.value, _text(threshold.value))], expr.loc)
        return BOOL, Range(ZERO, ONE)

    # -- the percent trap: a threshold no value of its subject reaches (95 where 95% was meant)
    def _subject_kind(self, expr: n.Expr) -> str | None:
        """'percent' for a percent input or a rate(), 'ratio' for a ratio input (through lets)."""
        for _ in range(len(self.let_values) + 1):
            if not (isinstance(expr, n.Ref) and expr.name in self.let_values):
                break
            expr = self.let_values[expr.name]
        if isinstance(expr, n.Rate):
            return "rate"
        if isinstance(expr, n.Ref) and expr.name in self.inputs and self.inputs[expr.name].type in ("percent", "ratio"):
            return self.inputs[expr.name].type
        return None

    def _describe(self, subject: n.Expr, rng: Range) -> Sentence:
        kind = self._subject_kind(subject)
        shown = sentence("{subject} ranges over {range}", subject=render.expr(subject), range=rng)
        if kind == "percent" and rng.lo is not None and rng.hi is not None:
            shown = sentence(
                "{subject} ranges over {range} ({low}%..{high}% as written in the data)",
                subject=render.expr(subject), range=rng, low=_fmt(rng.lo * 100), high=_fmt(rng.hi * 100),
            )
        return shown

    def _percent_hint(self, value: Decimal, text: str, subject: n.Expr, rng: Range) -> Sentence | str:
        """'; did you mean 95%?' when ``value`` / 100 is a value the subject can take."""
        scaled = value.scaleb(-2)
        kind = self._subject_kind(subject)
        share = kind is not None or rng.within(Range(ZERO, ONE))  # a count in 0..50 is no share
        if value <= 1 or not share or not Range(scaled, scaled).within(rng):
            return ""
        if kind == "ratio":
            return sentence("; did you mean {ratio}? (a ratio runs from 0 to 1)", ratio=_fmt(scaled))
        return sentence(
            "; did you mean {text}%? (inside formulas a percent is a ratio: {text}% is {ratio})", text=text, ratio=_fmt(scaled)
        )

    def _rate_trap(self, subject: n.Expr, rng: Range, thresholds: list[tuple[Decimal, str]], loc: n.Location) -> None:
        """A bare number above 1 against a rate whose part is not known to stay within its whole:
        the rate reaches it only when the part is that many times the whole."""
        if self._subject_kind(subject) != "rate" or rng.hi is not None:
            return
        bare = [(value, text) for value, text in thresholds if 1 < value <= 100 and not text.endswith("%")]
        if bare:
            value, text = bare[0]
            self.warning(
                "W214",
                sentence(
                    "{subject} is a ratio (100% is 1), so {text} means {percent}%;"
                    " did you mean {text}%? (if the rate can pass 100%, write {percent}% to say so)",
                    subject=render.expr(subject), text=text, percent=_fmt(value * 100),
                ),
                loc,
            )

    def _bool(self, expr: n.Expr, depth: int, what: str) -> None:
        kind, _ = self.visit(expr, depth)
        if kind != BOOL and not self._unknown(expr):
            self.error("E131", sentence("{what} needs a yes/no condition, not a {kind}", what=what, kind=WORDS.get(kind, kind)), expr.loc)

    def visit_BoolOp(self, expr: n.BoolOp, depth: int) -> tuple[str, Range]:
        self._bool(expr.left, depth, expr.op)
        self._bool(expr.right, depth, expr.op)
        return BOOL, Range(ZERO, ONE)

    def visit_Not(self, expr: n.Not, depth: int) -> tuple[str, Range]:
        self._bool(expr.operand, depth, "not")
        return BOOL, Range(ZERO, ONE)

    def visit_If(self, expr: n.If, depth: int) -> tuple[str, Range]:
        self._bool(expr.condition, depth, "if")
        return NUM, self._values([(expr.then, "then"), (expr.otherwise, "else")], depth)

    def _values(self, values: Sequence[tuple[n.Expr, str]], depth: int) -> Range:
        """The hull of the branches' values (tiers, rank bands, cases, then/else); a branch that
        is ``na`` adds no value (the node is then taken out), so it is left out of the hull."""
        ranges = [self._number(e, depth, what) for e, what in values if not isinstance(e, n.NotApplicableValue)]
        for e, _what in values:
            if isinstance(e, n.NotApplicableValue):
                self.visit(e, depth)
        return hull(ranges) if ranges else point(ZERO)

    def visit_NotApplicableValue(self, expr: n.NotApplicableValue, depth: int) -> tuple[str, Range]:
        if not self.na_allowed:
            self.error(
                "E162",
                sentence(
                    "na (not applicable) can only be a value of a node's score or let, not of a constraint "
                    "or a not applicable when condition"
                ),
                expr.loc,
            )
        self.may_be_na = True
        return NUM, point(ZERO)

    def visit_Rate(self, expr: n.Rate, depth: int) -> tuple[str, Range]:
        part = self._number(expr.part, depth, "rate()")
        whole = self._number(expr.whole, depth, "rate()")
        if (part.lo is None or part.lo < 0) and not self._unknown(expr.part):
            self.error("E144", sentence("the part of rate() can be negative; floor it with max(0, ...)"), expr.part.loc)
        if (whole.lo is None or whole.lo < 0) and not self._unknown(expr.whole):
            self.error("E144", sentence("the whole of rate() can be negative; floor it with max(0, ...)"), expr.whole.loc)
        ranges: list[Range] = []
        if isinstance(expr.empty, n.NotApplicableValue):
            self.visit(expr.empty, depth)
        if (shape(expr.part), shape(expr.whole)) in self.known_ordered:
            ranges.append(Range(ZERO, ONE))
        elif whole.lo is not None and whole.lo > 0:
            ranges.append(div(part, whole))
        else:
            # the whole can come arbitrarily close to zero: no upper limit unless the part is 0
            ranges.append(Range(ZERO, ZERO if part.hi == 0 else None))
        if ranges[0].hi is None or ranges[0].hi > ONE:
            self.rate_hint = f"{render.expr(expr.part)} <= {render.expr(expr.whole)}"
        if whole.contains_zero():
            if expr.empty is None:
                if not self._unknown(expr.whole):
                    self.error(
                        "E143",
                        sentence(
                            "rate() needs a policy for a zero whole: add empty: 100%, empty: 0 or empty: na"
                            " (the rate to use when the whole is 0)"
                        ),
                        expr.loc,
                    )
            elif not isinstance(expr.empty, n.NotApplicableValue):
                ranges.append(self._number(expr.empty, depth, "empty:"))
        elif expr.empty is not None and not isinstance(expr.empty, n.NotApplicableValue):
            self._number(expr.empty, depth, "empty:")
        return NUM, hull(ranges)

    def visit_Extremum(self, expr: n.Extremum, depth: int) -> tuple[str, Range]:
        ranges = [self._number(a, depth, f"{expr.kind}()") for a in expr.args]
        return NUM, (minimum(ranges) if expr.kind == "min" else maximum(ranges))

    def visit_Clamp(self, expr: n.Clamp, depth: int) -> tuple[str, Range]:
        value = self._number(expr.value, depth, "clamp()")
        low = self._number(expr.low, depth, "clamp()")
        high = self._number(expr.high, depth, "clamp()")
        if low.lo is not None and high.hi is not None and low.lo > high.hi:
            self.error("E145", sentence("clamp() has a low bound above its high bound"), expr.loc)
        return NUM, minimum([maximum([value, low]), high])

    def visit_Deduct(self, expr: n.Deduct, depth: int) -> tuple[str, Range]:
        events = self._number(expr.events, depth, "deduct()")
        each = self._number(expr.each, depth, "deduct()")
        floor = self._number(expr.floor, depth, "deduct() floor:")
        start = self._number(expr.start, depth, "deduct() start:")
        if (events.lo is None or events.lo < 0 or each.lo is None or each.lo < 0) and not self._unknown(
            (expr.events, expr.each)
        ):
            self.error("E144", sentence("deduct() takes a non-negative number of events and points per event"), expr.loc)
        return NUM, maximum([floor, sub(start, mul(events, each))])

    def visit_Tiers(self, expr: n.Tiers, depth: int) -> tuple[str, Range]:
        subject = self._number(expr.subject, depth, "tiers")
        otherwise = self._otherwise([t.otherwise for t in expr.tiers], [t.loc for t in expr.tiers], "tier")
        intervals = [t.interval for t in expr.tiers if not t.otherwise]
        if intervals:
            gap = self._check_cover(
                intervals, subject, "tier", "E150", "E151", otherwise, ends=not self._unknown(expr.subject)
            )
            if otherwise is not None and not gap:
                self.warning(
                    "W215",
                    sentence(
                        "otherwise can never apply: the tiers above it cover every value ({why})",
                        why=self._describe(expr.subject, subject),
                    ),
                    otherwise,
                )
        for tier in expr.tiers:
            iv = tier.interval
            if not _may_meet(iv, subject):
                # a tier above the subject's range may start at a percent written bare (from 95 where
                # 95% was meant); one below it cannot: its bounds are under every value of the
                # subject, and a bare percent above 1 lies above its ratio
                low = iv.lower
                hint = "" if low is None else self._percent_hint(low.value, low.text, expr.subject, subject)
                self.warning(
                    "W212",
                    sentence(
                        "tier '{tier}' can never apply: {why}{hint}",
                        tier=iv.describe(), why=self._describe(expr.subject, subject), hint=hint,
                    ),
                    iv.loc,
                )
        bounds = [b for t in expr.tiers for b in (t.interval.lower, t.interval.upper) if b is not None]
        self._rate_trap(expr.subject, subject, [(b.value, b.text) for b in bounds], expr.loc)
        values: list[tuple[n.Tier, Range]] = []
        for tier in expr.tiers:
            if isinstance(tier.value, n.NotApplicableValue):  # adds no value: the node is taken out
                self.visit(tier.value, depth)
            else:
                values.append((tier, self._number(tier.value, depth, "a tier")))
        reachable = [r for t, r in values if _may_meet(t.interval, subject)]
        return NUM, hull(reachable or [r for _, r in values] or [point(ZERO)])

    def _otherwise(self, flags: Sequence[bool], locs: Sequence[n.Location], what: str) -> n.Location | None:
        """Where the table's otherwise row is (None without one); E161 unless it is the only
        one and the last row, since it takes every value the rows above it leave."""
        where = [i for i, flag in enumerate(flags) if flag]
        if len(where) > 1:
            self.error("E161", sentence("a table has at most one otherwise {what}; this is another", what=WORDS.get(what, what)), locs[where[1]])
        elif where and where[0] != len(flags) - 1:
            self.error(
                "E161",
                sentence(
                    "the otherwise {what} must be the last (it takes what the {whats} above it leave)",
                    what=WORDS.get(what, what), whats=PLURALS.get(what, what),
                ),
                locs[where[0]],
            )
        return locs[where[0]] if where else None

    def _check_cover(
        self,
        intervals: Sequence[n.Interval],
        domain: Range,
        what: str,
        overlap: str,
        gap: str,
        otherwise: n.Location | None = None,
        ends: bool = True,
    ) -> bool:
        """Intervals must not overlap and must leave no gap over the subject's domain, unless an
        otherwise row takes the rest.  True when some value of the domain falls in no interval."""
        found = False

        def missing(message: Sentence, loc: n.Location) -> None:
            nonlocal found
            found = True
            if otherwise is None:
                self.error(gap, message, loc)

        ordered = sorted(intervals, key=_lower_key)
        # each interval is compared with the one reaching furthest so far, not the previous one: an
        # interval nested in a wider one overlaps it but leaves no gap after itself
        last = ordered[0]
        for b in ordered[1:]:
            a = last
            if _overlaps(a, b):
                self.error(overlap, sentence("{whats} '{a}' and '{b}' overlap", whats=PLURALS.get(what, what), a=a.describe(), b=b.describe()), b.loc)
            elif _gap_between(a, b) is not None:
                missing(sentence("no {what} covers the values between '{a}' and '{b}'", what=WORDS[what], a=a.describe(), b=b.describe()), b.loc)
            if _reaches_further(b, a):
                last = b
        first = ordered[0]
        if ends and first.lower is not None and (
            domain.lo is None
            or domain.lo < first.lower.value
            or (domain.lo == first.lower.value and not first.lower.closed)
        ):
            low = "-∞" if domain.lo is None else _fmt(domain.lo)
            missing(sentence("no {what} covers values from {low} up to '{first}'", what=WORDS[what], low=low, first=first.describe()), first.loc)
        if ends and last.upper is not None and (
            domain.hi is None
            or domain.hi > last.upper.value
            or (domain.hi == last.upper.value and not last.upper.closed)
        ):
            high = "+∞" if domain.hi is None else _fmt(domain.hi)
            missing(sentence("no {what} covers values above '{last}' (up to {high})", what=WORDS[what], last=last.describe(), high=high), last.loc)
        return found

    def visit_Linear(self, expr: n.Linear, depth: int) -> tuple[str, Range]:
        subject = self._number(expr.subject, depth, "linear")
        ats = [p.at for p in expr.points]
        if len(ats) < 2:
            self.error("E154", sentence("linear needs at least two points"), expr.loc)
        if any(b <= a for a, b in itertools.pairwise(ats)):
            self.error("E154", sentence("the points of linear must be in increasing order with no repeats"), expr.loc)
        elif ats:
            # a point outside the subject's range still sets the slope of the line that reaches into
            # it; the line is wrong when every value falls on one flat end, or a point is a percent trap
            flat = (subject.hi is not None and subject.hi <= ats[0]) or (
                subject.lo is not None and subject.lo >= ats[-1]
            )
            for p in expr.points:
                if not Range(p.at, p.at).within(subject):
                    hint = self._percent_hint(p.at, p.at_text, expr.subject, subject)
                    if hint or flat:
                        self.warning(
                            "W212",
                            sentence(
                                "linear point {point} can never be reached: {why}{flat}{hint}",
                                point=p.at_text, why=self._describe(expr.subject, subject), hint=hint,
                                flat=sentence(", so linear gives every unit the same score") if flat else "",
                            ),
                            p.loc,
                        )
            self._rate_trap(expr.subject, subject, [(p.at, p.at_text) for p in expr.points], expr.loc)
        values = [self._number(p.value, depth, "a linear point") for p in expr.points]
        return NUM, hull(values)

    def visit_Ranks(self, expr: n.Ranks, depth: int) -> tuple[str, Range]:
        subject = self._number(expr.subject, depth, "ranks")
        otherwise = self._otherwise([b.otherwise for b in expr.bands], [b.loc for b in expr.bands], "rank band")
        spans = [(b.first, b.last, b) for b in expr.bands if b.first is not None and b.last is not None]
        gap = False

        def missing(message: Sentence, loc: n.Location) -> None:
            nonlocal gap
            gap = True
            if otherwise is None:
                self.error("E153", message, loc)

        for first, last, band in spans:
            if first > last:
                self.error("E152", sentence("rank band {first}..{last} is empty", first=first, last=last), band.loc)
        ordered = sorted(spans, key=lambda span: span[0])
        # the band reaching furthest so far, not the previous one: a band nested in a wider one
        # (1..63 and 5..6) overlaps it but leaves no gap after itself
        reach = ordered[0] if ordered else None
        for b_first, b_last, b in ordered[1:]:
            assert reach is not None
            a_first, a_last, _a = reach
            if b_first <= a_last:
                self.error("E152", sentence("rank bands {a} and {b} overlap", a=f"{a_first}..{a_last}", b=f"{b_first}..{b_last}"), b.loc)
            elif b_first > a_last + 1:
                missing_ranks = (
                    sentence("rank {rank}", rank=a_last + 1)
                    if a_last + 1 == b_first - 1
                    else sentence("ranks {first}..{last}", first=a_last + 1, last=b_first - 1)
                )
                missing(sentence("no rank band covers {ranks}", ranks=missing_ranks), b.loc)
            if b_last > a_last:
                reach = (b_first, b_last, b)
        if reach is not None and not self._unknown(expr.subject):
            if subject.lo is None or subject.lo < ordered[0][0]:
                missing(sentence("no rank band covers ranks below {rank}", rank=ordered[0][0]), ordered[0][2].loc)
            if subject.hi is None or subject.hi > reach[1]:
                missing(sentence("no rank band covers ranks above {rank}", rank=reach[1]), reach[2].loc)
        if ordered and otherwise is not None and not gap:
            self.warning(
                "W215",
                sentence(
                    "otherwise can never apply: the rank bands above it cover every rank ({why})",
                    why=self._describe(expr.subject, subject),
                ),
                otherwise,
            )
        for first, last, band in spans:
            if first <= last and not Range(Decimal(first), Decimal(last)).meets(subject):
                self.warning(
                    "W212",
                    sentence(
                        "rank band {first}..{last} can never apply: {why}",
                        first=first, last=last, why=self._describe(expr.subject, subject),
                    ),
                    band.loc,
                )
        return NUM, self._values([(b.value, "a rank band") for b in expr.bands], depth)

    def visit_Choice(self, expr: n.Choice, depth: int) -> tuple[str, Range]:
        decl = self.inputs.get(expr.input)
        if decl is None:
            hint = did_you_mean_said(expr.input, [name for name, d in self.inputs.items() if d.type == "choice"])
            self.error("E130", sentence("{name} is not a declared input{hint}", name=expr.input, hint=hint), expr.loc)
        elif decl.type != "choice":
            self.error("E131", sentence("choice needs a choice input, but {name} is {type}", name=expr.input, type=decl.type), expr.loc)
        else:
            self._use(expr.input)
            given = [c.option for c in expr.cases]
            for case in expr.cases:
                if case.option not in decl.options:
                    self.error("E156", sentence("{option} is not an option of {name}", option=case.option, name=expr.input), case.loc)
            if len(set(given)) != len(given):
                self.error("E156", sentence("an option is given twice"), expr.loc)
            missing = [o for o in decl.options if o not in given]
            if missing:
                self.error("E155", sentence("choice {name} does not say what {options} scores", name=expr.input, options=", ".join(missing)), expr.loc)
        return NUM, self._values([(c.value, "a choice") for c in expr.cases], depth)

    # -- across units
    def _check_classes(self, classes: n.Classes) -> None:
        top = Decimal(100) if classes.measure == "index" else (self.ruleset.header.scale or Decimal(100))
        names = [b.name for b in classes.bands]
        if len(set(names)) != len(names):
            self.error("E170", sentence("a class name is given twice"), classes.loc)
        self._check_cover([b.interval for b in classes.bands], Range(ZERO, top), "class band", "E170", "E171")


def _lower_key(interval: n.Interval) -> tuple[int, Decimal, int]:
    if interval.lower is None:
        return (0, ZERO, 0)
    return (1, interval.lower.value, 0 if interval.lower.closed else 1)


def _overlaps(a: n.Interval, b: n.Interval) -> bool:
    """a starts no later than b; do they share a value?"""
    if a.upper is None:
        return True
    if b.lower is None:
        return True
    if a.upper.value > b.lower.value:
        return True
    return a.upper.value == b.lower.value and a.upper.closed and b.lower.closed


def _reaches_further(b: n.Interval, a: n.Interval) -> bool:
    """Does b cover values above all of a's?"""
    if a.upper is None:
        return False
    if b.upper is None:
        return True
    return b.upper.value > a.upper.value or (
        b.upper.value == a.upper.value and b.upper.closed and not a.upper.closed
    )


def _gap_between(a: n.Interval, b: n.Interval) -> Decimal | None:
    assert a.upper is not None and b.lower is not None
    if a.upper.value < b.lower.value:
        return a.upper.value
    if a.upper.value == b.lower.value and not a.upper.closed and not b.lower.closed:
        return a.upper.value
    return None


def _text(value: Decimal) -> str:
    return _fmt(value)


def _decide(op: str, a: Range, b: Range) -> bool | None:
    """The outcome of ``a op b`` when every pair of values gives the same one, else None."""

    def below(x: Range, y: Range, strict: bool) -> bool:  # every x is < y (or <= y)
        if x.hi is None or y.lo is None:
            return False
        return x.hi < y.lo if strict else x.hi <= y.lo

    if op in ("<", "<=", ">", ">="):
        small, big = (a, b) if op in ("<", "<=") else (b, a)
        strict = op in ("<", ">")
        if below(small, big, strict):
            return True
        if below(big, small, not strict):
            return False
        return None
    same = a.lo is not None and a.lo == a.hi == b.lo == b.hi
    apart = not a.meets(b)
    if op == "==":
        return True if same else False if apart else None
    return False if same else True if apart else None


def _may_meet(interval: n.Interval, domain: Range) -> bool:
    if interval.lower is not None and domain.hi is not None and interval.lower.value > domain.hi:
        return False
    if interval.upper is not None and domain.lo is not None and interval.upper.value < domain.lo:
        return False
    return True
