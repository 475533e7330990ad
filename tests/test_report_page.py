"""The interactive scorecard page (issue 10, point 3), driven in the system Chromium with Playwright.

A reader opens the report written by ``parrules report``, sorts the ranking by a column,
filters it by name, clicks a unit and expands 7.3.6 down to its derivation.  The page:
Hà Giang's row of examples/ha-giang-2022.csv (seed 004, the national 2022 ruleset) and
12 invented units (tests/browser.py national_units) so that there is something to sort.
Expected values come from the seed (004:398: 7.3.6 "Tỷ lệ hồ sơ trực tuyến toàn trình",
1.5 x 42.41 % = 0.63615, 0.6362 printed; 004:415: 8.4 = 0.5 for rank 51, the band
51..63, written `otherwise`) or from the library's own cards for the same units (the sort order).  The test
waits on the page's state, never on the clock (Playwright's time limits switched off);
a dialog (``alert``) or a script error fails it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

import parrules
from parrules import io as data_io
from parrules import report_page
from parrules.cli import main

from .browser import chromium, mixed_units, national_units, page_scripts

ROOT = Path(__file__).parent.parent
SMALL = Path(__file__).parent / "data" / "small.par"
HOSTILE = "</script><script>alert(1)</script><!--"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("interactive")
    data = tmp / "ha-giang-and-others.csv"
    mixed_units(data, 12)
    out = {"vi": tmp / "vi.html", "en": tmp / "en.html"}
    for lang, page in out.items():
        argv = ["report", "national-2022", str(data), "-o", str(page), "--date", "2024-03-01", "--no-progress"]
        assert main([*argv, *(["--lang", lang] if lang == "en" else [])]) == 0
    communes = tmp / "communes.csv"
    national_units(2 * 100 + 50, communes)  # above 2 x PAGE_ROWS: the ranking in folded pages
    out["communes"] = tmp / "communes.html"
    argv = ["report", "national-2022", str(communes), "-o", str(out["communes"]), "--date", "2024-03-01"]
    assert main([*argv, "--no-progress"]) == 0
    # hostile texts: a ruleset and a unit trying to close the data block's script
    par = tmp / "hostile.par"
    par.write_text(
        SMALL.read_text(encoding="utf-8").replace('"Lĩnh vực một"', '"' + HOSTILE.replace('"', "") + '"', 1),
        encoding="utf-8",
    )
    units = tmp / "hostile.csv"
    units.write_text(
        "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4\n"
        f'"{HOSTILE}",100,90,"50%",5,có,0,none,"0,5"\n'
        'Huyện B,100,80,"40%",5,có,1,none,"0,25"\n',
        encoding="utf-8",
    )
    out["hostile"] = tmp / "hostile.html"
    assert main(["report", str(par), str(units), "-o", str(out["hostile"]), "--date", "2024-03-01"]) == 0
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium()  # skipped without Chromium on a developer's machine, a failure in CI
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Any, path: Path, width: int = 1200, script: bool = True) -> tuple[Any, list[str]]:
    """The page as a reader opens it; the list collects every dialog and script error (a test asserts it empty)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=script)
    page = context.new_page()
    page.set_default_timeout(0)  # no time limit: wait for the page's state, however slow the machine
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    return page, problems


def shown_units(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "table.ranking tbody tr:not(.out):not(.more) td.unit", "cells => cells.map(c => c.textContent)"
    )


def column_values(page: Any, header: str) -> list[Decimal]:
    index = page.eval_on_selector_all(
        "table.ranking thead th", f"hs => hs.findIndex(h => h.textContent.startsWith({header!r}))"
    )
    assert index >= 0, header
    cells = page.eval_on_selector_all(
        "table.ranking tbody tr:not(.out):not(.more)", f"rows => rows.map(r => r.cells[{index}].dataset.value)"
    )
    return [Decimal(c) for c in cells]


def node(code: str) -> str:
    """The CSS selector of a node's details in the unit's tree (dots escaped)."""
    return "#node-" + code.replace(".", "\\.")


def expand(page: Any, *codes: str) -> None:
    for code in codes:
        page.click(node(code) + " > summary")


def node_text(page: Any, code: str) -> str:
    selector = node(code) + " > .deriv"
    page.wait_for_selector(selector)
    return page.inner_text(selector)


