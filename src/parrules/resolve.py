"""Between parse and check: a ruleset that ``extends`` another becomes one whole ruleset.

Next year's ruleset is usually last year's with changes.  The child names its
parent in the header (``extends "national-2021"``), then overrides nodes
(``override criterion 8.4 ... { ... }``), removes them (``remove 3.4.5``),
adds new ones (a node whose code is new is placed under the node its code
names) and declares inputs, constraints, classes or ranking of its own.  The
result is an ordinary ruleset, checked like any other.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from . import nodes as n
from .errors import Diagnostic, NotFound, RulesetError

LoadParent = Callable[[str], tuple[n.Ruleset, str]]

_HEADER_ITEMS = ("year", "level", "basis", "scale", "index_places")


def resolve(ruleset: n.Ruleset, load_parent: LoadParent, depth: int = 0) -> n.Ruleset:
    header = ruleset.header
    if header.extends is None:
        edits: list[n.Override | n.Remove] = [*ruleset.overrides, *ruleset.removals]
        if edits:
            _fail("E190", 'override and remove need a parent: add extends "NAME" to the header', edits[0].loc)
        return ruleset
    if depth > 8:
        _fail("E193", "extends goes more than 8 rulesets deep (is there a loop?)", header.loc)
    try:
        parent, _ = load_parent(header.extends)
    except (NotFound, OSError, ValueError) as exc:  # the ruleset's own text names the parent (``""``, a NUL, /dev/zero)
        _fail("E194", f"extends {header.extends!r}: {exc}", header.loc)
        raise

    changes: dict[str, object] = {"title": header.title, "extends": header.extends, "loc": header.loc}
    for item in _HEADER_ITEMS:
        if item in header.given:
            changes[item] = getattr(header, item)
    if "rounding" in header.given:
        changes["rounding_mode"] = header.rounding_mode
        changes["rounding_places"] = header.rounding_places
    merged_header = attrs.evolve(parent.header, given=tuple(set(parent.header.given) | set(header.given)), **changes)  # type: ignore[arg-type]

    inputs = {decl.name: decl for decl in parent.inputs}
    for removal in ruleset.removals:
        if removal.what == "input":
            if inputs.pop(removal.code, None) is None:
                _fail(
                    "E191", f"remove input {removal.code}: the parent ruleset has no input {removal.code}", removal.loc
                )
    for decl in ruleset.inputs:
        inputs[decl.name] = decl

    fields = list(parent.fields)
    for removal in ruleset.removals:
        if removal.what == "input":
            continue
        fields, found = _remove(fields, removal.code)
        if not found:
            _fail("E191", f"remove {removal.code}: the parent ruleset has no node {removal.code}", removal.loc)
    for override in ruleset.overrides:
        fields, found = _replace(fields, override.node)
        if not found:
            _fail(
                "E191",
                f"override {override.node.code}: the parent ruleset has no node {override.node.code}",
                override.loc,
            )
    existing = {node.code for f in fields for node in f.walk()}
    for node in ruleset.fields:
        if node.code in existing:
            _fail("E192", f"node {node.code} is already in the parent ruleset; write override to change it", node.loc)
        fields = _insert(fields, node)
        existing |= {x.code for x in node.walk()}

    return n.Ruleset(
        header=merged_header,
        inputs=tuple(inputs.values()),
        constraints=parent.constraints + ruleset.constraints,
        fields=tuple(fields),
        classes=ruleset.classes or parent.classes,
        ranking=ruleset.ranking or parent.ranking,
        downgrade=ruleset.downgrade or parent.downgrade,
        path=ruleset.path,
    )


def _fail(code: str, message: str, loc: n.Location) -> None:
    raise RulesetError([Diagnostic("error", code, message, loc)])


def _remove(nodes: list[n.Node], code: str) -> tuple[list[n.Node], bool]:
    out = []
    found = False
    for node in nodes:
        if node.code == code:
            found = True
            continue
        kids, hit = _remove(list(node.children), code)
        found = found or hit
        out.append(attrs.evolve(node, children=tuple(kids)) if hit else node)
    return out, found


def _replace(nodes: list[n.Node], new: n.Node) -> tuple[list[n.Node], bool]:
    out = []
    found = False
    for node in nodes:
        if node.code == new.code:
            found = True
            # an override that lists no children keeps the original's children
            out.append(new if new.children or not node.children else attrs.evolve(new, children=node.children))
            continue
        kids, hit = _replace(list(node.children), new)
        found = found or hit
        out.append(attrs.evolve(node, children=tuple(kids)) if hit else node)
    return out, found


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def _insert(nodes: list[n.Node], new: n.Node) -> list[n.Node]:
    parent_code = new.code.rsplit(".", 1)[0] if "." in new.code else None
    if parent_code is None:
        return sorted([*nodes, new], key=lambda x: _code_key(x.code))
    out = []
    placed = False
    for node in nodes:
        if node.code == parent_code:
            kids = sorted([*node.children, new], key=lambda x: _code_key(x.code))
            out.append(attrs.evolve(node, children=tuple(kids)))
            placed = True
        elif parent_code.startswith(node.code + "."):
            kids = _insert(list(node.children), new)
            placed = placed or kids != list(node.children)
            out.append(attrs.evolve(node, children=tuple(kids)))
        else:
            out.append(node)
    if not placed:
        _fail("E191", f"node {new.code} has no parent {parent_code} to go under", new.loc)
    return out
