"""The same ruleset and data give the same output, byte for byte.

* ``parrules score`` run twice in fresh processes (different PYTHONHASHSEED) for
  every --format: the same stdout and stderr bytes for table, csv, json, md, html;
  the same bytes for a file written with -o, xlsx included (report.save_workbook
  fixes the times openpyxl would stamp), and the workbook's cells read back equal.
* the in-process evaluator and the standalone module (rs.to_source() exec'd in a
  fresh namespace) give the same score tuples, digit for digit, for every unit
  of the fuzzed 10,000-row batch of test_batch_fuzz.py, and reject the same units
  with the same code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import parrules
from parrules import io as data_io

from .test_batch_fuzz import SMALL, Batch, fuzzed_batch, fuzzed_run, small_rs  # noqa: F401 - fixtures

FORMATS = ["table", "csv", "json", "md", "xlsx", "html"]
SLICE = 600  # rows of the fuzzed batch given to the subprocesses (valid and rejected ones)


@pytest.fixture(scope="module")
def slice_csv(fuzzed_batch: Batch, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811 - the fixture
    lines = fuzzed_batch.path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path = tmp_path_factory.mktemp("slice") / "slice.csv"
    path.write_text("".join(lines[: SLICE + 1]), encoding="utf-8")
    return path


def score(args: list[str], seed: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-m", "parrules.cli", "score", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def outputs(slice_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, int], Any]:
    """Every format, printed and written with -o, twice each; the processes run side by side."""
    root = tmp_path_factory.mktemp("runs")
    procs = {}
    for fmt in FORMATS:
        for run in (1, 2):
            cwd = root / f"{fmt}-{run}"
            cwd.mkdir()
            seed = str(run * 7919)
            target = f"out.{'txt' if fmt in ('table', 'md') else fmt}"
            procs[(fmt, "file", run)] = (
                score([str(SMALL), str(slice_csv), "--format", fmt, "-o", target], seed, cwd),
                cwd / target,
            )
            if fmt != "xlsx":
                procs[(fmt, "stdout", run)] = (score([str(SMALL), str(slice_csv), "--format", fmt], seed, cwd), None)
    results = {}
    for key, (proc, target) in procs.items():
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, err.decode()  # the slice holds rejected rows
        results[key] = (out, err, target)
    return results


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "xlsx"])
def test_printed_output_is_byte_identical_across_runs(outputs, fmt: str) -> None:
    out1, err1, _ = outputs[(fmt, "stdout", 1)]
    out2, err2, _ = outputs[(fmt, "stdout", 2)]
    assert out1 == out2 and err1 == err2
    assert out1.count(b"\n") > 100  # the slice's scored units are all there
    assert err1.decode().rstrip().splitlines()[-1].startswith(f"rows read {SLICE} = scored ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_file_is_byte_identical_across_runs(outputs, fmt: str) -> None:
    _, err1, path1 = outputs[(fmt, "file", 1)]
    _, err2, path2 = outputs[(fmt, "file", 2)]
    assert path1.read_bytes() == path2.read_bytes()
    assert err1.replace(str(path1.parent).encode(), b"") == err2.replace(str(path2.parent).encode(), b"")


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
    standalone = namespace["evaluate"]
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
