"""parrules.schema: the JSON Schemas a portal generates its forms and types from.

Checked with a maintained validator (jsonschema, Draft 2020-12) against real inputs (the
rows of examples/*.csv, read as ``parrules score`` reads them) and real results, on every
shipped ruleset with units drawn from its own declarations; and the schema must refuse the
out-of-range and ill-typed values the library refuses (and accept the bounds it accepts).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules import schema
from parrules.cli import main
from parrules.testing import units

from .conftest import DATA, all_rulesets
from .serving import json_text

ROOT = Path(__file__).parent.parent
EXAMPLES = [
    (ROOT / "examples" / "ha-giang-2022.csv", "national-2022"),
    (ROOT / "examples" / "small-units.csv", str(DATA / "small.par")),
]

_loaded: dict[str, parrules.Ruleset] = {}


def ruleset(name: str) -> parrules.Ruleset:
    if name not in _loaded:
        _loaded[name] = parrules.load(name)
    return _loaded[name]


_validators: dict[str, jsonschema.Draft202012Validator] = {}


def validator(s: dict[str, Any]) -> jsonschema.Draft202012Validator:
    key = json.dumps(s, sort_keys=True)
    if key not in _validators:
        jsonschema.Draft202012Validator.check_schema(s)  # a valid 2020-12 schema, custom keywords and all
        _validators[key] = jsonschema.Draft202012Validator(s)
    return _validators[key]


def errors(s: dict[str, Any], instance: Any) -> list[str]:
    return [e.message for e in validator(s).iter_errors(instance)]


_schemas: dict[tuple[str, str], dict[str, Any]] = {}


def input_schema(name: str) -> dict[str, Any]:
    if (name, "input") not in _schemas:
        _schemas[(name, "input")] = schema.input_schema(ruleset(name))
    return _schemas[(name, "input")]


def result_schema(name: str) -> dict[str, Any]:
    if (name, "result") not in _schemas:
        _schemas[(name, "result")] = schema.result_schema(ruleset(name))
    return _schemas[(name, "result")]


def as_json(data: Any) -> Any:
    """What a portal sends: the data through JSON text and back, numbers exact (as the service reads them)."""
    return json.loads(json_text(data), parse_float=Decimal)


@pytest.mark.parametrize(("path", "name"), EXAMPLES, ids=lambda x: Path(str(x)).name)
def test_real_rows_and_their_results_validate(path: Path, name: str) -> None:
    rs = ruleset(name)
    data = data_io.read_data(path, rs)
    assert data.units and not data.rejected
    inputs_schema, result_schema = schema.input_schema(rs, "x"), schema.result_schema(rs, "x")
    for unit in data.units:
        assert errors(inputs_schema, as_json(unit.inputs)) == [], unit.unit
        card = rs.evaluate(unit.inputs, unit.unit)
        result = schema.result_data(card, "x")
        assert errors(result_schema, json.loads(schema.dumps(result))) == []
        # the strings are the library's numbers, digit for digit
        assert result["total"] == format(card.total, "f") and Decimal(result["total"]) == card.total
        assert result["index"] == format(card.index, "f")
        for node in result["nodes"]:
            r = card[node["code"]]
            assert (node["score"], node["applicable_max"]) == (format(r.score, "f"), format(r.applicable_max, "f"))
            assert node["rate"] == (None if r.rate is None else format(r.rate, "f"))


def test_ha_giang_result_is_the_seed_s() -> None:
    """seed 004 (Phụ lục 02): Hà Giang 2022 scored 84.41 % (the golden tests derive it line by line)."""
    rs = ruleset("national-2022")
    unit = data_io.read_data(EXAMPLES[0][0], rs).units[0]
    result = schema.result_data(rs.evaluate(unit.inputs, unit.unit), "national-2022")
    assert result["index"] == "84.41"


@pytest.mark.parametrize("name", all_rulesets(), ids=lambda p: Path(p).stem)
@settings(max_examples=10)
@given(data=st.data())
def test_drawn_units_and_results_validate_on_every_ruleset(name: str, data: st.DataObject) -> None:
    rs = ruleset(name)
    inputs = data.draw(units(rs))
    card = rs.evaluate(inputs)  # the library accepts them ...
    assert errors(input_schema(name), as_json(inputs)) == []  # ... and so does the schema
    result = json.loads(schema.dumps(schema.result_data(card)))
    assert errors(result_schema(name), result) == []


def _numeric(rs: parrules.Ruleset) -> list[str]:
    return [name for name, decl in rs.inputs.items() if decl.type not in ("yesno", "choice")]


def _library_refuses(rs: parrules.Ruleset, inputs: dict[str, Any], name: str) -> str | None:
    """The code of the InputError the library raises about input ``name`` (None: accepted)."""
    try:
        rs.evaluate(inputs)
    except parrules.InputError as exc:
        assert exc.input == name, exc
        return exc.code
    return None


RANGE_RULESETS = ["national-2022", str(DATA / "small.par"), "lai-chau-2022-departments"]


@pytest.mark.parametrize("name", RANGE_RULESETS, ids=lambda p: Path(p).stem)
@settings(max_examples=40)
@given(data=st.data())
def test_out_of_range_values_are_refused_by_both(name: str, data: st.DataObject) -> None:
    """One input of a valid unit set outside its bounds (or not a whole number, or of the wrong
    type): the schema refuses the unit and the library refuses that input (D104/D105/D106).
    The points of a node that may not apply are left out: the library does not read them when
    the node does not apply, where the schema (which has no conditions) still bounds them."""
    rs = ruleset(name)
    inputs = data.draw(units(rs))
    lazy = schema.lazy_inputs(rs)
    key = data.draw(st.sampled_from([k for k in rs.inputs if k not in lazy]))
    decl = rs.inputs[key]
    if decl.type == "yesno":
        bad: Any = data.draw(st.sampled_from(["có", 2, "true"]))
    elif decl.type == "choice":
        bad = data.draw(st.sampled_from(["không có", 1, True]).filter(lambda v: v not in decl.options))
    else:
        low, high = schema.input_bounds(rs, decl)
        step = data.draw(st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**6), places=3))
        choices = []
        if high is not None:
            choices.append(high + step)
        else:
            choices.append(Decimal(schema.NUMBER_LIMIT) + step)
        if low is not None:
            choices.append(low - step)
        else:
            choices.append(-Decimal(schema.NUMBER_LIMIT) - step)
        if decl.type in ("count", "rank"):
            within = (low or 0) + Decimal("0.5")
            if high is None or within < high:
                choices.append(within)
        choices.extend([True, "nhiều"])
        bad = data.draw(st.sampled_from(choices))
    inputs[key] = bad
    assert _library_refuses(rs, inputs, key) in ("D104", "D105", "D106")
    assert errors(input_schema(name), as_json(inputs)) != []


@pytest.mark.parametrize("name", RANGE_RULESETS, ids=lambda p: Path(p).stem)
@settings(max_examples=25)
@given(data=st.data())
def test_the_bounds_themselves_are_accepted_by_both(name: str, data: st.DataObject) -> None:
    rs = ruleset(name)
    inputs = data.draw(units(rs))
    key = data.draw(st.sampled_from(_numeric(rs)))
    low, high = schema.input_bounds(rs, rs.inputs[key])
    edge = data.draw(st.sampled_from([b for b in (low, high) if b is not None] or [Decimal(0)]))
    inputs[key] = edge
    try:
        rs.evaluate(inputs)
    except parrules.InputError as exc:  # a constraint between inputs may break: never the value's range
        assert exc.code == "D108", exc
    assert errors(input_schema(name), as_json(inputs)) == []


def test_input_schema_carries_types_units_descriptions_options_and_constraints() -> None:
    rs = parrules.load(DATA / "small.par")
    s = schema.input_schema(rs, "small")
    props = s["properties"]
    assert list(props) == list(rs.inputs) and s["required"] == list(rs.inputs)
    assert props["received"]["type"] == "integer" and props["received"]["minimum"] == 0
    assert props["received"]["title"] == "Hồ sơ tiếp nhận" and props["received"]["x-parrules-unit"] == "hồ sơ"
    assert (props["online"]["minimum"], props["online"]["maximum"], props["online"]["x-parrules-unit"]) == (0, 100, "%")
    assert (props["rank_budget"]["minimum"], props["rank_budget"]["maximum"]) == (1, 63)
    assert props["has_plan"]["type"] == "boolean"
    assert props["discipline"]["enum"] == ["none", "dept_leader"]
    assert (
        props["p_1_4"]["maximum"] == 0.5 and props["p_1_4"]["x-parrules-points-for"] == "1.4"
    )  # criterion 1.4 max 0.5
    assert s["x-parrules-constraints"] == [{"text": "on_time <= received", "inputs": ["on_time", "received"]}]
    assert "on_time <= received" in props["on_time"]["description"]
    assert props["received"]["x-parrules-used-by"] == ["1.1.1"]


def test_points_of_a_node_that_may_not_apply_are_not_required() -> None:
    rs = parrules.loads(
        'ruleset "t" year 2022 level province scale 1\n'
        "input has_unit: yesno\n"
        'field 1 "a" max 1 { criterion 1.1 "b" max 1 { not applicable when not has_unit  score points } }\n'
    )
    s = schema.input_schema(rs)
    assert s["required"] == ["has_unit"] and "p_1_1" in s["properties"]
    assert rs.evaluate({"has_unit": False}).index is None
    assert errors(s, {"has_unit": False}) == []


def test_result_schema_names_every_node_in_tree_order() -> None:
    rs = ruleset("national-2022")
    s = schema.result_schema(rs)
    items = s["properties"]["nodes"]["prefixItems"]
    assert [item["properties"]["code"]["const"] for item in items] == list(rs.codes)
    assert s["properties"]["class"]["enum"][:-1] and s["properties"]["class"]["enum"][-1] is None


def test_cli_schema_writes_both_schemas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", str(DATA / "small.par")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["input"] == json.loads(schema.dumps(schema.input_schema(parrules.load(DATA / "small.par"), "small")))
    out = tmp_path / "s.json"
    assert main(["schema", "national-2022", "--part", "input", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"] == schema.DIALECT
    assert main(["schema", "no-such-ruleset"]) == 2


def test_choice_labels_are_the_titles_of_the_options() -> None:
    """national-2022 labels 5.4's options; the label of dept_district_leaders is seed 004:348's
    wording ("Lãnh đạo cấp sở, huyện bị xử lý kỷ luật").  A form shows the title, sends the code."""
    rs = ruleset("national-2022")
    prop = schema.input_schema(rs, "national-2022")["properties"]["discipline"]
    titles = {item["const"]: item["title"] for item in prop["oneOf"]}
    assert list(titles) == prop["enum"] == list(rs.inputs["discipline"].options)
    assert titles["dept_district_leaders"] == "Lãnh đạo cấp sở, huyện bị xử lý kỷ luật"
    assert "oneOf" not in schema.input_schema(parrules.load(DATA / "small.par"), "small")["properties"]["discipline"]


def test_a_district_class_scored_alone_says_the_commune_rule_was_not_applied() -> None:
    """bac-kan-2023-districts declares the communes' downgrade rule: one unit's result (the
    service's /score) cannot apply it, so class_note says so in aggregate's words, and the class
    is the band of the points.  TP Bắc Kạn: 87.461, Tốt (seed 000:171, the first ranking row)."""
    from .seed_units import seed_unit

    rs = ruleset("bac-kan-2023-districts")
    unit = seed_unit("bac-kan-2023-districts", rs)
    result = schema.result_data(rs.evaluate(unit.inputs, "TP Bắc Kạn"), "bac-kan-2023-districts")
    assert (result["total"], result["class"]) == ("87.461", "Tốt")
    assert result["class_note"] == "theo điểm; chưa xét quy tắc xã (không có kết quả cấp xã)"
    national = ruleset("national-2022")
    row = data_io.read_data(EXAMPLES[0][0], national).units[0]
    assert schema.result_data(national.evaluate(row.inputs, row.unit))["class_note"] == ""
