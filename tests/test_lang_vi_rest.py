"""The last English on a Vietnamese run (issue 10, point 5): what Python and the system word for us.

tests/test_cli_lang.py runs every command on good inputs.  Here bad inputs go through every
command on the default language (Vietnamese): bad rulesets (syntax, check errors, limits,
not UTF-8, a folder, a missing parent), bad data (missing columns, bad cells, not JSON, not
CSV, not a workbook, not UTF-8), missing and folder paths, bad case, cost, alias and
published files, wrong units, nodes and settings for explain/whatif/plan/audit/compare/diff.
No English phrase may reach stdout or stderr: the English function words of the checked
list, as whole words, outside what is quoted (the user's own text: a cell, a unit name, a
path) and outside the source line a diagnostic shows.

Then each class of leftover the battery found, with its exact Vietnamese:
tomllib's reasons (E020/E027, audit's alias file), the OS's reasons (errno), the codec's,
json's and csv's reasons, side files without a code, an unknown node through ``audit``, the
did-you-mean of a missing input column, and number arguments written as the language writes
numbers (0,5; 1.000).
"""

from __future__ import annotations

import errno
import io
import re
import tomllib
from decimal import Decimal as D
from pathlib import Path

import pytest

from parrules import cli
from parrules.cases import toml_error
from parrules.cli import main
from parrules.system_words import codec_reason, csv_reason, json_reason, os_reason, toml_reason, workbook_reason
from parrules.wording import Number, sentence

ROOT = Path(__file__).resolve().parent.parent
SMALL = str(ROOT / "tests" / "data" / "small.par")
UNITS = str(ROOT / "examples" / "small-units.csv")
HA_GIANG = str(ROOT / "examples" / "ha-giang-2022.csv")
PUBLISHED = str(ROOT / "tests" / "data" / "ha_giang_2022_published.csv")
UNIT = "Huyện Sông Mây (hư cấu)"

