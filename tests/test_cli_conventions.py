"""Command-line conventions (issue 10, point 6), each run through the real command line.

``-`` for standard input and output, ``python -m parrules``, examples in every ``--help``
that are themselves valid command lines, shell completion that completes, the exit status
of docs/cli.md's table for every command, long lines wrapped to the terminal with tables
kept whole, and JSON that never writes a decimal as a float.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from parrules.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, UsageError, build_parser, main
from parrules.cli_help import subparsers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ha-giang-2022.csv"
PUBLISHED = ROOT / "tests" / "data" / "ha_giang_2022_published.csv"
SMALL = ROOT / "tests" / "data" / "small.par"
UNIT = "Tỉnh Hà Giang"


def _cli(*args: str, stdin: bytes = b"", cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """``python -m parrules ARGS`` in a child process: bytes out, text err, the exit status."""
    full = {**os.environ, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "parrules", *args], input=stdin, capture_output=True, cwd=cwd, env=full, check=False
    )
    return done.returncode, done.stdout, done.stderr.decode("utf-8")


# ---------------------------------------------------------------- python -m parrules, - for stdin and stdout


def test_python_m_parrules_is_the_command_line() -> None:
    code, out, _ = _cli("--version")
    assert code == 0 and out.decode().startswith("parrules ")
    code, out, _ = _cli("list")
    assert code == 0 and b"national-2022" in out


def test_data_from_stdin_scores_like_the_file(tmp_path: Path) -> None:
    """Hà Giang 2022 (seed 004), read from the file or from stdin alike: the same table."""
    code, from_file, _ = _cli("score", "national-2022", str(EXAMPLE), "--format", "csv")
    assert code == 0
    code, from_stdin, err = _cli("score", "national-2022", "-", "--format", "csv", stdin=EXAMPLE.read_bytes())
    assert code == 0, err
    assert from_stdin == from_file and b'"84,4094"' in from_stdin
    assert "đọc 1 dòng = 1 dòng được chấm điểm + 0 dòng bị loại" in err


def test_json_and_xlsx_data_from_stdin_are_told_apart_by_their_bytes(tmp_path: Path) -> None:
    assert main(["template", "national-2022", "-o", str(tmp_path / "t.xlsx")]) == 0
    code, _, err = _cli("score", "national-2022", "-", "--lang", "en", stdin=(tmp_path / "t.xlsx").read_bytes())
    assert code == 0 and "rows read 0" in err  # an empty workbook, read as a workbook
    import csv

    with EXAMPLE.open(encoding="utf-8") as fh:
        records = list(csv.DictReader(fh))  # the example as JSON records of text cells
    code, out, err = _cli("score", "national-2022", "-", "--format", "csv", stdin=json.dumps(records).encode())
    assert code == 0 and b'"84,4094"' in out, err  # read as JSON: seed 004's total


def test_explain_reads_stdin(tmp_path: Path) -> None:
    code, out, err = _cli(
        "explain", "national-2022", "-", "--unit", UNIT, "--node", "7.3.6", stdin=EXAMPLE.read_bytes()
    )
    assert code == 0, err
    assert "0,6362 trên 1,5" in out.decode()  # 7.3.6: 0,6362 of 1,50 (004:398)


@pytest.mark.parametrize(
    "argv, starts",
    [
        (["score", "national-2022", str(EXAMPLE), "--format", "csv", "-o", "-"], b"X"),
        (["score", "national-2022", str(EXAMPLE), "--format", "json", "-o", "-"], b"["),
        (["score", "national-2022", str(EXAMPLE), "--format", "xlsx", "-o", "-"], b"PK"),
        (["report", "national-2022", str(EXAMPLE), "-o", "-", "--date", "2024-03-01"], b"<!DOCTYPE html>"),
        (["template", "national-2022", "-o", "-"], "Đơn vị,".encode()),
        (["compile", "national-2022", "-o", "-"], b"# -*- coding: utf-8 -*-"),
        (["schema", "national-2022", "-o", "-"], b"{"),
    ],
    ids=["score-csv", "score-json", "score-xlsx", "report", "template", "compile", "schema"],
)
def test_dash_output_is_stdout_not_a_file(argv: list[str], starts: bytes, tmp_path: Path, capsysbinary, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    captured = capsysbinary.readouterr()
    out, err = captured.out, captured.err.decode("utf-8")
    assert code == 0, err
    assert out.startswith(starts) or (starts == b"X" and out.startswith("Xếp hạng".encode()))
    assert not (tmp_path / "-").exists()
    assert "đã ghi" not in err  # nothing was written to a file


# ---------------------------------------------------------------- --help: examples that run


def _example_lines(text: str) -> list[list[str]]:
    """The example command lines of a help's foot: ``# note`` lines skipped, `` \\`` continuations joined."""
    lines = []
    for line in text.replace(" \\\n", " ").splitlines():
        line = line.strip()
        if (not line.startswith("parrules ") and " | parrules " not in line) or "COMMAND" in line:
            continue
        words = shlex.split(line.split(" > ")[0].split(" < ")[0].split(" | ")[-1])
        lines.append(words[1:])
    return lines


