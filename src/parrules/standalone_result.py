"""The result layer of the standalone module: totals, index, class, errors and explanations.

``parrules.standalone`` copies this module's source verbatim into every
standalone module, after the generated evaluator and the ruleset's data
(``RULESET_DATA``, ``NODE_DATA`` ... tuples of strings, numbers and booleans
written with ``ascii()``), and binds ``evaluate`` and ``explain`` to a
``Portal`` built from them.  It is ordinary Python written once, here, and
tested here: no ruleset text is ever part of its code.  Rules for this file,
checked by tests/test_standalone.py: the standard library only (no import of
parrules, no ``from __future__``, which must open a file), ASCII only, no
names that the runtime or the generated code define, no dynamic code.

What it computes mirrors the library, digit for digit (tested field by field
against ``parrules.standalone.result_data`` and ``Scorecard.explain`` on every
shipped ruleset, in a virtualenv without parrules):

* ``Scorecard.total`` (the fields' sum, capped at the scale), ``applicable_scale``,
  ``index`` (rounded as the ruleset declares), ``NodeResult.rate`` and ``lost``;
* ``aggregate.classify`` and, for a ruleset with a district downgrade rule,
  ``aggregate.standings`` / ``apply_downgrade`` for one unit: without the communes'
  classes (``members``) the class is the band of the points and ``class_note`` says the
  commune rule was not applied, word for word as ``Standing.note``; with them, the
  class is lowered or withheld as the library does;
* ``evaluate.input_error`` / ``arithmetic_error``: the same codes and messages,
  D108 with the values, D110 naming the node;
* ``explain.explain``: the same text.
"""

import difflib
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

_HUNDRED = Decimal(100)
_NODE_FIELDS = (
    "code", "title", "kind", "max", "source", "agency", "parent", "children", "places",
    "head", "meta", "basis", "rule", "na", "inputs", "loc",
)  # fmt: skip
_SHOWN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))  # safe_text.SHOWN_CATEGORIES
# aggregate.standings / apply_downgrade: the notes of a district's class, word for word
_NOTE_BY_POINTS = "theo \u0111i\u1ec3m; ch\u01b0a x\u00e9t quy t\u1eafc x\u00e3 (kh\u00f4ng c\u00f3 k\u1ebft qu\u1ea3 c\u1ea5p x\u00e3)"
_NOTE_NO_MEMBERS = "ch\u01b0a x\u1ebfp lo\u1ea1i: kh\u00f4ng c\u00f3 x\u00e3 tr\u1ef1c thu\u1ed9c n\u00e0o"
_NOTE_MISSING = "ch\u01b0a x\u1ebfp lo\u1ea1i: {} x\u00e3 ch\u01b0a c\u00f3 k\u1ebft qu\u1ea3"
_NOTE_RATIO = "{}/{} x\u00e3 \u0111\u1ea1t {} tr\u1edf l\u00ean"
_NOTE_LOWEST = "kh\u00f4ng th\u1ec3 h\u1ea1 th\u00eam ({} l\u00e0 m\u1ee9c th\u1ea5p nh\u1ea5t): {} < {}"
_NOTE_DOWN = "h\u1ea1 1 m\u1ee9c: {} < {}"


class Refused(Exception):
    """``explain`` of a unit that cannot be scored; ``.error`` is the error as ``evaluate`` reports it."""

    def __init__(self, error: dict[str, Any]):
        super().__init__(error["text"])
        self.error = error


