"""Plan: the least-cost changes to one unit's inputs that reach a target (issue 11).

"Hà Giang scored 84.41, group B: what lifts it to group A at least cost?"  A target is
a class (reached when the unit's class is that class or a better one), a total, or a
gain in points.  A plan is a set of input changes; its cost is declared, never guessed:

    cost = Σ over the inputs changed of ( change + cost × |new − old| )

with ``change = 1`` and ``cost = 1`` per unit of the input's own unit (dossiers,
percentage points, points, millions of đồng) unless a cost file says otherwise
(``read_costs``, TOML).  A yes/no or choice input has no distance: changing it costs
``change``.

What a unit cannot move (the defaults, each overridable by ``fixed = false``):

- an input read by a leaf whose source is the survey (điều tra xã hội học);
- a ``rank`` (the unit's place among all units is not its own to set);
- the whole (denominator) of any ``rate(part, whole)``, found in the AST (lets
  followed), not from names: ``received_dept`` stays, ``on_time_dept`` moves.

Every declared range, the cost file's ``min``/``max`` and every ``constraint`` bound the
moves, and a leaf declared ``monotone increasing in X`` (``decreasing``) is only ever
moved up (down) in X: the search never considers a move the ruleset promises cannot help.

The search (docs/cli.md, "How the plan is found"):

1. Every movable input is an *item*.  Its *staircase* is, for every gain in points it
   can bring (in quanta of the finest rounding of the ruleset, 0.0001 by default), the
   cheapest value of the input that brings at least that gain, the other inputs left as
   they are.  It is computed on a small ruleset compiled from the leaves that read the
   input (and the constraints that name it) by the ordinary checker and compiler, so a
   value the evaluator refuses is never a candidate.  Candidate values are the input's
   grid (whole numbers for counts and ranks, 0.01 for percents, the rounding quantum for
   points, 1 for money, ``step`` in the cost file) walked from the current value in each
   allowed direction: every grid value when there are at most ``EXHAUSTIVE`` of them,
   else the breakpoints found by bisection where the points change (a tier threshold,
   a rank band, the exact numerator reaching a rate's next rounded step, the max) -
   bisection assumes the points are monotone along the move, which ``monotone``
   declarations promise.  The checker's interval analysis bounds the walk: an input whose
   leaves already score the top of their proved range is not searched at all.  A ``score
   points`` leaf whose value lies on the quantum grid is the input itself: its staircase is
   written down without evaluating.
2. A multiple-choice knapsack over the items (at most one value per input) by dynamic
   programming over the gain in quanta, with exact integer costs (the Decimal costs
   scaled by a power of ten).  An item whose staircase is a straight line (points)
   is added with a sliding-window minimum.  A first plan, from the items that take few
   evaluations (straight lines, yes/no and choices, short walks, and each long walk's whole
   move), bounds the cost of any step: dearer steps are neither searched nor tabled.
   When the leaves only add up (each leaf reads one movable input, no parent rounds or
   caps below its children's sum) this is exact: no cheaper plan reaches the target.
3. The plan is re-scored by the ordinary evaluator.  Caps, parent rounding, a leaf
   reading two moved inputs or a constraint between two moved inputs can make the real
   total differ from the sum of the items' gains: when the re-scored plan falls short,
   the gain asked of the knapsack is raised by the shortfall and the search runs again
   (at most ``MAX_ROUNDS`` times); a plan the evaluator refuses (a constraint between
   two moved inputs) fixes the last of those inputs and searches again.  A plan is
   marked ``exact`` only when step 2 was exact for it; one that is not is trimmed, move by
   move, to the least that the re-scored card still accepts (``_trim``).

All arithmetic is exact (Decimal, in ``parrules.context``); numpy holds the integer
cost tables only.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from . import nodes as n
from . import runtime
from .aggregate import class_order
from .cases import diag as side_file_diag
from .cases import toml_error
from .check import check
from .compile import compile_checked
from .context import in_library_context
from .errors import Diagnostic, InputError, RulesetError, did_you_mean_said
from .evaluate import Scorecard
from .ruleset import Ruleset
from .wording import Sentence, as_text, said, sentence

EXHAUSTIVE = 400  # at most this many grid values in one direction: every one is evaluated
MAX_ROUNDS = 6  # re-score and search again at most this many times
MAX_LEVELS = 400_000  # at most this many quanta of gain: a finer target is searched in coarser quanta
_INF = 1 << 62
_CAP = 1 << 60  # a scaled cost at or above this is too large to plan with
_BLOCK = 48  # steps of one staircase added to the table at once
DENSE = 20_000  # at most this many grid values, and points changing at least every 4th: every one is evaluated


class CostFileError(RulesetError):
    """A cost file that cannot be used: located diagnostics (E027-E029)."""


class PlanError(InputError):
    """A target that cannot be planned for (D212-D214)."""


# ---------------------------------------------------------------- costs


@attrs.frozen
class InputCost:
    """What moving one input costs and where it may go (in the input's own unit)."""

    change: Decimal = Decimal(1)  # paid once when the input changes at all
    per_unit: Decimal = Decimal(1)  # paid per unit moved
    fixed: bool | None = None  # None: the default rule decides
    low: Decimal | None = None
    high: Decimal | None = None
    step: Decimal | None = None  # the grid of values (default by type)


@attrs.frozen
class Costs:
    """A cost file: defaults for every input and per-input entries."""

    default: InputCost = InputCost()
    inputs: Mapping[str, InputCost] = attrs.field(factory=dict)
    path: str = ""

    def of(self, name: str) -> InputCost:
        own = self.inputs.get(name)
        if own is None:
            return self.default
        return own


_COST_KEYS = ("cost", "change", "fixed", "min", "max", "step")
_FIELD: dict[str, str] = {"cost": "per_unit", "min": "low", "max": "high"}  # file key -> InputCost field
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_TABLE = re.compile(r"^\s*\[\s*([^\]\[]+?)\s*\]")


def read_costs(path: str | Path, ruleset: Ruleset | None = None) -> Costs:
    """The costs of a TOML cost file (see docs/cli.md, "The cost file"); with ``ruleset`` every
    input name is checked against it.  Raises CostFileError located at file:line (E027-E029)."""
    from .cases import read_side_file  # case files and cost files are read alike

    text, shown = read_side_file(path, "cost file", "E027", CostFileError)
    return parse_costs(text, shown, ruleset)


def parse_costs(text: str, path: str = "<costs>", ruleset: Ruleset | None = None) -> Costs:
    """The costs of cost-file text (see ``read_costs``)."""
    lines = text.splitlines()

    def diag(code: str, message: Sentence, line: int, column: int = 1) -> Diagnostic:
        return side_file_diag(code, message, path, lines, line, column)

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:  # located as case files are (cases.py, E020)
        line, column, said = toml_error(exc, lines)
        raise CostFileError([diag("E027", sentence("not a TOML cost file: {why}", why=said), line, column)]) from None
    places: dict[tuple[str, str], int] = {}  # (table, key) -> line
    table = ""
    for row, text_line in enumerate(lines, start=1):
        header = _TABLE.match(text_line)
        if header:
            table = header.group(1).replace(" ", "").replace('"', "")
            places.setdefault((table, ""), row)
            continue
        key = _KEY.match(text_line)
        if key:
            word = key.group(1).strip("\"'")
            places.setdefault((table, word), row)
    problems: list[Diagnostic] = []

    def at(table: str, key: str = "") -> int:
        return places.get((table, key), places.get((table, ""), 1))

    for extra in sorted(set(data) - {"default", "inputs"}):
        problems.append(
            diag(
                "E028",
                sentence("unknown key {key!r}: a cost file holds [default] and [inputs.NAME] tables", key=extra),
                at("", extra),
            )
        )

    def entry(raw: Any, table: str, base: InputCost) -> InputCost:
        if not isinstance(raw, dict):
            problems.append(diag("E029", sentence("{table} must be a table", table=table), at(table)))
            return base
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in _COST_KEYS:
                problems.append(
                    diag(
                        "E028",
                        sentence(
                            "unknown key {key!r} in [{table}]{hint}; keys: {keys}",
                            key=key, table=table, hint=did_you_mean_said(key, _COST_KEYS), keys=", ".join(_COST_KEYS),
                        ),
                        at(table, key),
                    )
                )
                continue
            if key == "fixed":
                if not isinstance(value, bool):
                    problems.append(diag("E029", sentence("fixed must be true or false, not {value}", value=repr(value)), at(table, key)))
                    continue
                values["fixed"] = value
                continue
            if isinstance(value, bool) or not isinstance(value, int | Decimal):
                problems.append(diag("E029", sentence("{key} must be a number, not {value}", key=key, value=repr(value)), at(table, key)))
                continue
            number = Decimal(value)
            if not number.is_finite():
                problems.append(diag("E029", sentence("{key} must be a finite number", key=key), at(table, key)))
                continue
            if key in ("cost", "change") and number < 0:
                problems.append(diag("E029", sentence("{key} must not be negative (a move cannot pay)", key=key), at(table, key)))
                continue
            if key == "step" and number <= 0:
                problems.append(diag("E029", sentence("step must be above 0"), at(table, key)))
                continue
            values[_FIELD[key] if key in _FIELD else str(key)] = number
        result = attrs.evolve(base, **values)
        if result.low is not None and result.high is not None and result.low > result.high:
            problems.append(diag("E029", sentence("min {low} is above max {high}", low=result.low, high=result.high), at(table, "min")))
        return result

    default = entry(data.get("default", {}), "default", InputCost())
    if default.low is not None or default.high is not None:
        problems.append(diag("E029", sentence("min and max belong to one input: write them under [inputs.NAME]"), at("default")))
        default = attrs.evolve(default, low=None, high=None)
    inputs: dict[str, InputCost] = {}
    raw_inputs = data.get("inputs", {})
    if not isinstance(raw_inputs, dict):
        problems.append(diag("E029", sentence("inputs must hold tables: write [inputs.NAME]"), at("", "inputs")))
        raw_inputs = {}
    known = list(ruleset.inputs) if ruleset is not None else None
    for name, raw in raw_inputs.items():
        table = f"inputs.{name}"
        if known is not None and name not in known:
            problems.append(diag("E028", sentence("the ruleset has no input {name!r}{hint}", name=name, hint=did_you_mean_said(name, known)), at(table)))
            continue
        inputs[name] = entry(raw, table, default)
    if problems:
        raise CostFileError(sorted(problems, key=lambda d: d.loc.line))
    return Costs(default, inputs, path)


# ---------------------------------------------------------------- the result


@attrs.frozen
class Change:
    """One input moved: from, to, what it costs, and the leaves that read it."""

    input: str
    description: str
    unit: str
    before: Any
    after: Any
    cost: Decimal
    nodes: tuple[str, ...]


@attrs.frozen
class NodeGain:
    """A leaf whose points the plan changes (re-scored by the evaluator)."""

    code: str
    title: str
    agency: str
    source: str
    before: Decimal
    after: Decimal
    inputs: tuple[str, ...]

    @property
    def gain(self) -> Decimal:
        return self.after - self.before


@attrs.frozen
class Fixed:
    """An input the plan does not move, and why."""

    input: str
    why: str = attrs.field(converter=as_text)  # a Said text: said in the plan's language
    kind: str = "other"  # survey | rank | denominator | cost file | data | constraint | other




@attrs.frozen
class Plan:
    """The least-cost plan for one unit and target, re-scored by the evaluator."""

    unit: str | None
    target: str  # as asked: 'class "Nhóm A"', 'total 85', 'gain 2'
    required_total: Decimal | None  # the least total that meets the target (None: no total can)
    before: Scorecard
    after: Scorecard
    changes: tuple[Change, ...]
    nodes: tuple[NodeGain, ...]
    cost: Decimal
    reached: bool
    exact: bool  # the knapsack was exact for this plan: no cheaper plan reaches the target
    fixed: tuple[Fixed, ...] = ()
    notes: tuple[str, ...] = attrs.field(default=(), converter=lambda notes: tuple(map(as_text, notes)))  # Said texts
    klass_before: str | None = None
    klass_after: str | None = None

    @property
    def gain(self) -> Decimal:
        return self.after.total - self.before.total

    @in_library_context
    def explain(self, lang: str = "en") -> str:
        """The derivation of every leaf the plan changes, from the re-scored card
        (the same text as ``Scorecard.explain``; ``lang`` as ``parrules explain --lang``)."""
        from .explain import explain

        return "\n\n".join(explain(self.after, node.code, lang) for node in self.nodes)


# ---------------------------------------------------------------- targets


def _measure_of_total(ruleset: Ruleset, card: Scorecard, total: Decimal, which: str) -> Decimal:
    """The class measure of a unit whose total were ``total`` (index on the card's applicable
    scale, rounded as the ruleset declares, as Scorecard.index computes it)."""
    if which == "total":
        return total
    scale = card.applicable_scale
    if scale == 0:
        return Decimal(0)
    quantum = Decimal(1).scaleb(-ruleset.header.index_places)
    rounding = runtime.ROUNDING.get(ruleset.header.rounding_mode, ROUND_HALF_UP)
    return (total * 100 / scale).quantize(quantum, rounding)


def klass_of(ruleset: Ruleset, card: Scorecard) -> str | None:
    from .aggregate import classify

    return classify(ruleset, card)


def required_total(ruleset: Ruleset, card: Scorecard, target: str, quantum: Decimal) -> Decimal | None:
    """The least total (a multiple of ``quantum``, at most the scale) whose measure is in class
    ``target`` or a better one; None when even the full scale is not."""
    classes = ruleset.ast.classes
    if classes is None:
        raise PlanError(sentence("the ruleset declares no classes: give --total or --gain"), code="D212", unit=card.unit)
    order = class_order(ruleset)
    if target not in order:
        raise PlanError(
            sentence(
                "{target!r} is not a class of this ruleset{near}; classes: {classes}",
                target=target,
                near=did_you_mean_said(target, order),
                classes=", ".join(order),
            ),
            code="D212",
            unit=card.unit,
        )
    wanted = order.index(target)

    def good(k: int) -> bool:
        value = _measure_of_total(ruleset, card, quantum * k, classes.measure)
        for band in classes.bands:
            if band.interval.contains(value):
                return order.index(band.name) <= wanted
        return False

    top = int((ruleset.scale / quantum).to_integral_value(ROUND_FLOOR))
    if not good(top):
        return None
    lo, hi = -1, top  # good(hi) holds; classes are ordered by the measure, so good is monotone
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if good(mid):
            hi = mid
        else:
            lo = mid
    return quantum * hi


# ---------------------------------------------------------------- what may move


def _names(expr: object, lets: Mapping[str, n.Expr]) -> set[str]:
    """Input names an expression reads, following the node's lets."""
    out: set[str] = set()
    for name in n.input_names(expr):
        if name in lets:
            out |= _names(lets[name], {k: v for k, v in lets.items() if k != name})
        else:
            out.add(name)
    return out


def denominators(ruleset: Ruleset) -> dict[str, str]:
    """Every input in the whole of a ``rate(part, whole)`` -> the node that divides by it."""
    found: dict[str, str] = {}
    for code in ruleset.leaf_codes:
        node = ruleset.node(code)
        lets = {let.name: let.value for let in node.lets}
        exprs = [node.score, node.not_applicable_when, *lets.values()]
        for expr in exprs:
            if expr is None:
                continue
            for item in n.walk_expr(expr):
                if isinstance(item, n.Rate):
                    for name in _names(item.whole, lets):
                        found.setdefault(name, code)
    return found


def _readers(ruleset: Ruleset) -> dict[str, list[str]]:
    """Input name -> the leaves that read it (score, lets, not applicable when), in tree order."""
    readers: dict[str, list[str]] = {}
    for code in ruleset.leaf_codes:
        node = ruleset.node(code)
        lets = {let.name: let.value for let in node.lets}
        names: set[str] = set()
        for expr in [node.score, node.not_applicable_when, *lets.values()]:
            if expr is not None:
                names |= _names(expr, lets)
        for name in sorted(names):
            readers.setdefault(name, []).append(code)
    return readers


def why_fixed(ruleset: Ruleset, name: str, readers: list[str], whole: Mapping[str, str]) -> Fixed | None:
    """Why the unit cannot move this input by default (None: it can)."""
    decl = ruleset.inputs[name]
    if decl.type == "rank":
        return Fixed(name, sentence("a rank: the unit's place among all units is not its own to set"), "rank")
    survey = [code for code in readers if ruleset.source_of(code) == "survey"]
    if survey:
        return Fixed(
            name,
            sentence("read by {code}, whose points come from the survey (điều tra xã hội học)", code=survey[0]),
            "survey",
        )
    if name in whole:
        return Fixed(
            name,
            sentence("the whole (denominator) of a rate in {code}: only the part moves", code=whole[name]),
            "denominator",
        )
    return None


def _default_step(ruleset: Ruleset, decl: n.InputDecl) -> Decimal:
    if decl.type in ("count", "rank", "money"):
        return Decimal(1)
    if decl.type == "percent":
        return Decimal("0.01")
    return Decimal(1).scaleb(-ruleset.header.rounding_places)


def _bounds(ruleset: Ruleset, decl: n.InputDecl, cost: InputCost) -> tuple[Decimal | None, Decimal | None]:
    """The values the input may take, in its own unit (a percent in percent): what the
    evaluator accepts (``schema.input_bounds``, the same bounds the template and the schema
    give), narrowed by the cost file's min and max."""
    from .schema import input_bounds

    lo, hi = input_bounds(ruleset, decl)
    if cost.low is not None:
        lo = cost.low if lo is None else max(lo, cost.low)
    if cost.high is not None:
        hi = cost.high if hi is None else min(hi, cost.high)
    return lo, hi


def _directions(ruleset: Ruleset, name: str, readers: list[str]) -> tuple[int, ...]:
    """+1 / -1: the directions a move may take; a ``monotone`` promise on every reader leaves one."""
    signs: set[int] = set()
    for code in readers:
        found = [m for m in ruleset.node(code).monotone if m.input == name]
        if not found:
            return (1, -1)
        signs |= {1 if m.direction == "increasing" else -1 for m in found}
    return tuple(sorted(signs, reverse=True)) if signs else (1, -1)


# ---------------------------------------------------------------- items: one movable input each


@attrs.frozen
class _Step:
    gain: int  # quanta
    cost: Decimal
    value: Any


@attrs.frozen
class _Item:
    name: str
    readers: tuple[str, ...]
    steps: tuple[_Step, ...]  # increasing gain and increasing cost (a Pareto staircase)
    affine: bool  # steps[i] has gain i+1 and cost change + (i+1) * unit: a straight line
    exact: bool  # the staircase holds every candidate (no bisection assumption)


def _sub_ruleset(ruleset: Ruleset, name: str, readers: list[str]) -> Ruleset:
    """The leaves that read ``name`` (and the constraints naming it) as a ruleset of their own,
    checked and compiled as usual: a fast exact evaluator of what moving ``name`` changes."""
    leaves = []
    needed: set[str] = set()
    for i, code in enumerate(readers, start=1):
        node = ruleset.node(code)
        leaves.append(attrs.evolve(node, kind="field", code=str(i), children=()))
        lets = {let.name: let.value for let in node.lets}
        for expr in [node.score, node.not_applicable_when, *lets.values()]:
            if expr is not None:
                needed |= _names(expr, lets)
    constraints = tuple(c for c in ruleset.ast.constraints if name in n.input_names(c.condition))
    for c in constraints:
        needed |= set(n.input_names(c.condition))
    decls = tuple(d for d in ruleset.ast.inputs if d.name in needed)
    scale = sum((leaf.max for leaf in leaves), Decimal(0))
    header = attrs.evolve(ruleset.header, scale=scale, extends=None)
    ast = n.Ruleset(header=header, inputs=decls, constraints=constraints, fields=tuple(leaves), path=ruleset.path)
    checked = check(ast)
    return Ruleset(checked, compile_checked(checked), "")


class _Search:
    def __init__(self, ruleset: Ruleset, card: Scorecard, costs: Costs, quantum: Decimal):
        self.rs = ruleset
        self.card = card
        self.costs = costs
        self.quantum = quantum
        self.readers = _readers(ruleset)
        self.whole = denominators(ruleset)
        self.fixed: list[Fixed] = []
        self.movable: list[str] = []
        self.notes: list[str | Sentence] = []
        for name, decl in ruleset.inputs.items():
            readers = self.readers.get(name, [])
            cost = costs.of(name)
            if not readers:
                continue
            why = why_fixed(ruleset, name, readers, self.whole)
            if cost.fixed is True:
                why = Fixed(name, sentence("fixed in the cost file {path}", path=costs.path), "cost file")
            elif cost.fixed is False:
                why = None
            if why is not None:
                self.fixed.append(why)
                continue
            if card.inputs.get(name) is None:
                self.fixed.append(Fixed(name, sentence("not given in the data"), "data"))
                continue
            if decl.type not in ("yesno", "choice") and not isinstance(card.inputs.get(name), Decimal | int):
                self.fixed.append(Fixed(name, sentence("its value is not a number"), "data"))
                continue
            self.movable.append(name)
        self._subs: dict[str, Ruleset] = {}

    # -- the gain of one value of one input, in quanta (None: the evaluator refuses it)
    def gain_function(self, name: str) -> Callable[[Any], int | None]:
        readers = self.readers[name]
        try:
            sub = _sub_ruleset(self.rs, name, readers)
            positions: list[int] | None = None
        except RulesetError:  # pragma: no cover - a leaf checked in the whole ruleset checks alone
            sub = self.rs
            positions = [self.rs.position(code) for code in readers]
        inputs = dict(self.card.inputs)
        base_scores, _ = sub.compiled.evaluate(inputs)
        base = self._sum(base_scores, positions)
        q = self.quantum

        def gain(value: Any) -> int | None:
            inputs[name] = value
            try:
                scores, _ = sub.compiled.evaluate(inputs)
            except (runtime.InputProblem, ArithmeticError):
                return None
            finally:
                inputs[name] = self.card.inputs[name]
            return int(((self._sum(scores, positions) - base) / q).to_integral_value(ROUND_FLOOR))

        return gain

    @staticmethod
    def _sum(scores: tuple[Decimal, ...], positions: list[int] | None) -> Decimal:
        if positions is None:
            return sum(scores, Decimal(0))
        return sum((scores[i] for i in positions), Decimal(0))

    def item(self, name: str, levels: int, budget: Decimal | None, cheap: bool = False) -> _Item | None:
        """The staircase of one input: up to ``levels`` quanta of gain, no step above ``budget``
        (``cheap``: None when it would take more than EXHAUSTIVE evaluations)."""
        rs = self.rs
        decl = rs.inputs[name]
        cost = self.costs.of(name)
        current = self.card.inputs[name]
        readers = self.readers[name]
        found: dict[int, tuple[Decimal, Any]] = {}  # gain -> cheapest (cost, value)

        def offer(g: int | None, price: Decimal, value: Any) -> None:
            if g is None or g <= 0:
                return
            g = min(g, levels)
            if budget is not None and price > budget:
                return
            if g not in found or price < found[g][0]:
                found[g] = (price, value)

        exact = True
        if decl.type in ("yesno", "choice"):
            gain = self.gain_function(name)
            options: list[Any] = [True, False] if decl.type == "yesno" else list(decl.options)
            for option in options:
                if option != current:
                    offer(gain(option), cost.change, option)
            return self._staircase(name, readers, found, cost, exact)
        current = Decimal(current)
        step = cost.step if cost.step is not None else _default_step(rs, decl)
        lo, hi = _bounds(rs, decl, cost)
        if decl.type in ("count", "rank"):
            step = max(step, Decimal(1)).to_integral_value(ROUND_CEILING)
        # a ``score points`` leaf that only this input feeds, on the quantum grid: the line is known
        places = -int(self.quantum.as_tuple().exponent)
        leaf = rs.node(decl.implicit_for) if decl.implicit_for is not None else None
        points_line = (
            leaf is not None
            and readers == [leaf.code]
            and step == self.quantum
            and current % self.quantum == 0
            and hi is not None
            and not any(name in n.input_names(c.condition) for c in rs.ast.constraints)
            and (leaf.round_places if leaf.round_places is not None else rs.header.rounding_places) >= places
        )
        if points_line:
            assert hi is not None
            count = min(int((hi - current) / self.quantum), levels)
            if cost.per_unit > 0 and budget is not None:
                count = min(
                    count,
                    max(
                        0, int(((budget - cost.change) / (cost.per_unit * self.quantum)).to_integral_value(ROUND_FLOOR))
                    ),
                )
            steps = tuple(
                _Step(k, cost.change + cost.per_unit * self.quantum * k, current + self.quantum * k)
                for k in range(1, count + 1)
            )
            return _Item(name, tuple(readers), steps, True, True) if steps else None
        # the most the readers can gain: each at the top of the range the checker proved for its
        # score (its interval analysis: a formula that cannot reach its max is not searched for it)
        ceiling = int(sum((self._top(code) - self.card[code].score for code in readers), Decimal(0)) / self.quantum)
        if ceiling <= 0:
            return None  # every reader already scores the most it can: nothing to search
        gain = self.gain_function(name)
        directions = _directions(rs, name, readers)
        promised = len(directions) == 1
        for sign in directions:
            edge = hi if sign > 0 else lo
            if edge is not None and (edge - current) * sign <= 0:
                continue
            far = None if edge is None else int(((edge - current) * sign / step).to_integral_value(ROUND_FLOOR))
            if cost.per_unit > 0 and budget is not None:
                afford = int(((budget - cost.change) / (cost.per_unit * step)).to_integral_value(ROUND_FLOOR))
                far = afford if far is None else min(far, afford)
            if far is None:  # unbounded: gallop until refused, or the leaves are full, or the levels reached
                far = 1
                while far < 1 << 40:
                    now = gain(current + sign * step * far)
                    if now is None or now >= min(levels, ceiling):
                        break
                    far *= 2
            if far < 0:
                continue

            def value(k: int, sign: int = sign) -> Decimal:
                return current + sign * step * k

            def price(k: int) -> Decimal:
                return cost.change + cost.per_unit * step * k

            # the last feasible k (the evaluator may refuse values past a constraint)
            if far > 0 and gain(value(far)) is None:
                good, bad = 0, far
                while bad - good > 1:
                    mid = (good + bad) // 2
                    if gain(value(mid)) is None:
                        bad = mid
                    else:
                        good = mid
                far = good
            edge_extra = (
                edge is not None and value(far) != edge and (edge - value(far)) * sign > 0 and (gain(edge) is not None)
            )
            at_far = gain(value(far)) if far > 0 else 0
            if cheap and far > EXHAUSTIVE:  # the whole move alone: enough for a first plan
                exact = False
                offer(at_far, price(far), value(far))
                continue
            if far <= EXHAUSTIVE or (far <= DENSE and at_far is not None and 4 * at_far >= far):
                for k in range(1, far + 1):
                    offer(gain(value(k)), price(k), value(k))
            else:
                # between breakpoints by bisection: exact when the ruleset promises the points
                # move one way with the input (monotone), else assumed
                exact = exact and promised
                self._bisect(gain, value, price, offer, 0, gain(value(0)) or 0, far, at_far, levels)
            if edge_extra:
                assert edge is not None
                offer(gain(edge), cost.change + cost.per_unit * abs(edge - current), edge)
        return self._staircase(name, readers, found, cost, exact)

    def _top(self, code: str) -> Decimal:
        """The highest score the checker proved the leaf can reach (else its max)."""
        found = self.rs.checked.ranges.get(code)
        top = self.rs.node(code).max
        return top if found is None or found.hi is None else min(found.hi, top)

    def _bisect(
        self,
        gain: Callable[[Any], int | None],
        value: Callable[[int], Decimal],
        price: Callable[[int], Decimal],
        offer: Callable[[int | None, Decimal, Any], None],
        k_lo: int,
        g_lo: int,
        k_hi: int,
        g_hi: int | None,
        levels: int,
    ) -> None:
        """Offer the first k of every level between k_lo and k_hi (points monotone along the move)."""
        stack = [(k_lo, g_lo, k_hi, g_hi)]
        while stack:
            a, ga, b, gb = stack.pop()
            if gb is None or ga == gb or ga >= levels:
                continue
            if b - a == 1:
                offer(gb, price(b), value(b))
                continue
            mid = (a + b) // 2
            gm = gain(value(mid))
            if gm is None:
                continue
            stack.append((mid, gm, b, gb))
            stack.append((a, ga, mid, gm))

    @staticmethod
    def _staircase(
        name: str, readers: list[str], found: dict[int, tuple[Decimal, Any]], cost: InputCost, exact: bool
    ) -> _Item | None:
        steps: list[_Step] = []
        for g in sorted(found, reverse=True):  # keep a level only when it is cheaper than every higher one
            price, value = found[g]
            if steps and price >= steps[-1].cost:
                continue
            steps.append(_Step(g, price, value))
        steps.reverse()
        if not steps:
            return None
        return _Item(name, tuple(readers), tuple(steps), False, exact)


# ---------------------------------------------------------------- the knapsack


def _within(item: _Item, budget: Decimal | None) -> _Item | None:
    """The item without the steps that cost more than ``budget``."""
    if budget is None:
        return item
    steps = tuple(s for s in item.steps if s.cost <= budget)
    return attrs.evolve(item, steps=steps) if steps else None


def _scale(items: list[_Item]) -> int:
    """10**places: every cost of every item times it is a whole number (a straight line's costs
    are change + k × unit: its first two steps tell every one's places)."""
    places = 0
    for item in items:
        for s in item.steps[:2] if item.affine else item.steps:
            exponent = s.cost.as_tuple().exponent
            places = max(places, -exponent if isinstance(exponent, int) else 0)
    return 10**places


def _knapsack(items: list[_Item], levels: int, scale: int) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """best[g]: the least cost (scaled) of a gain of g quanta (g = levels: at least levels);
    choices[i][g]: the step of item i taken in that plan (0: not moved); befores[i]: the
    table before item i was added (to walk the plan back)."""
    best = np.full(levels + 1, _INF, dtype=np.int64)
    best[0] = 0
    choices: list[np.ndarray] = []
    befores: list[np.ndarray] = []
    index = np.arange(levels + 1, dtype=np.int64)
    for item in items:
        befores.append(best)
        new = best.copy()
        choice = np.zeros(levels + 1, dtype=np.int32)
        costs = [min(int(s.cost * scale), _CAP) for s in (item.steps[:2] if item.affine else item.steps)]
        if item.affine and len(item.steps) > 1:
            unit = costs[1] - costs[0]
            change = costs[0] - unit
            length = len(item.steps)
            h = np.where(best >= _INF, _INF, best - unit * index)
            argmin = _window_argmin(h, length)  # argmin of h over [g - length, g - 1]
            valid = argmin >= 0
            j = np.where(valid, argmin, 0)
            candidate = np.where(valid & (h[j] < _INF), change + unit * index + h[j], _INF)
            better = candidate < new
            new = np.where(better, candidate, new)
            choice = np.where(better, (index - j).astype(np.int32), choice)
        else:
            reach = np.minimum(np.array([st.gain for st in item.steps], dtype=np.int64), levels)
            price = np.array(costs, dtype=np.int64)
            finite = int(np.nonzero(best < _INF)[0].max())  # states above it are unreachable so far
            for k in range(len(costs)):  # best[g - reach] + price, on views: no table is copied
                r, c = int(reach[k]), int(price[k])
                top = min(levels + 1 - r, finite + 1)
                if top <= 0:
                    continue
                candidate = best[:top] + c
                window = new[r : r + top]
                better = candidate < window
                window[better] = candidate[better]
                choice[r : r + top][better] = k + 1
            suffix = np.minimum.accumulate(best[::-1])[::-1]  # suffix[j] = min(best[j:]): overshooting the cap
            capped = suffix[levels - reach] + price
            k = int(np.argmin(capped))
            if capped[k] < min(int(new[levels]), _INF):
                new[levels] = capped[k]
                choice[levels] = k + 1
        best = new
        choices.append(choice)
    befores.append(best)
    return best, choices, befores


def _window_argmin(h: np.ndarray, length: int) -> np.ndarray:
    """For every g, the j in [max(0, g - length), g - 1] with the least h[j] (the first on ties);
    -1 where the window is empty (g = 0).  A sparse table: O(len(h) log length)."""
    size = len(h)
    tables = [np.arange(size, dtype=np.int64)]
    width = 1
    while width * 2 <= length:
        prev = tables[-1]
        shifted = np.concatenate([prev[width:], np.full(width, size - 1, dtype=np.int64)])
        tables.append(np.where(h[shifted] < h[prev], shifted, prev))
        width *= 2
    g = np.arange(size, dtype=np.int64)
    left = np.maximum(g - length, 0)
    right = g - 1
    span = right - left + 1
    out = np.full(size, -1, dtype=np.int64)
    ok = span > 0
    level = np.zeros(size, dtype=np.int64)
    level[ok] = np.floor(np.log2(span[ok])).astype(np.int64)
    for p, table in enumerate(tables):
        sel = ok & (level == p)
        if not sel.any():
            continue
        a = table[left[sel]]
        b = table[right[sel] - (1 << p) + 1]
        out[sel] = np.where(h[b] < h[a], b, a)
    return out


def _backtrack(
    items: list[_Item], choices: list[np.ndarray], befores: list[np.ndarray], levels: int, scale: int, g: int
) -> dict[str, _Step]:
    """The step of every item in the plan whose gain is g (g = levels: at least levels)."""
    chosen: dict[str, _Step] = {}
    for i in range(len(items) - 1, -1, -1):
        k = int(choices[i][g])
        if k == 0:
            continue
        item = items[i]
        step = item.steps[k - 1]
        chosen[item.name] = step
        if g < levels or item.affine:
            g -= step.gain
            continue
        # at the cap: the state before may be any j >= levels - gain whose cost plus this step's is the best
        price = min(int(step.cost * scale), _CAP)
        before, now = befores[i], befores[i + 1]
        start = max(0, levels - step.gain)
        js = np.nonzero(before[start:] + price == now[levels])[0]
        g = start + int(js[0])
    return chosen


# ---------------------------------------------------------------- planning


@in_library_context
def plan(
    ruleset: Ruleset,
    inputs: Mapping[str, Any],
    *,
    target: str | None = None,
    total: Decimal | int | str | None = None,
    gain: Decimal | int | str | None = None,
    costs: Costs | None = None,
    unit: str | None = None,
) -> Plan:
    """The least-cost changes to ``inputs`` that reach a class (``target``), a ``total`` or a
    ``gain`` in points; re-scored by the evaluator.  Exactly one of the three is given."""
    given = [x for x in (target, total, gain) if x is not None]
    if len(given) != 1:
        raise PlanError(sentence("give exactly one target: a class, a total or a gain"), code="D213", unit=unit)
    costs = costs or Costs()
    card = ruleset.evaluate(inputs, unit)  # the unit's own data errors, as evaluate reports them
    card = ruleset.evaluate(_normalized(ruleset, inputs), unit)
    quantum = _quantum(ruleset)
    if target is not None:
        asked: str = sentence("class {name!r}", name=target).text()  # a str that says itself in any language
        required = required_total(ruleset, card, target, quantum)

    else:
        number = _number(total if total is not None else gain, unit)
        asked = (sentence("total {number}", number=number) if total is not None else sentence("gain {number}", number=number)).text()
        if gain is not None and number <= 0:
            raise PlanError(sentence("a gain must be above 0, not {number}", number=number), code="D213", unit=unit)
        if total is not None and (number < 0 or number > ruleset.scale):
            raise PlanError(
                sentence("a total must lie in 0..{scale} (the scale), not {number}", scale=ruleset.scale, number=number),
                code="D213",
                unit=unit,
            )
        required = number if total is not None else card.total + number
        if required > ruleset.scale:
            required = None
    search = _Search(ruleset, card, costs, quantum)
    notes: list[str | Sentence] = []
    if target is not None and ruleset.ast.downgrade is not None:
        notes.append(sentence("the class is the point bands' alone: the rule on the communes' classes is not applied"))
    if required is None:
        notes.append(sentence("no total within the scale meets the target: the plan below is the best reachable"))
        aim = ruleset.scale
    else:
        aim = required
    met = _meets(ruleset, target, required)
    if met(card):
        return _result(ruleset, card, card, {}, search, asked, required, True, True, notes, costs, target)
    want = int(((aim - card.total) / quantum).to_integral_value(ROUND_CEILING))
    while want > MAX_LEVELS:  # pragma: no cover - a scale of millions of quanta
        quantum *= 10
        search.quantum = quantum
        want = int(((aim - card.total) / quantum).to_integral_value(ROUND_CEILING))
        notes.append(
            sentence("searched in quanta of {quantum} points (the target is far in the finest quanta)", quantum=quantum)
        )
    movable = list(search.movable)
    best_plan: tuple[Scorecard, dict[str, _Step], str | Sentence] | None = None
    extra = 0
    refused = False
    for _round in range(MAX_ROUNDS):
        levels = want + extra
        chosen, why_inexact, reachable = _solve(search, movable, levels)
        changed = dict(card.inputs)
        for name, step in chosen.items():
            changed[name] = step.value
        try:
            after = ruleset.evaluate(changed, unit)
        except InputError as exc:
            # two moved inputs break a constraint together: keep the last of them where it is
            names = [name for name in chosen if exc.input is None or name == exc.input]
            culprit = names[-1] if names else list(chosen)[-1]
            movable.remove(culprit)
            search.fixed.append(
                Fixed(
                    culprit,
                    sentence("moving it with the others breaks a constraint ({why})", why=exc.sentence or exc.message),
                    "constraint",
                )
            )
            notes.append(sentence("{name} kept: {why}", name=culprit, why=exc.sentence or exc.message))
            refused = True
            continue
        if best_plan is None or after.total > best_plan[0].total or met(after):
            best_plan = (after, chosen, why_inexact)
        if met(after) or not reachable:
            break
        short = required - after.total if required is not None else Decimal(0)
        if short <= 0:
            break
        extra += max(1, int((short / quantum).to_integral_value(ROUND_CEILING)))
        notes.append(
            sentence(
                "the re-scored plan fell {short} short (caps or rounding above the leaves): searched again for {short} more",
                short=short,
            )
        )
    if best_plan is None:  # pragma: no cover - every round refused by a constraint
        return _result(ruleset, card, card, {}, search, asked, required, False, False, notes, costs, target)
    after, chosen, why_inexact = best_plan
    if refused:
        why_inexact = why_inexact or sentence("a constraint between moved inputs refused the first plan")
    if why_inexact and met(after):
        trimmed = _trim(search, card, chosen, met, unit)
        if trimmed is not None:
            after, chosen = trimmed
            notes.append(sentence("trimmed: each move was shortened as far as the re-scored plan still meets the target"))
    if why_inexact:
        notes.append(sentence("not proven least: {why}", why=why_inexact))
    exact = not why_inexact
    return _result(ruleset, card, after, chosen, search, asked, required, met(after), exact, notes, costs, target)


def _trim(
    search: _Search, card: Scorecard, chosen: dict[str, _Step], met: Callable[[Scorecard], bool], unit: str | None
) -> tuple[Scorecard, dict[str, _Step]] | None:
    """Shorten each move of a plan the knapsack could not prove least, dearest first, to the least
    that still meets the target when the whole card is re-scored; None when nothing shortens."""
    rs = search.rs
    chosen = dict(chosen)
    changed = dict(card.inputs)
    for name, step in chosen.items():
        changed[name] = step.value
    improved = False

    def meets(name: str, value: Any) -> Scorecard | None:
        trial = {**changed, name: value}
        try:
            result = rs.evaluate(trial, unit)
        except InputError:
            return None
        return result if met(result) else None

    for name in sorted(chosen, key=lambda x: chosen[x].cost, reverse=True):
        old, new = card.inputs[name], chosen[name].value
        cost = search.costs.of(name)
        if meets(name, old) is not None:  # the move is not needed at all
            del chosen[name]
            changed[name] = old
            improved = True
            continue
        if not isinstance(new, Decimal):
            continue
        decl = rs.inputs[name]
        grid = cost.step if cost.step is not None else _default_step(rs, decl)
        sign = 1 if new > old else -1
        far = int((abs(new - old) / grid).to_integral_value(ROUND_FLOOR))
        good, bad = far, 0  # bad: known not to meet (the old value); good: meets (or the move itself)
        while good - bad > 1:
            mid = (good + bad) // 2
            if meets(name, old + sign * grid * mid) is not None:
                good = mid
            else:
                bad = mid
        value = old + sign * grid * good
        if good < far and meets(name, value) is not None:
            price = cost.change + cost.per_unit * abs(value - old)
            chosen[name] = _Step(chosen[name].gain, price, value)
            changed[name] = value
            improved = True
    if not improved:
        return None
    return rs.evaluate(changed, unit), chosen


def _normalized(ruleset: Ruleset, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs as the evaluator reads them (numbers as Decimal, yes/no as bool), so that a
    plan moves numbers whether they were given as ``42.41``, ``"42.41"`` or ``42``."""
    out = dict(inputs)
    for index, (name, decl) in enumerate(ruleset.inputs.items()):
        value = out.get(name)
        if value is None or decl.type == "choice":
            continue
        if decl.type == "yesno":
            out[name] = runtime.to_yesno(value, index, name)
        else:
            out[name] = runtime.to_decimal(value, index, name)
    return out


def _solve(search: _Search, movable: list[str], levels: int) -> tuple[dict[str, _Step], str | Sentence, bool]:
    """The cheapest set of steps whose gains add up to ``levels`` quanta (or the most gain when
    none does): (steps by input, why the knapsack may not be exact ("" when it is), the levels
    were reachable)."""
    lines: list[_Item] = []
    others: list[str] = []
    for name in movable:
        decl = search.rs.inputs[name]
        if decl.type == "points" and decl.implicit_for is not None:
            item = search.item(name, levels, None)
            if item is not None and item.affine:
                lines.append(item)
                continue
        others.append(name)
    # a first plan from the items that cost few evaluations bounds what any step may cost
    budget: Decimal | None = None
    early: dict[str, _Item | None] = {name: search.item(name, levels, None, cheap=True) for name in others}
    first = lines + [i for i in early.values() if i is not None]
    if first:
        scale = _scale(first)
        best, _, _ = _knapsack(first, levels, scale)
        if best[levels] < _INF:
            budget = Decimal(int(best[levels])) / scale
    items: list[_Item] = list(lines)
    for name in others:
        item = early[name] if early[name] is not None and early[name].exact else None  # type: ignore[union-attr]
        if item is None or budget is not None:
            item = search.item(name, levels, budget) if item is None else _within(item, budget)
        if item is not None:
            items.append(item)
    order = {code: i for i, code in enumerate(search.rs.codes)}
    items.sort(key=lambda it: (order[it.readers[0]], it.name))
    if not items:
        return {}, "", False
    if sum(it.steps[-1].gain for it in items) < levels:
        # out of reach even with every input at its most: the most points is every input at the
        # top of its staircase, and the top step is the cheapest way to its gain (no table needed)
        chosen = {it.name: it.steps[-1] for it in items}
        reachable = False
    else:
        scale = _scale(items)
        best, choices, befores = _knapsack(items, levels, scale)
        reachable = bool(best[levels] < _INF)
        g = levels if reachable else int(np.max(np.nonzero(best < _INF)[0]))
        chosen = _backtrack(items, choices, befores, levels, scale, g)
    if not all(it.exact for it in items):
        return (
            chosen,
            sentence("an input with many values and no monotone promise was searched by bisection"),
            reachable,
        )
    if not _separable(search, chosen):
        return (
            chosen,
            "the moved inputs' gains need not add up (a parent rounds above them, or two feed one leaf or constraint)",
            reachable,
        )
    return chosen, "", reachable


def _separable(search: _Search, chosen: Mapping[str, _Step]) -> bool:
    """The gains of the chosen inputs add up exactly: no leaf reads two of them, no
    constraint names two of them, and no parent above their leaves rounds (a parent's cap
    never binds: its children's maxima add up to its own, E120)."""
    seen: set[str] = set()
    for name in chosen:
        for code in search.readers[name]:
            if code in seen:
                return False
            seen.add(code)
    for c in search.rs.ast.constraints:
        if len(set(n.input_names(c.condition)) & set(chosen)) > 1:
            return False
    for code in seen:  # a parent that rounds its sum above a moved leaf: the gains need not add up
        while "." in code:
            code = code.rsplit(".", 1)[0]
            if search.rs.node(code).round_places is not None:
                return False
    return True


def _quantum(ruleset: Ruleset) -> Decimal:
    """The finest step a total moves by: 10**-places over every rounding and every leaf max."""
    places = ruleset.header.rounding_places
    for node in ruleset.ast.nodes():
        if node.round_places is not None and not node.children:
            places = max(places, node.round_places)
        exponent = node.max.normalize().as_tuple().exponent
        if isinstance(exponent, int):
            places = max(places, -exponent)
    return Decimal(1).scaleb(-places)


def _number(value: Any, unit: str | None) -> Decimal:
    from .io import parse_number  # the one way to read a number

    try:
        number = value if isinstance(value, Decimal) else parse_number(str(value), "dot")
    except (ValueError, ArithmeticError):
        number = None
    if not isinstance(number, Decimal) or not number.is_finite():
        raise PlanError(sentence("{value} is not a number", value=repr(value)), code="D213", unit=unit)
    return number


def _meets(ruleset: Ruleset, target: str | None, required: Decimal | None) -> Callable[[Scorecard], bool]:
    if required is None:
        return lambda card: False
    if target is None:
        return lambda card: card.total >= required
    order = class_order(ruleset)

    def met(card: Scorecard) -> bool:
        klass = klass_of(ruleset, card)
        return klass is not None and order.index(klass) <= order.index(target)

    return met


def _result(
    ruleset: Ruleset,
    before: Scorecard,
    after: Scorecard,
    chosen: Mapping[str, _Step],
    search: _Search,
    asked: str,
    required: Decimal | None,
    reached: bool,
    exact: bool,
    notes: list[str | Sentence],
    costs: Costs,
    target: str | None,
) -> Plan:
    changes = []
    total_cost = Decimal(0)
    for name in sorted(chosen, key=lambda x: (ruleset.position(search.readers[x][0]), x)):
        decl = ruleset.inputs[name]
        old, new = before.inputs[name], chosen[name].value
        cost = costs.of(name)
        price = cost.change
        if decl.type not in ("yesno", "choice"):
            price += cost.per_unit * abs(Decimal(new) - Decimal(old))
        total_cost += price
        unit_text = "%" if decl.type == "percent" else decl.unit
        changes.append(Change(name, decl.description, unit_text, old, new, price, tuple(search.readers[name])))
    nodes = []
    for code in ruleset.leaf_codes:
        b, a = before[code], after[code]
        if a.score != b.score or any(code in c.nodes for c in changes):
            nodes.append(
                NodeGain(
                    code=code,
                    title=b.title,
                    agency=b.agency,
                    source=b.source,
                    before=b.score,
                    after=a.score,
                    inputs=tuple(c.input for c in changes if code in c.nodes),
                )
            )
    return Plan(
        unit=before.unit,
        target=asked,
        required_total=required,
        before=before,
        after=after,
        changes=tuple(changes),
        nodes=tuple(nodes),
        cost=total_cost,
        reached=reached,
        exact=exact,
        fixed=tuple(search.fixed),
        notes=tuple(notes),
        klass_before=klass_of(ruleset, before) if ruleset.ast.classes else None,
        klass_after=klass_of(ruleset, after) if ruleset.ast.classes else None,
    )


COST_FORMULA = "cost = Σ over the inputs changed of (change + cost × |new − old|); by default change = 1 and cost = 1"


def _num(value: Any) -> str:
    from .render import number

    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + _num(value)


@in_library_context
def plan_data(result: Plan, lang: str = "en") -> dict[str, Any]:
    """The plan as JSON data (numbers as exact decimal strings; the reasons, notes and derivations in ``lang``)."""
    from .explain import explain

    def card(c: Scorecard, klass: str | None) -> dict[str, Any]:
        return {"total": _num(c.total), "index": None if c.index is None else f"{c.index:f}", "class": klass}

    return {
        "unit": result.unit,
        "target": result.target,
        "required_total": None if result.required_total is None else _num(result.required_total),
        "reached": result.reached,
        "least_cost_proven": result.exact,
        "cost": _num(result.cost),
        "cost_formula": COST_FORMULA,
        "before": card(result.before, result.klass_before),
        "after": card(result.after, result.klass_after),
        "changes": [
            {
                "input": c.input,
                "description": c.description,
                "unit": c.unit,
                "from": _num(c.before),
                "to": _num(c.after),
                "cost": _num(c.cost),
                "nodes": list(c.nodes),
            }
            for c in result.changes
        ],
        "nodes": [
            {
                "code": g.code,
                "title": g.title,
                "agency": g.agency,
                "source": g.source,
                "before": _num(g.before),
                "after": _num(g.after),
                "gain": _num(g.gain),
                "inputs": list(g.inputs),
            }
            for g in result.nodes
        ],
        "fixed": [{"input": f.input, "kind": f.kind, "why": said(f.why, lang)} for f in result.fixed],
        "notes": [said(note, lang) for note in result.notes],
        "derivations": {g.code: explain(result.after, g.code, lang) for g in result.nodes},
    }


@in_library_context
def format_plan(result: Plan, fmt: str = "text", lang: str = "en") -> str:
    """The plan as ``text`` (a terminal), ``md`` (Markdown) or ``json``, its words and numbers in
    ``lang`` (``vi`` or ``en``, the library's default; the words in parrules.messages); every
    text from the ruleset or the data goes through parrules.safe_text.  The notes, which name
    the search's own findings, are English."""
    import json

    from . import safe_text
    from .messages import text
    from .render import number_text

    if fmt == "json":
        return safe_text.for_json(json.dumps(plan_data(result, lang), ensure_ascii=False, indent=2)) + "\n"
    md = fmt == "md"
    esc = safe_text.for_markdown if md else safe_text.for_terminal

    def num(value: Any) -> str:
        return number_text(value, lang) if isinstance(value, Decimal) else _num(value)

    def signed(value: Decimal) -> str:
        return ("+" if value > 0 else "") + num(value)

    who = f"{result.unit}" if result.unit else text("p_the_unit", lang)
    need = (
        text("p_need_total", lang, total=num(result.required_total))
        if result.required_total is not None
        else text("p_need_beyond", lang)
    )

    def state(c: Scorecard, klass: str | None) -> str:
        places = c.ruleset.header.index_places  # the index at the precision the ruleset declares
        index = "" if c.index is None else text("p_index", lang, index=number_text(c.index, lang, places))
        shown = text("p_class", lang, klass=esc(klass)) if klass is not None else ""
        return text("p_state", lang, total=num(c.total), index=index, klass=shown)

    if result.reached and not result.changes:
        verdict = text("p_already", lang)
    elif result.reached:
        verdict = text("p_reached_least" if result.exact else "p_reached_unproven", lang)
    else:
        verdict = text("p_unreachable", lang)
    head = [
        f"{'# ' if md else ''}" + text("p_title", lang, unit=esc(who), target=esc(said(result.target, lang)), need=need),
        "",
        text("p_before", lang, state=state(result.before, result.klass_before)),
        text("p_after", lang, state=state(result.after, result.klass_after), verdict=verdict),
        text("p_cost", lang, cost=num(result.cost), formula=text("p_formula", lang)),
    ]
    headers = text("p_headers", lang).split("|")
    rows = []
    by_input = {c.input: c for c in result.changes}
    for g in result.nodes:
        moved = [by_input[name] for name in g.inputs]
        inputs = "; ".join(
            f"{c.input} {num(c.before)} → {num(c.after)}{'' if not c.unit else ' ' + c.unit}" for c in moved
        )
        cost = sum((c.cost for c in moved), Decimal(0))
        rows.append([g.code, g.title, g.agency, inputs, num(cost), f"{num(g.before)} → {num(g.after)} ({signed(g.gain)})"])
    lines = list(head)
    if rows:
        lines += ["", f"{'## ' if md else ''}" + text("p_changes", lang), ""]
        lines.append(_table(headers, rows, md))
    if result.fixed:
        reasons: dict[str, list[str]] = {}
        for f in result.fixed:
            kind = f"p_kind_{f.kind}"
            reasons.setdefault(text(kind, lang) if kind in _KINDS else said(f.why, lang), []).append(f.input)
        lines += ["", f"{'## ' if md else ''}" + text("p_fixed", lang), ""]
        for why, names in reasons.items():
            more = text("p_more", lang, n=len(names) - 6) if len(names) > 6 else ""
            lines.append(f"- {esc(why)}: {esc(', '.join(names[:6]) + more)}")
    if result.notes:
        lines += ["", f"{'## ' if md else ''}" + text("p_notes", lang), ""]
        lines += [f"- {esc(said(note, lang))}" for note in result.notes]
    if result.nodes:
        lines += ["", f"{'## ' if md else ''}" + text("p_derivations", lang), ""]
        derivations = result.explain(lang)
        # Markdown: an indented code block, in which no line of a derivation is read as markup
        lines.append("\n".join("    " + line for line in derivations.splitlines()) if md else derivations)
    out = "\n".join(lines) + "\n"
    return out if md else safe_text.terminal(out)


_KINDS = frozenset(f"p_kind_{kind}" for kind in ("survey", "rank", "denominator", "cost file"))


def _table(headers: list[str], rows: list[list[str]], md: bool) -> str:
    from tabulate import tabulate

    from . import safe_text

    if md:
        from .render import markdown_table

        cells = [[safe_text.for_markdown(x) for x in row] for row in [headers, *rows]]
        return markdown_table(cells[0], cells[1:])
    shown = [[safe_text.for_terminal(_short(x, 34 if i in (1, 2) else 60)) for i, x in enumerate(row)] for row in rows]
    return str(tabulate(shown, headers=headers, disable_numparse=True))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = [
    "Change",
    "CostFileError",
    "Costs",
    "Fixed",
    "InputCost",
    "NodeGain",
    "Plan",
    "PlanError",
    "denominators",
    "format_plan",
    "parse_costs",
    "plan",
    "plan_data",
    "read_costs",
    "required_total",
]
