"""Reading units' data: Vietnamese numbers, yes/no, errors naming unit/row/column."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import compare, workbook
from parrules import io as data_io
from parrules.cli import main

DATA = Path(__file__).parent / "data"
HEADER = "unit,received,on_time,online,rank_budget,has_plan,late_tasks,discipline,p_1_4"
GOOD = 'Huyện A,1.050,1.000,"98,3%",5,có,1,none,"0,4"'


@pytest.fixture(scope="module")
def rs() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")


def write(tmp_path: Path, text: str, name: str = "d.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def test_vietnamese_numbers(rs, tmp_path):
    data = data_io.read_data(write(tmp_path, f"{HEADER}\n{GOOD}\n"), rs)
    assert data.rows_read == 1 and not data.rejected
    unit, inputs, row = data.units[0]
    assert (unit, row) == ("Huyện A", 2)
    assert inputs["received"] == Decimal(1050)
    assert inputs["online"] == Decimal("98.3")
    assert inputs["p_1_4"] == Decimal("0.4")
    assert inputs["has_plan"] is True
    card = rs.evaluate(inputs, unit=unit)
    assert card["1.1.2"].score == Decimal("1.4745")


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1.050", "comma", Decimal(1050)),
        ("84,41", "comma", Decimal("84.41")),
        ("121.737", "comma", Decimal(121737)),
        ("1.050,5", "comma", Decimal("1050.5")),
        # a comma is the decimal mark in the Vietnamese style, three digits after it or not:
        # seed 000 prints survey points so ("2,052" for chỉ đạo điều hành)
        ("2,052", "comma", Decimal("2.052")),
        ("1,050", "comma", Decimal("1.050")),
        ("84.41", "dot", Decimal("84.41")),
        ("0.125", "dot", Decimal("0.125")),
        ("1050", "dot", Decimal(1050)),
    ],
)
def test_parse_number(text, decimal, expected):
    assert data_io.parse_number(text, decimal) == expected


@pytest.mark.parametrize(
    ("text", "decimal"),
    [
        ("1.050", "dot"),
        ("1,050", "dot"),
        ("1,5", "dot"),
        ("1.5", "comma"),
        ("84.41", "comma"),
        ("abc", "comma"),
    ],
)
def test_ambiguous_or_wrong_numbers_are_errors(text, decimal):
    with pytest.raises(ValueError):
        data_io.parse_number(text, decimal)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the program style (compare reads a table a program wrote so): digits with one point
        # and no grouping are plain, "95.476" is 95.476 (dot would refuse it as ambiguous,
        # comma would read 95476)
        ("95.476", Decimal("95.476")),
        ("-0.5", Decimal("-0.5")),
        ("+12", Decimal(12)),
        ("1050", Decimal(1050)),
        # anything else is read as dot: grouped by commas with a decimal point, 1,234.5 = 1234.5
        ("1,234.5", Decimal("1234.5")),
        ("12.", Decimal(12)),
    ],
)
def test_parse_number_in_the_program_style(text: str, expected: Decimal) -> None:
    assert data_io.parse_number(text, "program") == expected


def test_parse_number_in_the_program_style_refuses_as_dot_does() -> None:
    # not a program's number, so read as dot: "1,234" is ambiguous, "abc" no number, with the
    # dot style's hint
    with pytest.raises(ValueError) as info:
        data_io.parse_number("1,234", "program")
    assert str(info.value) == (
        "'1,234' is ambiguous: with a decimal point it reads 1234, but written the Vietnamese way "
        "it means something else; write it without a thousands separator"
    )
    with pytest.raises(ValueError) as info:
        data_io.parse_number("abc", "program")
    assert str(info.value) == "'abc' is not a number (the file is read with a decimal point: 84.41)"


def test_bad_cell_rejects_row_names_unit_row_column(rs, tmp_path):
    text = f'{HEADER}\n{GOOD}\nHuyện B,1.5,1,"50%",5,có,1,none,"0,4"\nHuyện C,10,9,"50%",5,maybe,1,none,\n'
    data = data_io.read_data(write(tmp_path, text), rs)
    assert data.rows_read == 3
    assert [u.unit for u in data.units] == ["Huyện A"]
    assert [(r.unit, r.row) for r in data.rejected] == [("Huyện B", 3), ("Huyện C", 4)]
    e = data.rejected[0].errors[0]
    assert (e.unit, e.row, e.column) == ("Huyện B", 3, "received")
    assert "row 3" in e.render() and "Huyện B" in e.render()
    # every bad cell of a row is reported, the empty one as missing
    codes = {(x.column, x.code) for x in data.rejected[1].errors}
    assert codes == {("has_plan", "D104"), ("p_1_4", "D101")}
    assert data.summary() == "rows read 3 = scored 1 + rejected 2"


def test_dot_decimal_option(rs, tmp_path):
    text = f"{HEADER}\nHuyện A,1050,1000,98.3%,5,yes,1,none,0.4\nHuyện B,1.050,1000,98.3,5,no,1,none,0.4\n"
    data = data_io.read_data(write(tmp_path, text), rs, decimal="dot")
    assert data.units[0].inputs["online"] == Decimal("98.3")
    assert data.rejected[0].errors[0].column == "received"
    assert "ambiguous" in data.rejected[0].errors[0].message


def test_bom_semicolons_and_description_row(rs, tmp_path):
    desc = ";".join(["Mô tả"] + ["x"] * 8)
    text = f"{HEADER.replace(',', ';').replace('unit', 'Đơn vị')}\n{desc}\nHuyện A;1.050;1.000;98,3%;5;Có;1;none;0,4\n"
    p = write(tmp_path, text, encoding="utf-8-sig")
    assert p.read_bytes().startswith(b"\xef\xbb\xbf")
    data = data_io.read_data(p, rs)
    assert data.rows_read == 1 and data.units[0].row == 3 and data.units[0].inputs["online"] == Decimal("98.3")


def test_duplicate_unit_extra_column_and_yesno_spellings(rs, tmp_path):
    text = (
        f"{HEADER},ghi_chu\n"
        "Huyện A,10,9,50,5,x,1,none,0,\n"
        "Huyện B,10,9,50,5,không,1,none,0,\n"
        "Huyện A,10,9,50,5,TRUE,1,none,0,\n"
    )
    data = data_io.read_data(write(tmp_path, text), rs)
    assert [u.inputs["has_plan"] for u in data.units] == [True, False]
    assert data.rejected[0].row == 4 and data.rejected[0].errors[0].code == "D202"
    assert any("ghi_chu" in w for w in data.warnings)


def test_missing_column_and_not_utf8_are_file_errors(rs, tmp_path):
    with pytest.raises(data_io.DataError, match="p_1_4"):
        data_io.read_data(write(tmp_path, "unit,received\nA,1\n"), rs)
    p = tmp_path / "latin.csv"
    p.write_bytes(f"{HEADER}\n".encode() + b"Huy\xean A" + b",1,1,1,1,1,1,none,1\n")
    with pytest.raises(data_io.DataError, match="UTF-8"):
        data_io.read_data(p, rs)
    with pytest.raises(data_io.DataError, match="unit-name"):
        data_io.read_data(write(tmp_path, "name,received\nA,1\n"), rs)


def test_xlsx_cells_formulas_and_percent_format(rs, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["Huyện A", 1050, 1000, 0.983, 5, "có", 1, "none", 0.4])
    ws["D2"].number_format = "0.0%"
    ws.append(["Huyện B", 1050, "=B3-50", 98.3, 5, True, 1, "none", "0,4"])
    ws.append(["Huyện C", "84.41", 10, 98.3, 5, 1, 1, "none", 0.4])
    # "1.050" as text is Vietnamese (1050), so the column keeps the decimal comma and C's "84.41" is an error
    ws.append(["Huyện D", "1.050", 1000, 98.3, 5, True, 1, "none", "=0.4"])
    ws["I5"].data_type = "s"  # a formula left as text
    p = tmp_path / "d.xlsx"
    wb.save(p)
    data = data_io.read_data(p, rs)
    assert data.rows_read == 4
    (a,) = data.units
    assert a.inputs["online"] == Decimal("98.3") and a.inputs["received"] == 1050
    b, c, d = data.rejected
    assert (b.row, b.errors[0].column) == (3, "on_time") and "formula" in b.errors[0].message
    assert (c.row, c.errors[0].column) == (4, "received")
    assert (d.row, d.errors[0].column) == (5, "p_1_4") and "formula" in d.errors[0].message


def test_json_list_and_mapping(rs, tmp_path):
    good = {
        "received": 10,
        "on_time": 9,
        "online": 98.3,
        "rank_budget": 5,
        "has_plan": True,
        "late_tasks": 0,
        "discipline": "none",
        "p_1_4": "0,4",
    }
    p = write(tmp_path, json.dumps([{"unit": "A", **good}, {"unit": "B", **good, "online": None}]), "d.json")
    data = data_io.read_data(p, rs)
    assert [u.unit for u in data.units] == ["A"] and data.units[0].inputs["online"] == Decimal("98.3")
    assert data.rejected[0].errors[0].code == "D101"
    p = write(tmp_path, json.dumps({"A": good}), "m.json")
    assert data_io.read_data(p, rs).units[0].unit == "A"


def test_evaluation_errors_join_the_rejected(rs, tmp_path):
    text = f'{HEADER}\n{GOOD}\nHuyện B,10,11,50,5,có,1,none,"0,4"\n'
    data = data_io.read_data(write(tmp_path, text), rs)
    run = data_io.score_data(rs, data)
    assert len(run.cards) == 1 and run.rejected[0].unit == "Huyện B" and run.rejected[0].row == 3
    assert run.summary() == "rows read 2 = scored 1 + rejected 1"


def test_template_csv_round_trip(rs, tmp_path):
    p = tmp_path / "t.csv"
    workbook.write_template(rs, p)
    lines = p.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2
    with p.open("a", encoding="utf-8") as fh:
        fh.write('Huyện A,1.050,1.000,"98,3%",5,có,1,none,"0,4"\n')
    data = data_io.read_data(p, rs)
    assert data.rows_read == 1 and len(data.units) == 1


def test_a_mistyped_column_is_named_with_the_near_miss(rs, tmp_path):
    header = HEADER.replace("received", "recieved", 1)
    path = tmp_path / "typo.csv"
    path.write_text(f"{header}\n{GOOD}\n", encoding="utf-8")
    with pytest.raises(data_io.DataError) as caught:
        data_io.read_data(path, rs)
    assert "received (did you mean 'recieved'?)" in str(caught.value)


# ---------------------------------------------------------------- issue 8, class 4: no row vanishes


def good_row(name: str) -> str:
    return GOOD.replace("Huyện A", name, 1)


def test_a_stray_quote_does_not_swallow_the_rows_after_it(rs, tmp_path):
    """The issue's reproducer: a " at the start of a row, 100 rows after it.  The csv module
    joined them into one rejected "unit" and the summary never counted them; now the line
    with the quote alone is rejected (D204, naming the lines a spreadsheet would join) and
    the 100 rows are scored."""
    rows = [good_row("Huyện A"), '"' + good_row("Huyện B"), *(good_row(f"Xã {i:03d}") for i in range(100))]
    data = data_io.read_data(write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n"), rs)
    assert data.rows_read == 102
    assert [u.unit for u in data.units] == ["Huyện A", *(f"Xã {i:03d}" for i in range(100))]
    assert [u.row for u in data.units] == [2, *range(4, 104)]
    (bad,) = data.rejected
    assert bad.row == 3 and [e.code for e in bad.errors] == ["D204"]
    message = bad.errors[0].message
    assert "line 3" in message and "lines 4..103 (the end of the file)" not in message
    assert "would join lines 4..103 to it" in message and "Huyện B" in message
    assert data.summary() == "rows read 102 = scored 101 + rejected 1"


def test_a_cell_spanning_lines_is_rejected_line_by_line(rs, tmp_path):
    """A quoted cell with a line break (a unit name typed with Alt+Enter) is never accepted:
    a unit name or number has no line break.  Both lines are rejected by number, the second
    saying which line opened the quote; the rows around them are scored."""
    text = f'{HEADER}\n{good_row("Huyện A")}\n"Huyện\nB",1.050,1.000,"98,3%",5,có,1,none,"0,4"\n{good_row("Huyện C")}\n'
    data = data_io.read_data(write(tmp_path, text), rs)
    assert [(u.unit, u.row) for u in data.units] == [("Huyện A", 2), ("Huyện C", 5)]
    assert [(r.row, [e.code for e in r.errors]) for r in data.rejected] == [(3, ["D204"]), (4, ["D204"])]
    assert "would join line 4 to it" in data.rejected[0].errors[0].message
    assert "closes a quote left open in line 3" in data.rejected[1].errors[0].message
    assert data.rows_read == 4


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_ends_and_blank_lines_are_accounted_for(rs, tmp_path, end):
    text = end.join([HEADER, good_row("Huyện A"), "", ",,,,", good_row("Huyện B"), ""])
    data = data_io.read_data(write(tmp_path, text), rs)
    assert [(u.unit, u.row) for u in data.units] == [("Huyện A", 2), ("Huyện B", 5)]
    assert data.skipped == [3, 4] and data.header_row == 1
    assert data.summary() == "rows read 2 = scored 2 + rejected 0 (not counted: 2 blank lines)"
    assert data.summary(lang="vi") == "đọc 2 dòng = 2 dòng được chấm điểm + 0 dòng bị loại (không tính 2 dòng trống)"


def test_a_row_with_another_number_of_fields_is_rejected(rs, tmp_path):
    """An empty field too many (a typed delimiter) shifts nothing visible but is not the
    header's shape: D205 names the line and both counts.  An unquoted decimal comma that
    splits a value keeps its D203 (the column letter of the stray value)."""
    text = f"{HEADER},ghi_chu\n{good_row('Huyện A')},\n{good_row('Huyện B')},,\n{good_row('Huyện C')}\n"
    data = data_io.read_data(write(tmp_path, text), rs)
    assert [u.unit for u in data.units] == ["Huyện A"]
    assert [(r.unit, r.row, [e.code for e in r.errors]) for r in data.rejected] == [
        ("Huyện B", 3, ["D205"]),
        ("Huyện C", 4, ["D205"]),
    ]
    assert "11 fields but the header (line 1) has 10" in data.rejected[0].errors[0].message


# ---------------------------------------------------------------- issue 8, class 7: located errors, no traceback

JSON_GOOD = {
    "received": 10,
    "on_time": 9,
    "online": 98.3,
    "rank_budget": 5,
    "has_plan": True,
    "late_tasks": 0,
    "discipline": "none",
    "p_1_4": 0.4,
}


def test_a_json_integer_of_5000_digits_is_a_located_error(rs, tmp_path):
    body = json.dumps(
        [{"unit": "A", **JSON_GOOD}, {"unit": "B", **JSON_GOOD, "received": 0}, {"unit": "C", **JSON_GOOD}]
    )
    body = body.replace('"received": 0', '"received": ' + "9" * 5000)
    data = data_io.read_data(write(tmp_path, body, "d.json"), rs)
    assert [u.unit for u in data.units] == ["A", "C"]
    (e,) = data.rejected[0].errors
    assert (e.code, e.unit, e.row, e.column) == ("D208", "B", 2, "received")
    assert "has 5000 characters" in e.message and "có 5.000 ký tự" in e.render("vi")


def test_json_nested_100000_deep_is_a_located_file_error(rs, tmp_path):
    p = write(tmp_path, '{"units": ' + "[" * 100_000 + "]" * 100_000 + "}", "deep.json")
    with pytest.raises(data_io.DataError, match=r"deep\.json:1:\d+: the JSON is nested more than 16 levels"):
        data_io.read_data(p, rs)


def test_json_records_that_are_no_object_or_give_a_key_twice_are_rejected_alone(rs, tmp_path):
    good = json.dumps({"unit": "A", **JSON_GOOD})
    twice = json.dumps({"unit": "C", **JSON_GOOD})[:-1] + ', "received": 11}'
    p = write(tmp_path, f"[{good}, [1, 2], {twice}, {good.replace('A', 'D')}]", "d.json")
    data = data_io.read_data(p, rs)
    assert [u.unit for u in data.units] == ["A", "D"]
    assert [(r.row, [e.code for e in r.errors]) for r in data.rejected] == [(2, ["D209"]), (3, ["D210"])]
    assert "'received'" in data.rejected[1].errors[0].message


def test_a_csv_field_over_128_kb_rejects_its_line_only(rs, tmp_path):
    long_name = "Huyện " + "x" * 140_000
    text = f"{HEADER}\n{good_row('Huyện A')}\n{good_row(long_name)}\n{good_row('Huyện C')}\n"
    data = data_io.read_data(write(tmp_path, text), rs)
    assert [u.unit for u in data.units] == ["Huyện A", "Huyện C"]
    (e,) = data.rejected[0].errors
    assert (e.code, e.row) == ("D207", 3) and "more than the 65536" in e.message and "65.536" in e.render("vi")
    assert len(e.render()) < 300  # the line is named, not printed


def test_a_cell_longer_than_a_spreadsheet_cell_is_rejected(rs, tmp_path):
    text = f"{HEADER}\n{good_row('Huyện A')}\n{good_row('Huyện B').replace('none', 'n' * 40_000)}\n"
    data = data_io.read_data(write(tmp_path, text), rs)
    (e,) = data.rejected[0].errors
    assert (e.code, e.unit, e.row, e.column) == ("D207", "Huyện B", 3, "discipline")


def test_an_xlsx_with_a_huge_cell_and_many_columns(rs, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*HEADER.split(","), *(f"extra{i}" for i in range(2000))])
    ws.append(["Huyện A", 1050, 1000, 98.3, 5, "có", 1, "none", 0.4])
    ws.append(["Huyện B" + "y" * 40_000, 1050, 1000, 98.3, 5, "có", 1, "none", 0.4])
    p = tmp_path / "d.xlsx"
    wb.save(p)
    data = data_io.read_data(p, rs)
    assert [u.unit for u in data.units] == ["Huyện A"]
    (e,) = data.rejected[0].errors
    assert (e.code, e.row, e.unit) == ("D207", 3, None)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "no header row"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
        (f"{HEADER}\n{GOOD}\n".encode("utf-16"), "UTF-16"),
        (b"\xff\xd8\xff\xe0 not text", "not UTF-8"),
    ],
)
def test_empty_binary_and_utf16_files_are_file_errors(rs, tmp_path, content, match):
    p = tmp_path / "d.csv"
    p.write_bytes(content)
    with pytest.raises(data_io.DataError, match=match):
        data_io.read_data(p, rs)
    q = tmp_path / "d.json"
    q.write_bytes(content)
    with pytest.raises(data_io.DataError):
        data_io.read_data(q, rs)


def test_a_file_over_the_size_bound_is_refused_unread(rs, tmp_path, monkeypatch):
    monkeypatch.setattr(data_io, "MAX_DATA_BYTES", 100)
    with pytest.raises(data_io.DataError, match="more than the 100 a data file may have"):
        data_io.read_data(write(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD}\n"), rs)


# ---------------------------------------------------------------- issue 8, class 10: look-alike unit names

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\ufe0f", "\u200e"]
SPACES = [" ", "  ", "\u00a0", "\u2009", "\u202f", "\u3000", "\t", " \u00a0 ", "\u2028"]
WORD = st.text(st.sampled_from(list("abcxyzđăâêôơưáàảãạếồỷHS")), min_size=1, max_size=6)
NAMES = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@st.composite
def look_alike(draw: st.DrawFn, name: str) -> str:
    """The name as it may come out of a copy and paste: other spaces, invisible characters,
    the other Unicode normal form, spaces around it."""
    words = name.split(" ")
    text = words[0] + "".join(draw(st.sampled_from(SPACES)) + w for w in words[1:])
    for _ in range(draw(st.integers(0, 3))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(INVISIBLE)) + text[pos:]
    text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)
    return draw(st.sampled_from(["", " ", "\u00a0", "\u200b"])) + text + draw(st.sampled_from(["", " ", "\u3000"]))


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), name=NAMES)
def test_look_alike_names_are_one_unit(rs, tmp_path, data, name):
    """Two rows whose names differ only by invisible characters, spaces or normal form are a
    duplicate (D202) naming both rows and both spellings; --unit and compare find the unit by
    either spelling.  A visibly different name stays another unit."""
    alike = data.draw(look_alike(name))
    other = name + "x"
    path = tmp_path / "alike.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER.split(","))
        for unit in (name, alike, other):
            w.writerow([unit, "1.050", "1.000", "98,3%", "5", "có", "1", "none", "0,4"])
    got = data_io.read_data(path, rs)
    assert [(u.unit, u.row) for u in got.units] == [(name, 2), (other, 4)]
    (dup,) = got.rejected
    (e,) = dup.errors
    assert (dup.row, e.code) == (3, "D202") and "duplicate of row 2" in e.message
    if data_io.nfc(alike) != name:
        assert repr(name) in e.message and repr(data_io.nfc(alike)) in e.message
    assert data_io.unit_key(alike) == data_io.unit_key(name) == name
    assert got.find(alike) is got.units[0]
    assert compare.unit_key(alike) == compare.unit_key(name) != compare.unit_key(other)


def test_unit_lookup_by_a_look_alike_through_the_cli(tmp_path, capsys):
    path = tmp_path / "d.csv"
    row = GOOD.replace("Huyện A", "Huyện\u00a0\u200bA")
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    assert main(["explain", str(DATA / "small.par"), str(path), "--unit", "Huyện A"]) == 0
    assert "1.1.2" in capsys.readouterr().out


def test_units_on_another_sheet_are_named_in_a_warning(rs, tmp_path):
    """Only one sheet is read; units on another would vanish unnoticed, so a warning names it."""
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.split(","))
    wb.active.append(["Huyện A", 1050, 1000, 98.3, 5, "có", 1, "none", 0.4])
    more = wb.create_sheet("Trang 2")
    more.append(["Huyện B", 1050, 1000, 98.3, 5, "có", 1, "none", 0.4])
    wb.create_sheet("Trống")
    p = tmp_path / "d.xlsx"
    wb.save(p)
    data = data_io.read_data(p, rs)
    assert [u.unit for u in data.units] == ["Huyện A"]
    (warning,) = [w for w in data.warnings if "sheet" in w]
    assert "'Trang 2'" in warning and "Trống" not in warning and "--sheet" in warning
    assert not [w for w in data_io.read_data(p, rs, sheet="Sheet").warnings if "sheet" in w]


# ---------------------------------------------------------------- fuzz: any file is a DataSet or a DataError

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False).map(str).map(lambda t: json.loads(t, parse_float=str)),
    st.sampled_from(["1e999999", "-0", "NaN", "Infinity", "9" * 5000, "0." + "1" * 200]).map(lambda t: ("raw", t)),
    st.text(max_size=20),
    st.sampled_from(["unit", "received", "online", "Huyện A", "0,4", "98,3%", "có"]),
)


def _json_text(value: Any) -> str:
    """JSON text of a drawn value; ("raw", literal) is written as that number literal."""
    if isinstance(value, tuple):
        return value[1]
    if isinstance(value, list):
        return "[" + ",".join(_json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k) + ":" + _json_text(v) for k, v in value.items()) + "}"
    return json.dumps(value)


JSON_DOCS = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.sampled_from([*HEADER.split(","), "units", "x"]), inner, max_size=9),
    ),
    max_leaves=40,
)


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=JSON_DOCS)
def test_any_json_document_is_a_dataset_or_a_data_error(rs, tmp_path, doc):
    path = tmp_path / "fuzz.json"
    path.write_text(_json_text(doc), encoding="utf-8")
    try:
        data = data_io.read_data(path, rs)
    except data_io.DataError as exc:
        assert str(exc).startswith(str(path)), exc
        return
    assert data.rows_read == len(data.units) + len(data.rejected)
    assert all(r.errors and all(e.code.startswith("D") for e in r.errors) for r in data.rejected)


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.one_of(
            st.just(GOOD),
            st.text(st.sampled_from(list('",;\t\r\n 0123456789.%Huyệnabc\ufeff\u00a0\u200b\x0b\x0c\x85\u2028')), max_size=40),
            st.binary(max_size=12).map(lambda b: b.decode("latin-1")),
        ),
        max_size=12,
    ),
    suffix=st.sampled_from([".csv", ".tsv", ".txt"]),
)
def test_any_csv_text_is_a_dataset_or_a_data_error(rs, tmp_path, lines, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_text(HEADER + "\n" + "\n".join(lines), encoding="utf-8")
    try:
        data = data_io.read_data(path, rs)
    except data_io.DataError as exc:
        assert str(exc).startswith(str(path)), exc
        return
    text = path.read_text(encoding="utf-8-sig")
    total = len(re.findall(r"\r\n|\r|\n", text)) + (1 if text and text[-1] not in "\r\n" else 0)
    accounted = [data.header_row, *data.skipped, *(u.row for u in data.units), *(r.row for r in data.rejected)]
    if data.description_row is not None:
        accounted.append(data.description_row)
    assert sorted(accounted) == list(range(data.header_row, total + 1))
