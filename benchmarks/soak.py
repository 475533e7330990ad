"""Soak the fuzzing properties of tests/test_fuzz.py for many cases.

    python benchmarks/soak.py 100000          # cases in all, split over the four generators
    python benchmarks/soak.py 100000 --seed 7

Prints a summary: cases per generator, how many loaded, the error codes seen,
and every property failure (the first few in full).  Exit status 1 on a failure.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_fuzz import check_text, grammar_sentences, mutated, random_text, ruleset_alphabet

import parrules

GENERATORS = {
    "random": random_text,
    "alphabet": ruleset_alphabet,
    "grammar": st.deferred(lambda: grammar_sentences()),
    "mutated": mutated(),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    per = max(args.cases // len(GENERATORS), 1)
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    started = time.monotonic()
    for label, strategy in GENERATORS.items():
        count = collections.Counter()

        @settings(
            max_examples=per,
            deadline=None,
            database=None,
            derandomize=args.seed is None,
            phases=[Phase.generate],  # no shrinking: report and go on
            suppress_health_check=list(HealthCheck),
        )
        @given(text=strategy, data=st.data())
        def run(text: str, data: st.DataObject) -> None:
            count["cases"] += 1  # noqa: B023 - run() is called in this iteration
            try:
                rs = check_text(text, data)
            except Exception:
                failures.append(f"[{label}] {text[:300]!r}\n{traceback.format_exc(limit=6)}")  # noqa: B023 - run() is called in this iteration
                return
            if rs is None:
                try:
                    parrules.loads(text)
                except parrules.RulesetError as error:
                    outcomes[error.first.code] += 1
            else:
                outcomes["loaded"] += 1

        if args.seed is not None:
            run = seed(args.seed)(run)
        run()
        print(f"{label:9} {count['cases']:>8} cases", flush=True)
    elapsed = time.monotonic() - started
    total = sum(outcomes.values())
    print(f"total {total} cases in {elapsed:.0f} s; property failures: {len(failures)}")
    print("outcomes: " + ", ".join(f"{code} {n}" for code, n in outcomes.most_common()))
    for failure in failures[:5]:
        print("-" * 72)
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
