"""Benchmark: the streamed command on CSV, XLSX and JSON data against the hand-written function.

    python benchmarks/bench_columns_io.py [--units 10000] [--rounds 2] [--skip xlsx,json,inproc]

The same N national 2022 units (drawn once from the property-test strategy, cycled) are
written as a CSV file (read with --decimal dot), an XLSX workbook (numbers as number cells,
yes/no and choices as text) and a JSON list of records (numbers as JSON numbers).  Each
round runs, in an order rotated every round (the machine is shared and noisy; the median of
the rounds counts, with the load average printed beside each round):

  (h)        the hand-written Decimal function (benchmarks/handwritten_national_2022.py)
             over the N unit dicts, in this process;
  csv>csv    parrules score national-2022 units.csv --decimal dot --format csv -o out.csv
  xlsx>csv   parrules score national-2022 units.xlsx --format csv -o out.csv
  json>csv   parrules score national-2022 units.json --format csv -o out.csv
  csv>json   parrules score national-2022 units.csv --decimal dot --format json -o out.json
  int / float  (in process) stream.score_file of the CSV with the plain numbers converted
             from their digits to scaled ints (columns_io.scaled_texts, today) and through
             float (the earlier path: float64 columns that score_table reads back by their
             shortest repr), to show what the exact path costs.

Target (issue 9): CSV of N units -> ranked CSV <= 3x the hand-written function per unit.
Run by hand; never a timed unit test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

import parrules
from parrules import columns_io, stream

sys.path.insert(0, str(Path(__file__).parent))
import handwritten_national_2022 as handwritten
from bench_evaluate import draw_units
from bench_pipeline import write_units_csv


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["CI"] = "1"  # no progress bar
    return env


def command(cmd: list[str]) -> Callable[[], float]:
    def go() -> float:
        start = time.perf_counter()
        with open(os.devnull, "wb") as null:
            code = subprocess.call(cmd, env=child_env(), stdout=null, stderr=null)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed with {code}")
        return time.perf_counter() - start

    return go


def timed(work: Callable[[], Any]) -> Callable[[], float]:
    def go() -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    return go


def write_xlsx(path: Path, rs: parrules.Ruleset, distinct: list[dict[str, Any]], count: int) -> None:
    import openpyxl

    names = list(rs.inputs)
    wb = openpyxl.Workbook()  # not write_only: that mode writes no <dimension>, which Excel always
    ws = wb.active  # writes, and openpyxl's read_only reader then parses the whole sheet to size it
    ws.title = "Dữ liệu"
    ws.append(["unit", *names])

    def cell(name: str, value: Any) -> Any:
        kind = rs.inputs[name].type
        if kind == "yesno":
            return "có" if value else "không"
        if kind == "choice":
            return value
        number = Decimal(value)
        return int(number) if number == int(number) else float(number)  # a float cell holds <= 15 digits

    for i in range(count):
        unit = distinct[i % len(distinct)]
        ws.append([f"Đơn vị {i + 1}", *(cell(name, unit[name]) for name in names)])
    wb.save(path)


def write_json(path: Path, rs: parrules.Ruleset, distinct: list[dict[str, Any]], count: int) -> None:
    names = list(rs.inputs)

    def value(v: Any) -> str:
        if isinstance(v, bool) or isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        return str(v)

    with path.open("w", encoding="utf-8") as fh:
        fh.write("[\n")
        for i in range(count):
            unit = distinct[i % len(distinct)]
            pairs = ", ".join(f'"{name}": {value(unit[name])}' for name in names)
            fh.write(("," if i else "") + f'{{"unit": "Đơn vị {i + 1}", {pairs}}}\n')
        fh.write("]\n")


def float_path(plain: Any) -> Any:
    """The earlier conversion of a plain column: int64, or float64 for cells of <= 15 characters."""
    texts = list(plain)
    if max(map(len, texts), default=0) > 15:
        return None
    if any("." in t for t in texts):
        return np.array(list(map(float, texts)), dtype=np.float64)
    return np.array(list(map(int, texts)), dtype=np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--distinct", type=int, default=500)
    parser.add_argument("--skip", default="", help="comma-separated: xlsx, json, inproc")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    exe = shutil.which("parrules") or sys.exit("the parrules command is not on PATH (pip install -e .)")
    rs = parrules.load("national-2022")
    distinct = draw_units(rs, args.distinct)
    batch = [distinct[i % len(distinct)] for i in range(args.units)]
    load = os.getloadavg()
    print(f"bench_columns_io  {time.strftime('%Y-%m-%d %H:%M')}  cpus {os.cpu_count()}  "
          f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")  # fmt: skip
    print(f"national-2022: {len(rs.inputs)} inputs; {args.units} units ({len(distinct)} distinct)")
    with tempfile.TemporaryDirectory(prefix="bench-colio-") as folder:
        here = Path(folder)
        write_units_csv(here / "units.csv", rs, distinct, args.units)
        score = [exe, "score", "national-2022"]
        contenders: dict[str, Callable[[], float]] = {
            "(h) hand-written Decimal": timed(lambda: [handwritten.evaluate(u) for u in batch]),
            "csv>csv": command([*score, str(here / "units.csv"), "--decimal", "dot", "--format", "csv",
                                "-o", str(here / "out.csv")]),
            "csv>json": command([*score, str(here / "units.csv"), "--decimal", "dot", "--format", "json",
                                 "-o", str(here / "out.json")]),
        }
        if "xlsx" not in skip:
            write_xlsx(here / "units.xlsx", rs, distinct, args.units)
            contenders["xlsx>csv"] = command([*score, str(here / "units.xlsx"), "--format", "csv", "-o",
                                              str(here / "out-x.csv")])  # fmt: skip
        if "json" not in skip:
            write_json(here / "units.json", rs, distinct, args.units)
            contenders["json>csv"] = command([*score, str(here / "units.json"), "--format", "csv", "-o",
                                              str(here / "out-j.csv")])  # fmt: skip
        if "inproc" not in skip:
            scaled = columns_io.scaled_texts

            def with_floats() -> None:
                columns_io.scaled_texts = float_path  # type: ignore[assignment]
                try:
                    stream.score_file(rs, here / "units.csv", io.StringIO(), decimal="dot")
                finally:
                    columns_io.scaled_texts = scaled

            def as_ints() -> stream.StreamRun:
                return stream.score_file(rs, here / "units.csv", io.StringIO(), decimal="dot")

            run = as_ints()
            assert run.scored == args.units and not run.rejected, run.summary()
            contenders["int (in process)"] = timed(as_ints)
            contenders["float (in process)"] = timed(with_floats)
        names = list(contenders)
        times: dict[str, list[float]] = {name: [] for name in names}
        for r in range(args.rounds):
            order = names[r % len(names):] + names[: r % len(names)]
            for name in order:
                times[name].append(contenders[name]())
            load = os.getloadavg()
            print(f"round {r + 1}: " + ", ".join(f"{n} {times[n][-1]:.2f}s" for n in names)
                  + f"  (load {load[0]:.1f})")  # fmt: skip
        same = (here / "out.csv").read_bytes()
        for other in ("out-x.csv", "out-j.csv"):
            if (here / other).exists():
                print(f"{other} {'==' if (here / other).read_bytes() == same else '!='} out.csv (the same ranked table)")
    median = {name: statistics.median(values) for name, values in times.items()}
    hand = median["(h) hand-written Decimal"] / args.units
    print(f"\nmedians of {args.rounds} rounds, per unit, and the ratio to the hand-written function:")
    for name in names:
        per = median[name] / args.units
        print(f"  {name:28} {per * 1e6:9.1f} µs/unit  {per / hand:6.2f}x")
    if "int (in process)" in median:
        ratio = median["int (in process)"] / median["float (in process)"]
        print(f"\nexact ints from digits vs floats, the whole streamed run in process: {ratio:.3f}x")
    target = median["csv>csv"] / args.units / hand
    print(f"\ntarget: CSV of {args.units} units -> ranked CSV <= 3x the hand-written function: "
          f"{target:.2f}x {'met' if target <= 3 else 'not met'}")  # fmt: skip
    load = os.getloadavg()
    print(f"load at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
