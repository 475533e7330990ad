"""The same ruleset and data give the same output, byte for byte.

* ``parrules score`` in two fresh processes with different PYTHONHASHSEED, for every
  --format: the same stdout and stderr bytes for table, csv, json, md, html; the same
  bytes for a file written with -o, xlsx included (workbook.save_workbook fixes the times
  openpyxl would stamp), and the workbook's cells read back equal.
* the in-process evaluator and the standalone module (rs.to_source() exec'd in a
  fresh namespace) give the same score tuples, digit for digit, for every unit
  of the fuzzed 10,000-row batch of test_batch_fuzz.py, and reject the same units
  with the same code.

What can differ between runs is what a process draws at start (the hash seed, hence the
order of sets and of str-keyed dicts) and the clock.  So each hash seed gets ONE process,
which runs every format through the command's own ``main`` one after the other, and the
two processes run one after the other: 2 processes instead of 22 at once, and no
timeout, so a busy machine makes the test slower, never red (issue 8, class 9).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, settings

import parrules
from parrules import io as data_io

from .seed_units import assert_seed_values
from .test_batch_fuzz import SMALL, Batch, fuzzed_batch, fuzzed_run, small_rs  # noqa: F401 - fixtures

FORMATS = ["table", "csv", "json", "md", "xlsx", "html"]
# Printed as well as written: html prints the very page it writes (the slowest output: charts),
# and xlsx is never printed, so those two are written only; test_printed_equals_written ties
# the printed text of the others to their files.
PRINTED = ["table", "csv", "json", "md"]
SLICE = 600  # rows of the fuzzed batch given to the subprocesses (valid and rejected ones)
SEEDS = ("7919", "15838")  # PYTHONHASHSEED of the two runs

# Run in a fresh process per hash seed: `parrules score` for every format, printed (stdout
# and stderr captured to files as bytes the terminal would get) and written with -o.
DRIVER = """
import contextlib, json, sys
from parrules.cli import main

ruleset, data, formats, printed = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4].split(",")
codes = {}
for fmt in formats:
    target = f"out-{fmt}." + ("txt" if fmt in ("table", "md") else fmt)
    runs = [("file", ["-o", target])] + ([("stdout", [])] if fmt in printed else [])
    for how, extra in runs:
        with open(f"{fmt}-{how}.out", "w", encoding="utf-8", newline="") as out, \\
                open(f"{fmt}-{how}.err", "w", encoding="utf-8", newline="") as err, \\
                contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            codes[f"{fmt}-{how}"] = main(["score", ruleset, data, "--format", fmt, *extra])
with open("codes.json", "w", encoding="utf-8") as fh:
    json.dump(codes, fh)
