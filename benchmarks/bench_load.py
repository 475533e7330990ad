"""Loading cost against ruleset size: time and peak memory per KB of text (run by hand, never a test).

Issue 8 found a 400 KB ruleset with 20,000 inputs taking 10 s and 1.4 GB to load.
This benchmark loads generated rulesets of growing size and prints, per size, the
text size, the best load time, the peak memory traced by ``tracemalloc`` during the
load, both per KB of text, and the ratio of each to the smallest size: when loading
stays within a bounded multiple of the text, the per-KB columns stay flat and the
ratios follow the size ratio.  Sizes are interleaved (small, large, small, ...) so a
machine that gets busier during the run does not bias one size.

Two shapes:

* ``declarations``: the review's shape, inputs declared and hardly used
  (``input in_17: count``), one leaf;
* ``tree``: every input read by a leaf (``rate(done_k, asked_k)`` under fields of 50
  criteria), which is what a real but very large ruleset looks like.

A ruleset over a width limit (limits.py) is rejected with a located error; the last
line times that rejection for the review's 20,000 inputs.

    python benchmarks/bench_load.py [--repeat 3] [--sizes 500,1000,2000,5000]
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from decimal import Decimal

import parrules
from parrules import limits


def declarations(inputs: int) -> str:
    lines = ['ruleset "bench" year 2022 level province scale 10']
    lines += [f"input in_{i}: count" for i in range(inputs)]
    lines.append('field 1 "f" max 10 { score min(in_0, max) }')
    return "\n".join(lines) + "\n"


def tree(inputs: int) -> str:
    """inputs/2 criteria, each scoring max * rate(done_k, asked_k), 50 criteria per field."""
    leaves = max(inputs // 2, 1)
    per_field = 50
    fields = (leaves + per_field - 1) // per_field
    lines = ['ruleset "bench" year 2022 level province scale 100 rounding half_up 4']
    for k in range(leaves):
        lines.append(f'input asked_{k}: count "requests received by unit {k}"')
        lines.append(f'input done_{k}: count "requests settled on time by unit {k}"')
    field_max = Decimal(100) / fields
    for f in range(fields):
        members = range(f * per_field, min(leaves, (f + 1) * per_field))
        # every leaf gets the same max; the last one takes what the rounding leaves over
        leaf_max = (field_max / len(members)).quantize(Decimal("0.000001"))
        last_max = field_max.quantize(Decimal("0.000001")) - leaf_max * (len(members) - 1)
        lines.append(f'field {f + 1} "field {f}" max {field_max.quantize(Decimal("0.000001"))} {{')
        for j, k in enumerate(members):
            top = last_max if j == len(members) - 1 else leaf_max
            lines.append(f'  criterion {f + 1}.{j + 1} "criterion {k}" max {top} {{')
            lines.append(f"    score max * min(rate(done_{k}, asked_{k}, empty: 100%), 1)")
            lines.append("  }")
        lines.append("}")
    return "\n".join(lines) + "\n"


def load_time(text: str) -> float:
    gc.collect()
    start = time.perf_counter()
    parrules.loads(text)
    return time.perf_counter() - start


def load_peak(text: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        parrules.loads(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(name: str, make, sizes: list[int], repeat: int) -> None:  # type: ignore[no-untyped-def]
    texts = {size: make(size) for size in sizes}
    times: dict[int, float] = {}
    peaks: dict[int, int] = {}
    for _ in range(repeat):
        for size in sizes:  # interleaved
            t = load_time(texts[size])
            times[size] = min(times.get(size, t), t)
    for size in sizes:
        peaks[size] = load_peak(texts[size])
    base = sizes[0]
    kb0 = len(texts[base].encode()) / 1000
    print(f"\n{name}: best of {repeat} load times, peak traced memory of one load")
    print("| inputs | text KB | load s | ms per KB | peak MB | MB per KB | size ratio | time ratio | memory ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        kb = len(texts[size].encode()) / 1000
        t, peak = times[size], peaks[size] / 1e6
        print(
            f"| {size:,} | {kb:.0f} | {t:.2f} | {1000 * t / kb:.1f} | {peak:.0f} | {peak / kb:.2f} "
            f"| {kb / kb0:.1f} | {t / times[base]:.1f} | {peaks[size] / peaks[base]:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    assert max(sizes) <= limits.MAX_INPUTS, f"sizes above {limits.MAX_INPUTS} inputs are rejected (E012)"
    parrules.loads(declarations(1))  # build the parser once, outside the measurements
    measure("declarations (the review's shape)", declarations, sizes, args.repeat)
    measure("tree (every input read by a leaf)", tree, sizes, args.repeat)
    text = declarations(20_000)
    start = time.perf_counter()
    try:
        parrules.loads(text)
    except parrules.RulesetError as error:
        print(f"\n20,000 inputs ({len(text.encode()) / 1000:.0f} KB): {error.first.code} after "
              f"{time.perf_counter() - start:.2f} s: {error.first.message}")
    else:  # pragma: no cover - the limit is expected to reject it
        raise SystemExit("20,000 inputs loaded: the E012 limit is gone")


if __name__ == "__main__":
    main()
