"""Mutation testing of the core with mutmut: run it, then print the score per module.

    pip install -e ".[test,mutation]"
    python benchmarks/mutation.py                 # every core module, 2 workers
    python benchmarks/mutation.py runtime aggregate --jobs 1
    python benchmarks/mutation.py --report-only   # the table of the last run
    python benchmarks/mutation.py --mutants NAME...   # rerun some mutants, each under its module's selection
    python benchmarks/mutation.py io --survivors  # rerun only io's survivors (after new tests)

The core is runtime, compile, check, evaluate, aggregate, and the number parser of io
(only io's ``parse_number`` and ``convert_cell`` are mutated).  What is left alone (the
wording of diagnostics) and the broad test selection are configured in pyproject.toml
``[tool.mutmut]``; mutmut runs, for each mutant, only the tests of the selection that
executed its function.

Each module is run in its own work directory, ``mutants/<module>/`` (git-ignored): a copy
of the project in which mutmut keeps its own ``mutants/`` tree and results.  There the
module is the only file mutated and its tests are ``FAST_SELECTION[module]``, the files
that pin that module's values: mutmut resets every cached result when the test selection
changes, so with one shared ``mutants/`` the per-module selections would discard each
other's results.  ``--report-only`` reads the results of every work directory.
``cd mutants/<module> && mutmut show NAME`` shows the diff of one mutant.

Not run in CI: the whole run takes about 32 minutes on an idle 2-core machine (docs/mutation.md).
Run it from a clone with its own virtualenv: a test that runs the installed package sees
whatever source that virtualenv points at.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "mutants"
MODULES = ("runtime", "compile", "check", "evaluate", "aggregate", "io")
# io.py is mostly the table readers; only its number parser is core
IO_FUNCTIONS = ("parse_number", "convert_cell")
# decorators that only wrap a call: the functions they decorate are mutated (mutmut leaves
# every other decorated function alone)
TRANSPARENT_DECORATORS = frozenset({"in_library_context", "property"})
# what a work directory holds: what mutmut reads from the project root (pyproject.toml's
# source_paths and also_copy, and the tests)
COPIED = ("pyproject.toml", "README.md", "src", "tests", "grammar", "rulesets", "examples", "docs", "benchmarks")
# The tests each module's mutants run against.  pyproject.toml's broad selection makes every
# mutant of a function that each evaluation runs (rounding, the checker, the compiler) run
# hundreds of tests (~0.4 mutants/s, hours); these files pin each module's values.  A mutant
# only a test outside its module's selection would kill counts as surviving: the score is a
# lower bound.
_VALUES = [
    "tests/test_rounding.py",
    "tests/test_core_values.py",
    "tests/test_evaluate.py",
    "tests/test_golden_bac_kan.py",
    "tests/test_golden_lai_chau.py",
    "tests/test_golden_national_2022.py",
    "tests/test_determinism.py",
]
# test_properties without the slow hypothesis properties (the monotone one draws 60
# examples per node, the traced one evaluates every ruleset twice per example)
_PROPERTIES = [
    "tests/test_properties.py",
    "--deselect=tests/test_properties.py::test_monotone_nodes",
    "--deselect=tests/test_properties.py::test_deterministic_and_traced_agrees",
]
FAST_SELECTION: dict[str, list[str]] = {
    "runtime": [*_VALUES, "tests/test_context.py", "tests/test_data_validation.py", *_PROPERTIES],
    # not test_determinism: it caches its loaded rulesets, so a compile mutant never runs in it
    "compile": [*_VALUES[:-1], "tests/test_language.py", "tests/test_checked_inputs.py"],
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
    "evaluate": [*_VALUES, "tests/test_data_validation.py", "tests/test_context.py", "tests/test_checked_inputs.py"],
    "aggregate": [*_VALUES, "tests/test_aggregate.py", "tests/test_context.py"],
    "io": ["tests/test_io.py", "tests/test_core_values.py", "tests/test_data_validation.py"],
}


def prepare(module: str) -> Path:
    """The module's work directory, its copy of the project refreshed from the worktree."""
    work = WORK / module
    work.mkdir(parents=True, exist_ok=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".hypothesis")
    for name in COPIED:
        source, target = ROOT / name, work / name
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            # copy2 keeps the modification times: mutmut regenerates a file's mutants (and
            # forgets their results) only when the source is newer than its mutated copy
            shutil.copytree(source, target, ignore=skip)
        else:
            shutil.copy2(source, target)
    return work


