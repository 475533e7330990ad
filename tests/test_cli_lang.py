"""One language per run (issue 10, point 5): every command speaks ``--lang``, Vietnamese by default.

Each command is run for real (``cli.main``) on the shipped rulesets and examples, once per
language.  The words of the other language are those of the message catalogue
(``parrules.messages``) and of every table's headers, less every word that the ruleset
files, the data files and the command line themselves hold (a title, a unit name, an
input's name or a keyword of the ruleset language is text, printed as written): none of
them may reach stdout or stderr.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from parrules import compare, messages, report
from parrules.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "ha-giang-2022.csv")
PUBLISHED = str(ROOT / "tests" / "data" / "ha_giang_2022_published.csv")
UNIT = "Tỉnh Hà Giang"
WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def _texts_of_inputs() -> set[str]:
    """Every word the inputs of these runs hold: rulesets, cases, data, published table."""
    files = [*ROOT.glob("rulesets/*.par"), *ROOT.glob("rulesets/*.toml"), Path(EXAMPLE), Path(PUBLISHED)]
    words: set[str] = set()
    for f in files:
        words |= _words(f.read_text(encoding="utf-8")) | _words(str(f.relative_to(ROOT)))  # a path is printed too
    return words


def _catalogue(lang: str) -> set[str]:
    words: set[str] = set()
    for wordings in messages.CATALOGUE.values():
        words |= _words(re.sub(r"\{[^}]*\}", " ", wordings[lang]))
    if lang == "en":
        words |= _words(" ".join(messages.TERMS["vi"]))  # the English words the Vietnamese terms replace
        words |= _words(" ".join(report.HEADERS["en"].values()) + " " + " ".join(compare.HEADERS["en"]))
        words |= _words("rows read scored rejected blank lines")  # io.DataSet.summary
    else:
        words |= _words(" ".join(messages.TERMS["vi"].values()))
        words |= _words(" ".join(report.HEADERS["vi"].values()) + " " + " ".join(compare.HEADERS["vi"]))
    return words


INPUT_WORDS = _texts_of_inputs()
# the other language's words: English words absent from the Vietnamese wording, and back
ENGLISH = _catalogue("en") - _catalogue("vi") - INPUT_WORDS
VIETNAMESE = {w for w in _catalogue("vi") - _catalogue("en") - INPUT_WORDS if not w.isascii()}


def _commands(tmp: Path, lang: str) -> Iterator[tuple[str, list[str]]]:
    yield "list", ["list"]
    yield "check", ["check", "national-2022"]
    yield "template", ["template", "national-2022", "-o", str(tmp / f"t-{lang}.csv")]
    yield "compile", ["compile", "national-2022", "-o", str(tmp / f"m_{lang}.py")]
    yield "score", ["score", "national-2022", EXAMPLE]
    yield "score csv", ["score", "national-2022", EXAMPLE, "--format", "csv", "-o", str(tmp / f"r-{lang}.csv")]
    yield "explain", ["explain", "national-2022", EXAMPLE, "--unit", UNIT]
    yield "explain --node", ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--node", "7.3.6"]
    yield "explain --lost", ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--lost", "--node", "7"]
    yield "diff", ["diff", "national-2021", "national-2022"]
    yield "diff --data", ["diff", "national-2022", "national-2022", "--data", EXAMPLE]
    yield "fmt", ["fmt", "--check", "national-2022"]
    yield "compare", ["compare", str(tmp / f"r-{lang}.csv"), str(tmp / f"r-{lang}.csv")]
    yield "audit", ["audit", "national-2022", PUBLISHED, "--data", EXAMPLE]
    yield "report", ["report", "national-2022", EXAMPLE, "-o", str(tmp / f"p-{lang}.html"), "--date", "2024-03-01"]
    yield "test", ["test", "national-2022"]
    yield "schema", ["schema", "national-2022", "-o", str(tmp / f"s-{lang}.json")]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + "\n" + captured.err


def test_the_vocabularies_are_not_empty() -> None:
    """The test below can fail: each language has words of its own that the inputs do not hold."""
    assert {"wrote", "derivation", "passed", "checked", "matched", "warning"} <= ENGLISH
    assert {"tròn", "chấm", "cảnh", "ghép", "dòng", "bước"} <= VIETNAMESE


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_speaks_one_language(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = ENGLISH if lang == "vi" else VIETNAMESE
    seen = set()
    for name, argv in _commands(tmp_path, lang):
        words = [*argv, "--lang", lang] if lang == "en" or name in ("score", "diff") else argv  # vi: the default
        code, shown = _run(capsys, words)
        assert code in (0, 1), f"{name}: {shown}"
        stray = _words(shown) & foreign - _words(" ".join(argv))
        assert not stray, f"parrules {name} --lang {lang} printed {sorted(stray)}:\n{shown}"
        seen.add(name)
    assert len(seen) == 17


def test_explain_node_follows_lang(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 004: 7.3.6 scores 0.6362 of 1.5 at 42.41 % (Hà Giang 2022); a decimal comma in Vietnamese."""
    argv = ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--node", "7.3.6"]
    _, vi = _run(capsys, argv)
    assert "điểm: 0,6362 trên 1,5 (42,41%)" in vi and "làm tròn" in vi and "0.6362" not in vi
    _, en = _run(capsys, [*argv, "--lang", "en"])
    assert "score: 0.6362 of 1.5 (42.41%)" in en and "rounded half_up to 4 places: 0.6362" in en


