"""What changed between two rulesets (last year's and this year's, or a parent and its child).

    changes = diff_rulesets(parrules.load("bac-kan-2022-departments"), parrules.load("bac-kan-2023-departments"))

Nodes are matched by code.  Each change is one ``Change(kind, code, old, new)``:

- ``added`` / ``removed``: a node only in the new / old ruleset (only the topmost node of
  an added or removed subtree is listed; ``old``/``new`` hold "max TITLE");
- ``renamed``: same code, different title;
- ``max_changed``: same code, different maximum points;
- ``formula_changed``: same code, different score, ``let`` or ``not applicable when``
  (compared in canonical spelling, so layout and comments do not count);
- ``source_changed``: same code, different source (self / appraisal / survey; a parent's
  source is the one all its leaves share, else "mixed"; reported where it is declared
  or on leaves);
- ``band_changed``: a class band added, removed or moved (``code`` is the class name), the
  classes' measure (``code`` "classes"), the ranking (``code`` "ranking") or the downgrade
  rule (``code`` "downgrade").

Changes come in the order of the new ruleset's tree (removed nodes where they stood in the
old one), then the across-unit rules.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from . import nodes as n
from . import render
from .ruleset import Ruleset

KINDS = (
    "added",
    "removed",
    "renamed",
    "max_changed",
    "formula_changed",
    "source_changed",
    "band_changed",
)


@attrs.frozen
class Change:
    """One difference between two rulesets."""

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    code: str
    old: str = ""
    new: str = ""

    def __str__(self) -> str:
        if self.kind == "added":
            return f"+ {self.code} {self.new}"
        if self.kind == "removed":
            return f"- {self.code} {self.old}"
        return f"~ {self.code} {self.kind}: {self.old} -> {self.new}"


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


def diff_rulesets(old: Ruleset, new: Ruleset) -> list[Change]:
    """Every difference between ``old`` and ``new``, node by node, then classes and ranking."""
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
        if _formula(before) != _formula(node):
            add(code, Change("formula_changed", code, _formula(before), _formula(node)))
        if before.source != node.source or not node.children or not before.children:
            old_source, new_source = old.source_of(code), new.source_of(code)
            if old_source != new_source:
                add(code, Change("source_changed", code, old_source, new_source))
    out = [change for _, _, change in sorted(changes, key=lambda item: (item[0], item[1]))]
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