def mutmut(module: str, *args: str, full_selection: bool = False, capture: bool = False) -> str:
    """Run mutmut's command line on one module, in the module's work directory."""
    command = [sys.executable, str(Path(__file__).resolve()), "_mutmut", module, str(int(full_selection)), *args]
    done = subprocess.run(command, cwd=WORK / module, capture_output=capture, text=True, check=capture)
    return done.stdout if capture else ""


def _mutmut_in_process(module: str, full_selection: bool, args: list[str]) -> None:
    """mutmut's command line with its configuration narrowed to one module.

    mutmut 3 reads ``[tool.mutmut]`` itself and has no option for a per-run test selection
    or for mutating some functions of a file, so the loaded configuration is patched here,
    in mutmut's own process (the mutant generator's worker processes are forked from it).
    """
    from mutmut.__main__ import cli
    from mutmut.configuration import config

    cfg = config()
    cfg.only_mutate = [f"src/parrules/{module}.py"]
    if not full_selection:
        cfg.pytest_add_cli_args_test_selection = list(FAST_SELECTION[module])
    _mutate_decorated(TRANSPARENT_DECORATORS)
    if module == "io":
        _mutate_only_functions(IO_FUNCTIONS)
    cli(args)


def _mutate_decorated(transparent: frozenset[str]) -> None:
    """Let mutmut mutate functions and methods decorated only with ``transparent`` decorators.

    mutmut skips every decorated function but a static or class method, and the core's
    entry points are decorated with ``@in_library_context`` (some also ``@property``): left
    so, aggregate's and most of evaluate's and io's parser functions would not be mutated at
    all.  These decorators only wrap the call, so the function is mutated like an undecorated
    one, its copies (original and mutants) are written undecorated, and the decorators are
    put back on the trampoline that dispatches to them: ``@property @in_library_context
    @_mutmut_mutated(...) def total(self)`` calls the active copy inside the library context.
    """
    import libcst as cst
    import mutmut.mutation.file_mutation as file_mutation
    from libcst.metadata import PositionProvider

    def plain(node: Any) -> bool:
        return (
            isinstance(node, cst.FunctionDef)
            and bool(node.decorators)
            and all(isinstance(d.decorator, cst.Name) and d.decorator.value in transparent for d in node.decorators)
        )

    skip = file_mutation.MutationVisitor._skip_node_and_children

    def skip_node_and_children(self: Any, node: Any) -> bool:
        if plain(node):  # as mutmut decides for an undecorated function
            position = self.get_metadata(PositionProvider, node, None)
            if position and position.start.line in self._ignored_node_lines:
                self.ignored_functions.add(node.name.value)
                return True
            return node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
        return bool(skip(self, node))

    arrange = file_mutation.function_trampoline_arrangement

    def function_trampoline_arrangement(function: Any, mutants: Any, class_name: str | None) -> Any:
        if not plain(function):
            return arrange(function, mutants, class_name)
        declarations, nodes, assignments, names = arrange(function.with_changes(decorators=[]), mutants, class_name)
        trampoline = nodes[0].with_changes(decorators=[*function.decorators, *nodes[0].decorators])
        return declarations, [trampoline, *nodes[1:]], assignments, names

    file_mutation.MutationVisitor._skip_node_and_children = skip_node_and_children  # type: ignore[method-assign]
    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


