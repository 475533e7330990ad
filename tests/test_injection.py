"""No code from a ruleset: every text a ruleset carries reaches the generated module as data.

Hostile titles, descriptions, notes, agencies, units, constraint wordings, class
names and input names are compiled; the generated source (in-process and
standalone) is parsed with ``ast`` and every node is checked against a whitelist
of node kinds, names and attributes taken from what the generator writes for the
shipped rulesets.  The runtime part of the standalone module must be the runtime
module's own source, verbatim.  Then the hostile ruleset is shown to behave as
data: its texts come back unchanged, it evaluates, and the file its payload would
create does not exist.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import itertools
import re
import sys
import tokenize
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import runtime
from parrules.standalone import MODULE_HEAD, layer_source, result_data

from .conftest import all_rulesets

# ---------------------------------------------------------------- the whitelist
GENERATED_NAME = re.compile(r"[xslaKtwiRq]\d+(_\d+)?\Z")  # q: a rank as an int (the checked pair)
ALLOWED_NAMES = {
    # runtime helpers and constants the generated code calls or reads
    "CONTEXT", "ROUND", "ROUNDING", "Decimal", "INPUTS", "NODES", "TITLE", "ZERO", "ONE", "HUNDREDTH",
    "InputProblem", "NotApplicable", "check_count", "check_range", "to_decimal", "to_yesno",
    "to_choice", "linear", "no_branch", "row_of", "option_of", "not_applicable", "make_context", "localcontext",
    "guarded", "evaluate", "evaluate_traced",
    # the checked pair (Ruleset.checked_inputs): its entry points, argument and constant applicable maxima
    "evaluate_checked", "check_inputs", "values", "APPLICABLE",
    # the complete module (parrules.standalone): the ruleset's data and the result layer bound to the evaluators
    "evaluate_scores", "RULESET_DATA", "NODE_DATA", "INPUT_DATA", "CONSTRAINT_DATA", "CLASS_DATA", "POINT_DATA",
    "MARKER_DATA", "GENERATED_LINES", "Portal", "PORTAL", "explain", "RULESET", "signal_text",
    # locals of the generated functions
    "get", "inputs", "trace", "rec", "k", "value", "branch",
    # builtins
    "min", "max", "int",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"get", "append", "quantize", "scaleb", "is_finite", "adjusted", "__class__",
                      "same_quantum",
                      "evaluate", "explain", "ruleset"}  # fmt: skip  # __class__, same_quantum: the Decimal fast paths
ALLOWED_FUNCTIONS = {"evaluate", "evaluate_traced", "rec", "evaluate_checked", "check_inputs"}
ALLOWED_NODES = {
    "Module", "Expr", "Assign", "AugAssign", "Return", "If", "IfExp", "With", "withitem", "Try",
    "ExceptHandler", "Raise", "FunctionDef", "arguments", "arg", "Pass",
    "Name", "Load", "Store", "Attribute", "Call", "keyword", "Constant", "Tuple", "List", "Subscript",
    "NamedExpr", "BinOp", "UnaryOp", "BoolOp", "Compare",
    "Add", "Sub", "Mult", "Div", "USub", "Not", "And", "Or",
    "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot",
}  # fmt: skip
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "open", "getattr", "setattr", "globals", "locals", "vars"}


def generated_part(source: str, standalone: bool) -> str:
    """The source the generator wrote, the verbatim copies of the runtime and the result layer taken out."""
    runtime_source = inspect.getsource(runtime)
    if standalone:
        assert source.count(runtime_source) == 1, "the standalone module must carry the runtime verbatim"
        assert source.count(layer_source()) == 1, "the standalone module must carry the result layer verbatim"
        return source.replace(runtime_source, "\n").replace(layer_source(), "\n")
    assert "from decimal import" not in source
    return source


def check_generated(source: str) -> None:
    tree = ast.parse(source)
    # only the generated functions are defined at module level
    for stmt in tree.body:
        assert isinstance(stmt, (ast.Assign, ast.FunctionDef)), ast.dump(stmt)[:200]
    for node in ast.walk(tree):
        kind = type(node).__name__
        assert kind in ALLOWED_NODES, f"{kind} in generated code: {ast.dump(node)[:200]}"
        if isinstance(node, ast.Name):
            assert node.id in ALLOWED_NAMES or GENERATED_NAME.match(node.id), node.id
        elif isinstance(node, ast.Attribute):
            assert node.attr in ALLOWED_ATTRIBUTES, node.attr
        elif isinstance(node, ast.FunctionDef):
            assert node.name in ALLOWED_FUNCTIONS and not node.decorator_list, node.name
        elif isinstance(node, ast.arg):
            assert node.arg in {"inputs", "values", "k", "value", "branch"}, node.arg
        elif isinstance(node, ast.Call):
            func = node.func
            assert isinstance(func, (ast.Name, ast.Attribute)), ast.dump(func)[:200]
        elif isinstance(node, ast.Constant):
            assert node.value is None or isinstance(node.value, (str, int, bool)), repr(node.value)


def check_runtime() -> None:
    """The runtime copied into standalone modules: decimal imports only, no dynamic code."""
    tree = ast.parse(inspect.getsource(runtime))
    for node in ast.walk(tree):
        assert not isinstance(node, ast.Import), ast.dump(node)
        if isinstance(node, ast.ImportFrom):
            assert node.module == "decimal" and node.level == 0, ast.dump(node)
        if isinstance(node, ast.Name):
            assert node.id not in FORBIDDEN_CALLS, node.id
        if isinstance(node, ast.Attribute):
            assert not node.attr.startswith("__") or node.attr in {"__init__", "__name__"}, node.attr


def check_ruleset_source(rs: parrules.Ruleset) -> None:
    check_generated(generated_part(rs.compiled.source, standalone=False))
    check_generated(generated_part(rs.to_source(), standalone=True))
    assert rs.to_source() == parrules.compile_to_source(rs)


# ---------------------------------------------------------------- the module as a file
_module_numbers = itertools.count()


def import_module_file(source: str, folder: Path) -> Any:
    """Save the standalone module as a .py file and import it, as a user would.

    Python reads a file's bytes through the encoding its first two lines declare
    (PEP 263); parsing a ``str`` skips that step, so only this path shows what a
    saved module really does.  Each import gets a fresh module name."""
    name = f"parrules_generated_{next(_module_numbers)}"
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    raw = path.read_bytes()
    assert raw.isascii(), "the generated module must be ASCII, so no decoding can change it"
    head = raw.split(b"\n")[:2]
    assert [line.decode() for line in head] == list(MODULE_HEAD), head
    # the whitelist, on the text Python itself reads from the file (its declared encoding)
    with tokenize.open(path) as handle:
        assert handle.encoding == "utf-8"
        read_back = handle.read()
    assert read_back == source
    check_generated(generated_part(read_back, standalone=True))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


def test_the_runtime_is_plain() -> None:
    check_runtime()


@pytest.mark.parametrize("name", all_rulesets())
def test_shipped_rulesets_generate_whitelisted_code(name: str, tmp_path: Path) -> None:
    rs = parrules.load(name)
    check_ruleset_source(rs)
    module = import_module_file(rs.to_source(), tmp_path)  # the whitelist again, on the file as Python reads it
    assert module.TITLE == rs.title and [code for code, _max in module.NODES] == list(rs.codes)


# ---------------------------------------------------------------- hostile texts
def quoted(text: str) -> str:
    """``text`` as a ruleset string literal (the grammar escapes only \\, " and newline)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def payloads(marker: Path) -> list[str]:
    m = str(marker)
    return [
        f"__import__('os').system('touch {m}')",
        f'"); __import__("os").system("touch {m}"); ("',
        f"'); __import__('os').system('touch {m}'); ('",
        f"\"\"\"\nimport os; os.system('touch {m}')\n\"\"\"",
        f"'''\nopen({m!r}, 'w')\n'''",
        f"{{__import__('os').system('touch {m}')}}",
        "{0.__class__.__mro__}{}{{}}",
        f"\\\nopen({m!r}, 'w')  # trailing backslash",
        f"\\\"); open({m!r}, 'w') #",
        f"x\nopen({m!r}, 'w')\n#",
        f"\u202e)'w' ,{m!r}(nepo\u202c",  # right-to-left override
        f"\u2028open({m!r}, 'w')\u2029",  # Unicode line and paragraph separators
        f"\x0c\x0bopen({m!r}, 'w')\r",  # form feed, vertical tab, carriage return
        "\u0455\u0443\u0455\u0442\u0435\u043c",  # Cyrillic confusable for 'system'
        "ｅｖａｌ（）",  # fullwidth
        "Chỉ số CCHC — \"Tốt\" \\ 'Khá'",
        "\x00\x01\x7f",
    ]


def hostile_ruleset(text: str, name: str = "received") -> str:
    q = quoted(text)
    return f"""ruleset {q} year 2022 level province scale 10 basis {q}
input {name}: count {q} unit {q}
input on_time: count {q} unit {q}
constraint on_time <= {name} {q}
field 1 {q} max 10 {{
  agency {q}
  basis {q}
  note {q}
  criterion 1.1 {q} max 10 {{
    agency {q}
    note {q}
    score max * rate(on_time, {name}, empty: 100%)
  }}
}}
classes by index {{ {q}: from 50  "Khác": below 50 }}
"""


def behaves_as_data(rs: parrules.Ruleset, text: str, name: str, marker: Path) -> None:
    assert rs.title == text
    assert rs.header.basis == text
    assert rs.inputs[name].description == text
    assert rs.inputs[name].unit == text
    assert rs.node("1").title == text
    assert rs.node("1").note == text
    assert rs.node("1.1").agency == text
    assert rs.agency_of("1.1") == text
    check_ruleset_source(rs)
    card = rs.evaluate({name: 4, "on_time": 2})
    assert card.total == 5
    with pytest.raises(parrules.InputError) as info:
        rs.evaluate({name: 1, "on_time": 2})
    assert info.value.code == "D108"
    assert text in str(info.value) or text in info.value.message
    namespace: dict[str, Any] = {}
    exec(compile(rs.to_source(), "<standalone>", "exec"), namespace)
    scores, _applicable = namespace["evaluate_scores"]({name: 4, "on_time": 2})
    assert scores == card.scores
    traced = rs.run_traced({name: 4, "on_time": 2})
    assert traced[0] == card.scores
    # the agreement could be a shared bug: field 1 and criterion 1.1 are max 10 x 2/4 = 5
    assert list(scores) == [Decimal(5), Decimal(5)]
    assert not marker.exists()


def behaves_as_data_from_file(rs: parrules.Ruleset, folder: Path, marker: Path, good: dict[str, Any]) -> None:
    """Saved and imported, the module gives the in-process results and runs nothing."""
    module = import_module_file(rs.to_source(), folder)
    assert module.TITLE == rs.title
    assert module.INPUTS == rs.compiled.input_names
    scores, applicable = module.evaluate_scores(good)
    card = rs.evaluate(good)
    assert scores == card.scores and applicable == card.applicable_maxima
    assert module.evaluate_traced(good)[0] == card.scores
    # every caller's ruleset is field 1 > criterion 1.1, max 10 x rate(on_time 2 of 4) = 5:
    # a value the module must give, not only the in-process one (which could share a bug)
    assert list(scores) == [Decimal(5), Decimal(5)] and list(applicable) == [Decimal(10), Decimal(10)]
    bad = {key: value + 10 if key == "on_time" else value for key, value in good.items()}
    with pytest.raises(module.InputProblem) as info:
        module.evaluate_scores(bad)
    assert info.value.code == "D108"
    assert info.value.message == rs.compiled.constraint_texts[0]
    # the complete module: the whole result, the errors and the explanation, as the library gives them
    assert module.evaluate(good, "u") == result_data(rs, good, "u")
    assert module.evaluate(bad) == result_data(rs, bad)
    assert module.evaluate(bad)["errors"][0]["code"] == "D108"
    assert module.explain(good, None, "u") == rs.evaluate(good, "u").explain()
    assert not marker.exists()


def test_hostile_texts_are_data(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for text in payloads(marker):
        rs = parrules.loads(hostile_ruleset(text), path=str(tmp_path / "x.par"))
        behaves_as_data(rs, text, "received", marker)


def test_hostile_path_is_data(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for text in payloads(marker):
        rs = parrules.loads(hostile_ruleset("t"), path=text)
        check_ruleset_source(rs)
        assert not marker.exists()


@pytest.mark.parametrize(
    "name",
    ["__import__", "eval", "exec", "open", "__builtins__", "lambda", "None", "True", "class", "import",
     "x0", "s0", "K0", "inputs", "get", "trace", "rec", "Decimal", "ZERO", "_"],
)  # fmt: skip
def test_python_looking_input_names_are_data(tmp_path: Path, name: str) -> None:
    """Names valid in the ruleset language that mean something in Python: they stay strings."""
    marker = tmp_path / "pwned"
    rs = parrules.loads(hostile_ruleset(f"open({str(marker)!r}, 'w')", name))
    behaves_as_data(rs, f"open({str(marker)!r}, 'w')", name, marker)


def test_python_looking_choice_options_are_data() -> None:
    text = """ruleset "t" year 2022 level province scale 10
input d: choice { __import__, eval, None, lambda }
field 1 "f" max 10 { score choice d { __import__: 10 eval: 5 None: 1 lambda: 0 } }
"""
    rs = parrules.loads(text)
    check_ruleset_source(rs)
    assert rs.evaluate({"d": "__import__"}).total == 10
    assert rs.evaluate({"d": "None"}).total == 1
    with pytest.raises(parrules.InputError):
        rs.evaluate({"d": None})


def _one_input(name: str) -> str:
    return f"""ruleset "t" year 2022 level province scale 10
input {name}: count
field 1 "f" max 10 {{ score min({name}, 10) }}
"""


# (name, column of its first character that cannot be in an ASCII name; "input " is columns 1-6)
BAD_IDENTIFIERS = [("tổng", 8), ("ｘ", 7), ("х", 7), ("\u202ex", 7), ("x\u200b", 8), ("a-b", 8), ("a.b", 8),
                   ("1abc", 7), ("a$", 8), ("`a`", 7)]  # fmt: skip


@pytest.mark.parametrize(("name", "column"), BAD_IDENTIFIERS)
def test_bad_identifiers_are_located_errors(name: str, column: int) -> None:
    """Identifiers are ASCII-only: a non-ASCII or malformed name is a syntax error at the bad character."""
    with pytest.raises(parrules.RulesetError) as info:
        parrules.loads(_one_input(name))
    first = info.value.first
    assert (first.loc.line, first.loc.column) == (2, column)
    assert first.code in {"E002", "E003", "E004"}


@pytest.mark.parametrize(
    "name",
    ["if", "then", "else", "and", "or", "not", "max", "min", "rate", "score", "input", "tiers", "in", "unit", "na",
     "field", "ruleset"],
)  # fmt: skip
def test_keyword_looking_identifiers(name: str) -> None:
    """The contextual lexer may read a keyword as a name where only a name fits: then it is data."""
    try:
        rs = parrules.loads(_one_input(name))
    except parrules.RulesetError as error:
        # refused as a name where it is declared (line 2, column 7), or, read as the keyword
        # in ``min(NAME, 10)`` (the name at column 32 of line 3), at the token after it
        where = (error.first.loc.line, error.first.loc.column)
        assert where in {(2, 7), (3, 32 + len(name))}, (where, error.first.render())
        assert error.first.code.startswith("E")
        return
    check_ruleset_source(rs)
    if name == "max":  # in a formula ``max`` is the node's maximum; the input is flagged unused
        assert rs.evaluate({name: 5}).total == 10
        assert any(w.code == "W201" for w in rs.warnings)
    else:
        assert rs.evaluate({name: 5}).total == 5


def test_bad_escapes_are_located_errors() -> None:
    for body in ["\\x41", "\\u202e", "\\'", "\\", "\\0", "a\nb"]:
        with pytest.raises(parrules.RulesetError) as info:
            parrules.loads(f'ruleset "{body}" year 2022 level province\n')
        # the string that holds the bad escape, at its opening quote (line 1, column 9)
        assert (info.value.first.loc.line, info.value.first.loc.column) == (1, 9), body


PAYLOAD_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.text(PAYLOAD_ALPHABET, max_size=80))
def test_any_text_is_data(tmp_path: Path, text: str) -> None:
    try:
        rs = parrules.loads(hostile_ruleset(text))
    except parrules.RulesetError as error:  # e.g. a class name that repeats "Khác"
        assert error.first.loc.line >= 1
        return
    behaves_as_data(rs, text, "received", tmp_path / "never")


# ---------------------------------------------------------------- encoding declarations (issue 8, class 1)
def _touch(marker: Path) -> str:
    return f'__import__("os").system("touch {marker}")'


def encoding_payload(marker: Path) -> str:
    """The review's constraint message: harmless under utf-8, live code under unicode_escape."""
    return "x')\n        " + _touch(marker) + ";('y"


CODECS = ["unicode_escape", "raw_unicode_escape", "utf-7", "latin-1", "utf-16", "utf_8_sig", "idna", "rot13"]
DECLARATIONS = [
    "encoding: {codec}",
    "coding: {codec}",
    "coding={codec}",
    "-*- coding: {codec} -*-",
    "vim: set fileencoding={codec} :",
    "\ncoding: {codec}",
    "x\n# coding: {codec}",
    "\r# coding: {codec}",
    "\u2028# coding: {codec}",
    "\x0c# coding: {codec}",
]


def encoding_ruleset(title: str, message: str, path_note: str = "t") -> str:
    return f"""ruleset {quoted(title)} year 2022 level province scale 10 basis {quoted(path_note)}
input received: count {quoted(title)}
input on_time: count
constraint on_time <= received {quoted(message)}
field 1 {quoted(title)} max 10 {{
  criterion 1.1 {quoted(message)} max 10 {{ score max * rate(on_time, received, empty: 100%) }}
}}
"""


def test_the_review_reproducer_runs_nothing_from_a_saved_module(tmp_path: Path) -> None:
    """Issue 8 class 1: ``encoding: unicode_escape`` in the title once made line 1 an encoding
    declaration, and the constraint message then decoded into a call to os.system."""
    marker = tmp_path / "PWNED"
    rs = parrules.loads(encoding_ruleset("encoding: unicode_escape", encoding_payload(marker)))
    behaves_as_data_from_file(rs, tmp_path, marker, {"received": 4, "on_time": 2})


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("declaration", DECLARATIONS)
def test_encoding_declarations_in_texts_are_data(tmp_path: Path, codec: str, declaration: str) -> None:
    marker = tmp_path / "PWNED"
    spelled = declaration.format(codec=codec)
    source = encoding_ruleset(spelled, encoding_payload(marker), spelled)
    rs = parrules.loads(source, path=spelled)
    behaves_as_data_from_file(rs, tmp_path, marker, {"received": 4, "on_time": 2})


NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
HOSTILE_TEXT = st.one_of(
    st.text(PAYLOAD_ALPHABET, max_size=60),
    st.builds(
        lambda decl, codec, tail: decl.format(codec=codec) + tail,
        st.sampled_from(DECLARATIONS),
        st.sampled_from(CODECS),
        st.text(PAYLOAD_ALPHABET, max_size=20),
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=HOSTILE_TEXT, message=HOSTILE_TEXT, basis=HOSTILE_TEXT, path=HOSTILE_TEXT, name=NAMES)
def test_any_text_through_the_saved_module(
    tmp_path: Path, title: str, message: str, basis: str, path: str, name: str
) -> None:
    """Titles, constraint messages, basis, path and input names, fuzzed through file-and-import."""
    marker = tmp_path / "PWNED"
    text = encoding_ruleset(title, message + encoding_payload(marker), basis).replace("received", name)
    try:
        rs = parrules.loads(text, path=path)
    except parrules.RulesetError as error:  # e.g. a name that is a word of the language
        assert error.first.loc.line >= 1 and error.first.loc.column >= 1
        return
    behaves_as_data_from_file(rs, tmp_path, marker, {name: 4, "on_time": 2})
