"""docs/portal: the worked portal example, driven in the system Chromium with Playwright.

The page is served by the scoring service (``--static docs/portal``); the test types a
unit's values as a user would and waits for the score and a derivation to appear.  The
expected numbers are the library's for the same inputs (examples/small-units.csv, row
"Huyện Sông Mây"), and the test waits on the page's state, never on the clock
(Playwright's own time limits are switched off).  CI installs Debian's chromium (.ci/run).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from parrules import io as data_io
from parrules.serve import load_rulesets

from .conftest import DATA
from .serving import running

ROOT = Path(__file__).parent.parent
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def page() -> Any:
    rulesets = load_rulesets([str(DATA / "small.par"), "national-2022"])
    with running(rulesets, ROOT / "docs" / "portal") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.set_default_timeout(0)  # no time limit: wait for the page's state, however slow the machine
            page.goto(f"{base}/?ruleset=small")
            page.wait_for_selector("#in-received")
            yield rulesets, page
        finally:
            browser.close()


def test_typing_a_unit_shows_its_score_and_derivations(page: Any) -> None:
    rulesets, pg = page
    rs = rulesets["small"]
    unit = data_io.read_data(ROOT / "examples" / "small-units.csv", rs).units[0]
    card = rs.evaluate(unit.inputs, unit.unit)
    pg.fill("#unit", unit.unit)
    for name, value in unit.inputs.items():
        if isinstance(value, bool):
            pg.select_option(f"#in-{name}", "true" if value else "false")
        elif name == "discipline":
            pg.select_option(f"#in-{name}", value)
        else:
            pg.fill(f"#in-{name}", format(value, "f"))
    total = format(card.total, "f")
    pg.wait_for_function(f"document.getElementById('total')?.textContent === '{total}'")
    assert pg.inner_text("#index") == f"{card.index}%"
    assert pg.inner_text("#node-1\\.1\\.1 td.num") == format(card["1.1.1"].score, "f")
    pg.click("#node-1\\.1\\.1 summary")
    shown = pg.inner_text("#node-1\\.1\\.1 pre")
    assert shown == card.explain("1.1.1")  # the library's derivation, as text
    assert "rate(on_time, received, empty: 100%)" in shown


def test_a_value_out_of_range_shows_the_library_s_error(page: Any) -> None:
    _rulesets, pg = page
    pg.fill("#in-online", "150")
    pg.wait_for_function("document.getElementById('nodes').dataset.state === 'error'")
    assert pg.inner_text("#error") == "D106: online = 150% is outside 0..100%"
    assert "bad" in (pg.get_attribute("#box-online", "class") or "")
    pg.fill("#in-online", "84.41")
    pg.wait_for_function("document.getElementById('nodes').dataset.state === 'scored'")
    assert pg.inner_text("#error") == ""


def test_the_national_form_scores_ha_giang_as_published(page: Any) -> None:
    """The national-2022 form (112 inputs) filled with Hà Giang's 2022 figures shows the PAR Index
    84.41 % that seed 004 (Phụ lục 02) publishes for the province."""
    rulesets, pg = page
    rs = rulesets["national-2022"]
    unit = data_io.read_data(ROOT / "examples" / "ha-giang-2022.csv", rs).units[0]
    values = {
        name: ("true" if value else "false")
        if isinstance(value, bool)
        else value
        if isinstance(value, str)
        else format(value, "f")
        for name, value in unit.inputs.items()
    }
    pg.select_option("#ruleset", "national-2022")
    pg.wait_for_selector("#in-received_dept")
    pg.fill("#unit", unit.unit)
    pg.evaluate(
        """(values) => {
            for (const [name, value] of Object.entries(values)) document.getElementById(`in-${name}`).value = value;
            document.getElementById("in-received_dept").dispatchEvent(new Event("input"));
        }""",
        values,
    )
    pg.wait_for_function("document.getElementById('index')?.textContent === '84.41%'")
    card = rs.evaluate(unit.inputs, unit.unit)
    assert pg.inner_text("#total") == format(card.total, "f")
    pg.click("#node-3\\.4\\.1 summary")
    assert pg.inner_text("#node-3\\.4\\.1 pre") == card.explain("3.4.1")
