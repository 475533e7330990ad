"""Worked examples as tests: case files, run_cases and `parrules test`.

The ruleset here is written in the test; its expected points are derived by hand in the
comments (rate x max, then the field sums).  The seed cases of the shipped rulesets are
run by the golden tests (test_golden_*.py) and, all together, by the last test here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import parrules
from parrules.cases import CaseFileError, default_cases, parse_cases, read_cases, run_cases, summary
from parrules.cli import main

D = Decimal

RULESET = """\
ruleset "Xã mẫu" year 2024 level commune scale 10
input done: count "Hồ sơ đúng hạn"
input received: count "Hồ sơ tiếp nhận"
input plan: yesno "Có kế hoạch"
constraint done <= received
field 1 "Thủ tục" max 6 {
  criterion 1.1 "Đúng hạn" max 4 { score max * rate(done, received, empty: 100%) }
  criterion 1.2 "Kế hoạch" max 2 { score if plan then max else 0 }
}
field 2 "Khảo sát" max 4 { source survey score points }
classes by index { "Tốt": from 80  "Khá": from 60 below 80  "Yếu": below 60 }
ranking by index descending
"""

CASES = """\
# hand derivations: 1.1 = 4 x done/received; 1.2 = 2 if plan; total = 1 + 2
[[case]]
name = "Xã A"
total = 9  # 3 + 2 + 4
index = 90
class = "Tốt"
rank = 1
[case.inputs]
done = 75
received = 100
plan = true
p_2 = 4
[case.points]
"1.1" = 3.0  # 4 x 75/100
"1" = 5

