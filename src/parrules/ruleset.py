"""Loading: find a ruleset by name or path, run parse -> resolve -> check -> compile.

``Ruleset`` is the loaded, checked, compiled ruleset a caller holds.  It is
immutable after loading and safe to share between threads: evaluation keeps
all its state in local variables of the generated function.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from . import nodes as n
from . import runtime
from .check import Checked, check
from .compile import Compiled, compile_checked, emit_module
from .errors import Diagnostic, InputError, NotFound, RulesetError, did_you_mean
from .evaluate import Scorecard, arithmetic_error, check_inputs_mapping, input_error, missing_node
from .limits import MAX_RULESET_BYTES
from .parse import parse
from .resolve import resolve

SUFFIX = ".par"


def shipped() -> list[str]:
    """Names of the rulesets that ship with parrules."""
    folder = resources.files("parrules.rulesets")
    return sorted(p.name[: -len(SUFFIX)] for p in folder.iterdir() if p.name.endswith(SUFFIX))


def locate(name_or_path: str | Path) -> tuple[str, str]:
    """(text, path) of a ruleset given by path, or by the name of a shipped ruleset."""
    path = Path(name_or_path)
    if path.suffix == SUFFIX or path.exists():
        try:
            if path.exists() and (not path.is_file() or path.stat().st_size > MAX_RULESET_BYTES):
                # /dev/zero, a FIFO, a folder or a huge file named by ``extends``: never read it
                raise NotFound(f"{str(path)!r} is not a ruleset file of at most {MAX_RULESET_BYTES:,} bytes")
            return path.read_text(encoding="utf-8-sig"), str(path)
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
    return resource.read_text(encoding="utf-8"), f"rulesets/{name}{SUFFIX}"


def load(name_or_path: str | Path) -> Ruleset:
    """Load, check and compile a ruleset file (or a shipped ruleset by name)."""
    text, path = locate(name_or_path)
    return loads(text, path)


def loads(text: str, path: str = "<string>") -> Ruleset:
    """Load, check and compile ruleset text.  Raises RulesetError with every error found."""
    ast = parse(text, path)
    resolved = resolve(ast, _parent_loader(path))
    lines = text.splitlines()
    checked = check(resolved, lines)
    return Ruleset(checked, compile_checked(checked), text)


def _parent_loader(child_path: str) -> Any:
    def load_parent(name: str) -> tuple[n.Ruleset, str]:
        candidate = Path(child_path).parent / name
        if not candidate.suffix:
            candidate = candidate.with_suffix(SUFFIX)
        target: str | Path = candidate if candidate.exists() else name
        text, path = locate(target)
        ast = parse(text, path)
        return resolve(ast, _parent_loader(path)), text

    return load_parent


class Ruleset:
    """A checked and compiled ruleset: evaluate units, look up nodes, explain."""

    def __init__(self, checked: Checked, compiled: Compiled, text: str):
        self.checked = checked
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

    @functools.cache  # noqa: B019 - rulesets are few and live as long as the process
    def source_of(self, code: str) -> str:
        node = self.node(code)
        if node.source is not None:
            return node.source
        if not node.children:
            # a leaf without a source of its own takes the nearest ancestor's, else self-assessment
            code_above = code
            while "." in code_above:
                code_above = code_above.rsplit(".", 1)[0]
                above = self._nodes.get(code_above)
                if above is not None and above.source is not None:
                    return above.source
            return "self"
        sources = {self.source_of(c.code) for c in node.children}
        return sources.pop() if len(sources) == 1 else "mixed"

    @functools.cache  # noqa: B019
    def agency_of(self, code: str) -> str:
        """The responsible agency: the node's own, else the nearest ancestor's."""
        node = self.node(code)
        if node.agency:
            return node.agency
        if "." in code:
            return self.agency_of(code.rsplit(".", 1)[0])
        return ""

    # -- evaluation
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

    def to_source(self) -> str:
        """A standalone Python module (standard library only) that evaluates this ruleset."""
        return emit_module(self.checked)


def compile_to_source(ruleset: Ruleset | str | Path) -> str:
    """The standalone evaluator module of a ruleset (loaded, or by name or path)."""
    if not isinstance(ruleset, Ruleset):
        ruleset = load(ruleset)
    return ruleset.to_source()