def _mutate_only_functions(functions: tuple[str, ...]) -> None:
    """Make mutmut keep only the mutations inside the named top-level functions.

    mutmut lists a file's mutations with the function holding each, then writes a function
    with its mutants and a trampoline only where a mutation is left; the others are copied
    as they are.  Filtering that list here spares writing pragmas into io.py.
    """
    import mutmut.mutation.file_mutation as file_mutation

    original = file_mutation.create_mutations

    def create_mutations(*args: Any, **kwargs: Any) -> Any:
        module, mutations, ignored_classes, ignored_functions = original(*args, **kwargs)
        kept = [
            m
            for m in mutations
            if getattr(m.contained_by_top_level_function, "name", None) is not None
            and m.contained_by_top_level_function.name.value in functions
        ]
        return module, kept, ignored_classes, ignored_functions

    file_mutation.create_mutations = create_mutations


def in_scope(name: str) -> str | None:
    """The core module a mutant belongs to, or None when it is outside the measured core."""
    parts = name.split(".")
    if len(parts) < 3 or parts[0] != "parrules" or parts[1] not in MODULES:
        return None
    if parts[1] == "io" and not parts[2].startswith(tuple(f"x_{f}__mutmut_" for f in IO_FUNCTIONS)):
        return None
    return parts[1]


def states(module: str) -> dict[str, str]:
    """Every mutant of one module's last run and its state (killed, survived, ...)."""
    if not (WORK / module / "mutants").is_dir():
        return {}
    out = mutmut(module, "results", "--all", "true", capture=True)
    found = (re.match(r"\s*(\S+): (.+)$", line) for line in out.splitlines())
    return {m[1]: m[2].strip() for m in found if m and in_scope(m[1]) == module}


def report(results: dict[str, dict[str, str]]) -> str:
    """The score table in Markdown (as docs/mutation.md shows it)."""
    rows = [
        "| module | mutants | killed | survived | no tests | not run | killed % of run |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for module in MODULES:
        counts = Counter(results.get(module, {}).values())
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
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_mutmut"]:  # internal: mutmut itself, inside a work directory
        _mutmut_in_process(argv[1], argv[2] == "1", argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"some of {', '.join(MODULES)} (default all)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--report-only", action="store_true", help="print the table of the last run")
    parser.add_argument(
        "--survivors", action="store_true", help="rerun only the survivors (and no-test mutants) of the last run"
    )
    parser.add_argument(
        "--full-selection", action="store_true", help="run with pyproject.toml's broad test selection instead"
    )
    parser.add_argument(
        "--mutants", nargs="+", metavar="NAME", help="rerun only these mutants (names from mutmut results)"
    )
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"not a core module: {', '.join(unknown)} (choose from {', '.join(MODULES)})")
    if not args.report_only:
        for module in args.modules or MODULES:
            if args.mutants:  # rerun chosen mutants, under the module's own selection
                names = [name for name in args.mutants if name.startswith(f"parrules.{module}.")]
                if not names:
                    continue
            elif args.survivors:
                names = [name for name, state in states(module).items() if state in ("survived", "no tests")]
                if not names:
                    continue
            else:
                names = [f"parrules.{module}.*"]  # named: every mutant is run again, none reused
            prepare(module)
            start, load = time.monotonic(), _load()
            mutmut(module, "run", "--max-children", str(args.jobs), *names, full_selection=args.full_selection)
            print(f"\n{module}: mutmut ran {time.monotonic() - start:.0f} s, load {load} -> {_load()}", file=sys.stderr)
    results = {module: states(module) for module in MODULES}
    print(report(results))
    left = sorted(name for found in results.values() for name, state in found.items() if state == "survived")
    if left:
        print(f"\n{len(left)} survivors (cd mutants/MODULE && mutmut show NAME for the diff):")
        print("\n".join(left))
    return 0


def _load() -> str:
    """The machine's load average over the last minute (other work slows a run down)."""
    try:
        return f"{Path('/proc/loadavg').read_text().split()[0]}"
    except OSError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
