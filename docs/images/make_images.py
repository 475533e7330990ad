"""Remake the report screenshots in docs/images (run by hand: python docs/images/make_images.py).

Needs Debian's chromium (/usr/bin/chromium) and, for the PNG of a printed page, pdftoppm
(poppler-utils).  Writes the HTML pages and PDFs to a temporary folder and these PNGs here:

  report-bac-kan-districts.png        the Bắc Kạn 2023 district report at 1200 px
  report-bac-kan-districts-400.png    the same page on a 400 px phone
  report-bac-kan-departments-print-N.png   the first four pages of the departments' A4 print
  report-ha-giang.png / -400.png      Hà Giang, national PAR Index 2022 (one unit)
  report-interactive.png              the interactive page (Playwright): Hà Giang and 12 invented
                                      units sorted by index, Hà Giang opened, 7.3.6 explained

Bắc Kạn's data (tests/browser.py bac_kan_csv): seed 000 publishes each unit's survey
points per field (000:99-127) and its final total (000:148-178), not its appraised
points per field.  The pages here spread final - survey over the appraisal nodes in
proportion to their maxima, so every field of a unit shows the same appraisal rate: a
device for the picture, not data (the golden tests use the totals only).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import bac_kan_csv, mixed_units  # noqa: E402 - the data the browser tests render

CHROMIUM = "/usr/bin/chromium"


def shoot(page: Path, png: Path, width: int, height: int) -> None:
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--hide-scrollbars", f"--window-size={width},{height}",
         f"--screenshot={png}", page.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip


def interactive(tmp: Path, png: Path) -> None:
    """A reader's use of the page, as tests/test_report_page.py drives it: sort, open a unit, expand 7.3.6."""
    from playwright.sync_api import sync_playwright

    data = tmp / "ha-giang-and-others.csv"
    mixed_units(data, 12)
    page = tmp / "interactive.html"
    subprocess.run(
        [sys.executable, "-m", "parrules.cli", "report", "national-2022", str(data), "-o", str(page),
         "--date", "2024-03-01"],
        check=True,
    )  # fmt: skip
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        view = browser.new_page(viewport={"width": 1100, "height": 2050})
        view.set_default_timeout(0)
        view.goto(page.as_uri())
        view.click("table.ranking thead th:has-text('Chỉ số')")
        view.click("table.ranking td.unit a:has-text('Tỉnh Hà Giang')")
        for code in ("7", "7\\.3", "7\\.3\\.6"):
            view.click(f"#node-{code} > summary")
        view.evaluate("document.querySelector('#ranking h2').scrollIntoView()")
        view.screenshot(path=str(png))
        browser.close()


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    pages = {}
    for level in ("districts", "departments"):
        data = tmp / f"bac-kan-2023-{level}.csv"
        bac_kan_csv(level, data)
        page = tmp / f"bac-kan-{level}.html"
        subprocess.run(
            [sys.executable, "-m", "parrules.cli", "report", f"bac-kan-2023-{level}", str(data), "-o", str(page),
             "--date", "2024-02-20", "--letterhead", "UBND TỈNH BẮC KẠN", "--letterhead", "SỞ NỘI VỤ"],
            check=True,
        )  # fmt: skip
        pages[level] = page
    hg = tmp / "ha-giang.html"
    subprocess.run(
        [sys.executable, "-m", "parrules.cli", "report", "national-2022", str(ROOT / "examples" / "ha-giang-2022.csv"),
         "-o", str(hg), "--date", "2024-03-01"],
        check=True,
    )  # fmt: skip
    shoot(pages["districts"], HERE / "report-bac-kan-districts.png", 1100, 1900)
    shoot(pages["districts"], HERE / "report-bac-kan-districts-400.png", 400, 1600)
    shoot(hg, HERE / "report-ha-giang.png", 1100, 1700)
    shoot(hg, HERE / "report-ha-giang-400.png", 400, 1500)
    interactive(tmp, HERE / "report-interactive.png")
    pdf = tmp / "bac-kan-departments.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         pages["departments"].as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "4",
            str(pdf),
            str(HERE / "report-bac-kan-departments-print"),
        ],
        check=True,
    )
    try:  # 64 colours keep the PNGs small (pip install pillow); without it they stay as Chromium wrote them
        from PIL import Image
    except ImportError:
        Image = None
    for png in HERE.glob("*.png") if Image is not None else ():
        Image.open(png).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
    print(f"pages and the PDF in {tmp}")


if __name__ == "__main__":
    main()
