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
from functools import partial
from typing import TYPE_CHECKING, Any

from . import nodes as n
from . import render, runtime
from .messages import term, text
from .safe_text import for_terminal as _t
from .safe_text import terminal

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard


def value_text(value: Any, lang: str = "en") -> str:
    """A value of a derivation: a number as the language writes it (``report.number_text``), at
    most 8 decimals (cut ones marked …), a yes/no answer in words."""
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 10**15:
            shown = f"{value.quantize(Decimal(1)):f}"
        else:
            shown = f"{value.normalize():f}"
            if "." in shown and len(shown.split(".")[1]) > 8:
                shown = f"{value:.8f}".rstrip("0") + "…"
        if lang == "en":
            return shown
        from .render import number_text  # the one formatter of numbers for a language

        cut = shown.endswith("…")
        places = len(shown.rstrip("…").split(".")[1]) if "." in shown else 0
        return number_text(Decimal(shown.rstrip("…")), lang, places) + ("…" if cut else "")
    return str(value)


def _kind(kind: str, lang: str) -> str:
    """A step's kind (``formula``, ``let x``, ``tiers``) in the language's words."""
    first, _, rest = kind.partition(" ")
    if kind in ("not applicable when",):
        return term(kind, lang)
    return term(first, lang) + (f" {rest}" if rest else "")


def explain(card: Scorecard, code: str | None = None, lang: str = "en") -> str:
    """One node's derivation, or every node's in tree order when code is None.

    ``lang`` is the language of the words and numbers around the ruleset's own text
    (``parrules explain --lang``; the library's ``Scorecard.explain`` is English)."""
    rs = card.ruleset
    scores, _applicable, trace = card.traced()
    steps: dict[str, list[tuple[Any, Any, Any]]] = {}
    for k, value, branch in trace:
        point = rs.compiled.trace_points[k]
        steps.setdefault(point.node, []).append((point, value, branch))
    codes = [code] if code is not None else list(rs.codes)
    blocks = [_node_block(card, c, steps.get(c, []), lang) for c in codes]
    for c in codes:
        if scores[rs.position(c)] != card.scores[rs.position(c)]:  # pragma: no cover - tested to agree
            blocks.append(text("x_disagree", lang, code=c))
    return terminal("\n\n".join(blocks))


def why_not_applicable(steps: list[tuple[Any, Any, Any]], input_text: Any, lang: str = "en") -> list[str]:
    """Why the node does not apply, with the values, in the run's language: the last step that
    took it out (a ``not applicable when`` that held, or an ``na`` chosen), e.g. ``không áp
    dụng: received = 0 (mẫu số bằng 0)``.  ``input_text(name)`` shows an input's value."""
    for point, value, _branch in reversed(steps):  # the last such step: an na raises as it is recorded
        if point.why:
            if point.kind == "na":
                filling = _t(value_text(value, lang))
            else:
                filling = ", ".join(input_text(name) for name in point.why[2:])
            vi, en = (text.replace("\0", filling) for text in point.why[:2])
            return [f"  không áp dụng: {vi}" if lang == "vi" else f"  not applicable: {en}"]
    return []


def _input_text(card: Scorecard, name: str, lang: str = "en") -> str:
    """``name = value`` with the unit (and a choice's label), as the inputs section shows an input."""
    decl = card.ruleset.inputs[name]
    raw = card.inputs.get(name)
    unit = "%" if decl.type == "percent" else (f" {_t(decl.unit)}" if decl.unit else "")
    shown = value_text(raw, lang=lang) if not isinstance(raw, str) else _t(raw)
    if isinstance(raw, str) and decl.label(raw) != raw:
        shown += f" ({_t(decl.label(raw))})"  # the option's code, then the words the template showed
    return f"{name} = {shown}{unit}"


