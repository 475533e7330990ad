"""Mutation testing of the core with mutmut: run it, then print the score per module.

    pip install -e ".[test,mutation]"
    python benchmarks/mutation.py                 # every core module, 2 workers
    python benchmarks/mutation.py runtime aggregate --jobs 1
    python benchmarks/mutation.py --report-only   # the table of the last run
    python benchmarks/mutation.py check --mutants NAME...  # rerun some mutants, check's selection

The core is runtime, compile, check, evaluate, aggregate, and the number parser of io
(only io's ``parse_number`` and ``convert_cell`` are run and counted).  What is mutated,
the tests run against each mutant and what is left alone are configured in
pyproject.toml ``[tool.mutmut]``; mutmut copies the tree into ``mutants/`` (git-ignored)
and runs, for each mutant, only the tests that executed its function (it records that
once, in ``mutants/mutmut-stats.json``).  A second run reuses the results of mutants
whose function has not changed.  docs/mutation.md records the score and every survivor.

Not run in CI: on a busy 2-core machine the whole run takes tens of minutes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict

MODULES = ("runtime", "compile", "check", "evaluate", "aggregate", "io")
# io.py is mostly the table readers; only its number parser is core
IO_FUNCTIONS = ("x_parse_number", "x_convert_cell")
# A module run alone may use a narrower test selection than pyproject.toml's: every test that
# loads a ruleset runs the checker, so with the full selection each check.py mutant runs
# hundreds of tests (~0.4 mutants/s, hours).  The checker's diagnostics and the values it
# lets through are pinned by these files.  mutmut resets every cached result when the test
# selection changes, so a narrowed module is run on its own (the other modules' results from
# an earlier run are discarded).
FAST_SELECTION = {
    "check": [
        "tests/test_checker.py",
        "tests/test_checker_mutants.py",
        "tests/test_checker_wording.py",
        "tests/test_language.py",
        "tests/test_parse_errors.py",
        "tests/test_rounding.py",
        "tests/test_core_values.py",
        "tests/test_golden_bac_kan.py",
        "tests/test_golden_lai_chau.py",
        "tests/test_golden_national_2022.py",
    ],
}
# mutmut 3 reads [tool.mutmut] itself; the narrowed run patches the loaded configuration and
# calls its command line in the same process (mutates only the module's file, too).
_NARROWED_RUN = """
import sys
from mutmut.__main__ import cli
from mutmut.configuration import config

config().only_mutate = [sys.argv[1]]
config().pytest_add_cli_args_test_selection = sys.argv[2].split("\\n")
cli(sys.argv[3:])
"""


def patterns(module: str) -> list[str]:
    """mutmut's mutant-name globs for one module."""
    if module == "io":
        return [f"parrules.io.{function}__mutmut_*" for function in IO_FUNCTIONS]
    return [f"parrules.{module}.*"]


def in_scope(name: str) -> str | None:
    """The core module a mutant belongs to, or None when it is outside the measured core."""
    parts = name.split(".")
    if len(parts) < 3 or parts[0] != "parrules" or parts[1] not in MODULES:
        return None
    if parts[1] == "io" and not parts[2].startswith(IO_FUNCTIONS):
        return None
    return parts[1]


def results() -> dict[str, Counter[str]]:
    """Per module, how many mutants ended in each state (killed, survived, ...)."""
    out = subprocess.run(["mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for line in out.splitlines():
        match = re.match(r"\s*(\S+): (.+)$", line)
        if match is None:
            continue
        module = in_scope(match[1])
        if module is not None:
            table[module][match[2].strip()] += 1
    return table


def survivors() -> list[str]:
    out = subprocess.run(["mutmut", "results"], capture_output=True, text=True, check=True).stdout
    return [m[1] for line in out.splitlines() if (m := re.match(r"\s*(\S+): survived$", line)) and in_scope(m[1])]


def report() -> str:
    """The score table in Markdown (as docs/mutation.md shows it)."""
    table = results()
    rows = [
        "| module | mutants | killed | survived | no tests | not run | killed % of run |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for module in MODULES:
        counts = table.get(module, Counter())
        total.update(counts)
        rows.append(_row(module if module != "io" else "io (parse_number, convert_cell)", counts))
    rows.append(_row("**core**", total))
    return "\n".join(rows)


def _row(label: str, counts: Counter[str]) -> str:
    mutants = sum(counts.values())
    killed = counts["killed"] + counts["timeout"]  # a mutant that hangs the tests is caught
    survived = counts["survived"]
    no_tests = counts["no tests"]
    not_run = counts["not checked"]
    run = mutants - not_run
    share = f"{100 * killed / run:.1f}" if run else "-"
    return f"| {label} | {mutants} | {killed} | {survived} | {no_tests} | {not_run} | {share} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"some of {', '.join(MODULES)} (default all)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--report-only", action="store_true", help="print the table of the last run")
    parser.add_argument(
        "--full-selection", action="store_true", help="run a module alone with pyproject.toml's test selection"
    )
    parser.add_argument(
        "--mutants", nargs="+", metavar="NAME", help="rerun only these mutants (names from mutmut results)"
    )
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"not a core module: {', '.join(unknown)} (choose from {', '.join(MODULES)})")
    if not args.report_only:
        names = args.mutants or [p for module in args.modules or MODULES for p in patterns(module)]
        run = ["run", "--max-children", str(args.jobs), *names]
        start = time.monotonic()
        if len(args.modules) == 1 and args.modules[0] in FAST_SELECTION and not args.full_selection:
            module = args.modules[0]
            selection = "\n".join(FAST_SELECTION[module])
            command = [sys.executable, "-c", _NARROWED_RUN, f"src/parrules/{module}.py", selection, *run]
        else:
            command = ["mutmut", *run]
        subprocess.run(command, check=False)
        print(f"\nmutmut ran {time.monotonic() - start:.0f} s", file=sys.stderr)
    print(report())
    left = survivors()
    if left:
        print(f"\n{len(left)} survivors (mutmut show NAME for the diff):")
        print("\n".join(left))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
