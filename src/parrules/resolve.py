"""Between parse and check: a ruleset that ``extends`` another becomes one whole ruleset.

Next year's ruleset is usually last year's with changes.  The child names its
parent in the header (``extends "national-2021"``), then overrides nodes
(``override criterion 8.4 ... { ... }``), removes them (``remove 3.4.5``),
adds new ones (a node whose code is new is placed under the node its code
names) and declares inputs, constraints, classes or ranking of its own.  The
result is an ordinary ruleset, checked like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import attrs

from . import nodes as n
from .errors import Diagnostic, NotFound, RulesetError
from .limits import MAX_EXTENDS_DEPTH
from .system_words import os_reason
from .wording import Sentence, sentence


@attrs.frozen
class Parent:
    """A ruleset named by ``extends``, parsed but not yet resolved."""

    ruleset: n.Ruleset
    lines: list[str]  # its text, for the line a diagnostic shows
    key: Hashable  # the same file gives the same key, whatever path names it (a cycle is a repeated key)
    shown: str  # how a message names it
    load_parent: LoadParent  # finds the rulesets it extends in turn (relative to its own place)


LoadParent = Callable[[str], Parent]
Chain = tuple[tuple[Hashable, str], ...]

_HEADER_ITEMS = ("year", "level", "basis", "scale", "index_places")


def resolve(ruleset: n.Ruleset, load_parent: LoadParent, chain: Chain = (), lines: list[str] | None = None) -> n.Ruleset:
    """The ruleset with its ``extends`` chain merged in.

    ``chain`` holds (key, name) of the rulesets on the way down to this one, this one last;
    the caller gives the loaded file's key, so that a parent that is the file itself, or one
    of the files extending it, is named as a cycle (E196) instead of recursing, and a chain
    of more than MAX_EXTENDS_DEPTH parents stops at E193.
    """
    lines = lines or []
    chain = chain or ((("unnamed", ruleset.path), ruleset.path),)
    header = ruleset.header
    if header.extends is None:
        edits: list[n.Override | n.Remove] = [*ruleset.overrides, *ruleset.removals]
        if edits:
            _fail("E190", sentence('override and remove need a parent: add extends "NAME" to the header'), edits[0].loc, lines)
        return ruleset
    try:
        parent = load_parent(header.extends)
    except (NotFound, OSError, ValueError) as exc:  # the ruleset's own text names the parent (``""``, a NUL, /dev/zero)
        # a NotFound says it in the run's language, and so does the OS's reason; a ValueError is
        # a name no file can have (a NUL in it)
        why = getattr(exc, "sentence", None) or (
            os_reason(exc) if isinstance(exc, OSError) else sentence("no file can have this name")
        )
        _fail("E194", sentence("extends {name!r}: {why}", name=header.extends, why=why), header.loc, lines)
        raise
    keys = [key for key, _shown in chain]
    if parent.key in keys:
        loop = [shown for _key, shown in chain[keys.index(parent.key) :]] + [parent.shown]
        _fail("E196", sentence("extends cycle: {loop}", loop=" -> ".join(loop)), header.loc, lines)
    if len(chain) > MAX_EXTENDS_DEPTH:
        shown = " -> ".join([s for _k, s in chain] + [parent.shown])
        _fail("E193", sentence("extends goes more than {limit} rulesets deep: {chain}", limit=MAX_EXTENDS_DEPTH, chain=shown), header.loc, lines)
    resolved_parent = resolve(parent.ruleset, parent.load_parent, (*chain, (parent.key, parent.shown)), parent.lines)
    return _merge(ruleset, resolved_parent, lines)


def _merge(ruleset: n.Ruleset, parent: n.Ruleset, lines: list[str]) -> n.Ruleset:
    header = ruleset.header
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
                    "E191",
                    sentence("remove input {name}: the parent ruleset has no input {name}", name=removal.code),
                    removal.loc,
                    lines,
                )
    for decl in ruleset.inputs:
        inputs[decl.name] = decl

    fields = list(parent.fields)
    for removal in ruleset.removals:
        if removal.what == "input":
            continue
        fields, found = _remove(fields, removal.code)
        if not found:
            _fail("E191", sentence("remove {code}: the parent ruleset has no node {code}", code=removal.code), removal.loc, lines)
    for override in ruleset.overrides:
        fields, found = _replace(fields, override.node)
        if not found:
            _fail(
                "E191",
                sentence("override {code}: the parent ruleset has no node {code}", code=override.node.code),
                override.loc,
                lines,
            )
    existing = {node.code for f in fields for node in f.walk()}
    for node in ruleset.fields:
        if node.code in existing:
            _fail(
                "E192",
                sentence("node {code} is already in the parent ruleset; write override to change it", code=node.code),
                node.loc,
                lines,
            )
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


def _fail(code: str, message: Sentence, loc: n.Location, lines: list[str] | None = None) -> None:
    source_line = lines[loc.line - 1] if lines and 0 < loc.line <= len(lines) else ""
    raise RulesetError([Diagnostic("error", code, str(message), loc, source_line, sentence=message)])


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
        _fail("E191", sentence("node {code} has no parent {parent} to go under", code=new.code, parent=parent_code), new.loc)
    return out
