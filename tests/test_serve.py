"""``parrules serve``: the real service on localhost, called over HTTP (httpx).

Results must be the library's byte for byte; a bad unit is a 422 carrying the library's
error (code, input, rule), never a 500; a batch scores its good units and lists its bad
ones; requests are bounded and can name only the rulesets loaded at startup.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest

import parrules
from parrules import io as data_io
from parrules.schema import derivations, dumps, result_data, schemas
from parrules.serve import load_rulesets

from .conftest import DATA
from .serving import client, json_text, running

ROOT = Path(__file__).parent.parent
SMALL_CSV = ROOT / "examples" / "small-units.csv"
HA_GIANG = ROOT / "examples" / "ha-giang-2022.csv"


@pytest.fixture(scope="module")
def served() -> Any:
    rulesets = load_rulesets([str(DATA / "small.par"), "national-2022"])
    with running(rulesets, ROOT / "docs" / "portal") as base, client(base) as http:
        yield rulesets, http


def post_unit(http: Any, path: str, unit: str | None, inputs: Any) -> Any:
    body = json_text({"unit": unit, "inputs": inputs}) if unit is not None else json_text({"inputs": inputs})
    return http.post(path, content=body.encode("utf-8"), headers={"content-type": "application/json"})


def real_units(rs: parrules.Ruleset, path: Path) -> list[data_io.UnitRow]:
    data = data_io.read_data(path, rs)
    assert data.units and not data.rejected
    return data.units


def test_results_equal_the_library_byte_for_byte(served: Any) -> None:
    rulesets, http = served
    for name, path in (("small", SMALL_CSV), ("national-2022", HA_GIANG)):
        rs = rulesets[name]
        for unit in real_units(rs, path):
            r = post_unit(http, f"/api/rulesets/{name}/score", unit.unit, unit.inputs)
            assert r.status_code == 200, r.text
            card = rs.evaluate(unit.inputs, unit.unit)
            assert r.content == dumps(result_data(card, name)).encode("utf-8")
            got = r.json()
            assert Decimal(got["total"]) == card.total and got["total"] == format(card.total, "f")
            assert [Decimal(node["score"]) for node in got["nodes"]] == list(card.scores)


def test_ha_giang_scores_its_published_index(served: Any) -> None:
    """seed 004 (Phụ lục 02): Hà Giang's PAR Index 2022 is 84.41 %."""
    rulesets, http = served
    unit = real_units(rulesets["national-2022"], HA_GIANG)[0]
    got = post_unit(http, "/api/rulesets/national-2022/score", unit.unit, unit.inputs).json()
    assert got["index"] == "84.41" and got["unit"] == "Tỉnh Hà Giang"


def test_results_validate_against_the_served_schema(served: Any) -> None:
    rulesets, http = served
    described = http.get("/api/rulesets/small").json()
    assert described == json.loads(dumps(schemas(rulesets["small"], "small")))
    unit = real_units(rulesets["small"], SMALL_CSV)[0]
    result = post_unit(http, "/api/rulesets/small/score", unit.unit, unit.inputs).json()
    jsonschema.Draft202012Validator(described["result"]).validate(result)
    jsonschema.Draft202012Validator(described["input"]).validate(json.loads(json_text(unit.inputs)))


def test_derivations_are_the_library_s_explanations(served: Any) -> None:
    rulesets, http = served
    rs = rulesets["small"]
    unit = real_units(rs, SMALL_CSV)[0]
    card = rs.evaluate(unit.inputs, unit.unit)
    one = post_unit(http, "/api/rulesets/small/explain?node=1.1.1", unit.unit, unit.inputs).json()
    assert one["derivations"] == {"1.1.1": card.explain("1.1.1")}
    every = post_unit(http, "/api/rulesets/small/score?explain=all", unit.unit, unit.inputs).json()["derivations"]
    assert every == {code: card.explain(code) for code in rs.codes} == derivations(card)
    missing = post_unit(http, "/api/rulesets/small/explain?node=1.1.9", unit.unit, unit.inputs)
    assert missing.status_code == 404 and "1.1.9" in missing.json()["error"]["message"]