class _Failed(Exception):
    def __init__(self, error: dict[str, Any]):
        super().__init__(error["message"])
        self.error = error


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _visible(text: str, keep: str = "") -> str:
    """safe_text.visible: controls, format characters and separators shown as escapes, ``keep`` kept."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if ch not in keep and unicodedata.category(ch) in _SHOWN else ch for ch in text)


def _closest(word: str, candidates: list[str]) -> str | None:
    """errors.closest: the candidate spelled closest to word, if any is close."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def _value_text(value: Any) -> str:
    """explain.value_text: a value as an explanation shows it."""
    if isinstance(value, bool):
        return "c\u00f3 (yes)" if value else "kh\u00f4ng (no)"
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 10**15:
            return f"{value.quantize(Decimal(1)):f}"
        text = f"{value.normalize():f}"
        if "." in text and len(text.split(".")[1]) > 8:
            text = f"{value:.8f}".rstrip("0") + "\u2026"
        return text
    return str(value)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Portal:
    """One ruleset's complete evaluator: ``evaluate(inputs)`` and ``explain(inputs, code)``.

    ``run`` and ``run_traced`` are the generated evaluators (scores and applicable
    maxima in NODE_DATA order; the traced one also returns its record); the data
    tuples are the ruleset's metadata, written by ``parrules.standalone``."""

    def __init__(
        self,
        ruleset: tuple[Any, ...],
        nodes: tuple[tuple[Any, ...], ...],
        inputs: tuple[tuple[Any, ...], ...],
        constraints: tuple[tuple[Any, ...], ...],
        classes: tuple[Any, ...] | None,
        points: tuple[tuple[Any, ...], ...],
        markers: tuple[tuple[int, str, int], ...],
        generated_lines: tuple[int, int],
        run: Any,
        run_traced: Any,
        problem: type[Exception],
        context: Any,
        rounding: dict[str, str],
        signal_text: Any,
    ):
        title, scale, index_places, mode, places, path, year, level = ruleset
        self.ruleset = {
            "title": title, "year": year, "level": level, "scale": scale, "rounding": mode,
            "places": places, "index_places": index_places, "path": path,
        }  # fmt: skip
        self._scale = Decimal(scale)
        self._quantum = Decimal(1).scaleb(-index_places)
        self._mode = mode
        self._round = rounding.get(mode, ROUND_HALF_UP)
        self._nodes = [dict(zip(_NODE_FIELDS, row, strict=True)) for row in nodes]
        for node in self._nodes:
            node["max"] = Decimal(node["max"])
        self._position = {node["code"]: i for i, node in enumerate(self._nodes)}
        self._fields = [i for i, node in enumerate(self._nodes) if node["parent"] is None]
        self._leaves = [i for i, node in enumerate(self._nodes) if not node["children"]]
        # name -> (name, needed by, unit shown, description shown, ((option, label shown), ...))
        self._inputs = {row[0]: row for row in inputs}
        self._input_names = [row[0] for row in inputs]
        self._constraints = constraints
        self._classes = classes
        self._points = points
        self._markers = markers
        self._first_line, self._last_line = generated_lines
        self._run = run
        self._run_traced = run_traced
        self._problem = problem
        self._context = context
        self._signal_text = signal_text
        self._filename = run.__code__.co_filename  # the file the generated code runs from: this module

    # -- evaluate
    def evaluate(self, inputs: Any, unit: str | None = None, members: Any = None) -> dict[str, Any]:
        """The whole result of one unit as JSON data (numbers as decimal strings); a unit that
        cannot be scored gives ``ok: false`` and its error, with the library's code and message.

        ``members``: for a ruleset with a district downgrade rule, the classes of the district's
        communes (None for a commune without a result), as ``aggregate.standings(members=...)``
        takes them; without it the class is the band of the points and ``class_note`` says so."""
        with localcontext(self._context):
            try:
                scores, applicable = self._scored(self._run, inputs, unit)
            except _Failed as failed:
                return {
                    "unit": unit, "ok": False, "total": None, "applicable_scale": None, "index": None,
                    "class": None, "class_note": None, "nodes": [], "errors": [failed.error],
                }  # fmt: skip
            total, scale, index = self._totals(scores, applicable)
            klass, note = self._downgraded(self._classify(total, index), members)
            return {
                "unit": unit,
                "ok": True,
                "total": str(total),
                "applicable_scale": str(scale),
                "index": _text(index),
                "class": klass,
                "class_note": note,
                "nodes": [self._node_result(i, scores, applicable) for i in range(len(self._nodes))],
                "errors": [],
            }

    def _totals(self, scores: Any, applicable: Any) -> tuple[Decimal, Decimal, Decimal | None]:
        total = min(sum((scores[i] for i in self._fields), Decimal(0)), self._scale)
        scale = sum((applicable[i] for i in self._fields), Decimal(0))
        index = None if scale == 0 else (total * _HUNDRED / scale).quantize(self._quantum, self._round)
        return total, scale, index

    def _classify(self, total: Decimal, index: Decimal | None) -> str | None:
        if self._classes is None:
            return None
        measure, bands, _downgrade = self._classes
        value = total if measure == "total" else (index if index is not None else Decimal(0))
        for name, low, low_closed, high, high_closed in bands:
            if low is not None and (value < Decimal(low) or (value == Decimal(low) and not low_closed)):
                continue
            if high is not None and (value > Decimal(high) or (value == Decimal(high) and not high_closed)):
                continue
            return name  # type: ignore[no-any-return]
        return None

    def _downgraded(self, klass: str | None, members: Any) -> tuple[str | None, str]:
        """aggregate.standings for one unit: the downgrade rule applied from the communes' classes."""
        downgrade = None if self._classes is None else self._classes[2]
        if downgrade is None or klass is None:
            return klass, ""
        if members is None:
            return klass, _NOTE_BY_POINTS
        numerator, denominator, order = downgrade
        members = list(members)
        if not members:
            return None, _NOTE_NO_MEMBERS
        unknown = sorted({m for m in members if m is not None and m not in order})
        if unknown:
            raise ValueError(f"commune class {unknown[0]!r} is not a class of this ruleset ({', '.join(order)})")
        missing = sum(1 for m in members if m is None)
        if missing:
            return None, _NOTE_MISSING.format(missing)
        position = order.index(klass)
        at_or_better = sum(1 for m in members if order.index(m) <= position)
        ratio = _NOTE_RATIO.format(at_or_better, len(members), klass)
        bound = f"{numerator}/{denominator}"
        if at_or_better * denominator >= numerator * len(members):  # share >= numerator / denominator, exactly
            return klass, ""
        if position + 1 >= len(order):
            return klass, _NOTE_LOWEST.format(klass, ratio, bound)
        return order[position + 1], _NOTE_DOWN.format(ratio, bound)

    def _node_result(self, i: int, scores: Any, applicable: Any) -> dict[str, Any]:
        node = self._nodes[i]
        score, top = scores[i], applicable[i]
        return {
            "code": node["code"],
            "title": node["title"],
            "kind": node["kind"],
            "parent": node["parent"],
            "score": str(score),
            "max": str(node["max"]),
            "applicable_max": str(top),
            "applicable": top > 0 or node["max"] == 0,
            "rate": None if top == 0 else str(score * _HUNDRED / top),
            "lost": str(top - score),
            "source": node["source"],
            "agency": node["agency"],
        }

    # -- errors, as the library words them
    def _scored(self, run: Any, inputs: Any, unit: str | None) -> Any:
        if not isinstance(inputs, Mapping):
            raise _Failed(
                self._error(
                    "D111",
                    "a unit's inputs must be a mapping of input names to values (a dict, a JSON object), "
                    f"not {type(inputs).__name__}",
                    unit,
                )
            )
        try:
            return run(inputs)
        except self._problem as problem:
            raise _Failed(self._problem_error(problem, inputs, unit)) from None

    def _error(
        self, code: str, message: str, unit: str | None, input: str | None = None, node: str | None = None
    ) -> dict[str, Any]:
        """An error as ``InputError``: code, message, input, node, unit and its one-line text."""
        where = []
        if unit is not None:
            where.append(f"unit {unit!r}")
        if input is not None:
            where.append(f"input {input!r}")
        if node is not None:
            where.append(f"needed by {node}")
        prefix = ", ".join(where)
        text = f"{code}: {prefix + ': ' if prefix else ''}{message}"
        return {"code": code, "message": message, "input": input, "node": node, "unit": unit, "text": text}

    def _problem_error(self, problem: Any, inputs: Any, unit: str | None) -> dict[str, Any]:
        signal = problem.__context__
        if problem.code == "D110" and isinstance(signal, ArithmeticError):
            return self._arithmetic_error(signal, unit)
        if problem.index is None:
            return self._error(problem.code, problem.message, unit)
        if problem.index < 0:  # a constraint: its wording and the values it read
            text, names, _loc = self._constraints[-1 - problem.index]
            values = ", ".join(f"{name} = {inputs.get(name)}" for name in names)
            message = f"the constraint {text} does not hold ({values})"
            return self._error(problem.code, message, unit, input=names[0] if names else None)
        name, users, _unit, _description, _labels = self._inputs[self._input_names[problem.index]]
        message = problem.message
        if problem.code == "D101":  # the commonest cause is a mistyped key: name it, and how much else is missing
            unknown = [str(key) for key in inputs if key not in self._inputs]
            near = _closest(name, unknown)
            if near is not None:
                message += f"; the data has {near!r}, which no rule reads: a misspelling of {name}?"
            others = [other for other in self._input_names if other != name and inputs.get(other) is None]
            if others:
                shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
                message += f"; {len(others)} other input(s) are not given either: {shown}"
        return self._error(problem.code, message, unit, input=name, node=users)

    def _arithmetic_error(self, signal: ArithmeticError, unit: str | None) -> dict[str, Any]:
        """D110 naming the node (or constraint) whose generated code raised, found by its line."""
        line = None
        tb = signal.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self._filename and self._first_line <= tb.tb_lineno <= self._last_line:
                line = tb.tb_lineno
            tb = tb.tb_next
        what = self._signal_text(signal)
        where = None
        if line is not None:
            for start, kind, index in self._markers:
                if start > line:
                    break
                where = (kind, index) if kind else None
        if where is not None and where[0] == "node":
            node = self._nodes[where[1]]
            message = f"the formula of node {node['code']} ({node['loc']}) {what} for this unit's inputs"
            return self._error("D110", message, unit, node=node["code"])
        if where is not None and where[0] == "constraint":
            text, names, loc = self._constraints[where[1]]
            message = f"the constraint {text} ({loc}) {what} for this unit's inputs"
            return self._error("D110", message, unit, input=names[0] if names else None)
        return self._error("D110", f"a formula {what} for this unit's inputs", unit)

    # -- explain
    def explain(self, inputs: Any, code: str | None = None, unit: str | None = None) -> str:
        """The derivation of one node (or of every node, in tree order) as ``parrules explain`` prints it.

        Raises ``Refused`` (its ``.error`` as ``evaluate`` gives it) for a unit that cannot be
        scored, and ``LookupError`` for a code that is no node of this ruleset."""
        with localcontext(self._context):
            try:
                scores, applicable = self._scored(self._run, inputs, unit)
                traced_scores, _applicable, trace = self._scored(self._run_traced, inputs, unit)
            except _Failed as failed:
                raise Refused(failed.error) from None
            steps: dict[str, list[tuple[Any, Any, Any]]] = {}
            for k, value, branch in trace:
                point = self._points[k]
                steps.setdefault(point[0], []).append((point, value, branch))
            codes = [code] if code is not None else [node["code"] for node in self._nodes]
            blocks = [self._block(c, scores, applicable, inputs, unit, steps.get(c, [])) for c in codes]
            for c in codes:
                if traced_scores[self._position[c]] != scores[self._position[c]]:  # tested to agree
                    blocks.append(f"warning: traced and fast evaluation disagree on {c}")
            return _visible("\n\n".join(blocks), keep="\n\t")

    def _input_text(self, name: str, inputs: Any) -> str:
        _name, _users, shown_unit, _description, labels = self._inputs[name]
        raw = inputs.get(name)
        shown = _value_text(raw) if not isinstance(raw, str) else _visible(raw)
        label = dict(labels).get(raw) if isinstance(raw, str) else None
        if label:  # a choice's code, then the words the template showed for it
            shown += f" ({label})"
        return f"{name} = {shown}{shown_unit}"

    def _why(self, steps: list[Any], inputs: Any) -> list[str]:
        """Why the node does not apply, as explain.why_not_applicable says it in English (the
        language of the module's explain, the library's default)."""
        for point, value, _branch in reversed(steps):
            kind, why = point[5], point[6]
            if why:
                if kind == "na":
                    filling = _visible(_value_text(value))
                else:
                    filling = ", ".join(self._input_text(name, inputs) for name in why[2:])
                return ["  not applicable: " + why[1].replace("\0", filling)]
        return []

    def _block(self, code: str, scores: Any, applicable: Any, inputs: Any, unit: str | None, steps: list[Any]) -> str:
        if code not in self._position:
            near = _closest(code, list(self._position))
            hint = f" (did you mean {near!r}?)" if near else ""
            raise LookupError(f"no node {code!r} in this ruleset{hint}")
        i = self._position[code]
        node = self._nodes[i]
        result = self._node_result(i, scores, applicable)
        score, top = scores[i], applicable[i]
        lines = [node["head"]]
        who = f"  unit: {_visible(unit)}" if unit else ""
        rate = f" ({score * _HUNDRED / top:.2f}%)" if top != 0 else ""
        if not result["applicable"]:
            lines.append(
                f"  score: not applicable (max {_value_text(node['max'])} removed from this unit's scale){who}"
            )
            lines.extend(self._why(steps, inputs))
        else:
            lines.append(f"  score: {_value_text(score)} of {_value_text(top)}{rate}{who}")
        lines.append(node["meta"])
        if node["basis"]:
            lines.append(node["basis"])
        lines.append(node["rule"])
        if node["children"]:
            for child in node["children"]:
                j = self._position[child]
                shown = (
                    "not applicable"
                    if not (applicable[j] > 0 or self._nodes[j]["max"] == 0)
                    else f"{_value_text(scores[j])} / {_value_text(applicable[j])}"
                )
                lines.append(f"    {child:<8} {shown}")
            if node["places"] is not None:
                lines.append(f"  rounded {self._mode} to {node['places']} places")
            return "\n".join(lines)
        if node["na"]:
            lines.append(node["na"])
        if node["inputs"]:
            lines.append("  inputs:")
            for name in node["inputs"]:
                lines.append(f"    {self._input_text(name, inputs)}{self._inputs[name][3]}")
        if steps:
            lines.append("  steps:")
            for point, value, branch in steps:
                _node, prefix, suffix, branches, _whole, _kind, _why = point
                taken = f"  [branch: {branches[branch]}]" if branch is not None and branches else ""
                lines.append(f"{prefix}{_value_text(value)}{taken}{suffix}")
        places = node["places"]
        rounding = f"  rounded {self._mode} to {places} places"
        # the step that computed the whole formula holds its value before rounding (explain.py)
        whole = [value for point, value, _branch in steps if point[4]]
        if whole and isinstance(whole[-1], Decimal) and result["applicable"]:
            rounded = whole[-1].quantize(Decimal(1).scaleb(-places), self._round)
            if rounded > score:
                lines.append(f"{rounding}: {_value_text(rounded)}, capped at the max: {_value_text(score)}")
                return "\n".join(lines)
        lines.append(f"{rounding}: {_value_text(score)}")
        return "\n".join(lines)
