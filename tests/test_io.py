"""Reading units' data: Vietnamese numbers, yes/no, errors naming unit/row/column."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import parrules
from parrules import io as data_io

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
    data_io.write_template(rs, p)
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
