"""Benchmark: `parrules report` against `parrules score --format csv` on the same file (issue 9, point 5).

    python benchmarks/bench_report.py [--units 1000] [--rounds 3] [--keep DIR]

Writes a CSV of N units of the national 2022 ruleset (tests/browser.py national_units:
Hà Giang's row of examples/ha-giang-2022.csv, each unit's points inputs scaled by a
seeded random factor, so that the units differ),
then runs both commands as a user does (a fresh process each), interleaved round by
round because the machine is noisy, and prints the best time of each, their ratio and
the size of the page.  Targets: report <= 5 x score --format csv, page < 3 MB at 1,000
units.  Run by hand; never a timed unit test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import national_units  # noqa: E402 - the units the commune-scale page test renders


def run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "parrules.cli", *argv], check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="write the data, the CSV and the page here")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / f"units-{args.units}.csv"
    national_units(args.units, data)
    csv_out, page = folder / "scored.csv", folder / "report.html"
    score_argv = ["score", "national-2022", str(data), "--format", "csv", "-o", str(csv_out), "--no-progress"]
    report_argv = ["report", "national-2022", str(data), "-o", str(page), "--date", "2024-03-01", "--no-progress"]
    score_times, report_times = [], []
    for _ in range(args.rounds):  # interleaved: both see the same load on a shared machine
        score_times.append(run(score_argv))
        report_times.append(run(report_argv))
    best_score, best_report = min(score_times), min(report_times)
    size = page.stat().st_size
    print(f"units                      {args.units}")
    print(f"score --format csv (best)  {best_score:.2f} s   rounds: {', '.join(f'{t:.2f}' for t in score_times)}")
    print(f"report (best)              {best_report:.2f} s   rounds: {', '.join(f'{t:.2f}' for t in report_times)}")
    print(f"report / score             {best_report / best_score:.2f} x   (target <= 5)")
    print(f"page size                  {size / 1e6:.2f} MB   (target < 3 MB at 1,000 units)")


if __name__ == "__main__":
    main()