def test_a_bad_unit_is_a_422_with_the_library_s_error(served: Any) -> None:
    rulesets, http = served
    rs = rulesets["small"]
    good = real_units(rs, SMALL_CSV)[0].inputs
    cases = [
        ({**good, "online": Decimal(150)}, "D106", "online"),  # percent above 100
        ({k: v for k, v in good.items() if k != "received"}, "D101", "received"),  # missing
        ({**good, "received": Decimal("10.5")}, "D105", "received"),  # a count that is no whole number
        ({**good, "has_plan": "maybe"}, "D104", "has_plan"),
        ({**good, "on_time": good["received"] + 1}, "D108", "on_time"),  # constraint on_time <= received
    ]
    for inputs, code, name in cases:
        r = post_unit(http, "/api/rulesets/small/score", "U", inputs)
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        with pytest.raises(parrules.InputError) as expected:
            rs.evaluate(inputs, "U")
        assert (error["code"], error["input"]) == (code, name) == (expected.value.code, expected.value.input)
        assert error["message"] == expected.value.message and error["text"] == expected.value.render()
    r = http.post(
        "/api/rulesets/small/score", content=b'{"inputs": null}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "D111"


def test_malformed_requests_are_refused_not_crashed(served: Any) -> None:
    _rulesets, http = served
    send = lambda body: http.post("/api/rulesets/small/score", content=body)  # noqa: E731
    assert send(b"{not json").status_code == 400
    assert send(b"\xff\xfe").status_code == 400
    assert send(b"[1, 2]").status_code == 400
    assert send(b'{"inputs": {}, "extra": 1}').status_code == 400
    assert send(b"[" * 100 + b"]" * 100).status_code == 400  # nested deeper than io.MAX_JSON_DEPTH
    twice = send(b'{"inputs": {"received": 1, "received": 2}}')
    assert twice.status_code == 422 and twice.json()["error"]["code"] == "D210"
    long = send(b'{"inputs": {"received": 1' + b"0" * 5000 + b"}}")
    assert long.status_code == 422 and long.json()["error"]["code"] == "D208"
    batch = http.post(
        "/api/rulesets/small/batch", content=b'{"unit": "x"}', headers={"content-type": "application/json"}
    )
    assert batch.status_code == 400 and "list" in batch.json()["error"]["message"]
    wrong_method = http.get("/api/rulesets/small/score")  # 404 here: the portal's files are served at /
    assert wrong_method.status_code in (404, 405) and wrong_method.json()["error"]["code"] is None


def test_request_bodies_are_bounded(served: Any) -> None:
    _rulesets, http = served
    big = b'{"inputs": {"x": "' + b"a" * parrules.limits.MAX_REQUEST_BYTES + b'"}}'
    assert http.post("/api/rulesets/small/score", content=big).status_code == 413

    def chunks() -> Any:  # no Content-Length: refused while it streams
        for _ in range(20):
            yield b" " * 100_000

    assert http.post("/api/rulesets/small/score", content=chunks()).status_code == 413


def test_only_the_rulesets_named_at_startup_are_served(served: Any) -> None:
    rulesets, http = served
    assert [r["name"] for r in http.get("/api/rulesets").json()] == ["small", "national-2022"]
    for name in ("national-2021", "..%2F..%2Frulesets%2Fnational-2021.par", "%2Fetc%2Fpasswd", "small.par"):
        r = post_unit(http, f"/api/rulesets/{name}/score", None, {})
        assert r.status_code in (404, 405), (name, r.status_code)
        assert r.json()["error"]["code"] is None
    assert list(rulesets) == ["small", "national-2022"]


def test_a_json_batch_scores_the_good_units_and_reports_the_bad_one(served: Any) -> None:
    rulesets, http = served
    rs = rulesets["small"]
    units = real_units(rs, SMALL_CSV)
    items: list[Any] = [{"unit": u.unit, "inputs": u.inputs} for u in units]
    items.insert(2, {"unit": "Hỏng", "inputs": {**units[0].inputs, "online": Decimal(-1)}})
    items.append(7)
    r = http.post("/api/rulesets/small/batch", content=json_text(items), headers={"content-type": "application/json"})
    assert r.status_code == 200
    got = r.json()
    expected = [json.loads(dumps(result_data(rs.evaluate(u.inputs, u.unit), "small"))) for u in units]
    assert got["results"] == expected
    assert [(x["unit"], x["row"], x["errors"][0]["code"]) for x in got["rejected"]] == [
        ("Hỏng", 3, "D106"),
        (None, len(items), "D209"),
    ]
    assert got["summary"] == f"units read {len(items)} = scored {len(units)} + rejected 2"


def test_csv_and_xlsx_uploads_are_read_as_parrules_score_reads_files(served: Any, tmp_path: Path) -> None:
    rulesets, http = served
    rs = rulesets["small"]
    run = data_io.score_data(rs, data_io.read_data(SMALL_CSV, rs))
    expected = [json.loads(dumps(result_data(card, "small"))) for card in run.cards]
    r = http.post("/api/rulesets/small/batch", content=SMALL_CSV.read_bytes(), headers={"content-type": "text/csv"})
    assert r.status_code == 200 and r.json()["results"] == expected and r.json()["summary"] == run.summary()
    # the same rows in a workbook, one of them broken
    wb = openpyxl.Workbook()
    ws = wb.active
    header = ["Đơn vị", "received", "on_time", "online", "rank_budget", "has_plan", "late_tasks", "discipline", "p_1_4"]
    ws.append(header)
    for unit in data_io.read_data(SMALL_CSV, rs).units:
        ws.append([unit.unit, *[str(unit.inputs[h]) if h != "has_plan" else unit.inputs[h] for h in header[1:]]])
    ws.append(["Hỏng", 10, 20, 50, 1, True, 0, "none", 0.1])  # on_time > received: D108
    buffer = io.BytesIO()
    wb.save(buffer)
    r = http.post(
        "/api/rulesets/small/batch?decimal=dot",
        content=buffer.getvalue(),
        headers={"content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["results"] == expected
    assert [(x["unit"], x["errors"][0]["code"]) for x in r.json()["rejected"]] == [("Hỏng", "D108")]
    bad = http.post("/api/rulesets/small/batch", content=b"PK\x03\x04junk", headers={"content-type": ws_type()})
    assert bad.status_code == 422
    assert (
        http.post("/api/rulesets/small/batch", content=b"x", headers={"content-type": "image/png"}).status_code == 415
    )


def ws_type() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_openapi_describes_every_route(served: Any) -> None:
    _rulesets, http = served
    doc = http.get("/api/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    for path, operations in doc["paths"].items():
        concrete = path.replace("{name}", "small")
        for method in operations:
            r = http.request(method.upper(), concrete, content=b"{}")
            assert r.status_code != 404 or "ruleset" not in r.text, (method, path)
            assert r.status_code != 405, (method, path)
    for schema in doc["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_twenty_concurrent_clients_get_identical_results(served: Any) -> None:
    """20 clients x 50 requests, a mix of units and of one bad unit: 0 errors, each answer the library's."""
    rulesets, http = served
    rs = rulesets["small"]
    units = real_units(rs, SMALL_CSV)
    bodies = [json_text({"unit": u.unit, "inputs": u.inputs}).encode("utf-8") for u in units]
    expected = [dumps(result_data(rs.evaluate(u.inputs, u.unit), "small")).encode("utf-8") for u in units]
    bad = json_text({"unit": "Hỏng", "inputs": {**units[0].inputs, "online": Decimal(101)}}).encode("utf-8")
    base = str(http.base_url)

    def worker(k: int) -> list[str]:
        problems = []
        with client(base) as own:
            for i in range(50):
                j = (k + i) % (len(bodies) + 1)
                r = own.post("/api/rulesets/small/score", content=bodies[j] if j < len(bodies) else bad)
                if j < len(bodies) and (r.status_code != 200 or r.content != expected[j]):
                    problems.append(f"{k}/{i}: {r.status_code}")
                if j == len(bodies) and (r.status_code != 422 or r.json()["error"]["code"] != "D106"):
                    problems.append(f"{k}/{i}: bad unit answered {r.status_code}")
        return problems

    with ThreadPoolExecutor(max_workers=20) as pool:
        problems = [p for found in pool.map(worker, range(20)) for p in found]
    assert problems == []


def test_the_command_serves_until_stopped() -> None:
    """``parrules serve FILE --port 0`` prints its address once it listens; a client connects at once."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "parrules.cli", "serve", str(DATA / "small.par"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("parrules serve: http://127.0.0.1:") and "small" in line
        base = line.split()[2]
        with client(base) as http:
            assert [r["name"] for r in http.get("/api/rulesets").json()] == ["small"]
    finally:
        proc.terminate()
        proc.wait()


def test_the_command_refuses_a_missing_ruleset_or_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from parrules.cli import main

    assert main(["serve", "no-such-ruleset", "--lang", "en"]) == 2
    assert main(["serve", "small", "--static", "/no/such/folder"]) == 2
    assert "no ruleset named" in capsys.readouterr().err


def test_browser_pages_of_other_origins_are_allowed_only_when_named() -> None:
    rulesets = load_rulesets([str(DATA / "small.par")])
    portal = "https://dichvucong.example.gov.vn"
    asked = {
        "origin": portal,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    with running(rulesets) as base, client(base) as http:
        assert "access-control-allow-origin" not in http.options("/api/rulesets/small/score", headers=asked).headers
    from parrules.serve import create_app

    app = create_app(rulesets, allow_origins=[portal])
    with running(rulesets, app=app) as base, client(base) as http:
        preflight = http.options("/api/rulesets/small/score", headers=asked)
        assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == portal
        other = http.options("/api/rulesets/small/score", headers={**asked, "origin": "https://evil.example"})
        assert other.status_code == 400


def test_static_files_stay_inside_their_folder(served: Any) -> None:
    _rulesets, http = served
    assert http.get("/").status_code == 200 and "parrules serve" in http.get("/").text
    for path in ("/%2e%2e/pyproject.toml", "/..%2f..%2fpyproject.toml", "/%2e%2e/%2e%2e/src/parrules/serve.py"):
        r = http.get(path)
        assert r.status_code == 404, path


# ---------------------------------------------------------------- what-if (issue 11), OpenAPI validated


JSON_TYPE = "application/json"


def post_whatif(http: Any, name: str, body: Any) -> Any:
    return http.post(
        f"/api/rulesets/{name}/whatif", content=json_text(body).encode("utf-8"), headers={"content-type": JSON_TYPE}
    )


def test_whatif_equals_the_library_byte_for_byte(served: Any) -> None:
    from parrules.whatif import what_if
    from parrules.whatif_report import whatif_data

    rulesets, http = served
    rs = rulesets["national-2022"]
    unit = real_units(rs, HA_GIANG)[0]
    changes = {"online_full_rate": Decimal("60")}
    r = post_whatif(http, "national-2022", {"unit": unit.unit, "inputs": unit.inputs, "changes": changes})
    assert r.status_code == 200, r.text
    # Ruleset.what_if with the unit named (whatif.what_if: the derivations say "unit: Tỉnh Hà Giang")
    expected = {"ruleset": "national-2022", **whatif_data(what_if(rs, unit.inputs, changes, unit.unit))}
    assert r.content == dumps(expected).encode("utf-8")
    got = r.json()
    # national-2022.par:606 7.3.6 `max * online_full_rate`: 1.5 x 0.4241 = 0.63615 -> 0.6362 before,
    # 1.5 x 0.60 = 0.9000 after (+0.2638); total 84.4094 -> 84.6732 (tests/test_whatif.py)
    rows = {row["code"]: row for row in got["changed"]}
    assert [row["code"] for row in got["changed"]] == ["7", "7.3", "7.3.6", "total", "index"]
    assert (rows["7.3.6"]["before"], rows["7.3.6"]["after"], rows["7.3.6"]["delta"]) == ("0.6362", "0.9000", "0.2638")
    assert (got["before"]["total"], got["after"]["total"]) == ("84.4094", "84.6732")
    assert got["changes"] == [{"input": "online_full_rate", "before": "42.41", "after": "60"}]
    assert got["derivations"]["7.3.6"] == rs.evaluate({**unit.inputs, **changes}, unit.unit).explain("7.3.6")
    doc = http.get("/api/openapi.json").json()
    jsonschema.validate(got, doc["components"]["schemas"]["WhatIf"])


def test_whatif_bad_changes_are_422_with_the_library_s_code(served: Any) -> None:
    rulesets, http = served
    rs = rulesets["national-2022"]
    inputs = real_units(rs, HA_GIANG)[0].inputs
    cases = [
        ({"on_tim_dept": 1}, "D215", "on_tim_dept"),  # no such input
        ({"on_time_dept": 70000}, "D108", "on_time_dept"),  # national-2022.par:68 on_time_dept <= received_dept
        ({"online_full_rate": 101}, "D106", "online_full_rate"),  # a percent: 0..100
        ({"on_time_dept": "abc"}, "D104", "on_time_dept"),
    ]
    for changes, code, name in cases:
        r = post_whatif(http, "national-2022", {"unit": "U", "inputs": inputs, "changes": changes})
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        with pytest.raises(parrules.InputError) as expected:
            rs.what_if(inputs, changes)
        assert (error["code"], error["input"]) == (code, name) == (expected.value.code, expected.value.input)
    r = post_whatif(http, "national-2022", {"inputs": inputs, "changes": [1]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "D111"
    twice = b'{"inputs": {}, "changes": {"a": 1, "a": 2}}'
    r = http.post("/api/rulesets/national-2022/whatif", content=twice, headers={"content-type": JSON_TYPE})
    assert r.status_code == 422 and r.json()["error"]["code"] == "D210"
    r = post_whatif(http, "national-2022", {"inputs": inputs})  # no changes
    assert r.status_code == 400
    r = post_whatif(http, "national-2022", {"inputs": inputs, "changes": {}, "extra": 1})
    assert r.status_code == 400
    r = post_whatif(http, "nowhere", {"inputs": inputs, "changes": {}})
    assert r.status_code == 404


def test_the_openapi_document_is_valid_openapi_3_1(served: Any) -> None:
    """The served document passes the maintained OpenAPI validator (openapi-spec-validator),
    which checks the document's structure and resolves every $ref; a broken copy does not."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    _rulesets, http = served
    doc = http.get("/api/openapi.json").json()
    validate(doc)
    assert "/api/rulesets/{name}/whatif" in doc["paths"]
    broken = json.loads(json.dumps(doc))
    broken["paths"]["/api/rulesets/{name}/whatif"]["post"]["parameters"][0]["in"] = "body"  # OpenAPI 2's word
    with pytest.raises(OpenAPIValidationError):
        validate(broken)
    dangling = json.loads(json.dumps(doc))
    del dangling["components"]["schemas"]["WhatIf"]  # a $ref that leads nowhere
    with pytest.raises(Exception, match="WhatIf"):
        validate(dangling)