@pytest.mark.parametrize(("lang", "heading", "status"), [("vi", "ví dụ:", "mã thoát:"), ("en", "examples:", "exit status:")])
def test_every_help_has_examples_that_parse(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str, heading: str, status: str
) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # long example lines are continued with a backslash: joined back here
    parser = build_parser()
    commands = subparsers(parser).choices
    for name in commands:
        with pytest.raises(SystemExit) as stop:
            main([name, "--help", "--lang", lang])
        assert stop.value.code == 0
        text = capsys.readouterr().out
        assert f"\n{heading}\n" in text, f"parrules {name} --help has no examples"
        examples = _example_lines(text.split(f"\n{heading}\n", 1)[1])
        assert examples, name
        for words in examples:
            assert words[0] == name, (name, words)
            try:
                build_parser().parse_args(words)
            except UsageError as exc:  # pragma: no cover - the message says which
                pytest.fail(f"parrules {name} --help: the example {shlex.join(words)} does not parse: {exc}")
    with pytest.raises(SystemExit):
        main(["--help", "--lang", lang])
    top = capsys.readouterr().out
    assert heading in top and status in top
    assert len(_example_lines(top)) == 3  # list, score, explain (COMMAND --help is a pattern)
    for words in _example_lines(top):
        build_parser().parse_args(words)


# ---------------------------------------------------------------- completion


