"""Benchmark: the scoring service under concurrent clients: throughput, latency percentiles, errors.

    python benchmarks/bench_serve.py [--clients 20] [--requests 150] [--ruleset national-2022]

Starts ``parrules serve RULESET --port 0`` as its own process (so the clients do not share
its interpreter), reads the address it prints, and runs CLIENTS threads, each with its own
httpx client, each posting REQUESTS units to /score.  The units are Hà Giang 2022
(examples/ha-giang-2022.csv) and synthetic units drawn from the ruleset's declarations
(parrules.testing.units), every one also scored in process: each answer must equal the
library's JSON byte for byte, and any other answer counts as an error.  Prints requests per
second, latency p50/p95/p99 (ms), the errors, and the in-process cost of the same units
(evaluate + result JSON) for the service's overhead as a ratio.  Then the same with
``?explain=all`` (every node's derivation), fewer requests.  Run by hand; never a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, given, settings

import parrules
from parrules import io as data_io
from parrules.schema import dumps, result_data

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))
from tests.serving import json_text  # noqa: E402 - the tests' exact JSON writer


def draw_units(rs: parrules.Ruleset, count: int) -> list[dict[str, Any]]:
    from parrules.testing import units

    drawn: list[dict[str, Any]] = []

    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(units(rs))
    def collect(unit: dict[str, Any]) -> None:
        drawn.append(unit)

    collect()
    return drawn


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run(
    base: str, path: str, bodies: list[bytes], expected: list[bytes], clients: int, per_client: int
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)

    def worker(k: int) -> None:
        mine: list[float] = []
        bad: list[str] = []
        with httpx.Client(base_url=base, timeout=None) as http:
            http.get("/api/rulesets")  # connect before the clock starts
            start_gate.wait()
            for i in range(per_client):
                j = (k * per_client + i) % len(bodies)
                t0 = time.perf_counter()
                r = http.post(path, content=bodies[j], headers={"content-type": "application/json"})
                mine.append(time.perf_counter() - t0)
                if r.status_code != 200 or (expected and r.content != expected[j]):
                    bad.append(f"client {k} request {i}: {r.status_code}")
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    start_gate.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=150, help="requests per client")
    parser.add_argument("--ruleset", default="national-2022")
    parser.add_argument("--units", type=int, default=200, help="distinct synthetic units")
    args = parser.parse_args()

    rs = parrules.load(args.ruleset)
    name = args.ruleset
    cases: list[tuple[str | None, dict[str, Any]]] = []
    if name == "national-2022":
        cases += [(u.unit, u.inputs) for u in data_io.read_data(ROOT / "examples" / "ha-giang-2022.csv", rs).units]
    cases += [(f"Đơn vị {i}", inputs) for i, inputs in enumerate(draw_units(rs, args.units))]
    bodies = [json_text({"unit": unit, "inputs": inputs}).encode("utf-8") for unit, inputs in cases]

    t0 = time.perf_counter()
    expected = [dumps(result_data(rs.evaluate(inputs, unit), name)).encode("utf-8") for unit, inputs in cases]
    in_process = (time.perf_counter() - t0) / len(cases) * 1000

    proc = subprocess.Popen(
        [sys.executable, "-m", "parrules.cli", "serve", name, "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().split()[2]
        print(f"{name}: {len(cases)} distinct units, {args.clients} clients x {args.requests} requests, {base}")
        print(f"in process (evaluate + result JSON): {in_process:.3f} ms per unit")
        rows = [("score", run(base, f"/api/rulesets/{name}/score", bodies, expected, args.clients, args.requests))]
        few = max(1, args.requests // 10)
        rows.append(
            ("score?explain=all", run(base, f"/api/rulesets/{name}/score?explain=all", bodies, [], args.clients, few))
        )
    finally:
        proc.terminate()
        proc.wait()
    print()
    print("| endpoint | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | mean ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in rows:
        print(
            f"| {label} | {args.clients} | {r['requests']:,} | {len(r['errors'])} | {r['rps']:.0f} | "
            f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['mean']:.1f} |"
        )
    score = rows[0][1]
    print(f"\nservice time per request / in-process time per unit: {1000 / score['rps'] / in_process:.1f} x")
    for label, r in rows:
        for e in r["errors"][:5]:
            print(f"error ({label}): {e}")
    if any(r["errors"] for _label, r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
