"""JSON for front ends: a JSON Schema of a ruleset's inputs and results, and results as JSON data.

A scoring portal is written in whatever its province runs (.NET, Java, PHP, a browser
form), so the ruleset is published to it as JSON Schema (draft 2020-12): the inputs it
must collect (type, unit, range, Vietnamese title and description, choice options,
the constraints between inputs) and the shape of a result (every node's score as an
exact decimal string, total, applicable scale, index, class).  A form generator or a
type generator reads it; ``parrules serve`` returns results in exactly that shape.

The bounds are the evaluator's own (``compile.Emitter.read_input``: a count is a whole
number of at least 0, a percent lies in 0..100 unless declared otherwise, a ``score
points`` input at most its node's max); tests/test_schema.py checks that the schema
and the library reject the same out-of-range and ill-typed values.  Numbers are JSON
numbers (read them exactly: the service parses them as decimals); the library also
takes numeric strings, which a schema cannot range-check, so the schema asks for
numbers.  A value beyond what a score can use (10^16 or more) is rejected by both.

Decimals in results are strings, ``format(value, "f")``: exact, never in exponent
form, with the places the ruleset rounded to (``"1.50"``), so a portal never sees a
binary float.
"""

from __future__ import annotations

import json
import weakref
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import nodes as n
from .aggregate import class_order, standings
from .context import in_library_context
from .ruleset import Ruleset
from .safe_text import for_json, terminal

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Scorecard

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
# to_decimal (runtime.py) rejects a number whose adjusted exponent is above 15: 10**16 or more
NUMBER_LIMIT = 10**16

_DECIMAL = {"type": "string", "pattern": DECIMAL_PATTERN}
_TYPE_WORDS = {
    "count": "số đếm (số nguyên ≥ 0)",
    "rank": "thứ hạng (số nguyên)",
    "money": "số tiền",
    "percent": "tỷ lệ phần trăm (nhập 84.41 cho 84,41%)",
    "ratio": "tỷ số (0..1)",
    "number": "số",
    "points": "điểm",
    "yesno": "có / không",
    "choice": "một lựa chọn",
}


def decimal_text(value: Decimal) -> str:
    """A decimal as a JSON string: exact, plain notation, its places kept (``1.50``)."""
    return format(value, "f")


def dumps(data: Any, indent: int | None = None) -> str:
    """JSON text of plain data, UTF-8 as written, controls and bidi characters escaped (safe_text)."""
    return for_json(json.dumps(data, ensure_ascii=False, indent=indent))


def _number(value: Decimal) -> int | float:
    """A bound as a JSON number (bounds in rulesets are short: 63, 100, 1.5, 0.75)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def input_bounds(rs: Ruleset, decl: n.InputDecl) -> tuple[Decimal | None, Decimal | None]:
    """(lowest, highest) value the evaluator accepts for a numeric input, in its own unit.

    Mirrors the compiler's input reading: counts and ranks at least 0, money and points
    at least 0 unless declared, percent 0..100 and ratio 0..1 unless declared, a
    ``score points`` input at most its node's max."""
    low, high = decl.low, decl.high
    if decl.type in ("count", "rank"):
        low = Decimal(0) if low is None else max(low, Decimal(0))
    if decl.type in ("money", "points") and low is None:
        low = Decimal(0)
    if decl.type == "percent":
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    if decl.type == "ratio":
        low = Decimal(0) if low is None else low
        high = Decimal(1) if high is None else high
    if decl.type == "points" and decl.implicit_for is not None:
        node_max = rs.node(decl.implicit_for).max
        high = node_max if high is None else min(high, node_max)
    return low, high


def lazy_inputs(rs: Ruleset) -> set[str]:
    """Inputs read only when their node applies: the points of a leaf with ``not applicable when``."""
    out = set()
    for decl in rs.inputs.values():
        if decl.implicit_for is not None:
            node = rs.node(decl.implicit_for)
            if not node.children and node.not_applicable_when is not None and isinstance(node.score, n.PointsInput):
                out.add(decl.name)
    return out


def _constraints(rs: Ruleset) -> list[dict[str, Any]]:
    out = []
    for i, constraint in enumerate(rs.ast.constraints):  # the texts the evaluator's D108 names
        text = rs.compiled.constraint_texts[i]
        out.append({"text": text, "inputs": list(dict.fromkeys(n.input_names(constraint.condition)))})
    return out