def test_the_summary_and_warning_follow_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"  # a template: every column, no unit
    assert main(["template", "national-2022", "-o", str(empty)]) == 0
    code, vi = _run(capsys, ["score", "national-2022", str(empty)])
    assert code == 0 and "cảnh báo:" in vi and "không có đơn vị nào" in vi and "đọc 0 dòng" in vi
    code, en = _run(capsys, ["score", "national-2022", str(empty), "--lang", "en"])
    assert code == 0 and "warning:" in en and "holds no units" in en and "rows read 0" in en


def test_the_words_around_an_error_follow_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, vi = _run(capsys, ["explain", "national-2022", EXAMPLE, "--unit", "Nowhere"])
    assert code == 2 and vi.strip().startswith("lỗi: không có đơn vị 'Nowhere'")
    code, en = _run(capsys, ["explain", "national-2022", EXAMPLE, "--unit", "Nowhere", "--lang", "en"])
    assert code == 2 and en.strip().startswith("error: no unit 'Nowhere'")


def test_every_command_defaults_to_vietnamese() -> None:
    from parrules.cli import build_parser
    from parrules.cli_help import subparsers

    parser = build_parser()
    for name, command in subparsers(parser).choices.items():
        (lang,) = [a for a in command._actions if "--lang" in a.option_strings]
        assert lang.default == "vi" and list(lang.choices) == ["vi", "en"], name


def test_progress_bar_words_follow_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tqdm bar's description and unit come from the catalogue, in the run's language."""
    import argparse
    import io

    from parrules.cli import _progress

    monkeypatch.delenv("CI", raising=False)  # CI turns the bar off
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for lang, desc in (("vi", "đang chấm điểm"), ("en", "scoring")):
        stream = Terminal()
        wrap = _progress(argparse.Namespace(no_progress=False, lang=lang), stream)
        assert wrap is not None
        bar = wrap(list(range(3001)))  # more than 2,000 units: shown at once
        list(bar)
        bar.close()
        assert desc in stream.getvalue()


# Rulesets with several different mistakes (parrules check lists them all): a ruleset in
# error, one that loads with warnings, and a syntax error.
WRONG_RULESETS = {
    "errors.par": """ruleset "Thử lỗi"
  year 2022
  level province
  scale 10
  rounding half_up 2

input share: percent "Tỷ lệ"
input done: count "Số việc"
input flag: yesno "Có"
input kind: choice { a, b } "Loại"

field 1 "Một" max 5 {
  score tiers share { from 0.5: 5  below 0.4: 1 }
}
field 2 "Hai" max 4 {
  score done + flag
}
field 3 "Ba" max 2 {
  score rate(done, tota, empty: 0) * 3
}
field 4 "Bốn" max 1 {
  score choice kind { a: 1 }
}
field 5 "Năm" max 0.25 {
  score share * 5
}
""",
    "warnings.par": """ruleset "Thử cảnh báo"
  year 2022
  level province
  scale 10
  rounding half_up 1

