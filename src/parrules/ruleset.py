"""Loading: find a ruleset by name or path, run parse -> resolve -> check -> compile.

``Ruleset`` is the loaded, checked, compiled ruleset a caller holds.  It is
immutable after loading and safe to share between threads: evaluation keeps
all its state in local variables of the generated function.
"""

from __future__ import annotations

import os
import re
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from . import nodes as n
from . import runtime
from .check import Checked, check
from .compile import Compiled, compile_checked, emit_module
from .context import in_library_context
from .errors import Diagnostic, InputError, NotFound, RulesetError, did_you_mean
from .evaluate import Scorecard, arithmetic_error, check_inputs_mapping, input_error, missing_node
from .limits import MAX_RULESET_BYTES
from .parse import parse
from .resolve import LoadParent, Parent, resolve

SUFFIX = ".par"


def shipped() -> list[str]:
    """Names of the rulesets that ship with parrules."""
    folder = resources.files("parrules.rulesets")
    return sorted(p.name[: -len(SUFFIX)] for p in folder.iterdir() if p.name.endswith(SUFFIX))


def locate(name_or_path: str | Path) -> tuple[str, str]:
    """(text, path) of a ruleset given by path, or by the name of a shipped ruleset."""
    text, path, _from_file = _locate(name_or_path)
    return text, path


def _locate(name_or_path: str | Path) -> tuple[str, str, bool]:
    """(text, path, read from a file given by path) of a ruleset (False: a shipped ruleset)."""
    path = Path(name_or_path)
    if path.suffix == SUFFIX or path.exists():
        try:
            if path.exists() and (not path.is_file() or path.stat().st_size > MAX_RULESET_BYTES):
                # /dev/zero, a FIFO, a folder or a huge file named by ``extends``: never read it
                raise NotFound(f"{str(path)!r} is not a ruleset file of at most {MAX_RULESET_BYTES:,} bytes")
            return path.read_text(encoding="utf-8-sig"), str(path), True
        except FileNotFoundError:
            raise NotFound(f"no ruleset file {str(path)!r}") from None
        except UnicodeDecodeError as exc:
            raise RulesetError(
                [
                    Diagnostic(
                        "error",
                        "E000",
                        f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                        n.Location(str(path), 1, 1),
                    )
                ]
            ) from None
        except OSError as exc:
            raise NotFound(f"cannot read {str(path)!r}: {exc.strerror}") from None
    name = str(name_or_path)
    resource = resources.files("parrules.rulesets").joinpath(name + SUFFIX)
    if not resource.is_file():
        known = ", ".join(shipped())
        raise NotFound(f"no ruleset named {name!r}{did_you_mean(name, shipped())}; shipped rulesets: {known}")
    return resource.read_text(encoding="utf-8"), f"rulesets/{name}{SUFFIX}", False


@in_library_context
def load(name_or_path: str | Path) -> Ruleset:
    """Load, check and compile a ruleset file (or a shipped ruleset by name)."""
    text, path, from_file = _locate(name_or_path)
    return _load(text, path, from_file)


@in_library_context
def loads(text: str, path: str = "<string>") -> Ruleset:
    """Load, check and compile ruleset text.  Raises RulesetError with every error found."""
    return _load(text, path, False)


def read(name_or_path: str | Path) -> tuple[n.Ruleset, str, str]:
    """(AST as written, text, path) of a ruleset file or shipped ruleset, not resolved or checked
    (what ``parrules fmt`` lays out); a file that is no ruleset is E195, its text not shown."""
    text, path, from_file = _locate(name_or_path)
    return (_parse_file(text, path) if from_file else parse(text, path)), text, path


def _load(text: str, path: str, from_file: bool) -> Ruleset:
    files: list[str] = [path] if from_file else []
    ast = _parse_file(text, path) if from_file else parse(text, path)
    lines = text.splitlines()
    key = _file_key(path) if from_file or Path(path).is_file() else ("text", path)
    resolved = resolve(ast, _parent_loader(path, files), ((key, path),), lines)
    checked = check(resolved, lines)
    return Ruleset(checked, compile_checked(checked), text, tuple(files))


