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
from collections.abc import Iterable, Sequence
from decimal import Decimal, Overflow, localcontext
from typing import Any

import attrs

from . import nodes as n
from . import render
from .errors import Diagnostic, RulesetError, did_you_mean
from .limits import MAX_EXPRESSION_DEPTH, MAX_NODES

NUM, BOOL, CHOICE = "number", "yes/no", "choice"
# Words that mean something inside a formula: a name spelled so could be declared but never read.
RESERVED = frozenset(("max", "if", "then", "else", "and", "or", "not", "tiers", "linear", "ranks", "choice", "na"))
ZERO = Decimal(0)
ONE = Decimal(1)


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


def _fmt(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    if "." in text and len(text.split(".")[1]) > 6:
        text = f"{value:.6f}".rstrip("0")
    return text


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
    lo = None if a.lo is None or b.lo is None else a.lo + b.lo
    hi = None if a.hi is None or b.hi is None else a.hi + b.hi
    return Range(lo, hi)


def neg(a: Range) -> Range:
    return Range(None if a.hi is None else -a.hi, None if a.lo is None else -a.lo)


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
    products = []
    with localcontext() as ctx:
        # a bound near or beyond the largest Decimal is no bound (a sum of two would overflow
        # here); evaluate reports D110 if a unit really gets there
        ctx.traps[Overflow] = False
        for x in (alo, ahi):
            for y in (blo, bhi):
                if (x == 0 and y.is_infinite()) or (y == 0 and x.is_infinite()):
                    products.append(ZERO)
                else:
                    p = x * y
                    products.append(p if p.is_infinite() or p.adjusted() < 999_000 else _INF.copy_sign(p))
    return _from_inf(min(products), max(products))


def div(a: Range, b: Range) -> Range:
    """a / b for a divisor that cannot be zero (the caller has checked)."""
    blo, bhi = _to_inf(b)
    with localcontext() as ctx:
        ctx.traps[Overflow] = False  # 1 / (a tiny bound) beyond any Decimal: no bound, as in mul
        inverses = [ONE / y if not y.is_infinite() else ZERO for y in (blo, bhi)]
    return mul(a, _from_inf(min(inverses), max(inverses)))


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
    default = {
        "count": Range(ZERO, None),
        "money": Range(ZERO, None),
        "percent": Range(ZERO, ONE),
        "ratio": Range(ZERO, ONE),
        "number": EVERYTHING,
        "points": Range(ZERO, node_max),
        "rank": Range(decl.low, decl.high),
    }.get(decl.type, EVERYTHING)
    lo = default.lo if decl.low is None else decl.low * scale
    hi = default.hi if decl.high is None else decl.high * scale
    return Range(lo, hi)


def check(ruleset: n.Ruleset, source_lines: Sequence[str] | None = None) -> Checked:
    """Check a resolved ruleset; raise RulesetError listing every error, return warnings otherwise."""
    checker = _Checker(ruleset, list(source_lines or []))
    try:
        checker.run()
    except RecursionError:
        checker.error("E009", "the ruleset is nested too deeply to check", ruleset.header.loc)
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

    # -- reporting
    def _report(self, severity: str, code: str, message: str, loc: n.Location) -> None:
        line = self.lines[loc.line - 1] if 0 < loc.line <= len(self.lines) and loc.file == self.ruleset.path else ""
        self.diagnostics.append(Diagnostic(severity, code, message, loc, line))

    def error(self, code: str, message: str, loc: n.Location) -> None:
        self._report("error", code, message, loc)

    def warning(self, code: str, message: str, loc: n.Location) -> None:
        self._report("warning", code, message, loc)

    # -- the whole ruleset
    def run(self) -> None:
        rs = self.ruleset
        header = rs.header
        if header.scale is None:
            self.error("E101", "the header has no scale (write: scale 100)", header.loc)
        if header.level is None:
            self.error("E101", "the header has no level (province, department, district or commune)", header.loc)
        all_nodes = rs.nodes()
        if len(all_nodes) > MAX_NODES:
            self.error("E009", f"the ruleset has {len(all_nodes)} nodes, more than the {MAX_NODES} allowed", header.loc)
            return
        self._declare_inputs(all_nodes)
        self._check_tree(all_nodes)
        for constraint in rs.constraints:
            self._check_constraint(constraint)
        for node in all_nodes:
            self._check_node(node)
        self._check_unused()
        if rs.classes is not None:
            self._check_classes(rs.classes)
        if rs.ranking is not None:
            codes = {node.code for node in all_nodes}
            for code in rs.ranking.tie_break:
                if code not in codes:
                    self.error("E180", f"tie_break names node {code}, which the ruleset does not have", rs.ranking.loc)

    def _declare_inputs(self, all_nodes: list[n.Node]) -> None:
        for decl in self.ruleset.inputs:
            if decl.name in self.inputs:
                first = self.inputs[decl.name].loc
                self.error("E102", f"input {decl.name} is declared twice (first at line {first.line})", decl.loc)
                continue
            if decl.name in RESERVED:
                self.error(
                    "E105", f"{decl.name} is a word of the language and cannot name an input; rename it", decl.loc
                )
            if decl.type == "choice" and len(set(decl.options)) != len(decl.options):
                self.error("E102", f"choice input {decl.name} lists an option twice", decl.loc)
            if decl.type == "rank" and decl.low is not None and decl.high is not None and decl.low > decl.high:
                self.error("E103", f"rank input {decl.name} has an empty range {decl.low}..{decl.high}", decl.loc)
            if decl.low is not None and decl.high is not None and decl.low > decl.high:
                self.error("E103", f"input {decl.name} has an empty range", decl.loc)
            self.inputs[decl.name] = decl
        for node in all_nodes:
            if isinstance(node.score, n.PointsInput):
                name = node.score.input
                existing = self.inputs.get(name)
                if existing is not None and existing.implicit_for is None and existing.type != "points":
                    self.error(
                        "E104",
                        f"node {node.code} scores points from {name}, but {name} is declared as {existing.type}",
                        node.score.loc,
                    )
                    continue
                if existing is not None and existing.implicit_for is not None:
                    self.error(
                        "E104",
                        f"nodes {existing.implicit_for} and {node.code} both take their points from input {name}",
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
                self.error("E110", f"code {node.code} is used twice (first at line {first.loc.line})", node.loc)
            else:
                seen[node.code] = node
        expected_kind = {0: "field", 1: "criterion", 2: "sub"}

        def visit(node: n.Node, parent: n.Node | None, depth: int) -> None:
            if parent is None:
                if "." in node.code:
                    self.error("E111", f"top-level node {node.code} should have a one-part code such as 3", node.loc)
            elif node.code.rsplit(".", 1)[0] != parent.code or "." not in node.code:
                self.error("E111", f"node {node.code} is placed under {parent.code}; its code says otherwise", node.loc)
            want = expected_kind.get(depth)
            if want is None:
                self.error("E112", f"node {node.code} is nested deeper than sub-criteria", node.loc)
            elif node.kind != want:
                self.error("E112", f"node {node.code} is a {node.kind} where a {want} belongs", node.loc)
            if node.children:
                if node.score is not None:
                    self.error(
                        "E123", f"node {node.code} has children and a score; a parent sums its children", node.loc
                    )
                total = sum((c.max for c in node.children), ZERO)
                if total != node.max:
                    self.error(
                        "E120",
                        f"the children of {node.code} add up to {_fmt(total)}, but its max is {_fmt(node.max)}",
                        node.max_loc,
                    )
                for child in node.children:
                    visit(child, node, depth + 1)
            elif node.score is None:
                self.error("E122", f"node {node.code} has no children and no score", node.loc)
            if node.max < 0:
                self.error("E124", f"node {node.code} has a negative max", node.max_loc)

        for field in rs.fields:
            visit(field, None, 0)
        scale = rs.header.scale
        if scale is not None and rs.fields:
            total = sum((f.max for f in rs.fields), ZERO)
            if total != scale:
                self.error(
                    "E121",
                    f"the fields add up to {_fmt(total)}, but the scale is {_fmt(scale)}",
                    rs.header.loc,
                )

    # -- formulas
    def _check_node(self, node: n.Node) -> None:
        self.node = node
        self.scope = {}
        if node.not_applicable_when is not None:
            kind, _ = self.visit(node.not_applicable_when)
            if kind != BOOL:
                self.error(
                    "E131",
                    f"not applicable when ... needs a yes/no condition, not a {kind}",
                    node.not_applicable_when.loc,
                )
        errors_before = len(self.diagnostics)
        self.rate_hint = None
        for let in node.lets:
            if let.name in RESERVED:
                self.error("E105", f"{let.name} is a word of the language and cannot name a let; rename it", let.loc)
            elif let.name in self.scope or let.name in self.inputs:
                self.error("E132", f"let {let.name} hides another name of the same spelling", let.loc)
            self.scope[let.name] = self.visit(let.value)
        if node.score is not None and not node.children:
            kind, rng = self.visit(node.score)
            # an error inside the formula (an undeclared name, a division by zero) already says
            # what is wrong; its unknown range would only add misleading E140/E141 reports
            broken = any(d.severity == "error" for d in self.diagnostics[errors_before:])
            if kind != NUM:
                self.error("E131", f"the score of {node.code} must be a number, not a {kind}", node.score.loc)
            elif not broken:
                if rng.hi is None or rng.hi > node.max:
                    reach = "no upper limit" if rng.hi is None else f"up to {_fmt(rng.hi)}"
                    hint = "cap it with min(..., max)"
                    if self.rate_hint is not None:
                        hint += f", or declare constraint {self.rate_hint} if the rate cannot pass 100%"
                    self.error(
                        "E140",
                        f"the formula of {node.code} can reach {reach} but the node's max is {_fmt(node.max)} ({hint})",
                        node.score.loc,
                    )
                if rng.lo is None or rng.lo < 0:
                    reach = "any negative value" if rng.lo is None else _fmt(rng.lo)
                    self.error(
                        "E141",
                        f"the formula of {node.code} can go down to {reach} (floor it with max(0, ...))",
                        node.score.loc,
                    )
                self.ranges[node.code] = rng
        used_lets = set()
        for expr in [node.score, node.not_applicable_when, *[let.value for let in node.lets]]:
            if expr is not None:
                used_lets |= set(n.input_names(expr))
        for let in node.lets:
            if let.name not in used_lets:
                self.warning("W202", f"let {let.name} of {node.code} is never used", let.loc)
        for mono in node.monotone:
            if mono.input not in self.inputs:
                self.error("E130", f"monotone names {mono.input}, which is not a declared input", mono.loc)
            elif node.code not in self.users.get(mono.input, []):
                self.error(
                    "E160", f"node {node.code} does not read {mono.input}, so it cannot be monotone in it", mono.loc
                )
        self.node = None

    def _check_constraint(self, constraint: n.Constraint) -> None:
        self.node = None
        self.scope = {}
        kind, _ = self.visit(constraint.condition)
        if kind != BOOL:
            self.error("E131", f"a constraint must be a yes/no condition, not a {kind}", constraint.condition.loc)
        cond = constraint.condition
        if isinstance(cond, n.Compare) and cond.op in ("<=", "<", ">=", ">"):
            small, big = (cond.left, cond.right) if cond.op in ("<=", "<") else (cond.right, cond.left)
            self.known_ordered.add((shape(small), shape(big)))

    def _check_unused(self) -> None:
        for name, decl in self.inputs.items():
            if decl.implicit_for is None and name not in self.users:
                self.warning("W201", f"input {name} is declared but no formula uses it", decl.loc)

    def visit(self, expr: n.Expr, depth: int = 0) -> tuple[str, Range]:
        if depth > MAX_EXPRESSION_DEPTH:
            self.error("E009", f"a formula is nested more than {MAX_EXPRESSION_DEPTH} operators deep", expr.loc)
            return NUM, EVERYTHING
        method = getattr(self, "visit_" + type(expr).__name__)
        return method(expr, depth + 1)  # type: ignore[no-any-return]

    def _number(self, expr: n.Expr, depth: int, what: str) -> Range:
        kind, rng = self.visit(expr, depth)
        if kind == BOOL:
            self.error("E131", f"{what} needs a number, but this is yes/no (use if ... then ... else ...)", expr.loc)
        elif kind == CHOICE:
            self.error("E131", f"{what} needs a number, but this is a choice (use choice NAME {{ ... }})", expr.loc)
        return rng

    def _constant(self, expr: n.Expr, depth: int) -> Decimal | None:
        rng = self._number(expr, depth, "this value")
        if rng.lo is not None and rng.lo == rng.hi:
            return rng.lo
        return None

    def visit_Number(self, expr: n.Number, depth: int) -> tuple[str, Range]:
        return NUM, point(expr.value)

    def visit_Percent(self, expr: n.Percent, depth: int) -> tuple[str, Range]:
        return NUM, point(expr.value)

    def visit_NodeMax(self, expr: n.NodeMax, depth: int) -> tuple[str, Range]:
        if self.node is None:
            self.error("E133", "max (the node's maximum) is only meaningful inside a node", expr.loc)
            return NUM, EVERYTHING
        return NUM, point(self.node.max)

    def visit_Ref(self, expr: n.Ref, depth: int) -> tuple[str, Range]:
        if expr.name in self.scope:
            return self.scope[expr.name]
        decl = self.inputs.get(expr.name)
        if decl is None:
            hint = did_you_mean(expr.name, [*self.inputs, *self.scope])
            self.error("E130", f"{expr.name} is not a declared input or a let of this node{hint}", expr.loc)
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
        if b.contains_zero():
            self.error(
                "E142",
                "this division can divide by zero; write rate(a, b, empty: ...) to say what 0/0 scores",
                expr.loc,
            )
            return NUM, EVERYTHING
        return NUM, div(a, b)

    def visit_Neg(self, expr: n.Neg, depth: int) -> tuple[str, Range]:
        return NUM, neg(self._number(expr.operand, depth, "'-'"))

    def visit_Compare(self, expr: n.Compare, depth: int) -> tuple[str, Range]:
        left_kind, _ = self.visit(expr.left, depth)
        right_kind, _ = self.visit(expr.right, depth)
        if expr.op in ("==", "!=") and left_kind == right_kind == BOOL:
            return BOOL, Range(ZERO, ONE)
        if left_kind != NUM or right_kind != NUM:
            self.error("E131", f"{expr.op} compares numbers, not {left_kind} with {right_kind}", expr.loc)
        return BOOL, Range(ZERO, ONE)

    def _bool(self, expr: n.Expr, depth: int, what: str) -> None:
        kind, _ = self.visit(expr, depth)
        if kind != BOOL:
            self.error("E131", f"{what} needs a yes/no condition, not a {kind}", expr.loc)

    def visit_BoolOp(self, expr: n.BoolOp, depth: int) -> tuple[str, Range]:
        self._bool(expr.left, depth, expr.op)
        self._bool(expr.right, depth, expr.op)
        return BOOL, Range(ZERO, ONE)

    def visit_Not(self, expr: n.Not, depth: int) -> tuple[str, Range]:
        self._bool(expr.operand, depth, "not")
        return BOOL, Range(ZERO, ONE)

    def visit_If(self, expr: n.If, depth: int) -> tuple[str, Range]:
        self._bool(expr.condition, depth, "if")
        a = self._number(expr.then, depth, "then")
        b = self._number(expr.otherwise, depth, "else")
        return NUM, hull([a, b])

    def visit_Rate(self, expr: n.Rate, depth: int) -> tuple[str, Range]:
        part = self._number(expr.part, depth, "rate()")
        whole = self._number(expr.whole, depth, "rate()")
        if part.lo is None or part.lo < 0:
            self.error("E144", "the part of rate() can be negative; floor it with max(0, ...)", expr.part.loc)
        if whole.lo is None or whole.lo < 0:
            self.error("E144", "the whole of rate() can be negative; floor it with max(0, ...)", expr.whole.loc)
        ranges: list[Range] = []
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
                self.error(
                    "E143",
                    "rate() needs a policy for a zero whole: add empty: 100%, empty: 0 or empty: na (the rate to use when the whole is 0)",
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
            self.error("E145", "clamp() has a low bound above its high bound", expr.loc)
        return NUM, minimum([maximum([value, low]), high])

    def visit_Deduct(self, expr: n.Deduct, depth: int) -> tuple[str, Range]:
        events = self._number(expr.events, depth, "deduct()")
        each = self._number(expr.each, depth, "deduct()")
        floor = self._number(expr.floor, depth, "deduct() floor:")
        start = self._number(expr.start, depth, "deduct() start:")
        if events.lo is None or events.lo < 0 or each.lo is None or each.lo < 0:
            self.error("E144", "deduct() takes a non-negative number of events and points per event", expr.loc)
        return NUM, maximum([floor, sub(start, mul(events, each))])

    def visit_Tiers(self, expr: n.Tiers, depth: int) -> tuple[str, Range]:
        subject = self._number(expr.subject, depth, "tiers")
        intervals = [t.interval for t in expr.tiers]
        self._check_cover(intervals, subject, "tier", "E150", "E151")
        values = [self._number(t.value, depth, "a tier") for t in expr.tiers]
        reachable = [v for t, v in zip(expr.tiers, values, strict=True) if _may_meet(t.interval, subject)]
        return NUM, hull(reachable or values)

    def _check_cover(self, intervals: Sequence[n.Interval], domain: Range, what: str, overlap: str, gap: str) -> None:
        """Intervals must not overlap and must leave no gap over the subject's domain."""
        ordered = sorted(intervals, key=_lower_key)
        for a, b in itertools.pairwise(ordered):
            if _overlaps(a, b):
                self.error(overlap, f"{what}s '{a.describe()}' and '{b.describe()}' overlap", b.loc)
            elif _gap_between(a, b) is not None:
                self.error(gap, f"no {what} covers the values between '{a.describe()}' and '{b.describe()}'", b.loc)
        first, last = ordered[0], ordered[-1]
        if first.lower is not None and (
            domain.lo is None
            or domain.lo < first.lower.value
            or (domain.lo == first.lower.value and not first.lower.closed)
        ):
            low = "-∞" if domain.lo is None else _fmt(domain.lo)
            self.error(gap, f"no {what} covers values from {low} up to '{first.describe()}'", first.loc)
        if last.upper is not None and (
            domain.hi is None
            or domain.hi > last.upper.value
            or (domain.hi == last.upper.value and not last.upper.closed)
        ):
            high = "+∞" if domain.hi is None else _fmt(domain.hi)
            self.error(gap, f"no {what} covers values above '{last.describe()}' (up to {high})", last.loc)

    def visit_Linear(self, expr: n.Linear, depth: int) -> tuple[str, Range]:
        self._number(expr.subject, depth, "linear")
        ats = [p.at for p in expr.points]
        if len(ats) < 2:
            self.error("E154", "linear needs at least two points", expr.loc)
        if any(b <= a for a, b in itertools.pairwise(ats)):
            self.error("E154", "the points of linear must be in increasing order with no repeats", expr.loc)
        values = [self._number(p.value, depth, "a linear point") for p in expr.points]
        return NUM, hull(values)

    def visit_Ranks(self, expr: n.Ranks, depth: int) -> tuple[str, Range]:
        subject = self._number(expr.subject, depth, "ranks")
        for band in expr.bands:
            if band.first > band.last:
                self.error("E152", f"rank band {band.first}..{band.last} is empty", band.loc)
        ordered = sorted(expr.bands, key=lambda b: b.first)
        for a, b in itertools.pairwise(ordered):
            if b.first <= a.last:
                self.error("E152", f"rank bands {a.first}..{a.last} and {b.first}..{b.last} overlap", b.loc)
            elif b.first > a.last + 1:
                missing = f"rank {a.last + 1}" if a.last + 1 == b.first - 1 else f"ranks {a.last + 1}..{b.first - 1}"
                self.error("E153", f"no rank band covers {missing}", b.loc)
        if subject.lo is None or subject.lo < ordered[0].first:
            self.error("E153", f"no rank band covers ranks below {ordered[0].first}", ordered[0].loc)
        if subject.hi is None or subject.hi > ordered[-1].last:
            self.error("E153", f"no rank band covers ranks above {ordered[-1].last}", ordered[-1].loc)
        return NUM, hull([self._number(b.value, depth, "a rank band") for b in expr.bands])

    def visit_Choice(self, expr: n.Choice, depth: int) -> tuple[str, Range]:
        decl = self.inputs.get(expr.input)
        if decl is None:
            self.error("E130", f"{expr.input} is not a declared input", expr.loc)
        elif decl.type != "choice":
            self.error("E131", f"choice needs a choice input, but {expr.input} is {decl.type}", expr.loc)
        else:
            self._use(expr.input)
            given = [c.option for c in expr.cases]
            for case in expr.cases:
                if case.option not in decl.options:
                    self.error("E156", f"{case.option} is not an option of {expr.input}", case.loc)
            if len(set(given)) != len(given):
                self.error("E156", "an option is given twice", expr.loc)
            missing = [o for o in decl.options if o not in given]
            if missing:
                self.error("E155", f"choice {expr.input} does not say what {', '.join(missing)} scores", expr.loc)
        return NUM, hull([self._number(c.value, depth, "a choice") for c in expr.cases])

    # -- across units
    def _check_classes(self, classes: n.Classes) -> None:
        top = Decimal(100) if classes.measure == "index" else (self.ruleset.header.scale or Decimal(100))
        names = [b.name for b in classes.bands]
        if len(set(names)) != len(names):
            self.error("E170", "a class name is given twice", classes.loc)
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


def _gap_between(a: n.Interval, b: n.Interval) -> Decimal | None:
    assert a.upper is not None and b.lower is not None
    if a.upper.value < b.lower.value:
        return a.upper.value
    if a.upper.value == b.lower.value and not a.upper.closed and not b.lower.closed:
        return a.upper.value
    return None


def _may_meet(interval: n.Interval, domain: Range) -> bool:
    if interval.lower is not None and domain.hi is not None and interval.lower.value > domain.hi:
        return False
    if interval.upper is not None and domain.lo is not None and interval.upper.value < domain.lo:
        return False
    return True
