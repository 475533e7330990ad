"""Stage 3: checked AST -> Python source -> evaluator functions.

The code generator walks the AST (one ``visit_<Kind>`` per formula kind, named
as in nodes.py) and writes a straight-line Python function of the inputs:
every input read and validated once, every node computed once in tree order,
parents summed and capped.  Two functions come from the same walk: ``evaluate``
(the fast path) and ``evaluate_traced``, which also records the value of every
formula step and the branch taken, for explanations.

Nothing from the ruleset is ever spliced into the source as code.  Inputs,
lets and nodes become generated names (``x3``, ``l12_0``, ``s12``); numbers
become ``Decimal('…')`` constants of validated digits; every text (input
names, constraint wording) goes through ``repr``.  The same source runs in
process (``exec`` against the runtime module) and stands alone as a module
(the runtime's source copied in front), so the two cannot disagree.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from . import nodes as n
from . import render, runtime
from .check import Checked

# Formula kinds whose value the traced evaluator records on its own.
_RECORDED_KINDS = (n.Rate, n.Extremum, n.Clamp, n.Deduct, n.Tiers, n.Ranks, n.Choice, n.Linear, n.If)


@attrs.frozen
class TracePoint:
    """A formula step the traced evaluator records: which node, what kind, its text and line."""

    node: str
    kind: str
    text: str
    loc: n.Location
    branches: tuple[str, ...] = ()


@attrs.frozen
class Compiled:
    source: str
    evaluate: Callable[[Any], tuple[tuple[Decimal, ...], tuple[Decimal, ...]]]
    evaluate_traced: Callable[[Any], tuple[tuple[Decimal, ...], tuple[Decimal, ...], list[Any]]]
    codes: tuple[str, ...]
    input_names: tuple[str, ...]
    trace_points: tuple[TracePoint, ...]
    constraint_texts: tuple[str, ...]


def compile_checked(checked: Checked) -> Compiled:
    """Compile a checked ruleset into in-process evaluator functions."""
    gen = _Generator(checked)
    source = gen.module(standalone=False)
    namespace: dict[str, Any] = {name: getattr(runtime, name) for name in dir(runtime) if not name.startswith("__")}
    filename = checked.ruleset.path.replace("\x00", "\\x00")  # compile() refuses a NUL in a file name
    code = compile(source, f"<parrules {filename}>", "exec")
    exec(code, namespace)
    return Compiled(
        source=source,
        evaluate=namespace["evaluate"],
        evaluate_traced=namespace["evaluate_traced"],
        codes=tuple(node.code for node in gen.nodes),
        input_names=tuple(gen.input_names),
        trace_points=tuple(gen.points),
        constraint_texts=tuple(gen.constraint_texts),
    )


def emit_module(checked: Checked) -> str:
    """A standalone Python module (standard library only) with ``evaluate(inputs)``."""
    return _Generator(checked).module(standalone=True)


class _Generator:
    def __init__(self, checked: Checked):
        self.checked = checked
        self.ruleset = checked.ruleset
        self.nodes = self.ruleset.nodes()
        self.index = {node.code: i for i, node in enumerate(self.nodes)}
        self.inputs = list(checked.inputs.values())
        self.input_names = [decl.name for decl in self.inputs]
        self.input_var = {decl.name: f"x{i}" for i, decl in enumerate(self.inputs)}
        self.constants: dict[str, str] = {}
        self.points: list[TracePoint] = []
        self.constraint_texts: list[str] = []
        self.temp = 0
        self.traced = False
        self.node: n.Node | None = None
        self.lets: dict[str, str] = {}
        self.na_rates: set[str] = set()  # leaves with rate(..., empty: na)
        self.may_be_na = self._nodes_that_may_be_na()
        # leaves whose own ``score points`` input is read only when the node applies
        self.lazy_nodes = {
            node.code
            for node in self.nodes
            if not node.children and node.not_applicable_when is not None and isinstance(node.score, n.PointsInput)
        }

    # -- helpers
    def const(self, value: Decimal) -> str:
        text = str(value)
        if text not in self.constants:
            self.constants[text] = f"K{len(self.constants)}"
        return self.constants[text]

    def fresh(self, prefix: str) -> str:
        self.temp += 1
        return f"{prefix}{self.temp}"

    def point(self, kind: str, expr: Any, branches: tuple[str, ...] = ()) -> int:
        """Register a traced step (only while generating the traced function)."""
        assert self.node is not None
        self.points.append(TracePoint(self.node.code, kind, render.expr(expr), expr.loc, branches))
        return len(self.points) - 1

    def record(self, kind: str, expr: Any, code: str) -> str:
        if not self.traced or self.node is None:
            return code
        k = self.point(kind, expr)
        return f"rec({k}, {code})"

    def _nodes_that_may_be_na(self) -> set[str]:
        out: set[str] = set()

        def has_na_rate(e: Any) -> bool:
            return any(
                isinstance(item, n.Rate) and isinstance(item.empty, n.NotApplicableValue) for item in n.walk_expr(e)
            )

        def visit(node: n.Node) -> bool:
            child_na = [visit(c) for c in node.children]
            if not node.children and (has_na_rate(node.score) or any(has_na_rate(let.value) for let in node.lets)):
                self.na_rates.add(node.code)
            own = node.not_applicable_when is not None or node.code in self.na_rates
            result = own or any(child_na)
            if result:
                out.add(node.code)
            return result

        for field in self.ruleset.fields:
            visit(field)
        return out

    # -- the module
    def module(self, standalone: bool) -> str:
        header = self.ruleset.header
        self.points = []
        self.constraint_texts = []
        self.traced = False
        fast = self.function("evaluate")
        self.traced = True
        traced = self.function("evaluate_traced")
        lines = [
            f"# Generated by parrules from {header.title!r} ({self.ruleset.path!r}). Do not edit.",
            "# evaluate(inputs) -> (scores, applicable maxima), one entry per node in NODES order.",
        ]
        if standalone:
            body = inspect.getsource(runtime)
            lines.append(body)
        lines.append(f"ROUND = ROUNDING[{header.rounding_mode!r}]")
        lines.append("CONTEXT = make_context()")
        for text, name in self.constants.items():
            lines.append(f"{name} = Decimal({text!r})")
        lines.append("INPUTS = " + repr(tuple(self.input_names)))
        lines.append("NODES = " + repr(tuple((node.code, str(node.max)) for node in self.nodes)))
        lines.append("")
        lines.extend(fast)
        lines.append("")
        lines.extend(traced)
        lines.append("")
        return "\n".join(lines)

    def function(self, name: str) -> list[str]:
        out = [f"def {name}(inputs):"]
        body: list[str] = []
        if self.traced:
            body.append("trace = []")
            body.append("def rec(k, value, branch=None):")
            body.append("    trace.append((k, value, branch))")
            body.append("    return value")
        # everything in the library's context, input reading and percent scaling (scaleb) too:
        # the caller's context must change no number and raise nothing (docs/api.md)
        body.append("with localcontext(CONTEXT):")
        inner: list[str] = ["get = inputs.get"]
        inner.extend(self.read_inputs())
        inner.extend(self.constraints())
        for node in reversed(self.nodes):  # children before parents
            inner.extend(self.node_code(node))
        scores = "".join(f"s{i}, " for i in range(len(self.nodes)))  # "()" for a ruleset without nodes
        applicable = "".join(self.applicable(node) + ", " for node in self.nodes)
        result = f"({scores}), ({applicable})"
        if self.traced:
            result += ", trace"
        inner.append(f"return {result}")
        body.extend("    " + line for line in inner)
        out.extend("    " + line for line in body)
        return out

    def applicable(self, node: n.Node) -> str:
        return f"a{self.index[node.code]}" if node.code in self.may_be_na else self.const(node.max)

    def read_inputs(self) -> list[str]:
        """Read and validate every input up front, except the points of a node that may not
        apply: those are read inside the node, after its condition, so a unit need not give them."""
        lines = []
        for i, decl in enumerate(self.inputs):
            if decl.implicit_for not in self.lazy_nodes:
                lines.extend(self.read_input(i, decl))
        return lines

    def read_input(self, i: int, decl: n.InputDecl) -> list[str]:
        lines: list[str] = []
        var = self.input_var[decl.name]
        name = repr(decl.name)
        lines.append(f"{var} = get({name})")
        lines.append(f"if {var} is None: raise InputProblem('D101', {i}, {name} + ' is missing')")
        if decl.type == "yesno":
            lines.append(f"{var} = to_yesno({var}, {i}, {name})")
            return lines
        if decl.type == "choice":
            lines.append(f"{var} = to_choice({var}, {i}, {name}, {tuple(decl.options)!r})")
            return lines
        # a Decimal is taken as it is when finite and of a sensible size (the common, fast case);
        # anything else goes through to_decimal, which converts or rejects NaN, Infinity, 1E+999999
        lines.append(
            f"if {var}.__class__ is not Decimal or not {var}.is_finite() or not -21 < {var}.adjusted() < 16:"
            f" {var} = to_decimal({var}, {i}, {name})"
        )
        if decl.type in ("count", "rank"):
            lines.append(f"check_count({var}, {i}, {name})")
        low, high = decl.low, decl.high
        if decl.type in ("count", "money", "points") and low is None:
            low = Decimal(0)
        if decl.type == "percent":
            low = Decimal(0) if low is None else low
            high = Decimal(100) if high is None else high
        if decl.type == "ratio":
            low = Decimal(0) if low is None else low
            high = Decimal(1) if high is None else high
        if decl.type == "points" and decl.implicit_for is not None:
            node_max = self.nodes[self.index[decl.implicit_for]].max
            high = node_max if high is None else min(high, node_max)
        if low is not None or high is not None:
            lo = "None" if low is None else self.const(low)
            hi = "None" if high is None else self.const(high)
            unit = "'%'" if decl.type == "percent" else "''"
            cond = " or ".join(
                part
                for part in (
                    f"{var} < {lo}" if low is not None else "",
                    f"{var} > {hi}" if high is not None else "",
                )
                if part
            )
            lines.append(f"if {cond}: check_range({var}, {i}, {name}, {lo}, {hi}, {unit})")
        if decl.type == "percent":
            lines.append(f"{var} = {var}.scaleb(-2)")
        return lines

    def constraints(self) -> list[str]:
        lines = []
        for ci, constraint in enumerate(self.ruleset.constraints):
            self.node = None
            self.lets = {}
            text = constraint.message or render.expr(constraint.condition)
            self.constraint_texts.append(text)
            lines.append(f"if not ({self.expr(constraint.condition)}): raise InputProblem('D108', {-1 - ci}, {text!r})")
        return lines

    def node_code(self, node: n.Node) -> list[str]:
        i = self.index[node.code]
        self.node = node
        self.lets = {}
        s, a = f"s{i}", f"a{i}"
        dynamic = node.code in self.may_be_na
        lines = [f"# {node.code!r}"[:80]]
        if node.children:
            lines.extend(self.parent_code(node, s, a, dynamic))
            return lines
        compute: list[str] = []
        if node.code in self.lazy_nodes:
            assert isinstance(node.score, n.PointsInput)
            name = node.score.input
            compute.extend(self.read_input(self.input_names.index(name), self.checked.inputs[name]))
        for j, let in enumerate(node.lets):
            var = f"l{i}_{j}"
            value = self.expr(let.value)
            if self.traced:
                value = f"rec({self.point('let ' + let.name, let.value)}, {value})"
            compute.append(f"{var} = {value}")
            self.lets[let.name] = var
        assert node.score is not None
        value = self.expr(node.score)
        if self.traced and not isinstance(node.score, _RECORDED_KINDS):
            value = f"rec({self.point('formula', node.score)}, {value})"
        places = node.round_places if node.round_places is not None else self.ruleset.header.rounding_places
        # round, then cap at the max and floor at +0 (docs/language.md, "Rounding"): no rounding
        # mode or places can carry a score above its max, and a -0 never leaves the node
        compute.append(f"{s} = ({value}).quantize({self.const(Decimal(1).scaleb(-places))}, ROUND)")
        cap, zero = self.const(node.max), self.const(Decimal(0).scaleb(-places))
        compute.append(f"{s} = {cap} if {s} > {cap} else {s} if {s} > ZERO else {zero}")
        if dynamic:
            compute.append(f"{a} = {self.const(node.max)}")
        needs_try = node.code in self.na_rates
        if node.not_applicable_when is not None:
            cond = self.expr(node.not_applicable_when)
            if self.traced:
                cond = f"rec({self.point('not applicable when', node.not_applicable_when)}, {cond})"
            lines.append(f"if {cond}:")
            lines.append(f"    {s} = ZERO; {a} = ZERO")
            lines.append("else:")
            indent = "    "
        else:
            indent = ""
        if needs_try:
            lines.append(indent + "try:")
            lines.extend(indent + "    " + c for c in compute)
            lines.append(indent + "except NotApplicable:")
            lines.append(indent + f"    {s} = ZERO; {a} = ZERO")
        else:
            lines.extend(indent + c for c in compute)
        return lines

    def parent_code(self, node: n.Node, s: str, a: str, dynamic: bool) -> list[str]:
        kids = [self.index[c.code] for c in node.children]
        lines = [f"{s} = " + " + ".join(f"s{k}" for k in kids)]
        if node.round_places is not None:
            lines.append(f"{s} = {s}.quantize({self.const(Decimal(1).scaleb(-node.round_places))}, ROUND)")
        cap = self.const(node.max)
        if dynamic:
            # a child that does not apply lowers the parent's maximum; rounding the sum up
            # must not lift the parent above what still applies (nor the index above 100)
            parts = " + ".join(self.applicable(c) for c in node.children)
            lines.append(f"{a} = min({parts}, {cap})")
            cap = a
        lines.append(f"if {s} > {cap}: {s} = {cap}")
        return lines

    # -- expressions: one visit_<Kind> per formula kind
    def expr(self, e: Any) -> str:
        return getattr(self, "visit_" + type(e).__name__)(e)  # type: ignore[no-any-return]

    def visit_Number(self, e: n.Number) -> str:
        return self.const(e.value)

    def visit_Percent(self, e: n.Percent) -> str:
        return self.const(e.value)

    def visit_NodeMax(self, e: n.NodeMax) -> str:
        assert self.node is not None
        return self.const(self.node.max)

    def visit_Ref(self, e: n.Ref) -> str:
        if e.name in self.lets:
            return self.lets[e.name]
        return self.input_var[e.name]

    def visit_PointsInput(self, e: n.PointsInput) -> str:
        return self.input_var[e.input]

    def visit_BinOp(self, e: n.BinOp) -> str:
        return f"({self.expr(e.left)} {e.op} {self.expr(e.right)})"

    def visit_Neg(self, e: n.Neg) -> str:
        return f"(-{self.expr(e.operand)})"

    def visit_Compare(self, e: n.Compare) -> str:
        return f"({self.expr(e.left)} {e.op} {self.expr(e.right)})"

    def visit_BoolOp(self, e: n.BoolOp) -> str:
        return f"({self.expr(e.left)} {e.op} {self.expr(e.right)})"

    def visit_Not(self, e: n.Not) -> str:
        return f"(not {self.expr(e.operand)})"

    def visit_If(self, e: n.If) -> str:
        cond = self.expr(e.condition)
        if self.traced:
            k = self.point("if", e, ("then", "else"))
            return f"(rec({k}, {self.expr(e.then)}, 0) if {cond} else rec({k}, {self.expr(e.otherwise)}, 1))"
        return f"({self.expr(e.then)} if {cond} else {self.expr(e.otherwise)})"

    def visit_Rate(self, e: n.Rate) -> str:
        w = self.fresh("w")
        if isinstance(e.empty, n.NotApplicableValue):
            empty = "not_applicable()"
        elif e.empty is None:
            empty = "no_branch(ZERO)"  # the checker proved the whole is never zero
        else:
            empty = self.expr(e.empty)
        code = f"({self.expr(e.part)} / {w} if ({w} := {self.expr(e.whole)}) else {empty})"
        return self.record("rate", e, code)

    def visit_Extremum(self, e: n.Extremum) -> str:
        code = f"{e.kind}({', '.join(self.expr(a) for a in e.args)})"
        return self.record(e.kind, e, code)

    def visit_Clamp(self, e: n.Clamp) -> str:
        code = f"min(max({self.expr(e.value)}, {self.expr(e.low)}), {self.expr(e.high)})"
        return self.record("clamp", e, code)

    def visit_Deduct(self, e: n.Deduct) -> str:
        code = f"max({self.expr(e.floor)}, {self.expr(e.start)} - {self.expr(e.each)} * {self.expr(e.events)})"
        return self.record("deduct", e, code)

    def visit_Tiers(self, e: n.Tiers) -> str:
        subject = self.expr(e.subject)
        cases = []
        for tier in e.tiers:
            checks = []
            iv = tier.interval
            if iv.lower is not None:
                checks.append("{t} " + (">= " if iv.lower.closed else "> ") + self.const(iv.lower.value))
            if iv.upper is not None:
                checks.append("{t} " + ("<= " if iv.upper.closed else "< ") + self.const(iv.upper.value))
            cases.append((iv.describe(), checks, self.expr(tier.value)))
        return self.branches("tiers", e, subject, cases)

    def visit_Ranks(self, e: n.Ranks) -> str:
        subject = self.expr(e.subject)
        cases = []
        for band in e.bands:
            checks = ["{t} >= " + self.const(Decimal(band.first)), "{t} <= " + self.const(Decimal(band.last))]
            cases.append((f"{band.first}..{band.last}", checks, self.expr(band.value)))
        return self.branches("ranks", e, subject, cases)

    def visit_Choice(self, e: n.Choice) -> str:
        subject = self.input_var[e.input]
        cases = [(c.option, ["{t} == " + repr(c.option)], self.expr(c.value)) for c in e.cases]
        return self.branches("choice", e, subject, cases)

    def branches(self, kind: str, e: Any, subject: str, cases: list[tuple[str, list[str], str]]) -> str:
        """value1 if test1 else value2 if test2 ... else no_branch(subject), the subject computed once."""
        t = self.fresh("t")
        k = self.point(kind, e, tuple(label for label, _, _ in cases)) if self.traced else None
        out = []
        for b, (_label, checks, value) in enumerate(cases):
            tests = [c.format(t=(f"({t} := {subject})" if b == 0 and j == 0 else t)) for j, c in enumerate(checks)]
            shown = f"rec({k}, {value}, {b})" if k is not None else value
            out.append(f"{shown} if {' and '.join(tests)}")
        return f"({' else '.join(out)} else no_branch({t}))"

    def visit_Linear(self, e: n.Linear) -> str:
        xs = ", ".join(self.const(p.at) for p in e.points)
        ys = ", ".join(self.expr(p.value) for p in e.points)
        code = f"linear({self.expr(e.subject)}, ({xs},), ({ys},))"
        return self.record("linear", e, code)