# A file's text is shown in a diagnostic (the line under the error, the unexpected word) only
# when the file was read as a ruleset: its name ends in .par and it begins with a ruleset
# header.  Anything else that is named as a ruleset (``extends "/proc/self/environ"``, a key
# file, a CSV) is reported as E195 by name alone, so an error never prints a file's secrets.
_HEADER_FIRST = re.compile(r'\A(?:\s|#[^\n]*)*ruleset\s+"')


def _parse_file(text: str, path: str) -> n.Ruleset:
    """Parse a ruleset read from a file; a file that is no ruleset fails without showing its text."""
    try:
        return parse(text, path)
    except RulesetError:
        if Path(path).suffix == SUFFIX and _HEADER_FIRST.match(text):
            raise
    why = (
        f"its name does not end in {SUFFIX}"
        if Path(path).suffix != SUFFIX
        else 'it does not begin with a ruleset header (ruleset "TITLE" ...)'
    )
    message = f"{path} is not a ruleset file: {why}; its text is not shown"
    raise RulesetError([Diagnostic("error", "E195", message, n.Location(path, 1, 1))])


def _file_key(path: str) -> Hashable:
    """The same key for every path of one file (a symlink, a hard link, ``./a.par`` and ``a.par``)."""
    try:
        stat = os.stat(path)
    except OSError:
        return ("path", os.path.realpath(path))
    return ("file", stat.st_dev, stat.st_ino)


def _parent_loader(child_path: str, files: list[str]) -> LoadParent:
    """Finds a parent next to the child file first, then among the shipped rulesets;
    records every file read in ``files`` (the inputs ``-o`` must not overwrite)."""

    def load_parent(name: str) -> Parent:
        candidate = Path(child_path).parent / name
        if not candidate.suffix:
            candidate = candidate.with_suffix(SUFFIX)
        target: str | Path = candidate if candidate.exists() else name
        text, path, from_file = _locate(target)
        if from_file:
            files.append(path)
        ast = _parse_file(text, path) if from_file else parse(text, path)
        key = _file_key(path) if from_file else ("shipped", path)
        return Parent(ast, text.splitlines(), key, path, _parent_loader(path, files))

    return load_parent


class Ruleset:
    """A checked and compiled ruleset: evaluate units, look up nodes, explain."""

    def __init__(self, checked: Checked, compiled: Compiled, text: str, files: tuple[str, ...] = ()):
        self.checked = checked
        self.files = files  # the files it was read from: its own and every parent's (not shipped ones)
        self.compiled = compiled
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
        """Score one unit.  Raises InputError naming the input (and the nodes needing it)."""
        check_inputs_mapping(inputs, unit)
        try:
            scores, applicable = self.compiled.evaluate(inputs)
        except runtime.InputProblem as problem:
            raise input_error(problem, self, inputs, unit) from None
        except ArithmeticError as exc:  # a trapped decimal signal: D110 naming the node
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

    def score_table(self, columns: Any, *, unit: str | None = "unit", members: Any = None) -> Any:
        """Score a batch given as columns (a DataFrame, a pyarrow Table or a mapping of sequences),
        exactly as ``evaluate`` would, with numpy: see parrules.columnar.score_table."""
        from .columnar import score_table

        return score_table(self, columns, unit=unit, members=members)

    @in_library_context
    def to_source(self) -> str:
        """A standalone Python module (standard library only) that evaluates this ruleset."""
        return emit_module(self.checked)


def compile_to_source(ruleset: Ruleset | str | Path) -> str:
    """The standalone evaluator module of a ruleset (loaded, or by name or path)."""
    if not isinstance(ruleset, Ruleset):
        ruleset = load(ruleset)
    return ruleset.to_source()