input share: percent "Tỷ lệ"
input spare: count "Thừa"

field 1 "Một" max 5 {
  let unused = share
  score if share >= 95 then 5 else 0
}
field 2 "Hai" max 5 {
  criterion 2.1 "Hai một" max 4.25 { score min(share * 5, max) }
  criterion 2.2 "Hai hai" max 0.75 { score tiers share { from 0: 0.7  otherwise: 0 } }
}
""",
    "syntax.par": """ruleset "Thử cú pháp"
  year 2022
  level province
  scale 10

field 1 "Một" max 9,5 {
  score 1
}
""",
}
# (file, code) of every diagnostic parrules check must list for them
WRONG_CODES = {
    "errors.par": ["E121", "E151", "E131", "E130", "E155", "E140"],
    "warnings.par": ["W201", "W202", "W213", "W211", "W210", "W215"],
    "syntax.par": ["E025"],
}


def test_check_says_every_ruleset_diagnostic_in_the_runs_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ruleset's errors and warnings (E/W codes) in Vietnamese by default, in English with
    --lang en: the same codes, file:line:col and quoted line; no English sentence of the
    diagnostics' catalogue (parrules.wording_vi_ruleset) in the Vietnamese run."""
    from parrules.wording_vi_ruleset import VI

    def words(texts: object) -> set[str]:
        return _words(re.sub(r"\{[^}]*\}", " ", " ".join(texts)))  # type: ignore[arg-type]

    inputs = _words(" ".join(WRONG_RULESETS.values()) + " " + str(tmp_path))
    english = words(VI) - words(VI.values()) - inputs
    vietnamese = {w for w in words(VI.values()) - words(VI) - inputs if not w.isascii()}
    assert {"declared", "covers", "needs", "never"} <= english and {"phủ", "cần", "không", "được"} <= vietnamese
    for name, text in WRONG_RULESETS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code_vi, vi = _run(capsys, ["check", str(path)])
        code_en, en = _run(capsys, ["check", str(path), "--lang", "en"])
        assert code_vi == code_en
        for code in WRONG_CODES[name]:
            severity = ("lỗi", "error") if code.startswith("E") else ("cảnh báo", "warning")
            assert f": {severity[0]} {code}: " in vi and f": {severity[1]} {code}: " in en, (name, code, vi, en)
        assert len(re.findall(r": (?:lỗi|cảnh báo) [EW]\d+: ", vi)) == len(re.findall(r": (?:error|warning) [EW]\d+: ", en))
        stray = _words(vi) & english
        assert not stray, f"parrules check {name} printed English {sorted(stray)}:\n{vi}"
        stray = _words(en) & vietnamese
        assert not stray, f"parrules check {name} --lang en printed Vietnamese {sorted(stray)}:\n{en}"
    # a few sentences word for word (the wording of wording_vi_ruleset, with its arguments)
    _, vi = _run(capsys, ["check", str(tmp_path / "errors.par")])
    assert "lỗi E130: tota không phải đầu vào đã khai báo hay let của nút này" in vi
    assert "lỗi E155: choice kind không nói b được bao nhiêu điểm" in vi
    _, en = _run(capsys, ["check", str(tmp_path / "errors.par"), "--lang", "en"])
    assert "error E130: tota is not a declared input or a let of this node" in en
    _, vi = _run(capsys, ["check", str(tmp_path / "syntax.par")])
    assert "lỗi E025: 9,5 dùng dấu phẩy thập phân: hãy viết 9.5" in vi


def test_a_syntax_error_says_what_was_expected_in_the_runs_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The parser's list of what it expected is a sentence too: its words and its "or"."""
    path = tmp_path / "cut.par"
    path.write_text('ruleset "Cắt"\n  scale 10\n  level province\n\nfield 1 "Một" max 10 {\n  score 1 +\n}\n', encoding="utf-8")
    _, vi = _run(capsys, ["check", str(path)])
    _, en = _run(capsys, ["check", str(path), "--lang", "en"])
    assert "lỗi E003: gặp '}' không đúng chỗ; cần " in vi and "một số" in vi and " hoặc " in vi
    assert "error E003: unexpected '}'; expected " in en and "a number" in en and " or " in en