def test_sort_filter_open_a_unit_and_read_7_3_6(browser: Any, pages: dict[str, Path], tmp_path: Path) -> None:
    rs = parrules.load("national-2022")
    units = data_io.read_data(pages["vi"].parent / "ha-giang-and-others.csv", rs).units
    index = {u.unit: rs.evaluate(u.inputs, u.unit).index for u in units}
    page, problems = open_page(browser, pages["vi"])
    assert page.inner_text(".js-tools .count") == "Hiện 13 / 13 đơn vị"
    # sort by the index: highest first, then lowest first on a second click (the library's values)
    page.click("table.ranking thead th:has-text('Chỉ số')")
    assert column_values(page, "Chỉ số") == sorted(index.values(), reverse=True)
    assert shown_units(page) == sorted(index, key=lambda u: (-index[u], u))
    page.click("table.ranking thead th:has-text('Chỉ số')")
    assert column_values(page, "Chỉ số") == sorted(index.values())
    assert page.get_attribute("table.ranking thead th:has-text('Chỉ số')", "aria-sort") == "ascending"
    # by name, as Vietnamese sorts it: "Tỉnh ..." before "Xã ..."
    page.click("table.ranking thead th:has-text('Đơn vị')")
    assert shown_units(page) == ["Tỉnh Hà Giang", *sorted(u for u in index if u.startswith("Xã"))]
    # filtered by name, without its tone marks as a reader types it
    page.fill(".js-tools input", "ha giang")
    assert shown_units(page) == ["Tỉnh Hà Giang"]
    assert page.inner_text(".js-tools .count") == "Hiện 1 / 13 đơn vị"
    page.click("table.ranking td.unit a:has-text('Tỉnh Hà Giang')")
    page.wait_for_selector("#unit-view:not([hidden])")
    assert page.inner_text("#unit-view h2") == "Cách tính điểm của đơn vị: Tỉnh Hà Giang"
    # its buttons sit in the unit's box, under its heading (the charts' positioned .bar once pulled them out)
    box, heading = page.locator("#unit-view").bounding_box(), page.locator("#unit-view h2").bounding_box()
    for button in page.locator("#unit-view .unit-tools button").all():
        at = button.bounding_box()
        assert heading["y"] + heading["height"] <= at["y"] and at["x"] >= box["x"], (at, box)
        assert at["y"] + at["height"] <= box["y"] + box["height"] and at["x"] + at["width"] <= box["x"] + box["width"]
    # 84,4094 / 100 and 84,41 %: the README's total of this row (tests/test_evaluate.py pins it)
    assert "Tổng điểm 84,4094 / 100 · Chỉ số 84,41%" in page.inner_text("#unit-view .facts")
    expand(page, "7", "7.3", "7.3.6")
    shown = node_text(page, "7.3.6")
    # seed 004:398: 1.5 x 42.41 % = 0.63615 -> 0.6362 (half up, 4 places)
    assert page.inner_text("#node-7\\.3\\.6 > .deriv .score") == "0,6362"
    assert "0,6362 trên 1,5" in shown
    assert page.inner_text("#node-7\\.3\\.6 > .deriv code.rule") == (
        "rulesets/national-2022.par:606:13: score max * online_full_rate"
    )
    assert "online_full_rate = 42,41% Tỷ lệ hồ sơ trực tuyến toàn trình" in shown
    assert "công thức  max * online_full_rate = 0,63615   (606:13)" in shown
    assert "half_up, 4 chữ số thập phân: 0,6362" in shown
    assert "thẩm định" in shown and "Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông" in shown
    # the parent: its rule and its children's scores
    parent = node_text(page, "7.3")
    assert "tổng của 7.3.1, 7.3.2, 7.3.3, 7.3.4, 7.3.5, 7.3.6, 7.3.7, tối đa 7" in parent
    assert "7.3.6 0,6362 / 1,5" in parent
    # a branch taken: 8.4, rank 51 is in the last band (the seed's 51..63, written `otherwise`
    # in the ruleset), 0.5 points (seed 004:415)
    expand(page, "8", "8.4")
    ranks = node_text(page, "8.4")
    assert "budget_revenue_rank = 51 hạng" in ranks
    assert re.search(r"ranks budget_revenue_rank \{.*\} = 0,5  \[nhánh: otherwise\]", ranks), ranks
    page.locator("#node-7\\.3\\.6").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "7.3.6.png"))
    # every node of the tree opens
    page.click("#unit-view button:has-text('Mở tất cả')")
    assert page.eval_on_selector_all("#unit-view details[open]", "ds => ds.length") == len(rs.codes)
    assert problems == []


def test_the_english_page_reads_the_same_derivation(browser: Any, pages: dict[str, Path]) -> None:
    page, problems = open_page(browser, pages["en"])
    page.click("table.ranking td.unit a:has-text('Tỉnh Hà Giang')")
    expand(page, "7", "7.3", "7.3.6")
    shown = node_text(page, "7.3.6")
    assert "0.6362 of 1.5" in shown  # seed 004:398
    assert "formula  max * online_full_rate = 0.63615   (606:13)" in shown
    assert "half_up to 4 places: 0.6362" in shown
    assert problems == []