# English words that no Vietnamese sentence of ours holds, checked as whole lowercase words
ENGLISH = re.compile(
    r"\b(the|a|an|of|is|are|not|no|must|cannot|expected|expecting|file|folder|column|row|line|such|"
    r"directory|permission|denied|missing|invalid|unknown|found|error|with|without|after|before|"
    r"needs|holds|than|more|does|did|you|mean|here|empty|name|value|number|only|use|write|"
    r"unterminated|declaration|table)\b"
)
QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`[^`\n]*`")
PATH = re.compile(r"\S*/\S*")


def english_in(text: str) -> list[str]:
    """The English words of a Vietnamese run's output, less the user's own text: what is quoted
    (a cell, a unit, an input, a path as the messages quote them), a path, the source line
    and caret a located diagnostic shows under its message (indented four spaces), and a
    derivation's rule (``quy tắc: FILE:L:C: điểm = FORMULA``: the ruleset's own text)."""
    found = []
    for line in text.splitlines():
        if line.startswith("    ") or line.lstrip().startswith("quy tắc:"):  # a source line; a rule's formula
            continue
        bare = PATH.sub(" ", QUOTED.sub(" ", line))
        found += [f"{word!r} in {line.strip()!r}" for word in ENGLISH.findall(bare)]
    return found


def test_the_check_finds_english_and_passes_quoted_text() -> None:
    assert english_in("lỗi: không dùng được '/x': No such file or directory") == [
        "'such' in \"lỗi: không dùng được '/x': No such file or directory\"",
        "'file' in \"lỗi: không dùng được '/x': No such file or directory\"",
        "'directory' in \"lỗi: không dùng được '/x': No such file or directory\"",
    ]
    assert english_in("received_dept (did you mean 'received'?)") != []
    assert english_in("đầu vào 'the file' không phải một số; /tmp/the/file.csv") == []
    assert english_in("    expect = { total = 9,5 }") == []


def _write(tmp: Path, name: str, content: str | bytes) -> str:
    path = tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _battery(tmp: Path) -> list[list[str]]:
    good = Path(SMALL).read_text(encoding="utf-8")
    header = Path(UNITS).read_text(encoding="utf-8").splitlines()[0]
    (tmp / "folder.par").mkdir()
    syntax = _write(tmp, "syntax.par", good.replace("max 6 {", "max 6 {{", 1))
    checked = _write(tmp, "checked.par", good.replace("score max * online", "score max * onlin"))
    options = ", ".join(f"o{i}" for i in range(1002))
    wide = _write(tmp, "wide.par", good.replace("choice { none, dept_leader }", f"choice {{ {options} }}"))
    head = 'ruleset "x" year 2022 level province scale 10 rounding half_up 4 '
    orphan = _write(tmp, "orphan.par", head + f'extends "{tmp}/nope"\n')
    to_folder = _write(tmp, "to-folder.par", head + f'extends "{tmp}"\n')
    missing_column = _write(tmp, "missing.csv", "Đơn vị,on_time\nA,1\n")
    bad_cells = _write(tmp, "cells.csv", header + "\nX,abc,5,120%,99,maybe,-1,nope,2\n")
    bad_quote = _write(tmp, "quote.csv", header + '\nX,"1"2,3\n')
    missing = str(tmp / "nowhere" / "x.csv")
    return [
        ["check", syntax],
        ["check", checked],
        ["check", _write(tmp, "latin.par", b"ruleset \xff\xfe")],
        ["check", wide],
        ["check", orphan],
        ["check", to_folder],
        ["check", str(tmp / "folder.par")],
        ["check", str(tmp / "none.par")],
        ["check", "no-such-ruleset"],
        ["fmt", syntax],
        ["template", SMALL, "-o", missing],
        ["template", SMALL, "-o", str(tmp / "t.txt")],
        ["score", SMALL, missing_column],
        ["score", SMALL, bad_cells],
        ["score", SMALL, bad_quote],
        ["score", SMALL, _write(tmp, "bad.json", "{not json")],
        ["score", SMALL, _write(tmp, "bad.xlsx", b"PK\x03\x04not a workbook")],
        ["score", SMALL, _write(tmp, "latin.csv", b"Unit,received\nHuy\xe9n,1\n")],
        ["score", SMALL, str(tmp / "none.csv")],
        ["score", SMALL, str(tmp)],
        ["score", SMALL, UNITS, "--format", "csv", "-o", missing],
        ["score", SMALL, UNITS, "--unit-column", "Nope"],
        ["score", "national-2022", UNITS],
        ["explain", SMALL, UNITS, "--unit", "Nope"],
        ["explain", SMALL, UNITS, "--unit", UNIT, "--node", "9.9"],
        ["diff", SMALL, str(tmp / "none.par")],
        ["compare", str(tmp / "none.csv"), UNITS],
        ["compare", str(tmp), UNITS],
        ["compare", _write(tmp, "points.csv", "Đơn vị,Tổng điểm\nA,abc\n"), UNITS],
        ["audit", "national-2022", _write(tmp, "pub.csv", "unit,code,published\nX,9.9,1\n"), "--data", HA_GIANG],
        ["audit", "national-2022", PUBLISHED, "--data", HA_GIANG, "--aliases", _write(tmp, "a.toml", "[x\n")],
        ["audit", "national-2022", str(tmp / "none.csv"), "--data", HA_GIANG],
        ["test", SMALL, _write(tmp, "c1.cases.toml", '[[case]]\nname = "a"\nexpect = { total = 9,5 }\n')],
        ["test", SMALL, _write(tmp, "c2.cases.toml", "[[case\n")],
        ["test", SMALL, _write(tmp, "c3.cases.toml", "a = 1\na = 2\n")],
        ["test", SMALL, _write(tmp, "c4.cases.toml", b"\xff\xfe")],
        ["test", SMALL, str(tmp / "none.toml")],
        ["test", SMALL, str(tmp)],
        ["report", SMALL, UNITS, "-o", missing],
        ["schema", SMALL, "-o", str(tmp)],
        ["whatif", SMALL, UNITS, "--unit", UNIT, "--set", "nope=5"],
        ["whatif", SMALL, UNITS, "--unit", UNIT, "--set", "received=abc"],
        ["plan", SMALL, UNITS, "--unit", UNIT, "--target", "Nope"],
        ["plan", SMALL, UNITS, "--unit", UNIT, "--total", "99", "--costs", _write(tmp, "k.toml", "[received\n")],
        ["plan", SMALL, UNITS, "--unit", UNIT, "--total", "99", "--costs", str(tmp / "none.toml")],
        ["appendix", SMALL, "-o", str(tmp / "a.xyz")],
    ]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_no_english_on_a_vietnamese_run_of_bad_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = []
    for argv in _battery(tmp_path):
        code, text = _run(capsys, argv)
        assert code in (1, 2), (argv, text)  # every input is bad: rejected (1) or unusable (2), never a crash
        assert text.strip(), argv
        found += [f"{argv[0]}: {hit}" for hit in english_in(text)]
    assert not found, "English on a Vietnamese run:\n" + "\n".join(found)


# ---------------------------------------------------------------- each class, with its exact Vietnamese


def _said(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    return _run(capsys, argv)[1]


def test_tomllib_reasons_are_said_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # before: "không phải tệp ca kiểm thử TOML: Expected ']]' at the end of an array declaration"
    case_file = _write(tmp_path, "c.cases.toml", "[[case\n")
    said = _said(capsys, ["test", SMALL, case_file])
    assert f"{case_file}:1:7: lỗi E020: không phải tệp ca kiểm thử TOML: thiếu ']]' ở cuối tên bảng" in said
    # before: "không phải tệp chi phí TOML: Expected ']' at the end of a table declaration"
    costs = _write(tmp_path, "k.toml", "[received\n")
    said = _said(capsys, ["plan", SMALL, UNITS, "--unit", UNIT, "--total", "99", "--costs", costs])
    assert f"{costs}:1:10: lỗi E027: không phải tệp chi phí TOML: thiếu ']' ở cuối tên bảng" in said
    # audit's alias file, which was all English: "not valid TOML: Expected ']' ... (at line 1, column 3)"
    aliases = _write(tmp_path, "a.toml", "[x\n")
    said = _said(capsys, ["audit", "national-2022", PUBLISHED, "--data", HA_GIANG, "--aliases", aliases])
    assert said == f"lỗi: {aliases}:1:3: không đúng cú pháp TOML: thiếu ']' ở cuối tên bảng\n"
    # English keeps tomllib's sense, and the decimal comma keeps its fix
    assert str(toml_reason("Expected ']' at the end of a table declaration")) == "']' is missing at the end of the table's name"
    comma = _write(tmp_path, "d.cases.toml", '[[case]]\nname = "a"\ntotal = 9,5\n')
    assert f"{comma}:3:10: lỗi E020: không phải tệp ca kiểm thử TOML: dấu phẩy thập phân: hãy viết 9.5" in _said(
        capsys, ["test", SMALL, comma]
    )


@pytest.mark.parametrize(
    ("text", "vi"),
    [
        ("a = 1\na = 2\n", "một khóa được gán giá trị hai lần"),
        ('x = "open\n', "ký tự '\\n' không được có trong chuỗi"),
        ("x = { a = 1, a = 2 }\n", "khóa 'a' xuất hiện hai lần trong một bảng nội dòng"),
        ("x = [1, 2\n", "mảng chưa được đóng bằng ']'"),
        ("x = 1 y = 2\n", "mỗi dòng chỉ được có một câu lệnh"),
        ("x\n", "thiếu '=' sau khóa"),
        ("x = nope\n", "không phải giá trị hợp lệ (một số, một chuỗi trong dấu nháy, true/false)"),
        ("[a]\n[a]\n", "bảng ('a',) được khai báo hai lần"),
    ],
)
def test_each_kind_of_tomllib_message_has_its_sentence(text: str, vi: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    lines = text.splitlines()
    line, column, why = toml_error(caught.value, lines)
    assert why.say("vi") == vi
    assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def test_a_toml_error_at_the_end_of_the_document_is_located_at_its_end() -> None:
    # tomllib says "Unclosed array (at end of document)": the last line, after its last character
    text = 'a = 1\nx = [1, 2\n'
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    assert str(caught.value) == "Unclosed array (at end of document)"
    assert toml_error(caught.value, text.splitlines())[:2] == (2, 10)


def test_an_unknown_tomllib_message_is_a_generic_sentence_never_english() -> None:
    said = toml_reason("A message a later Python words differently")
    assert (said.say("vi"), str(said)) == ("chỗ này không đúng cú pháp TOML", "not valid TOML here")


@pytest.mark.parametrize(
    ("number", "vi", "en"),
    [
        (errno.ENOENT, "không có tệp hay thư mục này", "no such file or folder"),
        (errno.EACCES, "không có quyền truy cập", "permission denied"),
        (errno.EPERM, "không có quyền truy cập", "permission denied"),
        (errno.EISDIR, "đây là một thư mục, không phải tệp", "it is a folder, not a file"),
        (errno.ENOTDIR, "một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"),
        (errno.EEXIST, "đã có", "it exists already"),
        (errno.ENOSPC, "ổ đĩa đã hết chỗ trống", "no space left on the disk"),
        (errno.EROFS, "hệ thống tệp chỉ cho phép đọc", "the file system is read-only"),
        (errno.ELOOP, "quá nhiều tầng liên kết tượng trưng (symlink)", "too many levels of symbolic links"),
        (errno.ENAMETOOLONG, "tên tệp quá dài", "the file name is too long"),
        (errno.EIO, f"hệ điều hành từ chối (EIO, mã lỗi {errno.EIO})", f"the system refused it (EIO, error {errno.EIO})"),
    ],
)
def test_the_os_reason_is_said_by_errno(number: int, vi: str, en: str) -> None:
    reason = os_reason(OSError(number, "the OS's English", "x"))
    assert not isinstance(reason, str)
    assert (reason.say("vi"), str(reason)) == (vi, en)


def test_an_oserror_without_errno_keeps_its_own_text() -> None:
    assert os_reason(OSError("standard output takes no binary data here")) == "standard output takes no binary data here"
    # ours carries a sentence: said in the run's language
    from parrules.cli_help import write_bytes_out

    class NoBuffer(io.StringIO):
        pass

    with pytest.raises(OSError) as raised:
        write_bytes_out(NoBuffer(), b"PK")
    reason = os_reason(raised.value)
    assert not isinstance(reason, str)
    assert reason.say("vi") == "đầu ra chuẩn ở đây không nhận dữ liệu nhị phân; hãy ghi sổ tính ra tệp với -o TỆP"


def test_cannot_use_says_the_os_reason_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # before: "lỗi: không dùng được '.../x.csv': No such file or directory"
    missing = str(tmp_path / "nowhere" / "x.csv")
    assert _said(capsys, ["template", SMALL, "-o", missing]) == f"lỗi: không dùng được {missing!r}: không có tệp hay thư mục này\n"
    assert _said(capsys, ["schema", SMALL, "-o", str(tmp_path)]) == (
        f"lỗi: không dùng được {str(tmp_path)!r}: đây là một thư mục, không phải tệp\n"
    )
    assert _said(capsys, ["template", SMALL, "-o", missing, "--lang", "en"]) == (
        f"error: cannot use {missing!r}: no such file or folder\n"
    )


def test_permission_denied_is_said_in_vietnamese(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # a root test run reads every file: the refusal is raised where a command would meet it
    def refused(*_args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/kết-quả.csv")

    monkeypatch.setitem(cli.COMMANDS, "list", refused)
    assert _said(capsys, ["list"]) == "lỗi: không dùng được '/srv/kết-quả.csv': không có quyền truy cập\n"


def test_a_parent_the_system_refuses_is_e194_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parrules import ruleset
    from parrules.errors import RulesetError

    parent = tmp_path / "base.par"
    parent.write_text(Path(SMALL).read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "child.par"
    child.write_text('ruleset "x" year 2022 level province scale 10 rounding half_up 4 extends "base.par"\n', encoding="utf-8")
    real = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "base.par":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    with pytest.raises(RulesetError) as caught:
        ruleset.load(child)
    said = caught.value.diagnostics[0].render("vi").splitlines()[0]
    assert said == f"{child}:1:1: lỗi E194: extends 'base.par': không đọc được {str(parent)!r}: không có quyền truy cập"


def test_the_codec_json_csv_and_workbook_reasons_are_said_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: "(invalid start byte tại byte 8)"
    latin = _write(tmp_path, "latin.par", b"ruleset \xff\xfe")
    assert f"{latin}:1:1: lỗi E000: tệp không phải văn bản UTF-8 (có byte không thể mở đầu một ký tự tại byte 8)" in _said(
        capsys, ["check", latin]
    )
    # before: "JSON không hợp lệ: Expecting property name enclosed in double quotes"
    bad = _write(tmp_path, "bad.json", "{not json")
    assert _said(capsys, ["score", SMALL, bad]) == (
        f'lỗi: {bad}:1:2: JSON không hợp lệ: cần một khóa trong dấu nháy kép ("...") ở đây\n'
    )
    # before: a traceback (zipfile.BadZipFile: File is not a zip file)
    book = _write(tmp_path, "bad.xlsx", b"PK\x03\x04not a workbook")
    assert _said(capsys, ["score", SMALL, book]) == (
        f"lỗi: {book}: không phải tệp .xlsx đọc được (tệp không phải tệp nén zip như mọi sổ tính .xlsx)\n"
    )
    # before: "(',' expected after '\"')"
    header = Path(UNITS).read_text(encoding="utf-8").splitlines()[0]
    quote = _write(tmp_path, "quote.csv", header + '\nX,"1"2,3\n')
    # the line is named once, by the location (it said "dòng 2: dòng 2 ...")
    assert "D206: dòng 2: dòng này không đúng định dạng CSV (cần ',' sau dấu '\"' đóng): " in _said(capsys, ["score", SMALL, quote])
    assert codec_reason("unexpected end of data").say("vi") == "văn bản kết thúc giữa chừng một ký tự"
    assert codec_reason("a reason a later Python adds").say("vi") == "có byte không phải UTF-8"
    assert json_reason("Extra data").say("vi") == "còn văn bản sau khi giá trị JSON đã kết thúc"
    assert json_reason("Something new").say("vi") == "chỗ này không đúng cú pháp JSON"
    assert csv_reason(Exception("field larger than field limit (131072)")).say("vi") == "có ô dài hơn 131.072 ký tự"
    assert csv_reason(Exception("something new")).say("vi") == "không đọc được dưới dạng CSV"
    assert workbook_reason(ValueError("x")).say("vi") == "nội dung tệp không phải của một sổ tính"


def test_side_files_without_a_code_are_said_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # before: "lỗi: no cost file '.../none.toml'"
    costs = str(tmp_path / "none.toml")
    assert _said(capsys, ["plan", SMALL, UNITS, "--unit", UNIT, "--total", "99", "--costs", costs]) == (
        f"lỗi: không có tệp chi phí {costs!r}\n"
    )
    assert _said(capsys, ["test", SMALL, costs]) == f"lỗi: không có tệp ca kiểm thử {costs!r}\n"
    assert _said(capsys, ["test", SMALL, costs, "--lang", "en"]) == f"error: no case file {costs!r}\n"
    latin = _write(tmp_path, "l.cases.toml", b"\xff\xfe")
    assert f"{latin}:1:1: lỗi E020: không phải văn bản UTF-8 (có byte không thể mở đầu một ký tự)" in _said(capsys, ["test", SMALL, latin])


def test_an_unknown_node_of_audit_is_said_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    published = _write(tmp_path, "pub.csv", "unit,code,published\nTỉnh Hà Giang,9.9,1\nTỉnh Hà Giang,7.3.7,1\n")
    assert _said(capsys, ["audit", "national-2022", published, "--data", HA_GIANG]) == (
        "lỗi: không có nút '9.9' trong bộ chỉ số này (dòng 2)\n"
    )


def test_the_did_you_mean_of_a_missing_column_is_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # before: "received_dept (did you mean 'received'?)"
    said = _said(capsys, ["score", "national-2022", UNITS])
    assert "portal_synced, received_dept (có phải ý bạn là 'received'?), on_time_dept, " in said
    english = _said(capsys, ["score", "national-2022", UNITS, "--lang", "en"])
    assert "portal_synced, received_dept (did you mean 'received'?), on_time_dept, " in english


def test_numbers_in_sentences_are_written_as_the_language_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: "cận trên (0.5)", "1,000" on vi
    bound = sentence("at its upper bound ({bound})", bound=D("0.5"))
    assert (bound.say("vi"), str(bound)) == ("đã ở cận trên (0,5)", "at its upper bound (0.5)")
    good = Path(SMALL).read_text(encoding="utf-8")
    options = ", ".join(f"o{i}" for i in range(1002))
    wide = _write(tmp_path, "wide.par", good.replace("choice { none, dept_leader }", f"choice {{ {options} }}"))
    said = _said(capsys, ["check", wide])
    assert "lỗi E010: nhiều hơn 1.000 phương án trong một đầu vào choice (1.002); hãy tách nhỏ hoặc kiểm tra lại tệp" in said
    (tmp_path / "folder.par").mkdir()
    assert _said(capsys, ["check", str(tmp_path / "folder.par")]) == (
        f"lỗi: {str(tmp_path / 'folder.par')!r} không phải tệp bộ chỉ số có dung lượng tối đa 2.000.000 byte\n"
    )
    # D106's bounds (the runtime's sentence): p_1_4 is at most 0.5 (small.par: criterion 1.4 max 0.5)
    header = Path(UNITS).read_text(encoding="utf-8").splitlines()[0]
    cells = _write(tmp_path, "cells.csv", header + "\nX,1,1,50%,9,có,0,none,2\n")
    assert "D106: đơn vị 'X', dòng 2, đầu vào 'p_1_4', cần cho 1.4: p_1_4 = 2 nằm ngoài khoảng 0..0,5" in _said(
        capsys, ["score", SMALL, cells]
    )


def test_a_number_argument_is_a_number_and_text_stays_as_written() -> None:
    said = sentence("x {a} {b} {c} {row} {year} {n}", a=D("1234.50"), b="A.1", c=0.25, row=1234, year=2022, n=1234)
    # a Decimal at its own places (1234.50 stays 1.234,50: a published 85.000 is not shortened)
    assert said.say("vi") == "x 1.234,50 A.1 0,25 1234 2022 1.234"
    assert str(said) == "x 1234.50 A.1 0.25 1234 2022 1234"
    assert dict(said.args)["a"] == Number(D("1234.50")) and dict(said.args)["b"] == "A.1"
    assert sentence("x {row}", row=D("2.5")).say("vi") == "x 2,5"  # a Decimal is always a quantity
    assert sentence("x {v}", v=True).say("vi") == "x True"  # a bool is no number
    assert sentence("x {v}", v=D("NaN")).say("vi") == "x NaN"  # nor a NaN


def test_compare_names_a_bad_cells_column_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # before: "dòng 2 points: 'abc' không phải một số"
    points = _write(tmp_path, "points.csv", "Đơn vị,Tổng điểm\nA,abc\n")
    assert f"lỗi: {points}: dòng 2 tổng điểm: 'abc' không phải một số" in _said(capsys, ["compare", points, points])


def test_appendix_and_template_usage_errors_are_said_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "a.xyz")
    assert _said(capsys, ["appendix", SMALL, "-o", out]) == (
        f"parrules appendix: -o {out}: hãy đặt tên tệp .docx, .html hoặc .md, hoặc dùng --format\n"
    )
    txt = str(tmp_path / "t.txt")
    assert _said(capsys, ["template", SMALL, "-o", txt]) == (
        f"lỗi: {txt}: tệp mẫu được ghi dưới dạng .xlsx hoặc .csv, không phải '.txt'\n"
    )


def test_a_commune_class_the_ruleset_lacks_is_said_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: ValueError("commune class 'Nhóm Z' is not a class of this ruleset (...)") and a traceback
    from .test_audit_seeds import bac_kan, data_file, table

    rs, _cards = bac_kan("districts")
    data = str(data_file(tmp_path, rs, "districts"))
    published = table(tmp_path / "p.csv", ["unit", "code", "published"], [["Huyện Bạch Thông", "class", "Tốt"]])
    members = table(tmp_path / "c.csv", ["district", "class"], [["Huyện Bạch Thông", "Trung bìnhh"]])
    argv = ["audit", "bac-kan-2023-districts", str(published), "--data", data, "--communes", str(members)]
    assert _run(capsys, argv) == (
        2,
        "lỗi: xếp loại xã 'Trung bìnhh' không phải một xếp loại của bộ chỉ số này (Tốt, Khá, Trung bình, Yếu)"
        " (có phải ý bạn là 'Trung bình'?)\n",
    )


def test_list_says_why_a_shipped_ruleset_does_not_load_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: the English first line of str(exc): "(không nạp được: x.par:1:1: error E000: the file is not UTF-8 text ...)"
    from parrules import nodes, ruleset
    from parrules.errors import Diagnostic, NotFound, RulesetError

    said = sentence("the file is not UTF-8 text ({reason} at byte {start})", reason=codec_reason("invalid start byte"), start=0)
    broken = RulesetError([Diagnostic("error", "E000", str(said), nodes.Location("x.par", 1, 1), sentence=said)])

    def load(name: str) -> object:
        raise broken if name == "broken" else NotFound(
            sentence("no ruleset named {name!r}{hint}; shipped rulesets: {known}", name=name, hint="", known="-")
        )

    monkeypatch.setattr(ruleset, "shipped", lambda: ["broken", "gone"])
    monkeypatch.setattr(ruleset, "load_header", load)  # list loads each ruleset's header
    out = _said(capsys, ["list"])
    assert out.splitlines() == [
        f"{'broken':<28} (không nạp được: x.par:1:1: lỗi E000: tệp không phải văn bản UTF-8 "
        "(có byte không thể mở đầu một ký tự tại byte 0))",
        f"{'gone':<28} (không nạp được: không có bộ chỉ số tên 'gone'; các bộ chỉ số có sẵn: -)",
    ]


def test_no_english_in_the_vietnamese_reports_of_whatif_plan_and_failing_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reports around good inputs that tests/test_cli_lang.py does not run: a what-if with
    its derivations (they were English), a plan (its target was 'class ...', 'total 9.9'), a
    case file whose cases fail (a case that cannot be scored gave the D104 in English)."""
    inputs = 'received = 10, on_time = 9, online = 50, rank_budget = 5, has_plan = true, late_tasks = 0, discipline = "none", p_1_4 = 0.4'
    cases = _write(
        tmp_path,
        "f.cases.toml",
        f'[[case]]\nname = "ca-mot"\nunit = "X"\ninputs = {{ {inputs} }}\ntotal = 5\nclass = "Khá"\n'
        '[[case]]\nname = "ca-hai"\ninputs = { received = "x" }\n',
    )
    runs = [
        ["whatif", SMALL, UNITS, "--unit", UNIT, "--set", "online=90"],
        ["whatif", SMALL, UNITS, "--unit", UNIT, "--set", "online=90", "--format", "md"],
        ["plan", SMALL, UNITS, "--unit", UNIT, "--target", "Tốt"],
        ["plan", SMALL, UNITS, "--unit", UNIT, "--total", "9.9"],
        ["plan", SMALL, UNITS, "--unit", UNIT, "--gain", "0.5", "--format", "md"],
        ["explain", SMALL, UNITS, "--unit", UNIT, "--sensitivity"],
        ["test", SMALL, cases],
    ]
    found = []
    for argv in runs:
        code, text = _run(capsys, argv)
        assert code in (0, 1) and text.strip(), (argv, text)
        found += [f"{argv[0]}: {hit}" for hit in english_in(text)]
    assert not found, "English on a Vietnamese run:\n" + "\n".join(found)
    said = _said(capsys, ["test", SMALL, cases])
    assert "  không chấm được điểm: D104: đơn vị 'ca-hai', đầu vào 'received', cần cho 1.1.1: received phải là một số, không phải 'x'" in said
    assert _said(capsys, ["plan", SMALL, UNITS, "--unit", UNIT, "--total", "9.9"]).startswith(
        f"Kế hoạch cho {UNIT}: tổng điểm 9,9 (tổng điểm ít nhất 9,9)"
    )


def test_plan_reads_a_goal_as_a_data_cell_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    # before: `--gain 0,5` on a Vietnamese run said "D213: ... '0,5' không phải một số" (plan read
    # goals with a decimal point only).  The goal is the unit's total plus 0,5, whichever mark is
    # used; the total is Hà Giang's, which seed 004 publishes as 84,41 (its national 2022 table,
    # line 255: "TỔNG ĐIỂM ... 84.41 ... 40/63").
    ha_giang = ["national-2022", str(ROOT / "examples" / "ha-giang-2022.csv"), "--unit", "Tỉnh Hà Giang"]
    for gain in ("0,5", "0.5"):
        said = _said(capsys, ["plan", *ha_giang, "--gain", gain])
        first = said.splitlines()[0]
        assert first.startswith("Kế hoạch cho Tỉnh Hà Giang: tăng 0,5 điểm (tổng điểm ít nhất "), said
        goal = D(first.rsplit(" ", 1)[1].rstrip(")").replace(",", "."))
        before = D(re.search(r"trước: +tổng điểm (\d+,\d+)", said)[1].replace(",", "."))  # type: ignore[index]
        assert before.quantize(D("0.01")) == D("84.41") and goal == before + D("0.5")
    said = _said(capsys, ["plan", *ha_giang, "--total", "85,25"])
    assert said.startswith("Kế hoạch cho Tỉnh Hà Giang: tổng điểm 85,25 (tổng điểm ít nhất 85,25)"), said
    assert "'abc' không phải một số" in _said(capsys, ["plan", *ha_giang, "--gain", "abc"])


def test_json_derivations_follow_the_run_s_language(capsys: pytest.CaptureFixture[str]) -> None:
    # before: whatif/plan --format json carried the derivations in English ("score: 10.9439 of 13.5")
    # on a Vietnamese run.  7.3.6 at 60 % online: 0,9 of 1,5 (the rate times the max, 0.6 x 1.5)
    import json

    ha_giang = ["national-2022", str(ROOT / "examples" / "ha-giang-2022.csv"), "--unit", "Tỉnh Hà Giang"]
    for lang, line in (("vi", "  điểm: 0,9 trên 1,5 (60,00%)"), ("en", "  score: 0.9 of 1.5 (60.00%)")):
        said = _said(capsys, ["whatif", *ha_giang, "--set", "online_full_rate=60", "--format", "json", "--lang", lang])
        derivation = json.loads(said[: said.rindex("}") + 1])["derivations"]["7.3.6"]
        assert derivation.splitlines()[1].startswith(line), derivation
    said = _said(capsys, ["plan", *ha_giang, "--gain", "0,5", "--format", "json"])
    derivations = json.loads(said[: said.rindex("}") + 1])["derivations"]
    assert derivations and all("\n  điểm: " in text and "\n  score: " not in text for text in derivations.values())
