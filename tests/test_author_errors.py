"""The errors a ruleset author and a data clerk meet, located where the mistake is (issue 12.3).

- an error inside an extended parent file shows the parent's line and a caret;
- a missing ``}`` is reported where the block opened (E026), not at the next construct;
- a decimal comma (``max 9,5``) is answered with the fix (E025);
- a bare ruleset name finds ``./NAME.par`` (as ``extends`` finds the file beside it), and
  the command line says so when that file shadows a shipped ruleset;
- a data row reports every problem it has.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import parrules
from parrules import io as data_io
from parrules.cli import main
from parrules.problems import every_problem

PARENT = """\
ruleset "Cha" year 2022 level province scale 10
input x: percent "Tỷ lệ"
field 1 "A" max 6 {
  criterion 1.1 "a1" max 3 { score max * x }
  criterion 1.2 "a2" max 3 { source survey score points }
}
field 2 "B" max 4 {
  criterion 2.1 "b1" max 2 { score max * x }
  criterion 2.2 "b2" max 2 { score points }
}
"""
CHILD = 'ruleset "Con" year 2023 extends "parent"\noverride criterion 1.2 "a2" max 3 { source appraisal score points }\n'


def _errors(text: str, path: str = "r.par") -> list[parrules.Diagnostic]:
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.loads(text, path)
    return caught.value.diagnostics


def test_checker_error_in_a_parent_shows_the_parents_line(tmp_path: Path) -> None:
    (tmp_path / "parent.par").write_text(PARENT.replace("score max * x }\n  criterion 1.2", "score max * y }\n  criterion 1.2"), encoding="utf-8")
    (tmp_path / "child.par").write_text(CHILD, encoding="utf-8")
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.load(tmp_path / "child.par")
    (d,) = caught.value.diagnostics
    assert (d.code, Path(d.loc.file).name, d.loc.line, d.loc.column) == ("E130", "parent.par", 4, 42)
    assert d.source_line == '  criterion 1.1 "a1" max 3 { score max * y }'
    assert d.render().splitlines()[2] == " " * 4 + " " * 41 + "^"  # under the y


def test_warning_in_a_parent_shows_the_parents_line(tmp_path: Path) -> None:
    (tmp_path / "parent.par").write_text(PARENT.replace('input x: percent "Tỷ lệ"\n', 'input x: percent "Tỷ lệ"\ninput unused: count "Không dùng"\n'), encoding="utf-8")
    (tmp_path / "child.par").write_text(CHILD, encoding="utf-8")
    rs = parrules.load(tmp_path / "child.par")
    (w,) = [w for w in rs.warnings if w.code == "W201"]
    assert Path(w.loc.file).name == "parent.par" and w.source_line == 'input unused: count "Không dùng"'


def test_a_missing_brace_is_reported_where_the_block_opened() -> None:
    text = PARENT.replace("{ score max * x }\n  criterion 1.2", "{ score max * x\n  criterion 1.2", 1)
    (d,) = _errors(text)
    assert (d.code, d.loc.line, d.loc.column) == ("E026", 4, 28)
    assert d.source_line == '  criterion 1.1 "a1" max 3 { score max * x'
    assert "is never closed" in d.message
    # a multi-line block whose } is missing: found by the next line indented like its opener
    text = PARENT.replace('  criterion 1.2 "a2" max 3 { source survey score points }\n}\n', '  criterion 1.2 "a2" max 3 { source survey score points }\n')
    (d,) = _errors(text)
    assert (d.code, d.loc.line) == ("E026", 3)


def test_a_file_that_ends_inside_a_block_names_the_block() -> None:
    (d,) = _errors(PARENT.rstrip().rstrip("}") + "\n")  # field 2's closing } is missing
    assert (d.code, d.loc.line, d.loc.column) == ("E026", 7, 19)
    assert d.source_line == 'field 2 "B" max 4 {'


def test_a_missing_brace_in_a_parent_is_located_in_the_parent(tmp_path: Path) -> None:
    text = PARENT.replace("{ score max * x }\n  criterion 2.2", "{ score max * x\n  criterion 2.2", 1)
    (tmp_path / "parent.par").write_text(text, encoding="utf-8")
    (tmp_path / "child.par").write_text(CHILD, encoding="utf-8")
    with pytest.raises(parrules.RulesetError) as caught:
        parrules.load(tmp_path / "child.par")
    (d,) = caught.value.diagnostics
    assert (d.code, Path(d.loc.file).name, d.loc.line) == ("E026", "parent.par", 8)
    assert d.source_line.startswith("  criterion 2.1")


def test_an_unrelated_syntax_error_is_not_blamed_on_a_brace() -> None:
    (d,) = _errors(PARENT.replace("score max * x }\n  criterion 1.2", "score max * * x }\n  criterion 1.2"))
    assert d.code == "E003" and d.loc.line == 4


@pytest.mark.parametrize(
    ("before", "after", "fix"),
    [
        ('max 2 { score points }', 'max 9,5 { score points }', "9,5 has a decimal comma: write 9.5"),
        ("score max * x }\n  criterion 1.2", "score 1,5 * x }\n  criterion 1.2", "write 1.5"),
    ],
)
def test_a_decimal_comma_is_answered_with_the_fix(before: str, after: str, fix: str) -> None:
    (d,) = _errors(PARENT.replace(before, after, 1))
    assert d.code == "E025" and fix in d.message
    assert "expected" not in d.message
    assert d.source_line[d.loc.column - 1 :].startswith(fix.split(" ")[-1].replace(".", ","))


def test_tiers_with_a_decimal_comma() -> None:
    text = PARENT.replace("score max * x }\n  criterion 1.2", "score tiers x { from 95,5%: 3  below 95,5%: 0 } }\n  criterion 1.2")
    (d,) = _errors(text)
    assert (d.code, d.message) == ("E025", "95,5% has a decimal comma: write 95.5%")


def test_a_bare_name_finds_the_file_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "xa-2024.par").write_text(PARENT, encoding="utf-8")
    assert parrules.load("xa-2024").title == "Cha"
    assert main(["check", "xa-2024", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "ok: xa-2024.par" in captured.out and captured.err == ""
    # a file shadowing a shipped name is used, and the command line says so
    (tmp_path / "national-2022.par").write_text(PARENT, encoding="utf-8")
    assert parrules.load("national-2022").title == "Cha"
    assert main(["check", "national-2022", "--lang", "en"]) == 0
    assert "note: 'national-2022' is the file ./national-2022.par (it shadows the shipped ruleset" in capsys.readouterr().err
    # an unknown name still lists the shipped ones
    assert main(["check", "xa-2025", "--lang", "en"]) == 2
    assert "no ruleset named 'xa-2025'" in capsys.readouterr().err


SMALL = Path(__file__).parent / "data" / "small.par"
HEADER = "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4"


def test_a_row_reports_every_problem(tmp_path: Path) -> None:
    rs = parrules.load(SMALL)
    path = tmp_path / "d.csv"
    path.write_text(
        f"{HEADER}\n"
        'Huyện A,100,120,"130%",99,có,-1,none,"9"\n'  # five problems, each a cell or the constraint
        'Huyện B,abc,5,"130%",9,maybe,0,none,"0,4"\n'  # two unreadable cells and one out of range
        'Huyện C,100,90,"90%",9,có,0,none,"0,4"\n',
        encoding="utf-8",
    )
    run = data_io.score_data(rs, data_io.read_data(path, rs))
    assert [c.unit for c in run.cards] == ["Huyện C"]
    a, b = run.rejected
    assert [(e.code, e.input) for e in a.errors] == [
        ("D106", "online"),
        ("D106", "rank_budget"),
        ("D105", "late_tasks"),
        ("D106", "p_1_4"),
        ("D108", "on_time"),
    ]
    assert all((e.unit, e.row) == ("Huyện A", 2) for e in a.errors)
    assert [(e.code, e.input) for e in b.errors] == [("D104", "received"), ("D104", "has_plan"), ("D106", "online")]
    assert all((e.unit, e.row) == ("Huyện B", 3) for e in b.errors)


def test_a_replaced_value_never_reports_a_knock_on_constraint() -> None:
    rs = parrules.load(SMALL)
    good = {"received": 100, "on_time": 90, "online": Decimal(90), "rank_budget": 9, "has_plan": True,
            "late_tasks": 0, "discipline": "none", "p_1_4": Decimal("0.4")}  # fmt: skip
    assert every_problem(rs, good) == []
    # received = -5 is out of range; replaced by 0, on_time <= received would fail: not reported
    problems = every_problem(rs, {**good, "received": -5})
    assert [(e.code, e.input) for e in problems] == [("D105", "received")]
    # the constraint alone is reported
    problems = every_problem(rs, {**good, "on_time": 120})
    assert [(e.code, e.input) for e in problems] == [("D108", "on_time")]


def test_explain_of_a_unit_that_cannot_be_scored_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.csv"
    path.write_text(f'{HEADER}\nHuyện A,100,120,"130%",99,có,-1,none,"9"\n', encoding="utf-8")
    assert main(["explain", str(SMALL), str(path), "--unit", "Huyện A", "--lang", "en"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["D106", "D106", "D105", "D106", "D108"]
    assert all("unit 'Huyện A', row 2" in line for line in lines)
