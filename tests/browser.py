"""Helpers of the report's browser tests: Debian's headless Chromium, and report data from the seeds.

Chromium is run as a user runs it (a subprocess, no driver): ``--dump-dom`` after a
measuring script appended to a copy of the page (the page itself has no script), and
``--print-to-pdf`` for the A4 print.  No timeout: a test never waits on the clock.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

import parrules
from parrules import report_page

SEEDS = Path(__file__).parent / "data" / "seeds"
CHROMIUM = os.environ.get("PARRULES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def chromium() -> str:
    """The browser's path; skipped on a developer's machine without it, a failure in CI (.ci/run installs it)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run installs Debian's chromium package")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", *args],
        check=True,
        capture_output=True,
        text=True,
    )


# Appended to a copy of the page: what a reader would see at this window width, as JSON in the DOM.
MEASURE = """
<script>
(function () {
  const width = document.documentElement.clientWidth;
  const out = {width: width, scrollWidth: document.documentElement.scrollWidth, overflow: [], small: [], text: ""};
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".table-scroll") || el.closest("details:not([open])")) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1) out.overflow.push(el.tagName + "." + el.className + ": " + Math.round(r.right));
  }
  for (const el of document.querySelectorAll("figure.chart *")) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && el.getClientRects().length) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 10) out.small.push(el.tagName + " " + size + "px: " + el.textContent.trim().slice(0, 40));
    }
  }
  out.text = document.body.innerText;
  const pre = document.createElement("pre");
  pre.id = "parrules-measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


_MEASURED: dict[tuple[Path, int], dict] = {}


def measure(page: Path, width: int, height: int = 900) -> dict:
    """Layout facts of ``page`` at a window ``width`` px wide (overflow, small chart text, the shown text)."""
    if (page, width) not in _MEASURED:
        _MEASURED[page, width] = _measure(page, width, height)
    return _MEASURED[page, width]


def _measure(page: Path, width: int, height: int) -> dict:
    probe = page.with_name(page.stem + f"-probe{width}.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = _run([f"--window-size={width},{height}", "--dump-dom", probe.as_uri()]).stdout
    start = dom.index('<pre id="parrules-measure">') + len('<pre id="parrules-measure">')
    import html

    return json.loads(html.unescape(dom[start : dom.index("</pre>", start)]))


def print_pdf(page: Path) -> Path:
    """The page printed by Chromium (its print stylesheet decides the paper), without header and footer."""
    pdf = page.with_suffix(".pdf")
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
    return pdf


def national_units(count: int, out: Path, seed: int = 2022) -> None:
    """``count`` units of the national 2022 ruleset from Hà Giang's row (examples/ha-giang-2022.csv).

    Every points input (p_...) is Hà Giang's times a factor in 0.6..1 drawn from a seeded
    generator, so the units differ; counts and rates stay Hà Giang's.  Invented units
    ("Xã thử nghiệm 00001"), for the commune-scale page and benchmarks/bench_report.py.
    """
    import random

    with open(Path(__file__).parent.parent / "examples" / "ha-giang-2022.csv", encoding="utf-8-sig", newline="") as f:
        header, _description, row = list(csv.reader(f))[:3]
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for k in range(count):
            cells = [f"Xã thử nghiệm {k + 1:05d}"]
            for name, cell in zip(header[1:], row[1:], strict=True):
                if name.startswith("p_"):
                    value = Decimal(cell.replace(",", ".")) * Decimal(rng.randint(600, 1000)) / 1000
                    cells.append(f"{value.quantize(Decimal('0.0001'))}".replace(".", ","))
                else:
                    cells.append(cell)
            w.writerow(cells)


def mixed_units(out: Path, invented: int) -> None:
    """Hà Giang's row of examples/ha-giang-2022.csv (and its description row), then ``invented`` national_units.

    The interactive page's test and screenshot: a real unit to explain and others to sort.
    """
    with open(Path(__file__).parent.parent / "examples" / "ha-giang-2022.csv", encoding="utf-8-sig", newline="") as f:
        header, description, ha_giang = list(csv.reader(f))[:3]
    others = out.with_name("invented.csv")
    national_units(invented, others)
    with open(others, encoding="utf-8", newline="") as f:
        invented_rows = list(csv.reader(f))
    assert invented_rows[0] == header
    with open(out, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, description, ha_giang, *invented_rows[1:]])


def rows(name: str) -> list[dict[str, str]]:
    with open(SEEDS / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def bac_kan_csv(level: str, out: Path) -> list[str]:
    """A data file for ``bac-kan-2023-<level>`` from seed 000; returns the unit names in the seed's order.

    The survey points per field are the seed's (000:99-127) and each unit's total is its
    published final total (000:148-178).  The seed does not publish appraised points per
    field: final - survey is spread over the appraisal nodes in proportion to their
    maxima (a device for the page, not data; ranks and classes depend on the total only).
    """
    rs = parrules.load(f"bac-kan-2023-{level}")
    ranking, survey = rows(f"bac_kan_2023_{level}_ranking.csv"), rows(f"bac_kan_2023_{level}_survey.csv")
    appraisal_max = [rs.node(f"{i}.1").max for i in range(1, 8)]
    whole = sum(appraisal_max, Decimal(0))
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unit"] + [f"p_{i}_{k}" for i in range(1, 8) for k in (1, 2)])
        for r, s in zip(ranking, survey, strict=True):  # the survey table is printed in ranking order
            rest = Decimal(r["final_points"]) - Decimal(s["survey_total"])
            parts = [(rest * m / whole).quantize(Decimal("0.001"), ROUND_HALF_UP) for m in appraisal_max]
            parts[-1] += rest - sum(parts, Decimal(0))
            cells = [r["unit"]]
            for i in range(1, 8):
                cells += [str(parts[i - 1]).replace(".", ","), s[f"survey_f{i}"].replace(".", ",")]
            w.writerow(cells)
    return [r["unit"] for r in ranking]


DATA_OPEN = '<script type="application/json" id="parrules-data">'


def page_scripts(page: str) -> tuple[str, Any]:
    """The page without its scripts, and its data; the only scripts are the report's own (report_page).

    The data block is JSON in which no ``<``, ``>`` or ``&`` is left (a title cannot close the
    script), and the one executable script is ``report_page.SCRIPT`` byte for byte.
    """
    if "<script" not in page.lower():
        return page, None
    assert page.lower().count("<script") == page.lower().count("</script") == 2
    start = page.index(DATA_OPEN)
    end = page.index("</script>", start)
    block = page[start + len(DATA_OPEN) : end]
    assert not set(block) & set("<>&")
    code = "<script>" + report_page.SCRIPT + "</script>"
    assert page.count(code) == 1 and page.index(code) == end + len("</script>")
    return page[:start] + page[end + len("</script>") + len(code) :], json.loads(block)
