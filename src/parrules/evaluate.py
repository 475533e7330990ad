"""Stage 4: run a compiled ruleset over one unit's inputs; the result tree.

``Scorecard`` is what a front end holds for a unit: the total, the index on
the maxima that apply, and ``card["3.4.1"]`` for any node (score, max,
applicable max, rate, source, agency).  The fast evaluator fills it; the
traced evaluator runs only when an explanation is asked for, on the same
inputs, and the two are tested to agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from . import nodes as n
from . import runtime
from .context import in_library_context
from .errors import InputError, NotFound, closest, did_you_mean_said
from .wording import Sentence, argument, sentence

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import Ruleset

HUNDRED = Decimal(100)


@attrs.frozen
class NodeResult:
    """One node of one unit's result."""

    code: str
    title: str
    kind: str
    score: Decimal
    max: Decimal
    applicable_max: Decimal
    source: str
    agency: str

    @property
    def applicable(self) -> bool:
        return self.applicable_max > 0 or self.max == 0

    @property
    @in_library_context
    def rate(self) -> Decimal | None:
        """Score as a percent of the applicable max (None when the node does not apply)."""
        if self.applicable_max == 0:
            return None
        return self.score * HUNDRED / self.applicable_max

    @property
    @in_library_context
    def lost(self) -> Decimal:
        return self.applicable_max - self.score


class Scorecard:
    """One unit's result: the tree of node results, the total and the index."""

    def __init__(
        self,
        ruleset: Ruleset,
        inputs: Mapping[str, Any],
        scores: tuple[Decimal, ...],
        applicable: tuple[Decimal, ...],
        unit: str | None = None,
    ):
        self.ruleset = ruleset
        self.inputs = inputs
        self.scores = scores
        self.applicable_maxima = applicable
        self.unit = unit

    @in_library_context
    def __repr__(self) -> str:
        who = f" {self.unit!r}" if self.unit else ""
        return f"<Scorecard{who} total={self.total} index={self.index}%>"

    # -- whole unit
    @property
    @in_library_context
    def total(self) -> Decimal:
        fields = self.ruleset.field_positions
        total = sum((self.scores[i] for i in fields), Decimal(0))
        scale = self.ruleset.scale
        return min(total, scale)

    @property
    @in_library_context
    def applicable_scale(self) -> Decimal:
        """The points that apply to this unit (the scale less every node that does not apply)."""
        return sum((self.applicable_maxima[i] for i in self.ruleset.field_positions), Decimal(0))

    @property
    @in_library_context
    def index(self) -> Decimal | None:
        """total / applicable scale x 100, rounded as the ruleset declares (2 places by default)."""
        scale = self.applicable_scale
        if scale == 0:
            return None
        quantum = Decimal(1).scaleb(-self.ruleset.header.index_places)
        rounding = runtime.ROUNDING.get(self.ruleset.header.rounding_mode, ROUND_HALF_UP)
        return (self.total * HUNDRED / scale).quantize(quantum, rounding)

    # -- nodes
    def __getitem__(self, code: str) -> NodeResult:
        i = self.ruleset.position(code)
        node = self.ruleset.node(code)
        return NodeResult(
            code=node.code,
            title=node.title,
            kind=node.kind,
            score=self.scores[i],
            max=node.max,
            applicable_max=self.applicable_maxima[i],
            source=self.ruleset.source_of(code),
            agency=self.ruleset.agency_of(code),
        )

    def __iter__(self) -> Iterator[NodeResult]:
        for code in self.ruleset.codes:
            yield self[code]

    def fields(self) -> list[NodeResult]:
        return [self[node.code] for node in self.ruleset.ast.fields]

    @in_library_context
    def by_source(self) -> dict[str, tuple[Decimal, Decimal]]:
        """Points and applicable maxima per source (self, appraisal, survey), from the leaves."""
        out: dict[str, tuple[Decimal, Decimal]] = {}
        for code in self.ruleset.leaf_codes:
            r = self[code]
            score, top = out.get(r.source, (Decimal(0), Decimal(0)))
            out[r.source] = (score + r.score, top + r.applicable_max)
        return out

    @in_library_context
    def lost_points(self) -> list[NodeResult]:
        """Leaves that lost points, largest loss first (then in tree order)."""
        leaves = [self[code] for code in self.ruleset.leaf_codes]
        lost = [r for r in leaves if r.lost > 0]
        order = {code: i for i, code in enumerate(self.ruleset.codes)}
        return sorted(lost, key=lambda r: (-r.lost, order[r.code]))

    @in_library_context
    def explain(self, code: str | None = None) -> str:
        """The derivation of one node (or of every node) as text an analyst can follow."""
        from .explain import explain

        return explain(self, code)

    @in_library_context
    def traced(self) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...], list[Any]]:
        return self.ruleset.run_traced(self.inputs, self.unit)

    @in_library_context
    def to_row(self) -> dict[str, Any]:
        """A flat record: unit, total, index, then every node's score by code."""
        row: dict[str, Any] = {"unit": self.unit, "total": self.total, "index": self.index}
        for code, score in zip(self.ruleset.codes, self.scores, strict=True):
            row[code] = score
        return row

    html_view: ClassVar[Callable[[Scorecard], str] | None] = None
    """How a notebook shows a card (``_repr_html_``), set by the presentation layer.

    The core renders nothing and names no presentation module: ``parrules.report``
    sets this to its ``scorecard_html`` when it is imported (``import parrules`` imports
    it), and a front end may set its own.  Unset, a notebook shows ``repr``."""

    @in_library_context
    def _repr_html_(self) -> str | None:
        view = Scorecard.html_view
        return None if view is None else view(self)


