"""What-if and sensitivity: one unit's card before and after a change to its inputs (issue 11).

Every provincial report ends with "which criteria lost points, and what to do next year";
the question that follows is *what would this change bring?*  ``what_if`` answers it by
scoring the unit twice with the ordinary evaluator (no second arithmetic: the numbers are
``Ruleset.evaluate``'s) and listing every node whose score or applicable maximum moved,
leaves and every parent, with the total, the applicable scale, the index and the class,
and each changed node's derivation after the change (the text of ``Scorecard.explain``).

``sensitivity`` asks the same question one input at a time: for every leaf and each input
it reads, the points the leaf (and the total) gain when that input moves by one unit of
its own kind (1 for a count, a rank place, 1 percentage point, the leaf's rounding step for
survey points), re-scored exactly, never estimated from a slope.

Bad changes are data errors with the library's codes: a change naming no input is D215, a
change that breaks a range or a constraint is the ``InputError`` ``evaluate`` raises for the
changed inputs (D106, D108 ...), never a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from . import nodes as n
from .aggregate import classify, standings
from .context import in_library_context
from .errors import InputError, did_you_mean_said
from .wording import Sentence, as_text, sentence

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard
    from .ruleset import Ruleset

# the rows of a WhatIf that are not nodes of the tree, in the order they are listed
SUMMARY_ROWS = ("total", "applicable_scale", "index", "class", "rank")


@attrs.frozen
class InputChange:
    """One input as the change gives it: its value before and after."""

    name: str
    before: Any
    after: Any


@attrs.frozen
class NodeChange:
    """One row of a what-if: a node whose score (or applicable max) moved, or a summary row.

    ``code`` is a node code, or one of ``total``, ``applicable_scale``, ``index``, ``class``,
    ``rank`` (``kind`` says which).  ``before``/``after`` are Decimals (a class is its name,
    a rank an int, an index None when nothing applies); ``delta`` is ``after - before`` for
    numbers (for a rank: places gained, positive when the unit moves up), None for a class."""

    code: str
    kind: str
    title: str
    before: Any
    after: Any
    delta: Any
    applicable_max_before: Decimal | None = None
    applicable_max_after: Decimal | None = None


@attrs.frozen(slots=False)  # not slotted: functools.cached_property keeps the derivations
class WhatIf:
    """A unit's card before and after a change, the rows that moved and their derivations.

    ``changed``: the tree nodes whose score or applicable maximum moved, in tree order (leaves
    and every parent), then the summary rows that moved (total, applicable scale, index,
    class; rank once ``with_ranks`` has been given the unit's peers).  ``derivations``: each
    changed node's derivation after the change, as ``Scorecard.explain(code)`` prints it,
    computed when first read (the traced evaluator costs twenty ordinary evaluations: a
    search that tries many changes, such as a plan, pays for it only on the ones it shows)."""

    before: Scorecard
    after: Scorecard
    inputs: tuple[InputChange, ...]
    changed: tuple[NodeChange, ...]

    @functools.cached_property
    def derivations(self) -> Mapping[str, str]:
        from .schema import derivations  # the explanations of many nodes from one traced run

        codes = [c.code for c in self.changed if c.kind not in SUMMARY_ROWS]
        return derivations(self.after, codes) if codes else {}

    def derivations_in(self, lang: str) -> Mapping[str, str]:
        """``derivations`` in the words and numbers of ``lang`` (``parrules whatif --lang``)."""
        if lang == "en":
            return self.derivations
        from .schema import derivations

        codes = [c.code for c in self.changed if c.kind not in SUMMARY_ROWS]
        return derivations(self.after, codes, lang) if codes else {}

    @property
    def nodes(self) -> tuple[NodeChange, ...]:
        """The changed tree nodes (without the summary rows)."""
        return tuple(c for c in self.changed if c.kind not in SUMMARY_ROWS)

    def row(self, code: str) -> NodeChange | None:
        """The changed row of ``code`` (a node code or a summary row's name), None when it did not move."""
        for change in self.changed:
            if change.code == code:
                return change
        return None


def _unknown_inputs(ruleset: Ruleset, names: Iterable[str], unit: str | None) -> None:
    for name in names:
        if name not in ruleset.inputs:
            raise InputError(
                sentence(
                    "the change names {name}, which is no input of this ruleset{near}",
                    name=repr(name),
                    near=did_you_mean_said(str(name), ruleset.inputs),
                ),
                code="D215",
                input=str(name),
                unit=unit,
            )


@in_library_context
def what_if(
    ruleset: Ruleset, inputs: Mapping[str, Any], changes: Mapping[str, Any], unit: str | None = None
) -> WhatIf:
    """The unit scored as it is and with ``changes`` applied (``{input: new value}``, values as
    ``Ruleset.evaluate`` takes them).  Raises ``InputError``: the unit's own data as
    ``evaluate`` does; a change naming no input is D215; changed inputs that break a range or
    a constraint are ``evaluate``'s error for them (D104, D106, D108 ...)."""
    from .evaluate import check_inputs_mapping

    check_inputs_mapping(inputs, unit)
    if not isinstance(changes, Mapping):
        raise InputError(
            sentence(
                "the changes must be a mapping of input names to new values, not {kind}", kind=type(changes).__name__
            ),
            code="D111",
            unit=unit,
        )
    _unknown_inputs(ruleset, changes, unit)
    before = ruleset.evaluate(inputs, unit)
    after_inputs = {**inputs, **changes}
    after = ruleset.evaluate(after_inputs, unit)
    moved = tuple(InputChange(name, inputs.get(name), value) for name, value in changes.items())
    changed = list(_node_changes(ruleset, before, after))
    changed.extend(_summary_changes(ruleset, before, after))
    return WhatIf(before, after, moved, tuple(changed))


def _node_changes(ruleset: Ruleset, before: Scorecard, after: Scorecard) -> Iterable[NodeChange]:
    for i, code in enumerate(ruleset.codes):
        s0, s1 = before.scores[i], after.scores[i]
        a0, a1 = before.applicable_maxima[i], after.applicable_maxima[i]
        if s0 != s1 or a0 != a1:
            node = ruleset.node(code)
            yield NodeChange(code, node.kind, node.title, s0, s1, s1 - s0, a0, a1)


def _summary_changes(ruleset: Ruleset, before: Scorecard, after: Scorecard) -> Iterable[NodeChange]:
    if before.total != after.total:
        yield NodeChange("total", "total", "", before.total, after.total, after.total - before.total)
    if before.applicable_scale != after.applicable_scale:
        delta = after.applicable_scale - before.applicable_scale
        yield NodeChange("applicable_scale", "applicable_scale", "", before.applicable_scale, after.applicable_scale, delta)
    i0, i1 = before.index, after.index
    if i0 != i1:
        yield NodeChange("index", "index", "", i0, i1, None if i0 is None or i1 is None else i1 - i0)
    k0, k1 = classify(ruleset, before), classify(ruleset, after)
    if k0 != k1:
        yield NodeChange("class", "class", "", k0, k1, None)


@in_library_context
def with_ranks(result: WhatIf, peers: Sequence[Scorecard]) -> WhatIf:
    """The what-if with the unit's rank before and after among ``peers`` (the other units of its
    level, as ``aggregate.standings`` ranks them; the unit's own card among them is replaced,
    matched by its unit name).  A rank row is added when the rank moves."""
    ruleset = result.before.ruleset
    unit = result.before.unit
    others = [card for card in peers if card.unit != unit]
    rank0 = _rank_of(standings(ruleset, [*others, result.before]), result.before)
    rank1 = _rank_of(standings(ruleset, [*others, result.after]), result.after)
    if rank0 == rank1:
        return result
    row = NodeChange("rank", "rank", "", rank0, rank1, rank0 - rank1)
    return attrs.evolve(result, changed=(*result.changed, row))


def _rank_of(table: Sequence[Any], card: Scorecard) -> int:
    return next(s.rank for s in table if s.card is card)


# ---------------------------------------------------------------- sensitivity


@attrs.frozen
class Sensitivity:
    """What moving one input of one leaf by one step brings, re-scored exactly.

    ``step``: the move tried, in the input's own unit (1 dossier, 1 percentage point, one rank
    place up, the leaf's rounding step for survey points; for yes/no, ``no -> yes``);
    ``gain``: the leaf's points after minus before; ``total_gain``: the total's;
    ``per_unit``: ``gain / |step|`` (points per unit moved in the step's direction, None for yes/no);
    ``note``: why no step was tried (at the upper bound, a constraint, a choice), else ''."""

    leaf: str
    input: str
    type: str
    value: Any
    step: Decimal | None
    gain: Decimal | None
    total_gain: Decimal | None
    per_unit: Decimal | None
    note: str = attrs.field(default="", converter=as_text)  # a Said text: in the run's language (whatif_report)
    code: str | None = None  # the data-error code of a step the rules refuse (D108 a constraint ...)


def leaf_inputs(ruleset: Ruleset, code: str) -> list[str]:
    """The inputs a leaf reads, in the order its explanation lists them."""
    node = ruleset.node(code)
    names: list[str] = []
    for e in (node.score, node.not_applicable_when, *[let.value for let in node.lets]):
        if e is not None:
            names.extend(n.input_names(e))
    lets = {let.name for let in node.lets}
    return [name for name in dict.fromkeys(names) if name not in lets and name in ruleset.inputs]


def step_of(ruleset: Ruleset, decl: n.InputDecl) -> Decimal:
    """One unit of an input's own kind: 1 for counts, money, percents (a percentage point) and
    ratios' hundredth; -1 for a rank (one place up); for points (survey, appraisal), the
    rounding step of the leaf it scores (10^-places)."""
    if decl.type == "rank":
        return Decimal(-1)
    if decl.type == "ratio":
        return Decimal("0.01")
    if decl.type == "points":
        places = ruleset.header.rounding_places
        if decl.implicit_for is not None:
            node = ruleset.node(decl.implicit_for)
            if node.round_places is not None:
                places = node.round_places
        return Decimal(1).scaleb(-places)
    return Decimal(1)


@in_library_context
def sensitivity(ruleset: Ruleset, inputs: Mapping[str, Any], unit: str | None = None) -> list[Sensitivity]:
    """For every applicable leaf, in tree order, and each input it reads: the points gained when
    that input moves one step (``step_of``) from its current value.  The unit is scored as it
    is first (its own data errors raise ``InputError``); a step the rules refuse (the upper
    bound, a constraint such as on_time <= received) is reported in ``note`` with its code."""
    from .schema import input_bounds

    before = ruleset.evaluate(inputs, unit)
    tried: dict[str, tuple[Decimal | None, Any, str | Sentence, str | None]] = {}  # input -> (step, after card, note, code)
    out: list[Sensitivity] = []
    for code in ruleset.leaf_codes:
        if not before[code].applicable:
            continue
        for name in leaf_inputs(ruleset, code):
            decl = ruleset.inputs[name]
            if name not in tried:
                tried[name] = _try_step(ruleset, inputs, unit, decl, input_bounds(ruleset, decl))
            step, after, note, error_code = tried[name]
            value = inputs.get(name)
            if after is None:
                out.append(Sensitivity(code, name, decl.type, value, step, None, None, None, note, error_code))
                continue
            i = ruleset.position(code)
            gain = after.scores[i] - before.scores[i]
            total_gain = after.total - before.total
            per_unit = None if step is None or decl.type == "yesno" else gain / abs(step)
            if gain == 0 and before.scores[i] < before.applicable_maxima[i] and not note:
                note = sentence("moves the leaf by less than its rounding step")
            out.append(Sensitivity(code, name, decl.type, value, step, gain, total_gain, per_unit, note))
    return out


def _try_step(
    ruleset: Ruleset, inputs: Mapping[str, Any], unit: str | None, decl: n.InputDecl, bounds: tuple[Any, Any]
) -> tuple[Decimal | None, Any, str | Sentence, str | None]:
    value = inputs.get(decl.name)
    if decl.type == "choice":
        return None, None, sentence("a choice, not a quantity: try each option with what_if"), None
    if decl.type == "yesno":
        if value is True:
            return None, None, sentence("already yes"), None
        try:
            return None, ruleset.evaluate({**inputs, decl.name: True}, unit), sentence("no -> yes"), None
        except InputError as exc:
            return None, None, _refused(exc), exc.code
    try:
        current = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except ArithmeticError:  # pragma: no cover - the unit scored, so the value is a number
        return None, None, sentence("not a number"), None
    step = step_of(ruleset, decl)
    low, high = bounds
    if step > 0 and high is not None and current >= high:
        return step, None, sentence("at its upper bound ({bound})", bound=high), None
    if step < 0 and low is not None and current + step < max(low, Decimal(1)):
        return step, None, sentence("at the best rank ({rank})", rank=current), None
    moved = current + step
    if high is not None and moved > high:
        moved = high  # the last part of a step: the score at the bound
        step = high - current
    try:
        return step, ruleset.evaluate({**inputs, decl.name: moved}, unit), "", None
    except InputError as exc:
        return step, None, _refused(exc), exc.code


def _refused(exc: InputError) -> Sentence:
    """Why the rules refuse a step, short: a D108 without the values it read (the step shows them)."""
    why: str | Sentence = exc.sentence or exc.message
    if exc.code == "D108":
        why = exc.message.rsplit(" (", 1)[0]
        if exc.sentence is not None and exc.sentence.template == "the constraint {text} does not hold ({values})":
            why = sentence("the constraint {text} does not hold", text=dict(exc.sentence.args)["text"])
    return sentence("refused ({code}): {why}", code=exc.code, why=why)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


# ---------------------------------------------------------------- reading changes (the command line)


def read_changes(ruleset: Ruleset, pairs: Sequence[str], decimal: str = "comma", unit: str | None = None) -> dict[str, Any]:
    """``NAME=VALUE`` pairs (``parrules whatif --set``) as a changes mapping, each value read as a
    data file's cell is (``io.convert_cell``: ``84,41`` or ``84.41`` by ``decimal``, ``có``/``không``,
    an option's name).  D215: no such input; D104: a value the input's type cannot take; D216:
    one input set twice to different values.  A pair without ``=`` is ValueError (a usage error)."""
    from .io import convert_cell

    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ValueError(sentence("--set {pair!r}: write NAME=VALUE, e.g. --set on_time_dept=66186", pair=pair))
        _unknown_inputs(ruleset, [name], unit)
        try:
            value = convert_cell(text, ruleset.inputs[name], decimal)
        except LookupError:
            raise InputError(sentence("--set {name}= gives no value", name=name), code="D104", input=name, unit=unit) from None
        except ValueError as exc:
            why: str | Sentence = exc.args[0] if exc.args and isinstance(exc.args[0], Sentence) else str(exc)
            raise InputError(
                sentence("--set {name}={text}: {why}", name=name, text=text, why=why), code="D104", input=name, unit=unit
            ) from None
        if name in out and out[name] != value:
            raise InputError(
                sentence(
                    "the change sets {name} twice ({first} and {second}); which value is meant cannot be known",
                    name=name,
                    first=out[name],
                    second=value,
                ),
                code="D216",
                input=name,
                unit=unit,
            )
        out[name] = value
    return out
