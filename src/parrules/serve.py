"""``parrules serve``: the scoring service, an HTTP API any front end can call.

A provincial portal is written in .NET, Java, PHP or plain JavaScript; it posts a
unit's inputs as JSON and gets the result back as JSON, with decimals as strings and
the library's own error codes.  Built on Starlette (routing, requests, static files)
and served by uvicorn: the service is a handful of JSON endpoints, so FastAPI's model
layer would add a second description of the inputs beside the ruleset's own; the
OpenAPI document is written here from the rulesets' JSON Schemas (parrules.schema).

Endpoints (all JSON, UTF-8):

- ``GET  /api/rulesets``                       the rulesets served
- ``GET  /api/rulesets/{name}``                its description and JSON Schemas (input, result)
- ``POST /api/rulesets/{name}/score``          one unit: ``{"unit": "...", "inputs": {...}}``;
  ``?explain=all`` (or a node code) adds the derivations
- ``POST /api/rulesets/{name}/explain?node=C`` one node's derivation (every node's without ``node``)
- ``POST /api/rulesets/{name}/whatif``         one unit before and after a change:
  ``{"unit": "...", "inputs": {...}, "changes": {NAME: VALUE, ...}}`` (``Ruleset.what_if``)
- ``POST /api/rulesets/{name}/batch``          many units: a JSON list of ``{"unit", "inputs"}``,
  or a CSV (``text/csv``) or XLSX workbook as the request body, read as ``parrules score`` reads files
- ``GET  /api/openapi.json``                   the OpenAPI 3.1 description

What a request cannot do: load a ruleset (only those named when the service started
are served, looked up by name in a table), send more than ``limits.MAX_REQUEST_BYTES``
to score or explain one unit or ``io.MAX_DATA_BYTES`` in a batch (413), or crash the
service with bad data: a unit the library rejects is a 422 carrying the library's
``InputError`` (code, input, rule), and a batch reports its bad units and scores the
others, as ``parrules score`` does.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import __version__
from . import io as data_io
from .errors import InputError, NotFound, ParrulesError
from .limits import MAX_REQUEST_BYTES
from .ruleset import SUFFIX, Ruleset, load
from .schema import derivations, dumps, result_data, schemas

JSON_TYPE = "application/json"
CSV_TYPES = ("text/csv", "text/plain", "application/csv")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BATCH_BYTES = data_io.MAX_DATA_BYTES


class Problem(Exception):
    """A request the service refuses: an HTTP status and the JSON error body."""

    def __init__(self, status: int, kind: str, message: str, **fields: Any):
        super().__init__(message)
        self.status = status
        self.body = {"kind": kind, "code": fields.pop("code", None), "message": message, **fields}


def error_data(exc: InputError) -> dict[str, Any]:
    """An InputError as JSON: its code, the input and nodes it names, the rule broken, where."""
    return {
        "kind": "input",
        "code": exc.code,
        "message": exc.message,
        "input": exc.input,
        "node": exc.node,
        "unit": exc.unit,
        "row": exc.row,
        "column": exc.column,
        "text": exc.render(),
    }


def json_response(data: Any, status: int = 200) -> Response:
    return Response(dumps(data), status_code=status, media_type="application/json; charset=utf-8")


def problem_response(problem: Problem) -> Response:
    return json_response({"error": problem.body}, problem.status)


# ---------------------------------------------------------------- rulesets


def load_rulesets(names: list[str]) -> dict[str, Ruleset]:
    """The rulesets a service serves, by the name requests use: a shipped ruleset's name, or
    a file's name without ``.par``.  Nothing else can be loaded once the service runs."""
    from .ruleset import shipped

    table: dict[str, Ruleset] = {}
    for given in names or shipped():
        path = Path(given)
        name = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name
        if name in table:
            raise ParrulesError(f"two rulesets would be served as {name!r}; rename one of the files")
        table[name] = load(given)
    return table