# Only parrules.ruleset holds this: a CheckedInputs built without it is refused (see below).
_ISSUED = object()


class CheckedInputs(Mapping[str, Any]):
    """One unit's inputs, validated once by ``Ruleset.checked_inputs``: the trusted fast path.

    As a mapping it is the unit's inputs as given (a copy taken when they were checked: changing
    the caller's dict afterwards changes nothing here), so a Scorecard, an explanation or another
    ruleset reads it like any dict.  Beside it, it keeps what the ruleset's generated
    ``check_inputs`` made of them (numbers converted and range-checked, percents scaled, the
    points of every plain points leaf already rounded to its places, a rank as an int), which
    ``Ruleset.evaluate`` of *the same ruleset* scores without validating again.

    Tied to the compiled ruleset that checked it: any other ruleset (even one loaded from the same
    text) takes it as a plain mapping and validates it again.  It cannot be changed, and building
    one by hand is unsupported: the constructor refuses any caller but parrules.ruleset (values
    that skipped the checks could otherwise score a wrong number)."""

    __slots__ = ("_given", "_owner", "_values", "unit")

    _owner: object
    _given: dict[str, Any]
    _values: tuple[Any, ...]
    unit: str | None

    def __init__(self, token: object, owner: object, given: dict[str, Any], values: tuple[Any, ...], unit: str | None):
        if token is not _ISSUED:
            raise TypeError("CheckedInputs are made by Ruleset.checked_inputs(values); building one by hand is unsupported")
        object.__setattr__(self, "_owner", owner)
        object.__setattr__(self, "_given", given)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "unit", unit)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("CheckedInputs cannot be changed: check the changed inputs again")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("CheckedInputs cannot be changed: check the changed inputs again")

    def __getitem__(self, key: str) -> Any:
        return self._given[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._given.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)

    def __len__(self) -> int:
        return len(self._given)

    def __repr__(self) -> str:
        who = f" {self.unit!r}" if self.unit else ""
        return f"<CheckedInputs{who} of {len(self._given)} inputs>"


def missing_node(code: str, codes: tuple[str, ...] = ()) -> NotFound:
    return NotFound(sentence("no node {code!r} in this ruleset{near}", code=code, near=did_you_mean_said(code, codes)))


# The sentences parrules.runtime raises (as a template and arguments: the runtime imports
# nothing of ours, being copied into standalone modules), listed as sentence()s so that each
# has its wording in every language (tests/test_wording.py); and the words of a D110.
RUNTIME_SENTENCES = frozenset(
    said.template
    for said in (
        sentence("{name} must be a number, not yes/no {value}"),
        sentence("{name} must be a number, not {value}"),
        sentence("{name} is missing"),
        sentence("{name} must be a number, not {kind}"),
        sentence("{name} must be a finite number, not {value}"),
        sentence("{name} = {value} is outside the numbers a score can use"),
        sentence("{name} must be a whole number of at least 0, not {value}"),
        sentence("{name} = {value}{unit} is outside {lo}..{hi}{unit}"),
        sentence("{name} must be yes/no (true/false), not {value}"),
        sentence("{name} must be one of {options}, not {value}"),
        sentence("no tier or band covers the value {value}"),
        sentence("a formula {what} for these inputs"),
    )
)
SIGNAL_SENTENCES = {
    text: said
    for text, said in (
        ("divides by zero", sentence("divides by zero")),
        (
            "gives a number larger than the arithmetic can hold (above 10**999999)",
            sentence("gives a number larger than the arithmetic can hold (above 10**999999)"),
        ),
        (
            "has no defined result (0/0, or a value too long to round)",
            sentence("has no defined result (0/0, or a value too long to round)"),
        ),
    )
}