def _input_property(rs: Ruleset, decl: n.InputDecl, constraints: list[dict[str, Any]], lazy: bool) -> dict[str, Any]:
    unit = "%" if decl.type == "percent" else decl.unit
    first = decl.description or decl.name
    notes = [first if first.endswith((".", "?", "!")) else first + "."]
    if unit:
        notes.append(f"Đơn vị: {unit}.")
    notes.append(f"Kiểu: {_TYPE_WORDS.get(decl.type, decl.type)}.")
    if decl.implicit_for is not None:
        notes.append(f"Điểm của tiêu chí {decl.implicit_for} (score points).")
    if lazy:
        notes.append(f"Không cần khi tiêu chí {decl.implicit_for} không áp dụng.")
    mine = [c["text"] for c in constraints if decl.name in c["inputs"]]
    if mine:
        notes.append("Ràng buộc: " + "; ".join(mine) + ".")
    users = rs.checked.input_users.get(decl.name, ())
    prop: dict[str, Any] = {"title": decl.description or decl.name, "description": " ".join(notes)}
    if decl.type == "yesno":
        prop["type"] = "boolean"
    elif decl.type == "choice":
        prop["type"] = "string"
        prop["enum"] = list(decl.options)
        if decl.labels:  # the words a form shows for each option (a labelled enum, as form generators read it)
            prop["oneOf"] = [{"const": option, "title": decl.label(option)} for option in decl.options]
    else:
        prop["type"] = "integer" if decl.type in ("count", "rank") else "number"
        low, high = input_bounds(rs, decl)
        if low is not None:
            prop["minimum"] = _number(low)
        else:
            prop["exclusiveMinimum"] = -NUMBER_LIMIT
        if high is not None:
            prop["maximum"] = _number(high)
        else:
            prop["exclusiveMaximum"] = NUMBER_LIMIT
    prop["x-parrules-type"] = decl.type
    if unit:
        prop["x-parrules-unit"] = unit
    if decl.implicit_for is not None:
        prop["x-parrules-points-for"] = decl.implicit_for
    prop["x-parrules-used-by"] = list(users)
    if mine:
        prop["x-parrules-constraints"] = mine
    return prop


def _id(name: str | None, part: str) -> dict[str, str]:
    """``$id`` of a served ruleset's schema (``urn:parrules:national-2022:inputs``); none without a name."""
    return {"$id": f"urn:parrules:{quote(name, safe='')}:{part}"} if name else {}


def _ruleset_info(rs: Ruleset, name: str | None) -> dict[str, Any]:
    h = rs.header
    return {
        "name": name,
        "title": rs.title,
        "year": h.year,
        "level": h.level,
        "scale": decimal_text(rs.scale),
        "rounding": h.rounding_mode,
        "index_places": h.index_places,
    }


@in_library_context
def input_schema(rs: Ruleset, name: str | None = None) -> dict[str, Any]:
    """JSON Schema (2020-12) of one unit's inputs: an object of input name -> value.

    ``x-parrules-*`` keywords carry what JSON Schema has no word for (the input's type in
    the ruleset, its unit, the nodes that read it, the constraints it takes part in)."""
    constraints = _constraints(rs)
    lazy = lazy_inputs(rs)
    props = {name_: _input_property(rs, decl, constraints, name_ in lazy) for name_, decl in rs.inputs.items()}
    description = f"Dữ liệu đầu vào của một đơn vị: {rs.title}."
    if constraints:
        description += " Ràng buộc: " + "; ".join(c["text"] for c in constraints) + "."
    return {
        "$schema": DIALECT,
        **_id(name, "inputs"),
        "title": rs.title,
        "description": description,
        "type": "object",
        "properties": props,
        "required": [k for k in rs.inputs if k not in lazy],
        "x-parrules-ruleset": _ruleset_info(rs, name),
        "x-parrules-constraints": constraints,
    }


def _parents(rs: Ruleset) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    stack: list[tuple[n.Node, str | None]] = [(f, None) for f in rs.ast.fields]
    while stack:
        node, parent = stack.pop()
        out[node.code] = parent
        stack.extend((child, node.code) for child in node.children)
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


@in_library_context
def result_schema(rs: Ruleset, name: str | None = None) -> dict[str, Any]:
    """JSON Schema (2020-12) of one unit's result as ``result_data`` gives it (and the service returns)."""
    parents = _parents(rs)
    items = []
    for code in rs.codes:
        node = rs.node(code)
        items.append(
            {
                "type": "object",
                "title": f"{code} {node.title}",
                "properties": {
                    "code": {"const": code},
                    "parent": {"const": parents[code]},
                    "kind": {"const": node.kind},
                    "title": {"const": node.title},
                    "score": _DECIMAL,
                    "max": {"const": decimal_text(node.max)},
                    "applicable_max": _DECIMAL,
                    "applicable": {"type": "boolean"},
                    "rate": _nullable(_DECIMAL),
                    "source": {"enum": ["self", "appraisal", "survey", "mixed"]},
                    "agency": {"type": "string"},
                },
                "required": list(_NODE_KEYS),
                "additionalProperties": False,
            }
        )
    classes = class_order(rs)
    return {
        "$schema": DIALECT,
        **_id(name, "result"),
        "title": f"Kết quả: {rs.title}",
        "description": (
            "One unit's result. Decimals are strings (exact, plain notation). nodes lists every node in "
            "tree order; rate is the score as a percent of the applicable max (null when the node does not "
            "apply); index is total / applicable_scale x 100 rounded as the ruleset declares (null when no "
            "points apply); class is the band of the ruleset's classes the unit falls in (null when none)."
        ),
        "type": "object",
        "properties": {
            "ruleset": {"type": ["string", "null"]},
            "unit": {"type": ["string", "null"]},
            "total": _DECIMAL,
            "applicable_scale": _DECIMAL,
            "index": _nullable(_DECIMAL),
            "class": {"enum": [*classes, None]},
            "class_note": {
                "type": "string",
                "description": (
                    "Why the class is not simply the band of the points, in Vietnamese (aggregate's "
                    "Standing.note, as the standalone module's class_note): for a district ruleset with "
                    "the communes' downgrade rule, scored alone, that the rule was not applied; else empty."
                ),
            },
            "nodes": {"type": "array", "prefixItems": items, "items": False, "minItems": len(items)},
        },
        "required": ["ruleset", "unit", "total", "applicable_scale", "index", "class", "class_note", "nodes"],
        "additionalProperties": False,
    }