def test_bash_completion_completes_commands_and_options(tmp_path: Path) -> None:
    code, script, _ = _cli("completion", "bash")
    assert code == 0
    (tmp_path / "parrules.bash").write_bytes(script)

    def complete(*words: str) -> list[str]:
        line = " ".join(words)
        probe = (
            f"source {tmp_path / 'parrules.bash'}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
            f"COMP_LINE='{line}'; COMP_POINT={len(line)}; _shtab_parrules; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        )
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert sorted(complete("parrules", "sc")) == ["schema", "score"]
    assert sorted(complete("parrules", "comp")) == ["compare", "compile", "completion"]
    assert "--unit" in complete("parrules", "explain", "--u") and "--unit-column" in complete("parrules", "explain", "--u")
    assert complete("parrules", "score", "--la") == ["--lang"]


def test_zsh_completion_names_every_command() -> None:
    code, script, _ = _cli("completion", "zsh")
    assert code == 0 and script.startswith(b"#compdef parrules")
    text = script.decode()
    for name in subparsers(build_parser()).choices:
        assert re.search(rf"^\s+{name}:'", text, re.MULTILINE), name


# ---------------------------------------------------------------- exit status


def _exit_table() -> dict[str, tuple[str, str, str]]:
    """docs/cli.md's exit-status table: command -> (0, 1, 2)."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = text.split("## Exit status", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[1], cells[2], cells[3])
    return rows


def test_the_exit_table_lists_every_command() -> None:
    assert set(_exit_table()) == set(subparsers(build_parser()).choices)


def _rejected_row(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.csv"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("Tỉnh Hà Giang,", "Tỉnh Hà Giang,x", 1), encoding="utf-8")
    return bad


def _failing_case(tmp_path: Path) -> Path:
    cases = tmp_path / "c.toml"
    cases.write_text('[[case]]\nname = "x"\ntotal = 1\n[case.inputs]\n', encoding="utf-8")
    return cases


def _broken_ruleset(tmp_path: Path) -> Path:
    broken = tmp_path / "broken.par"
    broken.write_text(SMALL.read_text(encoding="utf-8") + "\ncriterion 9 max 1 \"x\" score nowhere\n", encoding="utf-8")
    return broken


def _unformatted(tmp_path: Path) -> Path:
    loose = tmp_path / "loose.par"
    loose.write_text(SMALL.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    return loose


def _unmatched(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text("Đơn vị,Tổng điểm\nSở A,\"90,10\"\n", encoding="utf-8")
    new.write_text("Đơn vị,Tổng điểm\nSở A,\"91,20\"\nSở B,\"80,00\"\n", encoding="utf-8")
    return old, new


# (command, status, argv builder): each status a command documents, produced for real
CASES = [
    ("list", 0, lambda t: ["list"]),
    ("check", 0, lambda t: ["check", str(SMALL)]),
    ("check", 1, lambda t: ["check", str(_broken_ruleset(t))]),
    ("check", 2, lambda t: ["check", str(t / "none.par")]),
    ("fmt", 0, lambda t: ["fmt", str(SMALL)]),
    ("fmt", 1, lambda t: ["fmt", "--check", str(_unformatted(t))]),
    ("fmt", 2, lambda t: ["fmt", str(t / "none.par")]),
    ("template", 0, lambda t: ["template", str(SMALL), "-o", str(t / "x.csv")]),
    ("template", 2, lambda t: ["template", str(SMALL), "-o", str(SMALL)]),
    ("compile", 0, lambda t: ["compile", str(SMALL), "-o", str(t / "m.py")]),
    ("compile", 2, lambda t: ["compile", "no-such-ruleset", "-o", str(t / "m.py")]),
    ("score", 0, lambda t: ["score", "national-2022", str(EXAMPLE)]),
    ("score", 1, lambda t: ["score", "national-2022", str(_rejected_row(t))]),
    ("score", 2, lambda t: ["score", "national-2022", str(t / "none.csv")]),
    ("explain", 0, lambda t: ["explain", "national-2022", str(EXAMPLE), "--unit", UNIT, "--node", "1"]),
    ("explain", 1, lambda t: ["explain", "national-2022", str(_rejected_row(t)), "--unit", UNIT]),
    ("explain", 2, lambda t: ["explain", "national-2022", str(EXAMPLE), "--unit", "Nowhere"]),
    ("diff", 0, lambda t: ["diff", "national-2022", "national-2022"]),
    ("diff", 1, lambda t: ["diff", "national-2021", "national-2022"]),
    ("diff", 2, lambda t: ["diff", "national-2022", "no-such-ruleset"]),
    ("compare", 0, lambda t: ["compare", str(_unmatched(t)[0]), str(_unmatched(t)[0])]),
    ("compare", 1, lambda t: ["compare", *map(str, _unmatched(t))]),
    ("compare", 2, lambda t: ["compare", str(t / "none.csv"), str(t / "none.csv")]),
    ("audit", 0, lambda t: ["audit", "national-2022", str(_agreeing(t)), "--data", str(EXAMPLE)]),
    ("audit", 1, lambda t: ["audit", "national-2022", str(PUBLISHED), "--data", str(EXAMPLE)]),
    ("audit", 2, lambda t: ["audit", "national-2022", str(t / "none.csv"), "--data", str(EXAMPLE)]),
    ("report", 0, lambda t: ["report", "national-2022", str(EXAMPLE), "-o", str(t / "r.html")]),
    ("report", 1, lambda t: ["report", "national-2022", str(_rejected_row(t)), "-o", str(t / "r.html")]),
    ("report", 2, lambda t: ["report", "national-2022", str(EXAMPLE), "-o", str(EXAMPLE)]),
    ("test", 0, lambda t: ["test", "national-2022"]),
    ("test", 1, lambda t: ["test", "national-2022", str(_failing_case(t))]),
    ("test", 2, lambda t: ["test", str(SMALL)]),
    ("schema", 0, lambda t: ["schema", str(SMALL), "--part", "input"]),
    ("schema", 2, lambda t: ["schema", "no-such-ruleset"]),
    ("serve", 2, lambda t: ["serve", "--static", str(t / "no-such-folder")]),
    ("whatif", 0, lambda t: ["whatif", "national-2022", str(EXAMPLE), "--unit", UNIT, "--set", "online_full_rate=60"]),
    ("whatif", 1, lambda t: ["whatif", "national-2022", str(EXAMPLE), "--unit", UNIT, "--set", "online_full_rate=160"]),
    ("whatif", 2, lambda t: ["whatif", "national-2022", str(EXAMPLE), "--unit", UNIT, "--set", "online_full_rate"]),
    ("plan", 0, lambda t: ["plan", "national-2022", str(EXAMPLE), "--unit", UNIT, "--gain", "0.5"]),
    ("plan", 1, lambda t: ["plan", "national-2022", str(EXAMPLE), "--unit", UNIT, "--total", "100"]),
    ("plan", 2, lambda t: ["plan", "national-2022", str(EXAMPLE), "--unit", UNIT, "--target", "Nhóm Z"]),
    ("appendix", 0, lambda t: ["appendix", str(SMALL), "-o", str(t / "phu-luc.md")]),
    ("appendix", 2, lambda t: ["appendix", str(SMALL), "-o", str(t / "phu-luc.txt")]),
    ("completion", 0, lambda t: ["completion", "bash"]),
    ("completion", 2, lambda t: ["completion", "fish"]),
    ("lsp", 2, lambda t: ["lsp", "--no-such-option"]),
]


def _agreeing(tmp_path: Path) -> Path:
    """The published cells that agree with the computation (seed 004, without the 8 that differ)."""
    differ = {("1.3.2"), ("3"), ("3.4"), ("3.4.1"), ("5"), ("6"), ("6.1"), ("total")}
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split(",")[1] not in differ]
    agreeing = tmp_path / "agreeing.csv"
    agreeing.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return agreeing


@pytest.mark.parametrize("command, status, argv", CASES, ids=[f"{c}-{s}" for c, s, _ in CASES])
def test_exit_status_is_the_documented_one(command: str, status: int, argv, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    documented = _exit_table()[command][status]
    assert documented not in ("", "—", "-"), f"docs/cli.md gives {command} no meaning for exit {status}"
    monkeypatch.chdir(tmp_path)
    assert main(argv(tmp_path)) == status, capsys.readouterr()
    assert "Traceback" not in capsys.readouterr().err


def test_every_status_a_command_documents_is_tested() -> None:
    tested = {(c, s) for c, s, _ in CASES}
    for command, meanings in _exit_table().items():
        for status, meaning in zip((EXIT_OK, EXIT_REJECTED, EXIT_USAGE), meanings, strict=True):
            if meaning not in ("—", "-", ""):
                assert (command, status) in tested or (command, status) in {("serve", 0), ("lsp", 0)}, (
                    command,
                    status,
                )


# ---------------------------------------------------------------- long lines, JSON


def _longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("columns", [80, 120])
def test_long_lines_wrap_to_the_terminal(columns: int, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(columns))
    main(["explain", "national-2022", str(EXAMPLE), "--unit", UNIT, "--lost"])
    lost = capsys.readouterr().out
    assert _longest(lost) <= columns
    rows = lost.splitlines()
    # the table stays a table: one rule line under the (wrapped) headers, 5.4's numbers on its first line
    assert sum(1 for line in rows if set(line) == {"-", " "}) == 1
    assert any(line.startswith("5.4 ") and "1,0000" in line and "0,5000" in line for line in rows)
    monkeypatch.setenv("COLUMNS", "400")
    main(["explain", "national-2022", str(EXAMPLE), "--unit", UNIT, "--lost"])
    assert _longest(capsys.readouterr().out) > 200  # unwrapped when the terminal is wide (271 in issue 10)
    monkeypatch.setenv("COLUMNS", str(columns))
    main(["diff", "national-2021", "national-2022"])
    diff = capsys.readouterr().out
    too_long = [line for line in diff.splitlines() if len(line) > columns]
    assert not too_long or (columns < 90 and all(len(line) <= columns + 8 for line in too_long)), too_long
    main(["explain", "national-2022", str(EXAMPLE), "--unit", UNIT])
    assert _longest(capsys.readouterr().out) <= columns


def _no_floats(text: str) -> object:
    def refuse(number: str) -> Decimal:
        raise AssertionError(f"a float in JSON output: {number}")

    return json.loads(text, parse_float=refuse)


def test_json_outputs_never_write_a_float(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hà Giang 2022 (seed 004): index 84,41 (004:53); total 84.4094, the printed 84,4089 plus the
    0.0005 explained in tests/test_golden_national_2022.py; as strings of their exact digits."""
    main(["score", "national-2022", str(EXAMPLE), "--format", "json", "-o", str(tmp_path / "r.json")])
    (record,) = _no_floats((tmp_path / "r.json").read_text(encoding="utf-8"))  # type: ignore[misc]
    assert record["total"] == "84.4094" and record["index"] == "84.41" and record["rank"] == 1
    capsys.readouterr()
    old, new = _unmatched(tmp_path)
    main(["compare", str(old), str(new), "--format", "json"])
    rows = _no_floats(capsys.readouterr().out)
    assert rows[0]["points_old"] == "90.10" and rows[0]["points_change"] == "1.10"  # type: ignore[index]
    main(["diff", "national-2022", "national-2022", "--data", str(EXAMPLE), "--format", "json"])
    payload = _no_floats(capsys.readouterr().out)
    assert payload["units"][0]["new"]["total"] == "84.4094"  # type: ignore[index]


def test_compare_keeps_the_printed_precision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """90,10 is shown 90,10 beside 95,476 (issue 10): a column has the places of its most precise cell."""
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text('Đơn vị,Tổng điểm\nSở A,"90,10"\nSở B,"95,476"\n', encoding="utf-8")
    new.write_text('Đơn vị,Tổng điểm\nSở A,"90,10"\nSở B,"95,5"\n', encoding="utf-8")
    assert main(["compare", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "90,100" in out and "95,476" in out and "95,500" in out and "0,024" in out  # 95,5 - 95,476
    assert main(["compare", str(old), str(new), "--lang", "en", "--format", "csv"]) == 0
    assert "90.100,90.100,0.000" in capsys.readouterr().out.replace('"', "")


def test_a_wide_number_table_wraps_its_headers_not_its_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "with-index.csv").write_text(
        'Đơn vị,Tổng điểm,Chỉ số (%)\nSở A,"90,10","90,10"\nSở B,"95,476","95,48"\n', encoding="utf-8"
    )
    wide = str(tmp_path / "with-index.csv")
    monkeypatch.setenv("COLUMNS", "400")
    main(["compare", wide, wide])
    natural = capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "90")
    main(["compare", wide, wide])
    wrapped = capsys.readouterr().out
    assert _longest(natural) > 90 >= _longest(wrapped)
    # the rows of numbers are the same cells, only the headers took a second line
    assert [line.split() for line in natural.splitlines()[2:]] == [line.split() for line in wrapped.splitlines()[3:]]
    assert "Tăng/giảm" in wrapped.splitlines()[0] and "chỉ số" in wrapped.splitlines()[1]