def _node_block(card: Scorecard, code: str, steps: list[tuple[Any, Any, Any]], lang: str = "en") -> str:
    rs = card.ruleset
    node = rs.node(code)
    r = card[code]
    lines = [f"{node.code} {_t(node.title)}"]
    v = partial(value_text, lang=lang)
    who = text("x_unit", lang, unit=_t(card.unit)) if card.unit else ""
    if r.rate is None:
        rate = ""
    elif lang == "en":
        rate = f" ({r.rate:.2f}%)"
    else:
        from .render import number_text

        rate = f" ({number_text(r.rate, lang, 2)}%)"
    if not r.applicable:
        lines.append(text("x_not_applicable", lang, max=v(node.max), who=who))
        lines.extend(why_not_applicable(steps, lambda name: _input_text(card, name, lang), lang))
    else:
        lines.append(text("x_score", lang, score=v(r.score), max=v(r.applicable_max), rate=rate, who=who))
    meta = [text("x_source", lang, source=term(str(r.source), lang))]
    if r.agency:
        meta.append(text("x_agency", lang, agency=_t(r.agency)))
    lines.append("  " + "; ".join(meta))
    if node.basis:
        lines.append(text("x_basis", lang, basis=_t(node.basis)))
    mode = term(rs.header.rounding_mode, lang)
    if node.children:
        children = ", ".join(c.code for c in node.children)
        lines.append(text("x_sum", lang, loc=node.loc, children=children, max=v(node.max)))
        for child in node.children:
            cr = card[child.code]
            shown = text("x_child_na", lang) if not cr.applicable else f"{v(cr.score)} / {v(cr.applicable_max)}"
            lines.append(f"    {child.code:<8} {shown}")
        if node.round_places is not None:
            lines.append(text("x_rounded_node", lang, mode=mode, places=node.round_places))
        return "\n".join(lines)
    assert node.score is not None
    if isinstance(node.score, n.PointsInput):
        lines.append(text("x_points", lang, loc=node.score.loc, input=node.score.input, max=v(node.max)))
    else:
        lines.append(text("x_rule", lang, loc=node.score.loc, formula=render.expr(node.score)))
    if node.not_applicable_when is not None:
        lines.append(text("x_na_when", lang, condition=render.expr(node.not_applicable_when)))
    names = []
    exprs = [node.score, node.not_applicable_when, *[let.value for let in node.lets]]
    for e in exprs:
        if e is None:
            continue
        names.extend(n.input_names(e))
    let_names = {let.name for let in node.lets}
    inputs = [name for name in dict.fromkeys(names) if name not in let_names and name in rs.inputs]
    if inputs:
        lines.append(text("x_inputs", lang))
        for name in inputs:
            decl = rs.inputs[name]
            desc = f"  {_t(decl.description)}" if decl.description else ""
            lines.append(f"    {_input_text(card, name, lang)}{desc}")
    if steps:
        lines.append(text("x_steps", lang))
        for point, value, branch in steps:
            taken = ""
            if branch is not None and point.branches:
                taken = text("x_branch", lang, branch=term(point.branches[branch], lang))
            lines.append(
                f"    {_kind(point.kind, lang):<10} {point.text} = {v(value)}{taken}   ({point.loc.line}:{point.loc.column})"
            )
    places = node.round_places if node.round_places is not None else rs.header.rounding_places
    rounding = text("x_rounded_node", lang, mode=mode, places=places)
    # the step that computed the whole formula holds its value before rounding; when rounding
    # carried it above the max (or a -0 below zero) the cap decided the score: say so
    whole = [value for point, value, _ in steps if point.loc == node.score.loc and not point.kind.startswith("let")]
    if whole and isinstance(whole[-1], Decimal) and r.applicable:
        rounded = whole[-1].quantize(Decimal(1).scaleb(-places), runtime.ROUNDING[rs.header.rounding_mode])
        if rounded > r.score:
            lines.append(text("x_capped", lang, rounding=rounding, rounded=v(rounded), score=v(r.score)))
            return "\n".join(lines)
    lines.append(f"{rounding}: {v(r.score)}")
    return "\n".join(lines)
