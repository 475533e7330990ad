"""AST -> ruleset text: the canonical spelling of formulas and whole rulesets.

Used three ways: explanations quote the formula as the language writes it,
constraint messages show the condition that failed, and ``parrules fmt``
prints a whole ruleset in canonical layout (its output parses to the same AST).
"""

from __future__ import annotations

from decimal import Decimal

from . import nodes as n

_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7, "atom": 8}


def number(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.normalize() or value != 0 else "0"
    if text == "-0":
        text = "0"
    return text


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def percent(value: Decimal) -> str:
    return number(value * 100) + "%"


def expr(e: n.Expr) -> str:
    """The canonical text of an expression."""
    return _expr(e, 0)


def _wrap(text: str, own: int, outer: int) -> str:
    return f"({text})" if own < outer else text


def _expr(e: n.Expr, outer: int) -> str:
    if isinstance(e, n.Number):
        return _wrap(number(e.value), 8 if e.value >= 0 else 7, outer)
    if isinstance(e, n.Percent):
        return percent(e.value)
    if isinstance(e, n.Ref):
        return e.name
    if isinstance(e, n.NodeMax):
        return "max"
    if isinstance(e, n.PointsInput):
        return f"points as {e.input}"
    if isinstance(e, n.BinOp):
        p = _PRECEDENCE[e.op]
        return _wrap(f"{_expr(e.left, p)} {e.op} {_expr(e.right, p + 1)}", p, outer)
    if isinstance(e, n.Neg):
        return _wrap(f"-{_expr(e.operand, 7)}", 7, outer)
    if isinstance(e, n.Compare):
        return _wrap(f"{_expr(e.left, 5)} {e.op} {_expr(e.right, 5)}", 4, outer)
    if isinstance(e, n.BoolOp):
        p = _PRECEDENCE[e.op]
        return _wrap(f"{_expr(e.left, p)} {e.op} {_expr(e.right, p + 1)}", p, outer)
    if isinstance(e, n.Not):
        return _wrap(f"not {_expr(e.operand, 3)}", 3, outer)
    if isinstance(e, n.If):
        return _wrap(f"if {_expr(e.condition, 0)} then {_expr(e.then, 0)} else {_expr(e.otherwise, 0)}", 0, outer)
    if isinstance(e, n.Rate):
        args = [expr(e.part), expr(e.whole)]
        if isinstance(e.empty, n.NotApplicableValue):
            args.append("empty: na")
        elif e.empty is not None:
            args.append("empty: " + expr(e.empty))
        return f"rate({', '.join(args)})"
    if isinstance(e, n.Extremum):
        return f"{e.kind}({', '.join(expr(a) for a in e.args)})"
    if isinstance(e, n.Clamp):
        return f"clamp({expr(e.value)}, {expr(e.low)}, {expr(e.high)})"
    if isinstance(e, n.Deduct):
        args = [expr(e.events), expr(e.each)]
        if not (isinstance(e.floor, n.Number) and e.floor.value == 0):
            args.append("floor: " + expr(e.floor))
        if not isinstance(e.start, n.NodeMax):
            args.append("start: " + expr(e.start))
        return f"deduct({', '.join(args)})"
    if isinstance(e, n.Tiers):
        body = "  ".join(f"{t.interval.describe()}: {expr(t.value)}" for t in e.tiers)
        return f"tiers {expr(e.subject)} {{ {body} }}"
    if isinstance(e, n.Linear):
        body = "  ".join(f"{p.at_text}: {expr(p.value)}" for p in e.points)
        return f"linear {expr(e.subject)} {{ {body} }}"
    if isinstance(e, n.Ranks):
        body = "  ".join(f"{b.first}..{b.last}: {expr(b.value)}" for b in e.bands)
        return f"ranks {expr(e.subject)} {{ {body} }}"
    if isinstance(e, n.Choice):
        body = "  ".join(f"{c.option}: {expr(c.value)}" for c in e.cases)
        return f"choice {e.input} {{ {body} }}"
    raise TypeError(f"cannot render {type(e).__name__}")  # pragma: no cover


def node_head(node: n.Node) -> str:
    return f"{node.kind} {node.code} {quote(node.title)} max {number(node.max)}"