# ---------------------------------------------------------------- reading requests


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise Problem(413, "too_large", f"the request body has {int(length):,} bytes, more than the {limit:,} allowed")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, "too_large", f"the request body is more than the {limit:,} bytes allowed")
        chunks.append(chunk)
    return b"".join(chunks)


class _NumberTooLong(Exception):
    def __init__(self, text: str):
        self.text = text


def _json_number(text: str) -> Decimal:
    """A JSON number as an exact Decimal (84.41 is 84.41, never a binary float)."""
    if len(text) > data_io.MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)
    return Decimal(text)


def parse_json(body: bytes) -> Any:
    """A request's JSON: numbers exact, depth bounded, a key given twice remembered (``.twice``)."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problem(400, "bad_request", f"the request body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data_io._json_depth_guard(text, Path("request"))
        return json.loads(
            text, parse_float=_json_number, parse_int=_json_number, object_pairs_hook=data_io._json_object
        )
    except data_io.DataError as exc:
        raise Problem(400, "bad_request", str(exc)) from None
    except json.JSONDecodeError as exc:
        raise Problem(
            400, "bad_request", f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except _NumberTooLong as exc:
        message = (
            f"the number {exc.text[:20]}... has {len(exc.text):,} characters, "
            f"more than the {data_io.MAX_NUMBER_CHARS} a value may have"
        )
        raise Problem(422, "input", message, code="D208") from None


def _unit_request(doc: Any) -> tuple[str | None, Any]:
    """(unit, inputs) of a score/explain request ``{"unit": ..., "inputs": {...}}``."""
    if not isinstance(doc, Mapping):
        raise Problem(400, "bad_request", 'the request is a JSON object {"unit": NAME, "inputs": {NAME: VALUE, ...}}')
    unknown = [k for k in doc if k not in ("unit", "inputs")]
    if unknown:
        raise Problem(400, "bad_request", f"unknown key(s) {', '.join(map(repr, unknown))}: give unit and inputs")
    unit = doc.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise Problem(400, "bad_request", "unit is the unit's name, a string")
    inputs = doc.get("inputs")
    twice = getattr(inputs, "twice", [])
    if twice:
        message = f"the inputs give {', '.join(map(repr, twice))} more than once; which value is meant cannot be known"
        raise Problem(422, "input", message, code="D210", unit=unit)
    return unit, inputs


def _whatif_request(doc: Any) -> tuple[str | None, Any, Any]:
    """(unit, inputs, changes) of a what-if request ``{"unit", "inputs", "changes"}``."""
    if not isinstance(doc, Mapping) or "changes" not in doc:
        raise Problem(
            400, "bad_request", 'the request is a JSON object {"unit": NAME, "inputs": {...}, "changes": {NAME: VALUE}}'
        )
    changes = doc["changes"]
    unit, inputs = _unit_request({k: v for k, v in doc.items() if k != "changes"})
    twice = getattr(changes, "twice", [])
    if twice:
        message = f"the changes give {', '.join(map(repr, twice))} more than once; which value is meant cannot be known"
        raise Problem(422, "input", message, code="D210", unit=unit)
    return unit, inputs, changes


# ---------------------------------------------------------------- the application


class Service:
    """The endpoints over a fixed table of loaded rulesets."""

    def __init__(self, rulesets: Mapping[str, Ruleset]):
        self.rulesets = dict(rulesets)
        self._schemas = {name: schemas(rs, name) for name, rs in self.rulesets.items()}

    def ruleset(self, request: Request) -> tuple[str, Ruleset]:
        name = request.path_params["name"]
        rs = self.rulesets.get(name)
        if rs is None:
            served = ", ".join(self.rulesets)
            raise Problem(404, "not_found", f"no ruleset {name!r} is served here; served: {served}")
        return name, rs

    async def list_rulesets(self, request: Request) -> Response:
        return json_response(
            [
                {**self._schemas[name]["ruleset"], "nodes": len(rs.codes), "inputs": len(rs.inputs)}
                for name, rs in self.rulesets.items()
            ]
        )

    async def describe(self, request: Request) -> Response:
        name, _rs = self.ruleset(request)
        return json_response(self._schemas[name])

    async def _card(self, request: Request) -> tuple[str, Ruleset, Any]:
        name, rs = self.ruleset(request)
        unit, inputs = _unit_request(parse_json(await read_body(request, MAX_REQUEST_BYTES)))
        return name, rs, rs.evaluate(inputs, unit)  # InputError: 422, by the handler below

    async def score(self, request: Request) -> Response:
        name, rs, card = await self._card(request)
        data = result_data(card, name)
        explain = request.query_params.get("explain")
        if explain:
            codes = None if explain == "all" else [self._code(rs, explain)]
            data["derivations"] = await run_in_threadpool(derivations, card, codes)
        return json_response(data)

    async def explain(self, request: Request) -> Response:
        name, rs, card = await self._card(request)
        node = request.query_params.get("node")
        codes = None if node is None else [self._code(rs, node)]
        texts = await run_in_threadpool(derivations, card, codes)
        return json_response({"ruleset": name, "unit": card.unit, "derivations": texts})

    async def whatif(self, request: Request) -> Response:
        """``Ruleset.what_if`` as JSON (``whatif_report.whatif_data``): a bad change is a 422 with its code."""
        from .whatif import what_if
        from .whatif_report import whatif_data

        name, rs = self.ruleset(request)
        unit, inputs, changes = _whatif_request(parse_json(await read_body(request, MAX_REQUEST_BYTES)))
        result = await run_in_threadpool(what_if, rs, inputs, changes, unit)  # InputError: 422
        return json_response({"ruleset": name, **whatif_data(result)})

    @staticmethod
    def _code(rs: Ruleset, code: str) -> str:
        rs.node(code)  # NotFound (404) naming the closest code
        return code

    async def batch(self, request: Request) -> Response:
        name, rs = self.ruleset(request)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in (JSON_TYPE, XLSX_TYPE, *CSV_TYPES):
            raise Problem(
                415,
                "unsupported_media_type",
                f"a batch is {JSON_TYPE} (a list of units), text/csv or {XLSX_TYPE}; not {kind or 'untyped'}",
            )
        body = await read_body(request, MAX_BATCH_BYTES)
        if kind == JSON_TYPE:
            doc = parse_json(body)
            return json_response(await run_in_threadpool(_score_json_batch, name, rs, doc))
        suffix = ".xlsx" if kind == XLSX_TYPE else ".csv"
        options = _file_options(request)
        return json_response(await run_in_threadpool(_score_file_batch, name, rs, body, suffix, options))

    async def openapi(self, request: Request) -> Response:
        return json_response(openapi(self.rulesets, self._schemas))


def _file_options(request: Request) -> dict[str, Any]:
    """The reading options of ``parrules score`` as query parameters."""
    q = request.query_params
    decimal = q.get("decimal", "comma")
    if decimal not in data_io.DECIMAL_STYLES:
        raise Problem(400, "bad_request", f"decimal is comma (84,41) or dot (84.41), not {decimal!r}")
    fractions = {None: None, "true": True, "false": False}.get(q.get("fractions"), "bad")
    if fractions == "bad":
        raise Problem(400, "bad_request", "fractions is true or false")
    delimiter = q.get("delimiter")
    if delimiter is not None and len(delimiter) != 1:
        raise Problem(400, "bad_request", "delimiter is one character")
    return {
        "decimal": decimal,
        "fractions": fractions,
        "unit_column": q.get("unit_column"),
        "sheet": q.get("sheet"),
        "delimiter": delimiter,
    }


def _rejected_data(unit: str | None, row: int, errors: list[InputError]) -> dict[str, Any]:
    return {"unit": unit, "row": row, "errors": [error_data(e) for e in errors]}


def _score_json_batch(name: str, rs: Ruleset, doc: Any) -> dict[str, Any]:
    """A JSON list of {"unit", "inputs"}: every good unit scored, every bad one reported by its position."""
    if not isinstance(doc, list):
        raise Problem(400, "bad_request", 'a JSON batch is a list of {"unit": NAME, "inputs": {...}}')
    results, rejected = [], []
    for row, item in enumerate(doc, start=1):
        try:
            if not isinstance(item, Mapping):
                raise InputError(f"item {row} is not an object {{'unit': ..., 'inputs': ...}}", code="D209", row=row)
            unit = item.get("unit")
            unit = None if unit is None else str(unit)
            try:
                unit_, inputs = _unit_request(item)
            except Problem as problem:
                raise InputError(problem.body["message"], code=problem.body["code"] or "D209", unit=unit) from None
            results.append(result_data(rs.evaluate(inputs, unit_), name))
        except InputError as exc:
            located = exc.located(row=row)
            rejected.append(_rejected_data(located.unit, row, [located]))
    summary = f"units read {len(doc)} = scored {len(results)} + rejected {len(rejected)}"
    return {"ruleset": name, "results": results, "rejected": rejected, "warnings": [], "summary": summary}


def _score_file_batch(name: str, rs: Ruleset, body: bytes, suffix: str, options: dict[str, Any]) -> dict[str, Any]:
    """A CSV or XLSX upload, read exactly as ``parrules score`` reads a file (io.read_data)."""
    with tempfile.TemporaryDirectory(prefix="parrules-serve-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(body)
        try:
            data = data_io.read_data(path, rs, **options)
        except data_io.DataError as exc:
            raise Problem(422, "data", str(exc).replace(str(path), "upload")) from None
        except Exception as exc:  # openpyxl on a file that is no workbook: zipfile, KeyError, ...
            if suffix != ".xlsx":
                raise
            raise Problem(422, "data", f"the upload is not an XLSX workbook ({type(exc).__name__})") from None
        run = data_io.score_data(rs, data)
    return {
        "ruleset": name,
        "results": [result_data(card, name) for card in run.cards],
        "rejected": [_rejected_data(r.unit, r.row, r.errors) for r in run.rejected],
        "warnings": [str(w).replace(str(path), "upload") for w in data.warnings],
        "summary": run.summary(),
    }


def create_app(
    rulesets: Mapping[str, Ruleset], static: str | Path | None = None, allow_origins: Sequence[str] = ()
) -> Starlette:
    """The ASGI application serving ``rulesets`` (and the files of ``static`` at /, e.g. docs/portal).

    ``allow_origins``: the web origins (``https://dichvucong.example.gov.vn``) whose pages may call
    the API from the browser (CORS); none by default, so only pages served by this service can."""
    service = Service(rulesets)
    routes: list[Any] = [
        Route("/api/rulesets", service.list_rulesets, methods=["GET"]),
        Route("/api/rulesets/{name}", service.describe, methods=["GET"]),
        Route("/api/rulesets/{name}/score", service.score, methods=["POST"]),
        Route("/api/rulesets/{name}/explain", service.explain, methods=["POST"]),
        Route("/api/rulesets/{name}/batch", service.batch, methods=["POST"]),
        Route("/api/rulesets/{name}/whatif", service.whatif, methods=["POST"]),
        Route("/api/openapi.json", service.openapi, methods=["GET"]),
    ]
    if static is not None:
        routes.append(Mount("/", app=StaticFiles(directory=str(static), html=True), name="static"))

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(exc)

    async def on_input_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        return json_response({"error": error_data(exc)}, 422)

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return problem_response(Problem(404, "not_found", str(exc)))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return problem_response(Problem(exc.status_code, "http", str(exc.detail)))

    async def on_other(request: Request, exc: Exception) -> Response:  # a bug: never the request's fault
        return problem_response(Problem(500, "internal", f"internal error ({type(exc).__name__}); please report it"))

    middleware = []
    if allow_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(allow_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["content-type"],
            )
        )
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            Problem: on_problem,
            InputError: on_input_error,
            NotFound: on_not_found,
            HTTPException: on_http,
            Exception: on_other,
        },
    )


# ---------------------------------------------------------------- OpenAPI


def openapi(rulesets: Mapping[str, Ruleset], described: Mapping[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.1 document (whose schemas are JSON Schema 2020-12: the rulesets' own)."""
    names = list(rulesets)
    name_param = {"name": "name", "in": "path", "required": True, "schema": {"enum": names}}
    error = {"$ref": "#/components/schemas/Error"}

    def answer(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"description": description}
        if schema is not None:
            out["content"] = {JSON_TYPE: {"schema": schema}}
        return out

    errors = {
        "400": answer("malformed request (not JSON, not UTF-8, wrong shape)", error),
        "404": answer("no such ruleset (or node)", error),
        "413": answer(f"request body too large (one unit: {MAX_REQUEST_BYTES:,} bytes)", error),
        "422": answer("the unit cannot be scored: error.code is the library's (D101 ... D111, D208, D210)", error),
    }
    unit_request = {
        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/UnitRequest"}}},
        "required": True,
    }
    any_result = {"oneOf": [{"$ref": f"#/components/schemas/{name}.result"} for name in names]}
    components: dict[str, Any] = {
        "UnitRequest": {
            "type": "object",
            "properties": {
                "unit": {"type": "string"},
                "inputs": {
                    "type": "object",
                    "description": "the unit's inputs: see components NAME.input (GET /api/rulesets/{name})",
                },
            },
            "required": ["inputs"],
            "additionalProperties": False,
        },
        "WhatIfRequest": {
            "type": "object",
            "properties": {
                "unit": {"type": "string"},
                "inputs": {"type": "object", "description": "the unit's inputs, as for score"},
                "changes": {"type": "object", "description": "input name -> new value, as the inputs give values"},
            },
            "required": ["inputs", "changes"],
            "additionalProperties": False,
        },
        "WhatIf": _whatif_schema(),
        "Error": {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string"},
                        "code": {
                            "type": ["string", "null"],
                            "description": "the library's error code (docs/errors.md)",
                        },
                        "message": {"type": "string"},
                        "input": {"type": ["string", "null"]},
                        "node": {"type": ["string", "null"]},
                        "unit": {"type": ["string", "null"]},
                    },
                    "required": ["kind", "code", "message"],
                }
            },
            "required": ["error"],
        },
    }
    for name in names:
        components[f"{name}.input"] = described[name]["input"]
        components[f"{name}.result"] = described[name]["result"]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "parrules scoring service",
            "version": __version__,
            "description": "Scores units on the PAR Index rulesets served. Decimals are strings.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": {
            "/api/rulesets": {"get": {"summary": "the rulesets served", "responses": {"200": answer("a list")}}},
            "/api/rulesets/{name}": {
                "get": {
                    "summary": "a ruleset's description and JSON Schemas of its inputs and results",
                    "parameters": [name_param],
                    "responses": {"200": answer("ruleset, input, result"), "404": errors["404"]},
                }
            },
            "/api/rulesets/{name}/score": {
                "post": {
                    "summary": "score one unit",
                    "parameters": [
                        name_param,
                        {
                            "name": "explain",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "all, or a node code: add derivations (text) to the result",
                        },
                    ],
                    "requestBody": unit_request,
                    "responses": {"200": answer("the result", any_result), **errors},
                }
            },
            "/api/rulesets/{name}/explain": {
                "post": {
                    "summary": "the derivation of one node (or of every node)",
                    "parameters": [name_param, {"name": "node", "in": "query", "schema": {"type": "string"}}],
                    "requestBody": unit_request,
                    "responses": {"200": answer("{ruleset, unit, derivations: {code: text}}"), **errors},
                }
            },
            "/api/rulesets/{name}/batch": {
                "post": {
                    "summary": "score many units; bad units are listed in rejected, the others scored",
                    "parameters": [
                        name_param,
                        *[
                            {"name": q, "in": "query", "schema": {"type": "string"}}
                            for q in ("decimal", "fractions", "unit_column", "sheet", "delimiter")
                        ],
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            JSON_TYPE: {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/UnitRequest"}}
                            },
                            "text/csv": {"schema": {"type": "string"}},
                            XLSX_TYPE: {"schema": {"type": "string", "contentMediaType": XLSX_TYPE}},
                        },
                    },
                    "responses": {
                        "200": answer("{ruleset, results, rejected, warnings, summary}"),
                        **errors,
                        "413": answer(f"request body too large (a batch: {MAX_BATCH_BYTES:,} bytes)", error),
                        "415": answer("not JSON, CSV or XLSX", error),
                    },
                }
            },
            "/api/rulesets/{name}/whatif": {
                "post": {
                    "summary": "one unit before and after a change to its inputs (Ruleset.what_if)",
                    "parameters": [name_param],
                    "requestBody": {
                        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/WhatIfRequest"}}},
                        "required": True,
                    },
                    "responses": {
                        "200": answer(
                            "{ruleset, unit, changes, before, after, changed, derivations}",
                            {"$ref": "#/components/schemas/WhatIf"},
                        ),
                        **errors,
                        "422": answer(
                            "the unit or the changed inputs cannot be scored: error.code is the library's "
                            "(D215 a change names no input; D106, D108 ... a change breaks a range or constraint)",
                            error,
                        ),
                    },
                }
            },
            "/api/openapi.json": {"get": {"summary": "this document", "responses": {"200": answer("OpenAPI 3.1")}}},
        },
        "components": {"schemas": components},
    }