"""


@pytest.fixture(scope="module")
def slice_csv(fuzzed_batch: Batch, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811 - the fixture
    lines = fuzzed_batch.path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path = tmp_path_factory.mktemp("slice") / "slice.csv"
    path.write_text("".join(lines[: SLICE + 1]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outputs(slice_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, int], Any]:
    """Every format, printed and written with -o, once per hash seed; one process at a time."""
    root = tmp_path_factory.mktemp("runs")
    results: dict[tuple[str, str, int], Any] = {}
    for run, seed in enumerate(SEEDS, start=1):
        cwd = root / f"run-{run}"
        cwd.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [sys.executable, "-c", DRIVER, str(SMALL), str(slice_csv), ",".join(FORMATS), ",".join(PRINTED)]
        proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, check=False)  # no timeout: see above
        assert proc.returncode == 0, proc.stderr.decode()
        codes = json.loads((cwd / "codes.json").read_text(encoding="utf-8"))
        for fmt in FORMATS:
            for how in ("file", "stdout") if fmt in PRINTED else ("file",):
                assert codes[f"{fmt}-{how}"] == 1, (fmt, how)  # the slice holds rejected rows
                out = (cwd / f"{fmt}-{how}.out").read_bytes()
                err = (cwd / f"{fmt}-{how}.err").read_bytes()
                target = cwd / f"out-{fmt}.{'txt' if fmt in ('table', 'md') else fmt}" if how == "file" else None
                results[(fmt, how, run)] = (out, err, target)
    return results


@pytest.mark.parametrize("fmt", PRINTED)
def test_printed_output_is_byte_identical_across_runs(outputs, fmt: str) -> None:
    out1, err1, _ = outputs[(fmt, "stdout", 1)]
    out2, err2, _ = outputs[(fmt, "stdout", 2)]
    assert out1 == out2 and err1 == err2
    assert out1.count(b"\n") > 100  # the slice's scored units are all there
    assert err1.decode().rstrip().splitlines()[-1].startswith(f"đọc {SLICE} dòng = ")  # Vietnamese by default


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_file_is_byte_identical_across_runs(outputs, fmt: str) -> None:
    _, err1, path1 = outputs[(fmt, "file", 1)]
    _, err2, path2 = outputs[(fmt, "file", 2)]
    assert path1.read_bytes() == path2.read_bytes()
    assert err1.replace(str(path1.parent).encode(), b"") == err2.replace(str(path2.parent).encode(), b"")


@pytest.mark.parametrize("fmt", PRINTED)
def test_printed_equals_written(outputs, fmt: str) -> None:
    """What score prints is what it writes with -o (a CSV file starts with a BOM for Excel)."""
    printed, _, _ = outputs[(fmt, "stdout", 1)]
    _, _, path = outputs[(fmt, "file", 1)]
    assert path.read_bytes() == (b"\xef\xbb\xbf" if fmt == "csv" else b"") + printed


def test_xlsx_cells_are_the_same(outputs) -> None:
    """Beyond identical bytes (tested with the other formats), the workbook reads back the same."""
    _, _, path1 = outputs[("xlsx", "file", 1)]
    _, _, path2 = outputs[("xlsx", "file", 2)]
    cells = []
    for path in (path1, path2):
        wb = openpyxl.load_workbook(path, read_only=True)
        cells.append([list(row) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)])
        wb.close()
    assert cells[0] == cells[1] and len(cells[0]) > 100


def test_standalone_module_agrees_on_every_unit_of_the_batch(
    fuzzed_run: data_io.ScoreRun,  # noqa: F811 - the fixture
    small_rs: parrules.Ruleset,  # noqa: F811
) -> None:
    namespace: dict[str, Any] = {}
    exec(compile(small_rs.to_source(), "<standalone small.par>", "exec"), namespace)
    standalone = namespace["evaluate_scores"]
    problem = namespace["InputProblem"]
    scored = {fuzzed_run.rows[id(c)]: c for c in fuzzed_run.cards}
    compared = refused = 0
    for unit in fuzzed_run.data.units:  # every row that was read; some fail at evaluation
        card = scored.get(unit.row)
        if card is None:
            with pytest.raises(problem) as caught:
                standalone(dict(unit.inputs))
            (rejected,) = [r for r in fuzzed_run.rejected if r.row == unit.row]
            assert caught.value.code == rejected.errors[0].code
            refused += 1
            continue
        in_process = small_rs.compiled.evaluate(dict(unit.inputs))
        alone = standalone(dict(unit.inputs))
        assert alone == in_process == (card.scores, card.applicable_maxima)
        assert [str(x) for x in alone[0]] == [str(x) for x in card.scores]  # same digits, not only equal
        assert [str(x) for x in alone[1]] == [str(x) for x in card.applicable_maxima]
        compared += 1
    assert compared == len(fuzzed_run.cards) > 5000
    assert refused == len(fuzzed_run.data.units) - len(fuzzed_run.cards) > 0
    # both could share a bug (one generator): each also scores small.par's hand-derived unit
    assert_seed_values(small_rs, "small", standalone, "standalone")
    assert_seed_values(small_rs, "small", small_rs.compiled.evaluate, "in-process")


# a timeout argument but None (no timeout: what a test of the HTTP service gives its client), the time
# or a performance counter read, a sleep, a hypothesis deadline but None (spelt so that this line does
# not match itself)
_CLOCK = re.compile(r"\btimeout\s*=(?!\s*None\b)|\btime\.time\(|perf_count(?:er)|\bmonotonic\(|\bsleep\(|deadline\s*=\s*(?!None)")


def test_no_test_waits_on_the_clock() -> None:
    """The suite must pass on a busy 2-core machine: no test may time itself or a subprocess,
    and hypothesis's deadline and too_slow health check are off for every test (conftest.py)."""
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(Path(__file__).parent.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _CLOCK.search(line)
    ]
    assert offenders == []
