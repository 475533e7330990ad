"""Loading: find a ruleset by name or path, run parse -> resolve -> check -> compile.

``Ruleset`` is the loaded, checked, compiled ruleset a caller holds.  It is
immutable after loading and safe to share between threads: evaluation keeps
all its state in local variables of the generated function.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import cache, runtime
from . import nodes as n
from .check import Checked, check
from .compile import Compiled, compile_checked
from .context import in_library_context
from .errors import Diagnostic, InputError, NotFound, ParrulesError, RulesetError, did_you_mean_said
from .evaluate import (
    _ISSUED,
    CheckedInputs,
    Scorecard,
    arithmetic_error,
    check_inputs_mapping,
    input_error,
    missing_node,
)
from .limits import MAX_RULESET_BYTES
from .system_words import codec_reason, os_reason
from .wording import sentence

if TYPE_CHECKING:  # pragma: no cover
    from .resolve import LoadParent, Parent
    from .whatif import Sensitivity, WhatIf

SUFFIX = ".par"


def shipped() -> list[str]:
    """Names of the rulesets that ship with parrules."""
    folder = cache.package_folder("parrules.rulesets")
    return sorted(p.name[: -len(SUFFIX)] for p in folder.iterdir() if p.name.endswith(SUFFIX))


def locate(name_or_path: str | Path) -> tuple[str, str]:
    """(text, path) of a ruleset given by path, or by name: ``./NAME.par`` when it exists, else
    the shipped ruleset NAME."""
    text, path, _from_file = _locate(name_or_path)
    return text, path


def local_file(name: str | Path) -> Path | None:
    """``./NAME.par`` when ``name`` is a bare name (no ``.par``, not an existing path) and that
    file exists: a name finds the file in the working directory first, as ``extends "NAME"``
    finds the file beside the ruleset first, and only then a shipped ruleset."""
    path = Path(name)
    if path.suffix == SUFFIX or path.exists() or not path.name:
        return None
    candidate = path.with_name(path.name + SUFFIX)
    return candidate if candidate.is_file() else None


def shadowed(name: str | Path) -> Path | None:
    """The working-directory file a name finds instead of the shipped ruleset of that name
    (the command line says so on stderr), else None."""
    found = local_file(name)
    return found if found is not None and str(name) in shipped() else None


def _locate(name_or_path: str | Path) -> tuple[str, str, bool]:
    """(text, path, read from a file given by path) of a ruleset (False: a shipped ruleset)."""
    path = local_file(name_or_path) or Path(name_or_path)
    if path.suffix == SUFFIX or path.exists():
        try:
            if path.exists() and (not path.is_file() or path.stat().st_size > MAX_RULESET_BYTES):
                # /dev/zero, a FIFO, a folder or a huge file named by ``extends``: never read it
                raise NotFound(
                    sentence(
                        "{path!r} is not a ruleset file of at most {limit} bytes",
                        path=str(path),
                        limit=MAX_RULESET_BYTES,
                    )
                )
            return path.read_text(encoding="utf-8-sig"), str(path), True
        except FileNotFoundError:
            raise NotFound(sentence("no ruleset file {path!r}", path=str(path))) from None
        except UnicodeDecodeError as exc:
            said = sentence("the file is not UTF-8 text ({reason} at byte {start})", reason=codec_reason(exc.reason), start=exc.start)
            raise RulesetError([Diagnostic("error", "E000", str(said), n.Location(str(path), 1, 1), sentence=said)]) from None
        except OSError as exc:
            raise NotFound(sentence("cannot read {path!r}: {why}", path=str(path), why=os_reason(exc))) from None
    name = str(name_or_path)
    resource = cache.package_folder("parrules.rulesets").joinpath(name + SUFFIX)
    if not resource.is_file():
        known = ", ".join(shipped())
        raise NotFound(
            sentence(
                "no ruleset named {name!r}{hint}; shipped rulesets: {known}",
                name=name, hint=did_you_mean_said(name, shipped()), known=known,
            )
        )
    return resource.read_text(encoding="utf-8"), f"rulesets/{name}{SUFFIX}", False


@in_library_context
def load(name_or_path: str | Path) -> Ruleset:
    """Load, check and compile a ruleset file (or a shipped ruleset by name)."""
    text, path, from_file = _locate(name_or_path)
    return _load(text, path, from_file, use_cache=True)


@in_library_context
def loads(text: str, path: str = "<string>") -> Ruleset:
    """Load, check and compile ruleset text.  Raises RulesetError with every error found.

    Not cached (parrules.cache keeps rulesets loaded from files and shipped ones, which
    every command reloads; text given by a program is the program's to keep)."""
    return _load(text, path, False, use_cache=False)


def read(name_or_path: str | Path) -> tuple[n.Ruleset, str, str]:
    """(AST as written, text, path) of a ruleset file or shipped ruleset, not resolved or checked
    (what ``parrules fmt`` lays out); a file that is no ruleset is E195, its text not shown."""
    text, path, from_file = _locate(name_or_path)
    return (_parse_file(text, path) if from_file else parse(text, path)), text, path


def load_header(name_or_path: str | Path) -> n.Header:
    """The header of a ruleset, loaded and checked as ``load`` does (a ruleset with errors
    raises RulesetError).  ``parrules list`` prints seven rulesets' headers: from the code
    cache's entry alone when it has one (this user's parrules loaded that very text, its
    parents unchanged), else by ``load``, which keeps the entry for the next time (and for the
    command that uses the ruleset next); docs/performance.md, start-up."""
    text, path, from_file = _locate(name_or_path)
    from . import codecache

    kept = codecache.read_header(cache.key(text, path, from_file))
    if kept is not None and _still_found(kept[1]) is not None:
        return kept[0]
    return _load(text, path, from_file, use_cache=True).header


def _load(text: str, path: str, from_file: bool, use_cache: bool) -> Ruleset:
    checked, files, (entry_key, entry, compiled) = _checked(text, path, from_file, use_cache)
    if compiled is None:
        compiled = compile_checked(checked)
        if entry is not None:
            from . import codecache

            codecache.write(entry_key, entry, checked, compiled)
    return Ruleset(checked, compiled, text, files)


def _checked(
    text: str, path: str, from_file: bool, use_cache: bool
) -> tuple[Checked, tuple[str, ...], tuple[str, cache.Entry | None, Compiled | None]]:
    """The checked ruleset of a text, the files it was read from, and (the cache's key, the
    ruleset cache's entry to keep the compiled evaluator for or None, the compiled evaluator
    kept by parrules.codecache or None): from the caches, else parsed."""
    lines = text.splitlines()
    entry_key = cache.key(text, path, from_file) if use_cache else ""
    if use_cache:
        from . import codecache

        kept = codecache.read(entry_key)  # authenticated: AST, checker's result, compiled code
        parents = _still_found(kept.lookups) if kept is not None else None
        if kept is not None and parents is not None:
            # this user's parrules checked this very AST (the MAC says so); with warnings, check again
            checked = kept.checked or _checked_again(kept.ruleset, lines, {path: lines, **parents})
            if checked is not None:
                return checked, kept.files, (entry_key, None, kept.compiled)
    entry = cache.read(entry_key) if use_cache else None
    parents = _still_found(entry.lookups) if entry is not None else None
    if entry is not None and parents is not None:
        # the resolved AST of this very text, parents unchanged (parrules.cache): parsing skipped.
        checked = _checked_again(entry.ruleset, lines, {path: lines, **parents})
        if checked is not None:
            return checked, entry.files, (entry_key, entry, None)
    files: list[str] = [path] if from_file else []
    lookups: list[cache.Lookup] = []
    ast = _parse_file(text, path) if from_file else parse(text, path)
    key = _file_key(path) if from_file or Path(path).is_file() else ("text", path)
    sources: dict[str, list[str]] = {path: lines}
    from .resolve import resolve  # a parse's next stage: a cached ruleset never loads it (start-up)

    resolved = resolve(ast, _parent_loader(path, files, sources, lookups), ((key, path),), lines)
    try:
        checked = check(resolved, lines)
    except RulesetError as exc:
        raise RulesetError([_with_source(d, sources) for d in exc.diagnostics]) from None
    if any(not d.source_line for d in checked.warnings):
        checked = attrs.evolve(checked, warnings=tuple(_with_source(d, sources) for d in checked.warnings))
    entry = cache.Entry(resolved, tuple(files), tuple(lookups)) if use_cache else None
    if entry is not None:
        cache.write(entry_key, entry)
    return checked, tuple(files), (entry_key, entry, None)


def _checked_again(ast: n.Ruleset, lines: list[str], found: dict[str, list[str]]) -> Checked | None:
    """The checker's result on a cached AST, its warnings shown with their lines (``found``: the
    lines of the ruleset and its parents).  Only a ruleset that passed the checker is stored, so
    an entry that fails it now is not what was stored: None, and the text is parsed, so the
    errors shown are the text's."""
    try:
        checked = check(ast, lines)
    except RulesetError:
        return None
    if any(not d.source_line for d in checked.warnings):
        checked = attrs.evolve(checked, warnings=tuple(_with_source(d, found) for d in checked.warnings))
    return checked


def _still_found(lookups: Iterable[cache.Lookup]) -> dict[str, list[str]] | None:
    """The lines of every parent a cached ruleset was resolved with, when each is found again
    with the same text (for the line a parent's warning shows); None when one is not."""
    parents: dict[str, list[str]] = {}
    for lookup in lookups:
        try:
            text, path, from_file = _locate(_parent_target(lookup.child, lookup.name))
        except (ParrulesError, OSError):
            return None
        if (path, from_file, cache.text_hash(text)) != (lookup.path, lookup.from_file, lookup.sha256):
            return None
        parents[path] = text.splitlines()
    return parents


def _with_source(diagnostic: Diagnostic, sources: Mapping[str, list[str]]) -> Diagnostic:
    """A finding in a parent file (the checker sees only the child's text) with the parent's
    line under it, so the caret points into the file the mistake is in."""
    lines = sources.get(diagnostic.loc.file)
    if diagnostic.source_line or not lines or not 0 < diagnostic.loc.line <= len(lines):
        return diagnostic
    return attrs.evolve(diagnostic, source_line=lines[diagnostic.loc.line - 1])


# A file's text is shown in a diagnostic (the line under the error, the unexpected word) only
# when the file was read as a ruleset: its name ends in .par and it begins with a ruleset
# header.  Anything else that is named as a ruleset (``extends "/proc/self/environ"``, a key
# file, a CSV) is reported as E195 by name alone, so an error never prints a file's secrets.
_HEADER_FIRST = re.compile(r'\A(?:\s|#[^\n]*)*ruleset\s+"')


def parse(text: str, path: str = "<string>") -> n.Ruleset:
    """``parse.parse``, imported on first use: a cached ruleset never loads the parser (its tables
    are most of a start-up's imports)."""
    from .parse import parse as parse_text

    return parse_text(text, path)


def _parse_file(text: str, path: str) -> n.Ruleset:
    """Parse a ruleset read from a file; a file that is no ruleset fails without showing its text."""
    try:
        return parse(text, path)
    except RulesetError:
        if Path(path).suffix == SUFFIX and _HEADER_FIRST.match(text):
            raise
    why = (
        sentence("its name does not end in {suffix}", suffix=SUFFIX)
        if Path(path).suffix != SUFFIX
        else sentence('it does not begin with a ruleset header (ruleset "TITLE" ...)')
    )
    message = sentence("{path} is not a ruleset file: {why}; its text is not shown", path=path, why=why)
    raise RulesetError([Diagnostic("error", "E195", str(message), n.Location(path, 1, 1), sentence=message)])


def _file_key(path: str) -> Hashable:
    """The same key for every path of one file (a symlink, a hard link, ``./a.par`` and ``a.par``)."""
    try:
        stat = os.stat(path)
    except OSError:
        return ("path", os.path.realpath(path))
    return ("file", stat.st_dev, stat.st_ino)


def _parent_target(child_path: str, name: str) -> str | Path:
    """Where ``extends NAME`` in ``child_path`` is read from: a file next to the child, else a shipped ruleset."""
    candidate = Path(child_path).parent / name
    if not candidate.suffix:
        candidate = candidate.with_suffix(SUFFIX)
    return candidate if candidate.exists() else name


def _parent_loader(
    child_path: str,
    files: list[str],
    sources: dict[str, list[str]] | None = None,
    lookups: list[cache.Lookup] | None = None,
) -> LoadParent:
    """Finds a parent next to the child file first, then among the shipped rulesets;
    records every file read in ``files`` (the inputs ``-o`` must not overwrite), the
    lines of every ruleset read in ``sources`` (for the line a diagnostic shows) and every
    lookup in ``lookups`` (what a cached ruleset checks again before it is used)."""
    sources = {} if sources is None else sources

    def load_parent(name: str) -> Parent:
        from .resolve import Parent

        text, path, from_file = _locate(_parent_target(child_path, name))
        if from_file:
            files.append(path)
        if lookups is not None:
            lookups.append(cache.Lookup(child_path, name, path, from_file, cache.text_hash(text)))
        ast = _parse_file(text, path) if from_file else parse(text, path)
        key = _file_key(path) if from_file else ("shipped", path)
        sources.setdefault(path, text.splitlines())
        return Parent(ast, text.splitlines(), key, path, _parent_loader(path, files, sources, lookups))

    return load_parent


class Ruleset:
    """A checked and compiled ruleset: evaluate units, look up nodes, explain."""

    def __init__(self, checked: Checked, compiled: Compiled, text: str, files: tuple[str, ...] = ()):
        self.checked = checked
        self.files = files  # the files it was read from: its own and every parent's (not shipped ones)
        self.compiled = compiled
        self._unchecked: Callable[[Any], tuple[tuple[Decimal, ...], tuple[Decimal, ...]]] | None = None
        self.text = text
        self.ast = checked.ruleset
        self.header = self.ast.header
        self.codes = compiled.codes
        self._positions = {code: i for i, code in enumerate(self.codes)}
        self._nodes = {node.code: node for node in self.ast.nodes()}
        self.field_positions = tuple(self._positions[f.code] for f in self.ast.fields)
        self.leaf_codes = tuple(code for code in self.codes if not self._nodes[code].children)
        self.scale = self.header.scale if self.header.scale is not None else Decimal(100)
        # Per-instance tables, not functools.cache on the methods: a cache on a method is keyed
        # by ``self`` and kept by the class, so every ruleset ever loaded would stay alive.
        self._sources: dict[str, str] = {}
        for node in reversed(self.ast.nodes()):  # children before parents: a parent reads its children's
            self._sources[node.code] = self._source(node)
        self._agencies: dict[str, str] = {}
        stack = [(field, "") for field in self.ast.fields]
        while stack:  # a node without an agency of its own takes its parent's
            node, inherited = stack.pop()
            self._agencies[node.code] = node.agency or inherited
            stack.extend((child, self._agencies[node.code]) for child in node.children)

    def __repr__(self) -> str:
        return f"<Ruleset {self.header.title!r} {self.header.year} {self.header.level} ({len(self.codes)} nodes)>"

    # -- description
    @property
    def title(self) -> str:
        return self.header.title

    @property
    def path(self) -> str:
        return self.ast.path

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return self.checked.warnings

    @property
    def inputs(self) -> dict[str, n.InputDecl]:
        """Every input a unit's data must give, declared or implied by ``score points``."""
        return dict(self.checked.inputs)

    def node(self, code: str) -> n.Node:
        try:
            return self._nodes[code]
        except KeyError:
            raise missing_node(code, self.codes) from None

    def position(self, code: str) -> int:
        try:
            return self._positions[code]
        except KeyError:
            raise missing_node(code, self.codes) from None

    def source_of(self, code: str) -> str:
        """self, appraisal, survey, or mixed (a parent whose leaves come from more than one)."""
        self.node(code)  # NotFound for an unknown code
        return self._sources[code]

    def agency_of(self, code: str) -> str:
        """The responsible agency: the node's own, else the nearest ancestor's."""
        self.node(code)
        return self._agencies[code]

    def _source(self, node: n.Node) -> str:
        if node.source is not None:
            return node.source
        if not node.children:
            # a leaf without a source of its own takes the nearest ancestor's, else self-assessment
            code_above = node.code
            while "." in code_above:
                code_above = code_above.rsplit(".", 1)[0]
                above = self._nodes.get(code_above)
                if above is not None and above.source is not None:
                    return above.source
            return "self"
        sources = {self._sources[c.code] for c in node.children}
        return sources.pop() if len(sources) == 1 else "mixed"

    # -- evaluation
    @in_library_context
    def evaluate(self, inputs: Mapping[str, Any], unit: str | None = None) -> Scorecard:
        """Score one unit.  Raises InputError naming the input (and the nodes needing it).

        Inputs from this ruleset's ``checked_inputs`` take the trusted path: the generated
        ``evaluate_checked`` scores them without validating again (same card, node for node)."""
        if inputs.__class__ is CheckedInputs and inputs._owner is self.compiled:  # type: ignore[attr-defined]
            return self._evaluate_checked(inputs, unit)  # type: ignore[arg-type]
        check_inputs_mapping(inputs, unit)
        try:
            scores, applicable = self.compiled.evaluate(inputs)
        except runtime.InputProblem as problem:
            raise input_error(problem, self, inputs, unit) from None
        except ArithmeticError as exc:  # a trapped decimal signal: D110 naming the node
            raise arithmetic_error(exc, self, unit) from None
        return Scorecard(self, inputs, scores, applicable, unit)

    @in_library_context
    def checked_inputs(self, values: Mapping[str, Any], unit: str | None = None) -> CheckedInputs:
        """One unit's inputs validated once, for ``evaluate`` to score without validating again.

        Raises the InputError ``evaluate(values, unit)`` raises for a bad input or a broken
        constraint (same code, message and unit); a node that fails for these values (no tier
        covers them, a division by zero) or the points of a node that may not apply are still
        found by ``evaluate``, as they are found today.  The result is tied to this ruleset
        (docs/api.md, "Checked inputs"): it moves the validation to the boundary, so a value
        scored many times (what-if searches) or checked once where it is read is validated once."""
        if isinstance(values, CheckedInputs) and values._owner is self.compiled:
            return values
        check_inputs_mapping(values, unit)
        given = dict(values)  # what is checked is what the mapping shows, whatever the caller changes later
        check = self.compiled.check_inputs
        assert check is not None
        try:
            converted = check(given)
        except runtime.InputProblem as problem:
            raise input_error(problem, self, given, unit) from None
        except ArithmeticError as exc:  # a trapped decimal signal in a constraint: D110 naming it
            raise arithmetic_error(exc, self, unit) from None
        return CheckedInputs(_ISSUED, self.compiled, given, converted, unit)

    def _evaluate_checked(self, inputs: CheckedInputs, unit: str | None) -> Scorecard:
        """Score inputs this ruleset checked (in the library context Ruleset.evaluate entered)."""
        unit = inputs.unit if unit is None else unit
        evaluate = self._unchecked
        if evaluate is None:
            later = self.compiled.evaluate_checked
            assert later is not None
            evaluate = self._unchecked = later.function()
        try:
            scores, applicable = evaluate(inputs._values)
        except runtime.InputProblem as problem:  # a lazily read points input, no tier covering a value
            raise input_error(problem, self, inputs, unit) from None
        except ArithmeticError as exc:
            raise arithmetic_error(exc, self, unit) from None
        return Scorecard(self, inputs, scores, applicable, unit)

    @in_library_context
    def run_traced(
        self, inputs: Mapping[str, Any], unit: str | None = None
    ) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...], list[Any]]:
        check_inputs_mapping(inputs, unit)
        try:
            return self.compiled.evaluate_traced(inputs)
        except runtime.InputProblem as problem:
            raise input_error(problem, self, inputs, unit) from None
        except ArithmeticError as exc:
            raise arithmetic_error(exc, self, unit) from None

    @in_library_context
    def evaluate_many(self, units: Iterable[tuple[str, Mapping[str, Any]]]) -> tuple[list[Scorecard], list[InputError]]:
        """Score many units; a unit with bad data is reported and the others are still scored."""
        cards: list[Scorecard] = []
        errors: list[InputError] = []
        for row, (unit, inputs) in enumerate(units, start=1):
            try:
                cards.append(self.evaluate(inputs, unit))
            except InputError as exc:
                errors.append(exc.located(unit=unit, row=exc.row if exc.row is not None else row))
        return cards, errors

    def what_if(self, inputs: Mapping[str, Any], changes: Mapping[str, Any]) -> WhatIf:
        """The unit's card before and after ``changes`` ({input: new value}), the nodes that moved
        and their derivations after (parrules.whatif.what_if; bad changes raise InputError)."""
        from .whatif import what_if

        return what_if(self, inputs, changes)

    def sensitivity(self, inputs: Mapping[str, Any]) -> list[Sensitivity]:
        """For every leaf and each input it reads, the points one step of the input brings
        (parrules.whatif.sensitivity)."""
        from .whatif import sensitivity

        return sensitivity(self, inputs)

    def score_table(self, columns: Any, *, unit: str | None = "unit", members: Any = None) -> Any:
        """Score a batch given as columns (a DataFrame, a pyarrow Table or a mapping of sequences),
        exactly as ``evaluate`` would, with numpy: see parrules.columnar.score_table."""
        from .columnar import score_table

        return score_table(self, columns, unit=unit, members=members)

    def plan(
        self,
        inputs: Mapping[str, Any],
        *,
        target: str | None = None,
        total: Any = None,
        gain: Any = None,
        costs: Any = None,
        unit: str | None = None,
    ) -> Any:
        """The least-cost changes to a unit's inputs that reach a class (``target``), a ``total``
        or a ``gain`` in points, re-scored by the evaluator: see parrules.plan.plan."""
        from .plan import plan  # the planner (numpy tables) is imported when a plan is asked for

        return plan(self, inputs, target=target, total=total, gain=gain, costs=costs, unit=unit)

    @in_library_context
    def to_source(self) -> str:
        """The complete standalone Python module (standard library only) of this ruleset:
        ``evaluate(inputs)`` gives the whole result as JSON data, ``explain(inputs, code)`` the
        derivation (parrules.standalone, docs/standalone.md)."""
        from .standalone import emit  # standalone reads a loaded Ruleset: imported when needed

        return emit(self)


def compile_to_source(ruleset: Ruleset | str | Path) -> str:
    """The standalone evaluator module of a ruleset (loaded, or by name or path)."""
    if not isinstance(ruleset, Ruleset):
        ruleset = load(ruleset)
    return ruleset.to_source()