def _whatif_schema() -> dict[str, Any]:
    """The what-if result: cards' totals before and after, each changed row, derivations (text)."""
    number = {"type": ["string", "null"], "description": "an exact decimal as a string"}
    card = {
        "type": "object",
        "properties": {"total": number, "applicable_scale": number, "index": number, "class": {"type": ["string", "null"]}},
        "required": ["total", "applicable_scale", "index", "class"],
    }
    value = {"type": ["string", "integer", "boolean", "null"]}
    return {
        "type": "object",
        "properties": {
            "ruleset": {"type": "string"},
            "unit": {"type": ["string", "null"]},
            "changes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"input": {"type": "string"}, "before": value, "after": value},
                    "required": ["input", "before", "after"],
                },
            },
            "before": card,
            "after": card,
            "changed": {
                "type": "array",
                "description": "tree nodes whose score or applicable max moved, then total, applicable_scale, "
                "index, class (a rank needs the other units: not given here)",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "kind": {"type": "string"},
                        "title": {"type": "string"},
                        "before": value,
                        "after": value,
                        "delta": value,
                        "applicable_max_before": number,
                        "applicable_max_after": number,
                    },
                    "required": ["code", "kind", "before", "after", "delta"],
                },
            },
            "derivations": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "required": ["ruleset", "unit", "changes", "before", "after", "changed", "derivations"],
    }


# ---------------------------------------------------------------- running


def serve(
    rulesets: Mapping[str, Ruleset],
    host: str = "127.0.0.1",
    port: int = 8000,
    static: str | Path | None = None,
    announce: Any = None,
    allow_origins: Sequence[str] = (),
) -> None:
    """Bind, tell ``announce`` the address (``parrules serve`` prints it), serve until interrupted.

    The socket is bound and listening before the address is told, so a client (or a test) that
    reads it can connect at once: a connection made before uvicorn accepts waits in the backlog."""
    import socket

    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    bound = sock.getsockname()[1]
    if announce is not None:
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        announce(f"http://{shown}:{bound}/", list(rulesets))
    config = uvicorn.Config(
        create_app(rulesets, static, allow_origins), log_level="warning", access_log=False, lifespan="off"
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