def schemas(rs: Ruleset, name: str | None = None) -> dict[str, Any]:
    """What ``parrules schema`` writes: the ruleset's description and both schemas."""
    return {"ruleset": _ruleset_info(rs, name), "input": input_schema(rs, name), "result": result_schema(rs, name)}


_NODE_KEYS = (
    "code",
    "parent",
    "kind",
    "title",
    "score",
    "max",
    "applicable_max",
    "applicable",
    "rate",
    "source",
    "agency",
)


# Per ruleset, what every result repeats: each node's code, parent, kind, title, max (as text),
# max, source and agency.  Weak keys: a ruleset no one holds is not kept alive by this table.
_STATIC: weakref.WeakKeyDictionary[Ruleset, list[tuple[Any, ...]]] = weakref.WeakKeyDictionary()
_HUNDRED = Decimal(100)


def _static(rs: Ruleset) -> list[tuple[Any, ...]]:
    table = _STATIC.get(rs)
    if table is None:
        parents = _parents(rs)
        table = []
        for code in rs.codes:
            node = rs.node(code)
            table.append(
                (
                    code,
                    parents[code],
                    node.kind,
                    node.title,
                    decimal_text(node.max),
                    node.max,
                    rs.source_of(code),
                    rs.agency_of(code),
                )
            )
        _STATIC[rs] = table
    return table


@in_library_context
def result_data(card: Scorecard, name: str | None = None) -> dict[str, Any]:
    """One unit's result as plain JSON data (decimals as strings), in the shape of ``result_schema``.

    Each node's values are those of ``card[code]`` (``NodeResult``: score, applicable max, rate,
    applicable), read from the scorecard's tuples in one pass (tests compare them field by field)."""
    rs = card.ruleset
    index = card.index
    # the class as a ranking of this one unit gives it: the band, and for a district ruleset with
    # the communes' rule the note that the rule was not applied (the other units are not here)
    standing = standings(rs, [card])[0]
    nodes = []
    for (code, parent, kind, title, max_text, top, source, agency), score, applicable_max in zip(
        _static(rs), card.scores, card.applicable_maxima, strict=True
    ):
        rate = None if applicable_max == 0 else decimal_text(score * _HUNDRED / applicable_max)
        values = (
            code,
            parent,
            kind,
            title,
            decimal_text(score),
            max_text,
            decimal_text(applicable_max),
            applicable_max > 0 or top == 0,
            rate,
            source,
            agency,
        )
        nodes.append(dict(zip(_NODE_KEYS, values, strict=True)))
    return {
        "ruleset": name,
        "unit": card.unit,
        "total": decimal_text(card.total),
        "applicable_scale": decimal_text(card.applicable_scale),
        "index": None if index is None else decimal_text(index),
        "class": standing.klass,
        "class_note": standing.note,
        "nodes": nodes,
    }


@in_library_context
def derivations(card: Scorecard, codes: list[str] | None = None, lang: str = "en") -> dict[str, str]:
    """Each node's derivation (the text of ``card.explain(code)``), from one traced run.

    ``card.explain(code)`` per node would run the traced evaluator once per node (a quarter
    of a second for the 133 nodes of national-2022); a portal showing every derivation as
    the user types needs them all at once.  ``lang``: the language of the words and numbers
    around the ruleset's own text, as ``explain``'s."""
    from .explain import _node_block

    rs = card.ruleset
    _scores, _applicable, trace = card.traced()
    steps: dict[str, list[tuple[Any, Any, Any]]] = {}
    for k, value, branch in trace:
        point = rs.compiled.trace_points[k]
        steps.setdefault(point.node, []).append((point, value, branch))
    wanted = list(rs.codes) if codes is None else codes
    return {code: terminal(_node_block(card, code, steps.get(code, []), lang)) for code in wanted}