def test_hostile_titles_are_text_in_the_data_and_the_browser(browser: Any, pages: dict[str, Path]) -> None:
    html = pages["hostile"].read_text(encoding="utf-8")
    _rest, data = page_scripts(html)  # two scripts only; no <, > or & left in the data block
    assert HOSTILE in [u[0] for u in data["units"]]
    assert "</script><script>alert(1)</script>" not in html
    page, problems = open_page(browser, pages["hostile"])
    assert HOSTILE in shown_units(page)  # the name is shown as it is, in the ranking's link
    page.click(".js-tools input")
    page.fill(".js-tools input", "script")
    page.click("table.ranking td.unit a")
    page.wait_for_selector("#unit-view:not([hidden])")
    assert page.inner_text("#unit-view h2").endswith(HOSTILE)
    title = HOSTILE.replace('"', "")
    assert page.inner_text("#node-1 > summary").startswith(f"1 {title}")
    expand(page, "1")
    assert page.eval_on_selector_all("script", "s => s.length") == 2  # nothing was added by a title
    assert problems == []


def test_without_javascript_the_ranking_is_the_report(browser: Any, pages: dict[str, Path]) -> None:
    page, problems = open_page(browser, pages["vi"], script=False)
    assert len(shown_units(page)) == 13
    assert page.query_selector(".js-tools") is None and page.query_selector("#unit-view") is None
    assert page.is_visible("table.ranking") and problems == []


def test_commune_scale_pages_become_one_table_shown_in_steps(browser: Any, pages: dict[str, Path]) -> None:
    page, problems = open_page(browser, pages["communes"])
    assert page.query_selector("details.rows-page") is None  # the folded pages of 100 rows, joined
    shown = report_page.SHOW_ROWS
    assert len(shown_units(page)) == shown
    assert page.inner_text(".js-tools .count") == f"Hiện {shown} / 250 đơn vị"
    page.click(".js-tools button.more")
    assert len(shown_units(page)) == 250 and not page.is_visible(".js-tools button.more")
    page.fill(".js-tools input", "00249")
    assert shown_units(page) == ["Xã thử nghiệm 00249"]
    assert problems == []


def test_a_unit_opened_at_400_px_fits_the_screen(browser: Any, pages: dict[str, Path], tmp_path: Path) -> None:
    page, problems = open_page(browser, pages["vi"], width=400)
    page.click("table.ranking td.unit a:has-text('Tỉnh Hà Giang')")
    expand(page, "7", "7.3", "7.3.6")
    node_text(page, "7.3.6")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], width  # the derivation wraps: the page never scrolls sideways
    page.locator("#node-7\\.3\\.6").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "400.png"))
    assert problems == []


# ---------------------------------------------------------------- the data, without a browser


def test_the_data_says_when_the_cap_decided_a_score() -> None:
    # as tests/test_checker.py's explain test: 1.2 max 0.875, rounding up to 2 places; x = 1 gives
    # 0.875 -> 0.88, above the max, capped at 0.875 (and 1.1, max 0.125: 0.125 -> 0.13, capped);
    # x = 0.5 gives 0.4375 -> 0.44 and 0.0625 -> 0.07, under the maxima: no cap
    from parrules.aggregate import standings

    text = 'ruleset "T" level province scale 1 rounding up 2\ninput x: ratio\nfield 1 "F" max 1 {\n'
    text += '  criterion 1.1 "a" max 0.125 { score max * x }\n  criterion 1.2 "b" max 0.875 { score max * x }\n}\n'
    rs = parrules.loads(text, "t.par")
    ranked = standings(rs, [rs.evaluate({"x": "1"}, "A"), rs.evaluate({"x": "0.5"}, "B")])
    data = report_page.page_data(rs, ranked, "en")
    at = rs.position("1.2")
    first, second = data["units"]
    assert first[0] == "A" and first[9] == {str(at): "0.88", str(rs.position("1.1")): "0.13"} and first[3].split("|")[at] == "0.875"
    assert second[0] == "B" and second[9] == {} and second[3].split("|")[at] == "0.44"
    # the formulas' steps before rounding (0.0625, 0.4375) differ from the scores (0.07, 0.44): written
    step = data["nodes"][at]["p"][0]
    assert second[7] == {str(data["nodes"][rs.position("1.1")]["p"][0]): "0.0625", str(step): "0.4375"}
    assert data["nodes"][at]["d"] == "up to 2 places"


def test_values_are_joined_unless_one_holds_the_separator() -> None:
    assert report_page._joined(["1,5", "0", ""]) == "1,5|0|"
    assert report_page._joined(["a|b", "c"]) == ["a|b", "c"]  # the script reads a list as it is
    # a long decimal is cut at 8 places and says so; yes/no in the page's language
    assert report_page.value_text(Decimal("0.998821502432536"), "vi") == "0,99882150…"
    assert report_page.value_text(Decimal("42.41"), "vi") == "42,41"
    assert (report_page.value_text(True, "vi"), report_page.value_text(False, "en")) == ("có", "no")