def problem_sentence(problem: runtime.InputProblem) -> Sentence | None:
    """The sentence of an InputProblem the runtime raised with a template, to say in any language."""
    if problem.template not in RUNTIME_SENTENCES:
        return None
    args = dict(problem.args_said)
    if "what" in args:  # a trapped signal's D110 raised by a standalone module's guarded entry point
        args["what"] = SIGNAL_SENTENCES.get(args["what"], args["what"])
    return Sentence(problem.template, tuple((key, argument(key, value)) for key, value in args.items()))


def check_inputs_mapping(inputs: object, unit: str | None) -> None:
    """A unit's inputs are a mapping from input name to value; anything else is a D111 InputError.

    A portal passes whatever JSON it received (null, a list, a string): say what was
    expected instead of failing inside the generated code with AttributeError."""
    if not isinstance(inputs, Mapping):
        raise InputError(
            sentence(
                "a unit's inputs must be a mapping of input names to values (a dict, a JSON object), not {kind}",
                kind=type(inputs).__name__,
            ),
            code="D111",
            unit=unit,
        )


def arithmetic_error(exc: ArithmeticError, ruleset: Ruleset, unit: str | None) -> InputError:
    """Turn a decimal signal raised by the generated code into a D110 InputError naming the node.

    The evaluator's context traps Overflow, DivisionByZero and InvalidOperation, so
    a formula that leaves the numbers we handle stops instead of scoring a wrong
    number.  The node is found from the line of generated code that raised (the
    generator marks where each node's code starts), which costs nothing while
    scoring succeeds."""
    compiled = ruleset.compiled
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == compiled.filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    what = runtime.signal_text(exc)
    said_what = SIGNAL_SENTENCES.get(what, what)
    where = compiled.located(line) if line is not None else None
    if where is not None and where[0] == "node":
        code = compiled.codes[where[1]]
        node = ruleset.node(code)
        return InputError(
            sentence("the formula of node {code} ({loc}) {what} for this unit's inputs", code=code, loc=node.loc, what=said_what),
            code="D110",
            node=code,
            unit=unit,
        )
    if where is not None and where[0] == "constraint":
        constraint = ruleset.ast.constraints[where[1]]
        names = n.input_names(constraint.condition)
        return InputError(
            sentence(
                "the constraint {text} ({loc}) {what} for this unit's inputs",
                text=compiled.constraint_texts[where[1]],
                loc=constraint.loc,
                what=said_what,
            ),
            code="D110",
            input=names[0] if names else None,
            unit=unit,
        )
    return InputError(sentence("a formula {what} for this unit's inputs", what=said_what), code="D110", unit=unit)


def input_error(
    problem: runtime.InputProblem, ruleset: Ruleset, inputs: Mapping[str, Any], unit: str | None
) -> InputError:
    """Turn the evaluator's InputProblem into an InputError naming the input and the nodes needing it."""
    if problem.index is None:
        return InputError(problem.message, code=problem.code, unit=unit, said=problem_sentence(problem))
    if problem.index < 0:
        text = ruleset.compiled.constraint_texts[-1 - problem.index]
        constraint = ruleset.ast.constraints[-1 - problem.index]
        names = n.input_names(constraint.condition)
        values = ", ".join(f"{name} = {inputs.get(name)}" for name in names)
        return InputError(
            sentence("the constraint {text} does not hold ({values})", text=text, values=values),
            code=problem.code,
            input=names[0] if names else None,
            unit=unit,
        )
    name = ruleset.compiled.input_names[problem.index]
    users = ruleset.checked.input_users.get(name, ())
    node = ", ".join(users[:3]) + (" ..." if len(users) > 3 else "") if users else None
    message: str | Sentence = problem_sentence(problem) or problem.message
    if problem.code == "D101":
        # the commonest cause is a mistyped key: name it, and how much else is missing
        unknown = [str(key) for key in inputs if key not in ruleset.inputs]
        near = closest(name, unknown)
        if near is not None:
            message = sentence(
                "{first}; the data has {near!r}, which no rule reads: a misspelling of {name}?",
                first=message,
                near=near,
                name=name,
            )
        others = [other for other in ruleset.inputs if other != name and inputs.get(other) is None]
        if others:
            shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
            message = sentence(
                "{first}; {n} other input(s) are not given either: {shown}", first=message, n=len(others), shown=shown
            )
    return InputError(message, code=problem.code, input=name, node=node, unit=unit)
