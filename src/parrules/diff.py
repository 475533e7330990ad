"""What changed between two rulesets (last year's and this year's, or a parent and its child).

    changes = diff_rulesets(parrules.load("national-2021"), parrules.load("national-2022"))

A new decision usually moves a threshold, a band or a maximum; the diff says so at that
grain (``1.2 tier 1: from 95% -> from 90%``), not as two whole formulas.  Nodes are
matched by code, inputs by name.  Each change is one ``Change(kind, code, old, new, where)``:

- ``added`` / ``removed``: a node only in the new / old ruleset (only the topmost node of
  an added or removed subtree is listed; ``old``/``new`` hold "max TITLE");
- ``renamed``: same code, different title;
- ``max_changed``: same code, different maximum points;
- ``tier_changed``: a row of ``tiers``, a band of ``ranks``, a point of ``linear`` or a case
  of ``choice`` changed, added or removed (``where`` says which formula and row; a row whose
  bounds changed shows the bounds, one whose points changed shows the whole row);
- ``constant_changed``: a number or percent in a formula changed, shown with the small
  expression around it (``max * 95%`` -> ``max * 90%``) or a node's ``round`` places;
- ``formula_changed``: any other change of a ``score``, ``let`` or ``not applicable when``,
  as the smallest part that differs (compared in canonical spelling, so layout and
  comments do not count); when the whole formula differs, both whole formulas;
- ``source_changed``: same code, different source (self / appraisal / survey; a parent's
  source is the one all its leaves share, else "mixed"; reported where it is declared
  or on leaves);
- ``input_added`` / ``input_removed`` / ``input_changed``: an input declared in one only,
  or its type, range, options or unit changed (``where``); a ``score points`` input is
  listed with its node's formula, not again as an input;
- ``constraint_changed``: a constraint only in one ruleset;
- ``header_changed``: the scale, rounding, index places or level (``code`` names which);
- ``band_changed``: a class band added, removed or moved (``code`` is the class name), the
  classes' measure (``code`` "classes"), the ranking (``code`` "ranking") or the downgrade
  rule (``code`` "downgrade").

Changes come in this order: header, inputs, constraints, the nodes in the new ruleset's
tree order (removed nodes where they stood in the old one), then the across-unit rules.

``impact(old, new, old_cards, new_cards)`` answers the province's first question of a new
decision: the same units scored under both, who changes class or rank, and by how much.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from . import nodes as n
from . import render
from .ruleset import Ruleset

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard

KINDS = (
    "added",
    "removed",
    "renamed",
    "max_changed",
    "formula_changed",
    "tier_changed",
    "constant_changed",
    "source_changed",
    "input_added",
    "input_removed",
    "input_changed",
    "constraint_changed",
    "header_changed",
    "band_changed",
)


@attrs.frozen
class Change:
    """One difference between two rulesets; ``where`` places it inside the node or input."""

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    code: str
    old: str = ""
    new: str = ""
    where: str = ""

    def __str__(self) -> str:
        if self.kind in ("added", "input_added"):
            return f"+ {self.code} {self.new}"
        if self.kind in ("removed", "input_removed"):
            return f"- {self.code} {self.old}"
        at = f" {self.where}" if self.where else ""
        return f"~ {self.code}{at} {self.kind}: {self.old or '(none)'} -> {self.new or '(none)'}"

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "code": self.code, "where": self.where, "old": self.old, "new": self.new}


def _num(value: Decimal) -> str:
    return render.number(value)


def _formula(node: n.Node) -> str:
    parts = [f"let {let.name} = {render.expr(let.value)}" for let in node.lets]
    if node.not_applicable_when is not None:
        parts.append(f"not applicable when {render.expr(node.not_applicable_when)}")
    if node.score is not None:
        parts.append(f"score {render.expr(node.score)}")
    return "; ".join(parts)


def _summary(node: n.Node) -> str:
    return f"max {_num(node.max)} {render.quote(node.title)}"


def _interval(interval: n.Interval) -> str:
    return interval.describe()


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


# ---------------------------------------------------------------- formulas at the grain of the change

Piece = tuple[str, str, str, str]  # (kind, where, old, new)
_ATOMS = (n.Number, n.Percent)
_CONTEXT_WIDTH = 60  # a changed constant is shown inside its parent expression when that is this short


def _text(e: Any) -> str:
    return "" if e is None else ("na" if isinstance(e, n.NotApplicableValue) else render.expr(e))


def _rows(e: n.Tiers | n.Ranks | n.Linear) -> list[tuple[str, Any]]:
    """(bounds, points) of each row of a table formula."""
    if isinstance(e, n.Tiers):
        return [(t.interval.describe(), t.value) for t in e.tiers]
    if isinstance(e, n.Ranks):
        return [(b.describe(), b.value) for b in e.bands]
    return [(p.at_text, p.value) for p in e.points]


def _table_pieces(a: n.Tiers | n.Ranks | n.Linear, b: n.Tiers | n.Ranks | n.Linear, where: str) -> list[Piece]:
    word = {n.Tiers: "tier", n.Ranks: "band", n.Linear: "point"}[type(a)]
    out = _pieces(a.subject, b.subject, f"{where} subject".strip())
    old_rows, new_rows = _rows(a), _rows(b)
    old_text = [f"{bounds}: {_text(v)}" for bounds, v in old_rows]
    new_text = [f"{bounds}: {_text(v)}" for bounds, v in new_rows]
    matcher = difflib.SequenceMatcher(a=old_text, b=new_text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            old = old_rows[i] if i < i2 else None
            new = new_rows[j] if j < j2 else None
            label = f"{where} {word} {(j if new is not None else i) + 1}".strip()
            if old is not None and new is not None and _text(old[1]) == _text(new[1]):
                out.append(("tier_changed", label, old[0], new[0]))  # only the bounds moved
            else:
                out.append(
                    (
                        "tier_changed",
                        label,
                        old_text[i] if old is not None else "",
                        new_text[j] if new is not None else "",
                    )
                )
    return out


def _choice_pieces(a: n.Choice, b: n.Choice, where: str) -> list[Piece]:
    if a.input != b.input:
        return [("formula_changed", where, _text(a), _text(b))]
    old = {c.option: _text(c.value) for c in a.cases}
    new = {c.option: _text(c.value) for c in b.cases}
    out: list[Piece] = []
    for option in [*new, *(o for o in old if o not in new)]:
        if old.get(option) != new.get(option):
            out.append(
                (
                    "tier_changed",
                    f"{where} {option}".strip(),
                    f"{option}: {old[option]}" if option in old else "",
                    f"{option}: {new[option]}" if option in new else "",
                )
            )
    return out


def _pieces(a: Any, b: Any, where: str) -> list[Piece]:
    """The smallest parts in which two expressions differ (none when they render alike)."""
    if _text(a) == _text(b):
        return []
    if a is None or b is None or type(a) is not type(b):
        return [("formula_changed", where, _text(a), _text(b))]
    if isinstance(a, _ATOMS):
        return [("constant_changed", where, _text(a), _text(b))]
    if isinstance(a, (n.Tiers, n.Ranks, n.Linear)):
        return _table_pieces(a, b, where)
    if isinstance(a, n.Choice):
        return _choice_pieces(a, b, where)
    out: list[Piece] = []
    for field in attrs.fields(type(a)):
        if field.name == "loc":
            continue
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, tuple) and isinstance(y, tuple) and len(x) == len(y):
            for p, q in zip(x, y, strict=True):
                out.extend(_pieces(p, q, where))
        elif _is_expr(x) or _is_expr(y):
            out.extend(_pieces(x, y, where))
        elif x != y:  # an operator, a function's kind, a tuple of another length: the whole expression
            return [("formula_changed", where, _text(a), _text(b))]
    # a lone constant is clearer inside a short expression around it: max * 95% -> max * 90%
    if len(out) == 1 and out[0][0] == "constant_changed":
        old, new = _text(a), _text(b)
        if len(old) <= _CONTEXT_WIDTH and len(new) <= _CONTEXT_WIDTH:
            return [("constant_changed", where, old, new)]
    return out


def _is_expr(value: Any) -> bool:
    return value is not None and attrs.has(type(value)) and type(value).__module__ == n.__name__


def _node_formula_changes(before: n.Node, node: n.Node) -> list[Piece]:
    out: list[Piece] = []
    old_lets = {let.name: let.value for let in before.lets}
    new_lets = {let.name: let.value for let in node.lets}
    for name in [*new_lets, *(x for x in old_lets if x not in new_lets)]:
        out.extend(_pieces(old_lets.get(name), new_lets.get(name), f"let {name}"))
    out.extend(_pieces(before.not_applicable_when, node.not_applicable_when, "not applicable when"))
    out.extend(_pieces(before.score, node.score, "score"))
    if before.round_places != node.round_places:
        out.append(("constant_changed", "round", str(before.round_places or ""), str(node.round_places or "")))
    whole = [p for p in out if p[0] == "formula_changed" and p[1] == "score"]
    if whole and whole[0][2] == _text(before.score) and whole[0][3] == _text(node.score):
        return [("formula_changed", "", _formula(before), _formula(node))]  # nothing in common: both whole
    return out


# ---------------------------------------------------------------- inputs, constraints, header


def _describe_input(decl: n.InputDecl) -> str:
    text = decl.type
    if decl.options:
        text += " {" + ", ".join(decl.options) + "}"
    if decl.low is not None or decl.high is not None:
        low = _num(decl.low) if decl.low is not None else ""
        high = _num(decl.high) if decl.high is not None else ""
        text += f" in {low}..{high}"
    if decl.unit:
        text += f" unit {render.quote(decl.unit)}"
    return text


def _input_changes(old: Ruleset, new: Ruleset) -> list[Change]:
    """Inputs added, removed, retyped or re-ranged (declared ones: a ``score points`` input is
    its node's formula, and is listed there)."""
    before, after = old.inputs, new.inputs
    out: list[Change] = []
    for name, decl in after.items():
        if decl.implicit_for is not None or (name in before and before[name].implicit_for is not None):
            continue  # a ``score points`` input comes and goes with its node's formula, listed there
        if name not in before:
            out.append(Change("input_added", name, "", _describe_input(decl)))
            continue
        was = before[name]
        for where, x, y in (
            ("type", was.type, decl.type),
            ("options", ", ".join(was.options), ", ".join(decl.options)),
            ("range", _range(was), _range(decl)),
            ("unit", was.unit, decl.unit),
        ):
            if x != y:
                out.append(Change("input_changed", name, x, y, where))
    for name, decl in before.items():
        if name not in after and decl.implicit_for is None:
            out.append(Change("input_removed", name, _describe_input(decl), ""))
    return out


def _range(decl: n.InputDecl) -> str:
    if decl.low is None and decl.high is None:
        return ""
    return f"{_num(decl.low) if decl.low is not None else ''}..{_num(decl.high) if decl.high is not None else ''}"


def _header_changes(old: n.Ruleset, new: n.Ruleset) -> list[Change]:
    out = []
    a, b = old.header, new.header
    for item, x, y in (
        ("level", a.level or "", b.level or ""),
        ("scale", _num(a.scale) if a.scale is not None else "100", _num(b.scale) if b.scale is not None else "100"),
        ("rounding", f"{a.rounding_mode} {a.rounding_places}", f"{b.rounding_mode} {b.rounding_places}"),
        ("index_places", str(a.index_places), str(b.index_places)),
    ):
        if x != y:
            out.append(Change("header_changed", item, x, y))
    return out


def _constraint_changes(old: n.Ruleset, new: n.Ruleset) -> list[Change]:
    before = [render.expr(c.condition) for c in old.constraints]
    after = [render.expr(c.condition) for c in new.constraints]
    out = [Change("constraint_changed", "constraint", text, "") for text in before if text not in after]
    out += [Change("constraint_changed", "constraint", "", text) for text in after if text not in before]
    return out


def diff_rulesets(old: Ruleset, new: Ruleset) -> list[Change]:
    """Every difference between ``old`` and ``new``: header, inputs, constraints, node by
    node at the grain of the change, then classes and ranking."""
    old_nodes = {node.code: node for node in old.ast.nodes()}
    new_nodes = {node.code: node for node in new.ast.nodes()}
    changes: list[tuple[tuple[int, ...], int, Change]] = []

    def add(code: str, change: Change) -> None:
        changes.append((_code_key(code), len(changes), change))

    for code, node in old_nodes.items():
        if code not in new_nodes and not (_parent(code) in old_nodes and _parent(code) not in new_nodes):
            add(code, Change("removed", code, _summary(node), ""))
    for code, node in new_nodes.items():
        if code not in old_nodes:
            if not (_parent(code) in new_nodes and _parent(code) not in old_nodes):
                add(code, Change("added", code, "", _summary(node)))
            continue
        before = old_nodes[code]
        if before.title != node.title:
            add(code, Change("renamed", code, before.title, node.title))
        if before.max != node.max:
            add(code, Change("max_changed", code, _num(before.max), _num(node.max)))
        if _formula(before) != _formula(node) or before.round_places != node.round_places:
            for kind, where, x, y in _node_formula_changes(before, node):
                add(code, Change(kind, code, x, y, where))
        if before.source != node.source or not node.children or not before.children:
            old_source, new_source = old.source_of(code), new.source_of(code)
            if old_source != new_source:
                add(code, Change("source_changed", code, old_source, new_source))
    out = _header_changes(old.ast, new.ast)
    out += _input_changes(old, new)
    out += _constraint_changes(old.ast, new.ast)
    out += [change for _, _, change in sorted(changes, key=lambda item: (item[0], item[1]))]
    out.extend(_rules(old.ast, new.ast))
    return out


def _rules(old: n.Ruleset, new: n.Ruleset) -> list[Change]:
    out: list[Change] = []
    old_classes, new_classes = old.classes, new.classes
    if (old_classes is None) != (new_classes is None) or (
        old_classes is not None and new_classes is not None and old_classes.measure != new_classes.measure
    ):
        out.append(
            Change(
                "band_changed",
                "classes",
                f"by {old_classes.measure}" if old_classes else "",
                f"by {new_classes.measure}" if new_classes else "",
            )
        )
    old_bands = {b.name: _interval(b.interval) for b in old_classes.bands} if old_classes else {}
    new_bands = {b.name: _interval(b.interval) for b in new_classes.bands} if new_classes else {}
    for name, interval in new_bands.items():
        if old_bands.get(name) != interval:
            out.append(Change("band_changed", name, old_bands.get(name, ""), interval))
    for name, interval in old_bands.items():
        if name not in new_bands:
            out.append(Change("band_changed", name, interval, ""))

    def ranking(r: n.Ranking | None) -> str:
        if r is None:
            return ""
        text = f"by {r.measure} {'descending' if r.descending else 'ascending'}"
        return text + (f" tie_break {', '.join(r.tie_break)}" if r.tie_break else "")

    if ranking(old.ranking) != ranking(new.ranking):
        out.append(Change("band_changed", "ranking", ranking(old.ranking), ranking(new.ranking)))

    def downgrade(d: n.Downgrade | None) -> str:
        return "" if d is None else f"share of {d.members} at class or better below {d.numerator}/{d.denominator}"

    if downgrade(old.downgrade) != downgrade(new.downgrade):
        out.append(Change("band_changed", "downgrade", downgrade(old.downgrade), downgrade(new.downgrade)))
    return out


# ---------------------------------------------------------------- what the change does to real units


@attrs.frozen
class Moved:
    """One unit scored under both rulesets: its standing before and after."""

    unit: str
    old_total: Decimal
    new_total: Decimal
    old_index: Decimal | None
    new_index: Decimal | None
    old_rank: int
    new_rank: int
    old_class: str | None
    new_class: str | None

    @property
    def rank_change(self) -> int:
        """Places gained (old rank - new rank): 5th -> 2nd is 3; a fall is negative."""
        return self.old_rank - self.new_rank

    @property
    def index_change(self) -> Decimal | None:
        if self.old_index is None or self.new_index is None:
            return None
        return self.new_index - self.old_index

    @property
    def changed(self) -> bool:
        return self.old_rank != self.new_rank or self.old_class != self.new_class


@attrs.frozen
class Impact:
    """The same units under the old and the new ruleset."""

    units: tuple[Moved, ...]  # every unit scored under both, in the new ranking's order
    only_old: tuple[str, ...] = ()  # scored under the old ruleset only (rejected under the new)
    only_new: tuple[str, ...] = ()

    @property
    def moved(self) -> list[Moved]:
        """The units whose class or rank changed."""
        return [m for m in self.units if m.changed]

    def summary(self, lang: str = "en") -> str:
        from .messages import text as msg

        classes = sum(m.old_class != m.new_class for m in self.units)
        ranks = sum(m.old_rank != m.new_rank for m in self.units)
        text = msg("impact", lang, n=len(self.units), classes=classes, ranks=ranks)
        if self.only_old or self.only_new:
            text += msg("impact_only", lang, old=len(self.only_old), new=len(self.only_new))
        return text


def impact(old: Ruleset, new: Ruleset, old_cards: Sequence[Scorecard], new_cards: Sequence[Scorecard]) -> Impact:
    """Rank and classify the same units under both rulesets (each batch as ``standings`` does)
    and pair them by name (``io.unit_key``).  Ranks are among the units scored under both."""
    from .aggregate import standings
    from .io import unit_key

    new_keys = {unit_key(c.unit or ""): c for c in new_cards}
    old_keys = {unit_key(c.unit or ""): c for c in old_cards}
    both = [k for k in new_keys if k in old_keys]
    before = {unit_key(s.card.unit or ""): s for s in standings(old, [old_keys[k] for k in both])}
    after = standings(new, [new_keys[k] for k in both])
    units = []
    for s in after:
        key = unit_key(s.card.unit or "")
        b = before[key]
        units.append(
            Moved(
                unit=s.card.unit or "",
                old_total=b.card.total,
                new_total=s.card.total,
                old_index=b.card.index,
                new_index=s.card.index,
                old_rank=b.rank,
                new_rank=s.rank,
                old_class=b.klass,
                new_class=s.klass,
            )
        )
    only_old = tuple(c.unit or "" for k, c in old_keys.items() if k not in new_keys)
    only_new = tuple(c.unit or "" for k, c in new_keys.items() if k not in old_keys)
    return Impact(tuple(units), only_old, only_new)


# ---------------------------------------------------------------- output (parrules diff --format)

FORMATS = ("text", "md", "json")


def format_diff(
    changes: Sequence[Change],
    fmt: str = "text",
    old_name: str = "OLD",
    new_name: str = "NEW",
    effect: Impact | None = None,
    lang: str = "en",
    columns: int | None = None,
) -> str:
    """The changes (and the units that move) as text (a table), Markdown or JSON; every text
    from a ruleset or the data goes through its format's ``safe_text`` neutraliser.

    ``lang`` words the text and Markdown (JSON keeps its machine keys and kinds); ``columns``
    is the terminal's width, to which a text table wraps its long cells (a formula)."""
    import json

    from . import safe_text
    from .messages import term
    from .messages import text as msg

    if fmt == "json":
        payload: dict[str, Any] = {"old": old_name, "new": new_name, "changes": [c.as_dict() for c in changes]}
        if effect is not None:
            payload["units"] = [_moved_dict(m) for m in effect.units]
            payload["only_old"] = list(effect.only_old)
            payload["only_new"] = list(effect.only_new)
        return safe_text.for_json(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"
    placed = any(c.where for c in changes)  # the where column only when some change has one
    words = msg("diff_headers", lang).split("|")
    headers = [words[0], words[1], *([words[2]] if placed else []), old_name, new_name]
    def said(c: Change, value: str) -> str:  # a source (self, appraisal, mixed) in the language's words
        return term(value, lang) if c.kind == "source_changed" else value

    rows = [[term(c.kind, lang), c.code, *([c.where] if placed else []), said(c, c.old), said(c, c.new)] for c in changes]
    parts = [_table(headers, rows, fmt, columns) if rows else msg("no_differences", lang)]
    if effect is not None:
        heading = msg("diff_units_heading", lang)
        unit_headers = msg("diff_unit_headers", lang).split("|")
        unit_rows = [
            [
                m.unit,
                f"{_num(m.old_total)} -> {_num(m.new_total)}",
                f"{_opt(m.old_index)} -> {_opt(m.new_index)}",
                f"{m.old_rank} -> {m.new_rank}",
                f"{m.rank_change:+d}",
                f"{m.old_class or ''} -> {m.new_class or ''}" if m.old_class != m.new_class else (m.new_class or ""),
            ]
            for m in effect.moved
        ]
        parts.append(("## " if fmt == "md" else "") + heading)
        parts.append(_table(unit_headers, unit_rows, fmt, columns, 0) if unit_rows else msg("none", lang))
        for side, names in (("OLD", effect.only_old), ("NEW", effect.only_new)):
            if names:
                shown = "; ".join(safe_text.for_terminal(x) for x in names)
                parts.append(msg("scored_only_under", lang, side=msg(side, lang), shown=shown))
        parts.append(effect.summary(lang))
        if columns is not None and fmt == "text":  # the sentences under the tables, at the terminal's width
            import textwrap

            parts[-3:] = [p if "\n" in p else textwrap.fill(p, columns, subsequent_indent="  ") for p in parts[-3:]]
    return "\n\n".join(parts) + "\n"


def _opt(value: Decimal | None) -> str:
    return "" if value is None else _num(value)


def _moved_dict(m: Moved) -> dict[str, Any]:
    return {
        "unit": m.unit,
        "old": {"total": _num(m.old_total), "index": _opt(m.old_index), "rank": m.old_rank, "class": m.old_class},
        "new": {"total": _num(m.new_total), "index": _opt(m.new_index), "rank": m.new_rank, "class": m.new_class},
        "places_gained": m.rank_change,
        "index_change": _opt(m.index_change),
        "changed": m.changed,
    }


def _table(headers: list[str], rows: list[list[str]], fmt: str, columns: int | None = None, keep: int = 2) -> str:
    """A text or Markdown table; the first ``keep`` columns (a kind, a code) are never wrapped."""
    from tabulate import tabulate

    from . import safe_text

    if fmt == "md":
        from .render import markdown_table

        cells = [[safe_text.for_markdown(x) for x in row] for row in [headers, *rows]]
        return markdown_table(cells[0], cells[1:])
    shown = [[safe_text.for_terminal(x) for x in row] for row in rows]
    heads = [safe_text.for_terminal(h) for h in headers]
    limits = None
    if columns is not None:  # long cells (a formula, a description) wrap inside their column
        from .cli_help import column_widths

        widths = [max(len(column[0]) + 2, *map(len, column)) for column in zip(heads, *shown, strict=True)]
        limits = column_widths(widths, [i >= keep for i in range(len(widths))], columns)
    return str(tabulate(shown, headers=heads, disable_numparse=True, maxcolwidths=limits, maxheadercolwidths=limits))