[[case]]
name = "Xã B"
base = "Xã A"
total = 5  # 3 + 0 + 2
class = "Yếu"
rank = 2
[case.inputs]
plan = false
p_2 = 2
[case.points]
"1.2" = 0
"""


@pytest.fixture
def rs(tmp_path: Path) -> parrules.Ruleset:
    (tmp_path / "xa-2024.par").write_text(RULESET, encoding="utf-8")
    return parrules.load(tmp_path / "xa-2024.par")


def test_cases_read_exactly_and_pass(rs: parrules.Ruleset) -> None:
    a, b = parse_cases(CASES, "xa.cases.toml", rs)
    assert a.points == {"1.1": D("3.0"), "1": D(5)} and isinstance(a.points["1.1"], Decimal)
    assert b.inputs == {"done": 75, "received": 100, "plan": False, "p_2": 2}  # from base, then its own
    assert (b.loc.line, b.lines["1.2"]) == (17, 27)
    results = run_cases(rs, [a, b])
    assert [r.passed for r in results] == [True, True]
    assert [len(r.checks) for r in results] == [6, 4]
    assert summary(results) == "2 passed, 0 failed (10 expectations checked)"


def test_a_failing_case_shows_what_differs_and_where_it_starts(rs: parrules.Ruleset) -> None:
    wrong = CASES.replace('"1.1" = 3.0', '"1.1" = 3.2').replace('"1" = 5', '"1" = 5.2')
    (a, b) = run_cases(rs, parse_cases(wrong, "xa.cases.toml", rs))
    assert not a.passed and b.passed
    assert [(c.what, c.expected, c.computed) for c in a.failures] == [("1", D("5.2"), D(5)), ("1.1", D("3.2"), D(3))]
    assert a.first_difference() == "1.1"  # the leaf where the difference starts, not field 1
    text = a.report()
    assert text.splitlines()[0] == "FAIL  Xã A  (xa.cases.toml:2)"
    assert "  1: expected 5.2, computed 5  (line 15)" in text
    assert "  1.1: expected 3.2, computed 3  (line 14)" in text
    assert "derivation of 1.1, where the difference starts:" in text
    assert "done = 75" in text and "received = 100" in text  # the derivation's inputs


def test_total_class_and_rank_are_checked(rs: parrules.Ruleset) -> None:
    wrong = CASES.replace('class = "Yếu"', 'class = "Khá"').replace("rank = 2", "rank = 1")
    _a, b = run_cases(rs, parse_cases(wrong, "x.toml", rs))
    assert {(c.what, c.expected, c.computed) for c in b.failures} == {("class", "Khá", "Yếu"), ("rank", 1, 2)}
    assert b.first_difference() is None


def test_ranks_are_within_a_group(rs: parrules.Ruleset) -> None:
    grouped = CASES.replace('name = "Xã B"', 'name = "Xã B"\ngroup = "other"').replace("rank = 2", "rank = 1")
    assert all(r.passed for r in run_cases(rs, parse_cases(grouped, "x.toml", rs)))


def test_a_case_that_cannot_be_scored_fails_alone(rs: parrules.Ruleset) -> None:
    bad = CASES.replace("done = 75", "done = 175")  # breaks done <= received: D108
    a, b = run_cases(rs, parse_cases(bad.replace('base = "Xã A"\n', "").replace("plan = false", "plan = false\ndone = 1\nreceived = 2"), "x.toml", rs))
    assert a.error is not None and "D108" in a.error and not a.passed
    assert "cannot be scored: D108" in a.report()
    assert b.checks and b.error is None


@pytest.mark.parametrize(
    ("text", "code", "line", "message"),
    [
        ('[[case]]\nname = "a"\ntotal = 9,5\n', "E020", 3, "not a TOML case file"),
        ('[[case]]\nname = "a"\ntotl = 9\n', "E021", 3, "unknown key 'totl' in a case (did you mean 'total'?)"),
        ('[[case]]\ntotal = 9\n', "E021", 1, 'a case needs a name: name = "..."'),
        ('[[case]]\nname = "a"\ntotal = "9"\n', "E021", 3, "total must be a number, not '9'"),
        ('[[case]]\nname = "a"\nrank = 1.5\n', "E021", 3, "rank must be a whole number"),
        ('[[case]]\nname = "a"\n[case.inputs]\ndon = 1\n', "E022", 4, "no input 'don' in"),
        ('[[case]]\nname = "a"\n[case.points]\n"1.3" = 1\n', "E023", 4, "no node '1.3' in"),
        ('[[case]]\nname = "a"\n[[case]]\nname = "a"\n', "E024", 3, "case 'a' is given twice (first at line 1)"),
        ('[[case]]\nname = "a"\nbase = "b"\n', "E024", 3, "base 'b' names no case before this one"),
        ("# nothing\n", "E021", 1, "the file holds no case"),
        ('cases = 1\n[[case]]\nname = "a"\n', "E021", 1, "unknown key 'cases'"),
    ],
)
def test_case_file_errors_are_located(
    rs: parrules.Ruleset, text: str, code: str, line: int, message: str
) -> None:
    with pytest.raises(CaseFileError) as caught:
        parse_cases(text, "c.toml", rs)
    first = caught.value.diagnostics[0]
    assert (first.code, first.loc.file, first.loc.line) == (code, "c.toml", line)
    assert message in first.message
    assert first.source_line == text.splitlines()[line - 1] if text.strip() else True
    assert f"c.toml:{line}:" in first.render()


def test_decimal_comma_in_a_case_file_says_write_a_point(rs: parrules.Ruleset) -> None:
    with pytest.raises(CaseFileError) as caught:
        parse_cases('[[case]]\nname = "a"\ntotal = 9,5\n', "c.toml", rs)
    assert "write 9.5" in caught.value.diagnostics[0].message


def test_default_discovery_beside_the_file_and_in_cases_folder(rs: parrules.Ruleset, tmp_path: Path) -> None:
    assert default_cases(rs) == []
    (tmp_path / "xa-2024.cases.toml").write_text(CASES, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "xa-2024-more.toml").write_text(CASES, encoding="utf-8")
    (tmp_path / "cases" / "other.toml").write_text("not read", encoding="utf-8")
    assert default_cases(rs) == [tmp_path / "xa-2024.cases.toml", tmp_path / "cases" / "xa-2024-more.toml"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_test_exit_codes(rs: parrules.Ruleset, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "xa-2024.par")
    code, out, err = run(capsys, "test", path, "--lang", "en")
    assert code == 2 and "no case file" in err and "xa-2024.cases.toml" in err
    (tmp_path / "xa-2024.cases.toml").write_text(CASES, encoding="utf-8")
    code, out, _ = run(capsys, "test", path, "--lang", "en")
    assert code == 0
    assert out.splitlines() == ["ok    Xã A", "ok    Xã B", "2 passed, 0 failed (10 expectations checked)"]
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(CASES.replace("total = 9 ", "total = 8 "), encoding="utf-8")
    code, out, _ = run(capsys, "test", path, str(wrong), "-q", "--lang", "en")
    assert code == 1
    assert out.splitlines()[0] == f"FAIL  Xã A  ({wrong}:2)"
    assert "  total: expected 8, computed 9  (line 4)" in out
    assert out.splitlines()[-1] == "1 passed, 1 failed (10 expectations checked)"
    broken = tmp_path / "broken.toml"
    broken.write_text('[[case]]\nname = "a"\n[case.inputs]\ndon = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "test", path, str(broken), "--lang", "en")  # the diagnostics in English
    assert code == 2 and f"{broken}:4:1: error E022: no input 'don'" in err and "    don = 1\n    ^" in err
    code, _, err = run(capsys, "test", path, str(tmp_path / "missing.toml"), "--lang", "en")
    assert code == 2 and "no case file" in err


def test_every_shipped_ruleset_with_cases_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """`parrules test NAME` on every shipped ruleset that carries cases: all pass, exit 0."""
    with_cases = [name for name in parrules.shipped() if default_cases(parrules.load(name))]
    assert set(with_cases) >= {
        "national-2022",
        "lai-chau-2022-departments",
        "lai-chau-2022-districts",
        "bac-kan-2022-departments",
        "bac-kan-2023-departments",
        "bac-kan-2023-districts",
    }
    for name in with_cases:
        code, out, _ = run(capsys, "test", name, "-q", "--lang", "en")
        assert code == 0, out
        assert " passed, 0 failed" in out.splitlines()[-1]
        assert read_cases(default_cases(parrules.load(name))[0])  # readable without the ruleset too


def test_hostile_case_names_are_shown_not_obeyed(
    rs: parrules.Ruleset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case name is data: ESC [ 2 J and U+202E are printed as their escapes (safe_text)."""
    hostile = CASES.replace('name = "Xã A"', 'name = "\\u001b[2J Xã A \\u202e"').replace('base = "Xã A"', 'base = "\\u001b[2J Xã A \\u202e"')
    hostile = hostile.replace("total = 9 ", "total = 8 ")  # fails: the name is printed in the FAIL line too
    path = tmp_path / "h.toml"
    path.write_text(hostile, encoding="utf-8")
    code, out, _ = run(capsys, "test", str(tmp_path / "xa-2024.par"), str(path), "--lang", "en")
    assert code == 1
    assert "\x1b" not in out and "\u202e" not in out
    assert "FAIL  \\x1b[2J Xã A \\u202e" in out
