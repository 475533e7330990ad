"""Explanations: a node's derivation as text an analyst can follow.

Built from the traced evaluator's record: the node's place in the tree, its
score against its max, the rule's file:line and formula, each input it read
(with its Vietnamese description), each step's value (rate, tier taken,
deduction ...), and the rounding applied.

Text from the ruleset or the data (titles, unit names, agencies, descriptions,
text inputs) is written through ``safe_text.for_terminal`` and the whole
explanation through ``safe_text.terminal``: an explanation is printed, and a
control character in a title must be shown, never obeyed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import nodes as n
from . import render, runtime
from .safe_text import for_terminal as _t
from .safe_text import terminal

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "có (yes)" if value else "không (no)"
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 10**15:
            return f"{value.quantize(Decimal(1)):f}"
        text = f"{value.normalize():f}"
        if "." in text and len(text.split(".")[1]) > 8:
            text = f"{value:.8f}".rstrip("0") + "…"
        return text
    return str(value)


def explain(card: Scorecard, code: str | None = None) -> str:
    """One node's derivation, or every node's in tree order when code is None."""
    rs = card.ruleset
    scores, _applicable, trace = card.traced()
    steps: dict[str, list[tuple[Any, Any, Any]]] = {}
    for k, value, branch in trace:
        point = rs.compiled.trace_points[k]
        steps.setdefault(point.node, []).append((point, value, branch))
    codes = [code] if code is not None else list(rs.codes)
    blocks = [_node_block(card, c, steps.get(c, [])) for c in codes]
    for c in codes:
        if scores[rs.position(c)] != card.scores[rs.position(c)]:  # pragma: no cover - tested to agree
            blocks.append(f"warning: traced and fast evaluation disagree on {c}")
    return terminal("\n\n".join(blocks))


def why_not_applicable(steps: list[tuple[Any, Any, Any]], input_text: Any) -> list[str]:
    """Why the node does not apply, in Vietnamese and in English, with the values: the last step
    that took it out (a ``not applicable when`` that held, or an ``na`` chosen), e.g.
    ``không áp dụng: received = 0 (mẫu số bằng 0)``.  ``input_text(name)`` shows an input's value."""
    for point, value, _branch in reversed(steps):  # the last such step: an na raises as it is recorded
        if point.why:
            if point.kind == "na":
                filling = _t(value_text(value))
            else:
                filling = ", ".join(input_text(name) for name in point.why[2:])
            vi, en = (text.replace("\0", filling) for text in point.why[:2])
            return [f"  không áp dụng: {vi}", f"  not applicable: {en}"]
    return []


def _input_text(card: Scorecard, name: str) -> str:
    """``name = value`` with the unit, as the inputs section shows an input."""
    decl = card.ruleset.inputs[name]
    raw = card.inputs.get(name)
    unit = "%" if decl.type == "percent" else (f" {_t(decl.unit)}" if decl.unit else "")
    return f"{name} = {value_text(raw) if not isinstance(raw, str) else _t(raw)}{unit}"


def _node_block(card: Scorecard, code: str, steps: list[tuple[Any, Any, Any]]) -> str:
    rs = card.ruleset
    node = rs.node(code)
    r = card[code]
    lines = [f"{node.code} {_t(node.title)}"]
    who = f"  unit: {_t(card.unit)}" if card.unit else ""
    rate = f" ({r.rate:.2f}%)" if r.rate is not None else ""
    if not r.applicable:
        lines.append(f"  score: not applicable (max {value_text(node.max)} removed from this unit's scale){who}")
        lines.extend(why_not_applicable(steps, lambda name: _input_text(card, name)))
    else:
        lines.append(f"  score: {value_text(r.score)} of {value_text(r.applicable_max)}{rate}{who}")
    meta = [f"source: {r.source}"]
    if r.agency:
        meta.append(f"agency: {_t(r.agency)}")
    lines.append("  " + "; ".join(meta))
    if node.basis:
        lines.append(f"  basis: {_t(node.basis)}")
    if node.children:
        lines.append(
            f"  rule: {node.loc}: sum of {', '.join(c.code for c in node.children)}, at most {value_text(node.max)}"
        )
        for child in node.children:
            cr = card[child.code]
            shown = (
                "not applicable" if not cr.applicable else f"{value_text(cr.score)} / {value_text(cr.applicable_max)}"
            )
            lines.append(f"    {child.code:<8} {shown}")
        if node.round_places is not None:
            lines.append(f"  rounded {rs.header.rounding_mode} to {node.round_places} places")
        return "\n".join(lines)
    assert node.score is not None
    if isinstance(node.score, n.PointsInput):
        lines.append(
            f"  rule: {node.score.loc}: score points (input {node.score.input}, at most {value_text(node.max)})"
        )
    else:
        lines.append(f"  rule: {node.score.loc}: score {render.expr(node.score)}")
    if node.not_applicable_when is not None:
        lines.append(f"  not applicable when {render.expr(node.not_applicable_when)}")
    names = []
    exprs = [node.score, node.not_applicable_when, *[let.value for let in node.lets]]
    for e in exprs:
        if e is None:
            continue
        names.extend(n.input_names(e))
    let_names = {let.name for let in node.lets}
    inputs = [name for name in dict.fromkeys(names) if name not in let_names and name in rs.inputs]
    if inputs:
        lines.append("  inputs:")
        for name in inputs:
            decl = rs.inputs[name]
            desc = f"  {_t(decl.description)}" if decl.description else ""
            lines.append(f"    {_input_text(card, name)}{desc}")
    if steps:
        lines.append("  steps:")
        for point, value, branch in steps:
            taken = ""
            if branch is not None and point.branches:
                taken = f"  [branch: {point.branches[branch]}]"
            lines.append(
                f"    {point.kind:<10} {point.text} = {value_text(value)}{taken}   ({point.loc.line}:{point.loc.column})"
            )
    places = node.round_places if node.round_places is not None else rs.header.rounding_places
    rounding = f"  rounded {rs.header.rounding_mode} to {places} places"
    # the step that computed the whole formula holds its value before rounding; when rounding
    # carried it above the max (or a -0 below zero) the cap decided the score: say so
    whole = [value for point, value, _ in steps if point.loc == node.score.loc and not point.kind.startswith("let")]
    if whole and isinstance(whole[-1], Decimal) and r.applicable:
        rounded = whole[-1].quantize(Decimal(1).scaleb(-places), runtime.ROUNDING[rs.header.rounding_mode])
        if rounded > r.score:
            lines.append(f"{rounding}: {value_text(rounded)}, capped at the max: {value_text(r.score)}")
            return "\n".join(lines)
    lines.append(f"{rounding}: {value_text(r.score)}")
    return "\n".join(lines)