def test_a_missing_ruleset_is_named_in_the_runs_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, vi = _run(capsys, ["check", "nationl-2022"])
    assert code == 2 and "lỗi: không có bộ chỉ số tên 'nationl-2022' (có phải ý bạn là 'national-2022'?)" in vi
    code, en = _run(capsys, ["check", "nationl-2022", "--lang", "en"])
    assert code == 2 and "error: no ruleset named 'nationl-2022' (did you mean 'national-2022'?)" in en


# ---------------------------------------------------------------- the data's diagnostics (D codes)


def _data_words(lang: str) -> set[str]:
    """The words of the data diagnostics' sentences (parrules.wording_vi_data) in ``lang``."""
    from parrules.wording_vi_data import VI

    texts = VI if lang == "en" else VI.values()
    return set().union(*(_words(re.sub(r"\{[^}]*\}", " ", t)) for t in texts))


# English words of the data sentences that their Vietnamese never says, and back
DATA_ENGLISH = _data_words("en") - _data_words("vi") - INPUT_WORDS
DATA_VIETNAMESE = {w for w in _data_words("vi") - _data_words("en") - INPUT_WORDS if not w.isascii()}


def _bad_data(tmp: Path) -> Path:
    """The Hà Giang example with five more units, each with a different bad cell, and a duplicate."""
    import csv

    with open(EXAMPLE, encoding="utf-8-sig", newline="") as f:
        header, description, good = list(csv.reader(f))
    col = {name: i for i, name in enumerate(header)}

    def unit(name: str, **cells: str) -> list[str]:
        row = list(good)
        row[0] = name
        for key, value in cells.items():
            row[col[key]] = value
        return row

    rows = [
        header,
        description,
        good,
        unit("Tỉnh Một", inspection_issues_found="mười"),  # D104: not a number (decimal comma hint)
        unit("Tỉnh Hai", online_full_rate="150"),  # D106: a percent outside 0..100
        unit("Tỉnh Ba", discipline="có lẽ"),  # D104: not one of the options
        unit("Tỉnh Bốn", received_dept=""),  # D101: an empty cell
        unit("Tỉnh Năm", inspection_issues_not_due="999999"),  # D108: a constraint
        unit("Tỉnh Một"),  # D202: a duplicate unit name
    ]
    path = tmp / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_the_data_vocabularies_are_not_empty() -> None:
    """The test below can fail: the data sentences have words of their own in each language."""
    assert {"missing", "outside", "duplicate", "cell", "finite", "spreadsheet"} <= DATA_ENGLISH
    assert {"trống", "trùng", "thỏa", "nằm", "cột", "dấu"} <= DATA_VIETNAMESE


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rejected_rows_are_said_in_the_run_language(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every reason of a rejected row, on stderr and in the workbook's rejected sheet, in ``--lang``."""
    import openpyxl

    data = _bad_data(tmp_path)
    book = tmp_path / f"r-{lang}.xlsx"
    code, shown = _run(capsys, ["score", "national-2022", str(data), "--lang", lang])
    assert code == 1
    _, _ = _run(capsys, ["score", "national-2022", str(data), "--lang", lang, "--format", "xlsx", "-o", str(book)])
    wb = openpyxl.load_workbook(book)
    (sheet,) = [ws for ws in wb.worksheets if any("D10" in str(c.value) for row in ws.iter_rows() for c in row)]
    cells = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    quoted = _words(str(data)) | _words(" ".join(str(v) for v in ("mười", "có lẽ", "150", "999999")))
    if lang == "vi":
        expected = [
            "dòng 4 (đơn vị 'Tỉnh Một') bị loại:",
            "'mười' không phải một số (tệp được đọc với dấu phẩy thập phân: 84,41; dùng --decimal dot cho 84.41)",
            "online_full_rate = 150% nằm ngoài khoảng 0..100%",
            "'có lẽ' không phải một trong none, dept_district_leaders",
            "ô bị trống (",
            "ràng buộc inspection_issues_not_due <= inspection_issues_found không thỏa",
            "tên đơn vị trùng với dòng 4",
        ]
        foreign = (DATA_ENGLISH | ENGLISH) - quoted
    else:
        expected = [
            "row 4 (unit 'Tỉnh Một') rejected:",
            "'mười' is not a number (the file is read with a decimal comma: 84,41; use --decimal dot for 84.41)",
            "online_full_rate = 150% is outside 0..100%",
            "'có lẽ' is not one of none, dept_district_leaders",
            "the cell is empty (",
            "the constraint inspection_issues_not_due <= inspection_issues_found does not hold",
            "the unit name is a duplicate of row 4",
        ]
        foreign = (DATA_VIETNAMESE | VIETNAMESE) - quoted
    for sentence in expected:
        assert sentence in shown, (sentence, shown)
    for sentence in expected[1:]:  # the workbook's rejected sheet: one reason per line, without the row heading
        assert sentence in cells, (sentence, cells)
    stray = (_words(shown) | _words(cells)) & foreign
    assert not stray, f"score --lang {lang} printed {sorted(stray)}:\n{shown}\n{cells}"


def test_argparse_errors_follow_lang(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    cases = [
        (["score", "national-2022"], "thiếu (các) tham số bắt buộc: DATA", "the following arguments are required: DATA"),
        (
            ["score", "national-2022", EXAMPLE, "--format", "nope"],
            "tham số --format: lựa chọn không hợp lệ: 'nope' (chọn một trong",
            "argument --format: invalid choice: 'nope' (choose from",
        ),
        (["score", "national-2022", EXAMPLE, "--bogus"], "không nhận ra (các) tham số: --bogus", "unrecognized arguments: --bogus"),
    ]
    for argv, vi, en in cases:
        code, shown = _run(capsys, argv)
        assert code == 2 and vi in shown and en not in shown, shown
        code, shown = _run(capsys, [*argv, "--lang", "en"])
        assert code == 2 and en in shown and vi not in shown, shown
    assert argparse._("usage: ") == "usage: "  # argparse's own words are English again after the run


def test_not_found_follows_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, vi = _run(capsys, ["check", "national-2O22"])
    assert code == 2 and "lỗi: không có bộ chỉ số tên 'national-2O22' (có phải ý bạn là 'national-2022'?)" in vi
    code, en = _run(capsys, ["check", "national-2O22", "--lang", "en"])
    assert code == 2 and "error: no ruleset named 'national-2O22' (did you mean 'national-2022'?)" in en
    argv = ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--node", "7.3.66"]
    code, vi = _run(capsys, argv)
    assert code == 2 and "không có nút '7.3.66' trong bộ chỉ số này (có phải ý bạn là '7.3.6'?)" in vi
    code, en = _run(capsys, [*argv, "--lang", "en"])
    assert code == 2 and "no node '7.3.66' in this ruleset (did you mean '7.3.6'?)" in en


# ---------------------------------------------------------------- `-`: compare's and audit's tables on stdin


class _Stdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def test_compare_reads_a_table_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "r.csv"
    assert main(["score", "national-2022", EXAMPLE, "--format", "csv", "-o", str(results)]) == 0
    capsys.readouterr()
    code, from_files = _run(capsys, ["compare", str(results), str(results)])
    assert code == 0 and UNIT in from_files
    for argv in (["compare", "-", str(results)], ["compare", str(results), "-"]):
        monkeypatch.setattr("sys.stdin", _Stdin(results.read_bytes()))
        code, from_stdin = _run(capsys, argv)
        assert code == 0 and from_stdin == from_files
    code, both = _run(capsys, ["compare", "-", "-"])
    assert code == 2 and "chỉ một đầu vào có thể là -" in both


def test_audit_reads_the_published_table_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, from_file = _run(capsys, ["audit", "national-2022", PUBLISHED, "--data", EXAMPLE])
    monkeypatch.setattr("sys.stdin", _Stdin(Path(PUBLISHED).read_bytes()))
    code_stdin, from_stdin = _run(capsys, ["audit", "national-2022", "-", "--data", EXAMPLE])
    assert code == code_stdin == 1 and from_stdin == from_file and "135" in from_file
    code, both = _run(capsys, ["audit", "national-2022", "-", "--data", "-", "--lang", "en"])
    assert code == 2 and "only one input can be - (standard input)" in both
