"""One presentation layer above a core that names none of it (issue 10, point 1).

The core (parse, resolve, check, compile, runtime, evaluate, aggregate, and the modules
they import) is scanned as source: no import of the presentation modules anywhere in
it, not even inside a function, nor by name through importlib.  The notebook view is a
hook the presentation layer fills; charts and compare format and parse numbers through
the one formatter (render.number_text) and the one parser (io.parse_number).
"""

from __future__ import annotations

import ast
from decimal import Decimal as D
from pathlib import Path

import pytest

import parrules
from parrules import charts, compare, render, report
from parrules.evaluate import Scorecard
from parrules.io import parse_number

from .conftest import DATA

SRC = Path(parrules.__file__).parent
CORE = ("parse", "resolve", "check", "compile", "runtime", "evaluate", "aggregate")
PRESENTATION = {"report", "report_html", "report_page", "charts", "cli", "explain_html"}


def _imports(module: str) -> set[tuple[str, str]]:
    """(module, name) of every import of the package's own modules in ``module``'s source, at any depth.

    ``from . import x`` gives (x, ""), ``from .x import y`` gives (x, y), ``import parrules.x``
    and ``importlib.import_module("parrules.x")`` give (x, "").
    """
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            inside = node.level > 0 or (node.module or "").split(".")[0] == "parrules"
            if not inside:
                continue
            base = (node.module or "").removeprefix("parrules").lstrip(".")
            if base:
                found.update((base.split(".")[0], alias.name) for alias in node.names)
            else:
                found.update((alias.name, "") for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("parrules."):
                    found.add((alias.name.split(".")[1], ""))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if called in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add((first.value.removeprefix("parrules").lstrip(".").split(".")[0], ""))
    return found


def _core_closure() -> dict[str, set[tuple[str, str]]]:
    """Every module the core reaches through the package's own imports, with what it imports."""
    seen: dict[str, set[tuple[str, str]]] = {}
    todo = list(CORE)
    while todo:
        module = todo.pop()
        if module in seen or not (SRC / f"{module}.py").exists():
            continue
        seen[module] = _imports(module)
        todo += [m for m, _ in seen[module]]
    return seen


def test_the_scan_finds_every_kind_of_import() -> None:
    # the scanner itself, on modules whose imports are known: cli imports report at the top,
    # report_html imports charts inside html_report, evaluate imports explain inside a method
    assert ("report", "") in _imports("cli")
    assert ("charts", "") in _imports("report_html")
    assert ("explain", "explain") in _imports("evaluate")
    assert ("render", "number_text") in _imports("charts")


def test_the_core_imports_nothing_of_the_presentation_layer() -> None:
    closure = _core_closure()
    assert set(CORE) <= set(closure)
    reached = {(module, imported) for module, imports in closure.items() for imported in imports}
    assert [(m, i) for m, i in reached if i[0] in PRESENTATION] == []
    # render is shared (formulas for messages, numbers for readers): the core uses no HTML of it
    assert [(m, i) for m, i in reached if i[0] == "render" and "html" in i[1].lower()] == []
    assert not [name for name in vars(render) if "html" in name.lower()]
    assert PRESENTATION.isdisjoint(closure)


def test_the_notebook_view_is_the_one_the_presentation_layer_registers(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = parrules.load(DATA / "small.par")
    card = rs.evaluate(
        {"received": 10, "on_time": 9, "online": "50", "rank_budget": 5, "has_plan": True, "late_tasks": 0,
         "discipline": "none", "p_1_4": "0.4"},
        unit="X",
    )
    assert Scorecard.html_view is report.scorecard_html  # import parrules registered it
    assert card._repr_html_() == report.scorecard_html(card)
    monkeypatch.setattr(Scorecard, "html_view", None)
    assert card._repr_html_() is None  # no view: a notebook falls back to repr
    monkeypatch.setattr(Scorecard, "html_view", lambda c: f"<b>{c.unit}</b>")
    assert card._repr_html_() == "<b>X</b>"


def test_charts_format_through_the_one_formatter() -> None:
    assert charts.number_text is render.number_text is report.number_text
    # axis ticks: 97.5 is "97,5" on a Vietnamese page, "97.5" on an English one, 100 is "100"
    assert (charts._tick_text(97.5, "vi"), charts._tick_text(97.5, "en"), charts._tick_text(100.0, "vi")) == (
        "97,5",
        "97.5",
        "100",
    )
    # 1,000 reads as the page's language groups thousands (the old f"{x:g}" wrote "1000")
    assert (charts._tick_text(1000.0, "vi"), charts._tick_text(1000.0, "en")) == ("1.000", "1000")


def test_parse_number_reads_a_program_s_numbers() -> None:
    # "95.476" with a decimal point: 95.476 as a program writes it; the dot style refuses it as
    # possibly ninety-five thousand written the Vietnamese way
    assert parse_number("95.476", "program") == D("95.476")
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number("95.476", "dot")
    assert str(parse_number(" -2.50 ", "program")) == "-2.50"  # the places kept
    assert parse_number("+7", "program") == 7
    # not a program's plain number: read as the dot style, grouping and its ambiguity included
    assert parse_number("1,234.5", "program") == D("1234.5")
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number("1,050", "program")
    with pytest.raises(ValueError, match="not a number"):
        parse_number("9,5.1", "program")


def test_compare_reads_numbers_through_io() -> None:
    # the dot style of a table score wrote: 95.476 is 95.476 (3 places, no grouping)
    assert compare._number("95.476", "dot", "row 2 points") == D("95.476")
    assert compare._number("95,476", "comma", "row 2 points") == D("95.476")
    assert compare._number("84,41%", "comma", "row 2 index") == D("84.41")
    with pytest.raises(compare.CompareError, match="row 2 points: '1,050' is ambiguous"):
        compare._number("1,050", "dot", "row 2 points")
