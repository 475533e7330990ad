"""Data validation per unit, through the real reader on CSV and XLSX files.

Each kind of bad row (a missing input, an extra column, a wrong type, a negative
count, a part larger than its whole, a percent over 100, an empty cell, a
duplicate unit name, a formula left as text) is rejected with an InputError that
names the unit, the spreadsheet row (header = row 1), the column and the code of
the rule violated; the good rows before and after it are still scored and the
summary adds up.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules.cli import main

DATA = Path(__file__).parent / "data"
SMALL_HEADER = ["unit", "received", "on_time", "online", "rank_budget", "has_plan", "late_tasks", "discipline", "p_1_4"]
GOOD = [1050, 1000, 98, 5, "có", 1, "none", 0]  # the inputs of a valid small.par unit, in header order
FORMATS = ["csv", "xlsx"]


@pytest.fixture(scope="module")
def rs() -> parrules.Ruleset:
    return parrules.load(DATA / "small.par")


@pytest.fixture(scope="module")
def national() -> parrules.Ruleset:
    return parrules.load("national-2022")


def write(tmp_path: Path, fmt: str, rows: Sequence[Sequence[Any] | None], *, text_cells: Sequence[str] = ()) -> Path:
    """A data file of the rows (the first is the header; None is a blank line/row).

    CSV cells are written with str(); XLSX cells keep their Python type (numbers as
    numbers), a string starting with "=" becomes a formula unless its cell is listed
    in text_cells (e.g. "C3"), which are stored as text as Excel does for a formula
    typed into a text-formatted cell.
    """
    path = tmp_path / f"data.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            for row in rows:
                w.writerow([] if row is None else ["" if v is None else v for v in row])
        return path
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row or (), start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    for ref in text_cells:
        ws[ref].data_type = "s"
    wb.save(path)
    return path


def good(name: str) -> list[Any]:
    return [name, *GOOD]


def run(rs: parrules.Ruleset, path: Path) -> data_io.ScoreRun:
    result = data_io.score_data(rs, data_io.read_data(path, rs))
    d = result.data
    assert d.rows_read == len(result.cards) + len(result.rejected)
    blank = f" (not counted: {len(d.skipped)} blank line{'s' if len(d.skipped) != 1 else ''})" if d.skipped else ""
    assert result.summary() == (
        f"rows read {d.rows_read} = scored {len(result.cards)} + rejected {len(result.rejected)}{blank}"
    )
    return result


def scored(result: data_io.ScoreRun) -> list[tuple[str | None, int]]:
    return [(c.unit, result.rows[id(c)]) for c in result.cards]


def errors_of(result: data_io.ScoreRun) -> list[tuple[str | None, int | None, str | None, str]]:
    """(unit, row, column, code) of every error of every rejected row, each error's row being its row's."""
    out = []
    for r in result.rejected:
        assert r.errors
        for e in r.errors:
            assert e.row == r.row and e.unit == r.unit
            out.append((e.unit, e.row, e.column, e.code))
    return out


def with_cell(name: str, column: str, value: Any) -> list[Any]:
    row = good(name)
    row[SMALL_HEADER.index(column)] = value
    return row


# ---------------------------------------------------------------- one test per case


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_inputs_in_a_short_row(rs, tmp_path, fmt):
    """A row that stops early (its last three cells absent): D101 for each missing input, by name.

    In a CSV file the line also has fewer fields than the header: D205 says a delimiter
    was lost, since every value after a lost delimiter is read one column early."""
    rows = [SMALL_HEADER, good("Huyện A"), good("Huyện B")[:6], good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    width = [("Huyện B", 3, None, "D205")] if fmt == "csv" else []
    assert errors_of(result) == [
        ("Huyện B", 3, "late_tasks", "D101"),
        ("Huyện B", 3, "discipline", "D101"),
        ("Huyện B", 3, "p_1_4", "D101"),
        *width,
    ]
    assert all(e.input == e.column for e in result.rejected[0].errors if e.code == "D101")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_input_column_is_a_file_error_naming_it(rs, tmp_path, fmt):
    """No column at all for an input: no row can be scored, so the file is refused, naming the input."""
    header = [h for h in SMALL_HEADER if h != "late_tasks"]
    rows = [header, [v for h, v in zip(SMALL_HEADER, good("Huyện A"), strict=True) if h != "late_tasks"]]
    with pytest.raises(data_io.DataError, match=r"no column for the input\(s\) late_tasks"):
        data_io.read_data(write(tmp_path, fmt, rows), rs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_extra_columns(rs, tmp_path, fmt):
    """A named column no rule reads is a warning (every row scored); a value under no header is D203."""
    rows = [
        [*SMALL_HEADER, "ghi_chu"],
        [*good("Huyện A"), "đã kiểm tra"],
        [*good("Huyện B"), None, "4"],  # column K has no header
        [*good("Huyện C"), "x"],
    ]
    result = run(rs, write(tmp_path, fmt, rows))
    assert any("'ghi_chu'" in w and "ignored" in w for w in result.data.warnings)
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    assert errors_of(result) == [("Huyện B", 3, "K", "D203")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unquoted_decimal_comma_is_not_scored_as_the_integer_part(rs, tmp_path, fmt):
    """A CSV row `..., none,0,4` meant p_1_4 = 0,4: the stray 4 rejects the row instead of scoring 0."""
    rows = [SMALL_HEADER, good("Huyện A"), [*good("Huyện B")[:-1], 0, 4]]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2)]
    assert errors_of(result) == [("Huyện B", 3, "J", "D203")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("received", "abc"),
        ("received", "#DIV/0!"),
        ("online", "5%%"),
        ("late_tasks", "có"),  # a yes/no where a count belongs
        ("has_plan", "maybe"),
        ("has_plan", 2),
        ("discipline", "nobody"),
    ],
)
def test_wrong_types(rs, tmp_path, fmt, column, value):
    rows = [SMALL_HEADER, good("Huyện A"), with_cell("Huyện B", column, value), good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    assert errors_of(result) == [("Huyện B", 3, column, "D104")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("column", "code"), [("received", "D105"), ("late_tasks", "D105"), ("p_1_4", "D106")])
def test_negative_counts(rs, tmp_path, fmt, column, code):
    """A negative count is D105 (a whole number of at least 0); negative points are outside 0..max (D106)."""
    rows = [SMALL_HEADER, good("Huyện A"), with_cell("Huyện B", column, -5), good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    assert errors_of(result) == [("Huyện B", 3, column, code)]
    assert "-5" in result.rejected[0].errors[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_part_larger_than_whole(rs, tmp_path, fmt):
    """on_time > received breaks `constraint on_time <= received`: D108 at the on_time column."""
    row = with_cell("Huyện B", "on_time", 1100)
    rows = [SMALL_HEADER, good("Huyện A"), row, good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    assert errors_of(result) == [("Huyện B", 3, "on_time", "D108")]
    # the values as written, not 1.1E+3 (an XLSX number cell used to be normalized so)
    assert "(on_time = 1100, received = 1050)" in result.rejected[0].errors[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_part_larger_than_whole_national_2022(national, tmp_path, fmt):
    """The same on national-2022's dossier counts (on_time_district > received_district) among 24 columns."""
    values: dict[str, Any] = {}
    for name, decl in national.inputs.items():
        values[name] = {"count": 10, "money": 1000, "percent": 50, "rank": 5, "points": 0}.get(decl.type)
        if decl.type == "choice":
            values[name] = decl.options[0]
    values.update(inspection_issues_not_due=2, inspection_issues_resolved=5, audit_handled=500, invest_disbursed=800)
    header = ["Đơn vị", *national.inputs]
    rows: list[list[Any]] = [header]
    for i, unit in enumerate(["Hà Giang", "Cao Bằng", "Bắc Kạn", "Lào Cai"]):
        row = [unit, *values.values()]
        if i == 2:
            row[header.index("on_time_district")] = 11
        if i == 3:
            row[header.index("online_full_rate")] = "100,5" if fmt == "csv" else 100.5
        rows.append(row)
    result = run(national, write(tmp_path, fmt, rows))
    assert scored(result) == [("Hà Giang", 2), ("Cao Bằng", 3)]
    assert errors_of(result) == [
        ("Bắc Kạn", 4, "on_time_district", "D108"),
        ("Lào Cai", 5, "online_full_rate", "D106"),
    ]
    assert "on_time_district <= received_district" in result.rejected[0].errors[0].message
    assert result.cards[0].total == national.evaluate(values).total


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("value", [120, "120%", "100,5", "100,5%"])
def test_percent_over_100(rs, tmp_path, fmt, value):
    rows = [SMALL_HEADER, good("Huyện A"), with_cell("Huyện B", "online", value), good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    assert errors_of(result) == [("Huyện B", 3, "online", "D106")]
    assert "outside 0..100%" in result.rejected[0].errors[0].message


def test_percent_formatted_xlsx_cell_over_100(rs, tmp_path):
    """An Excel percent cell stores 120% as 1.2; it is read as 120 and refused."""
    path = write(tmp_path, "xlsx", [SMALL_HEADER, good("Huyện A"), with_cell("Huyện B", "online", 1.2)])
    wb = openpyxl.load_workbook(path)
    wb.active["D3"].number_format = "0%"
    wb.save(path)
    result = run(rs, path)
    assert scored(result) == [("Huyện A", 2)]
    assert errors_of(result) == [("Huyện B", 3, "online", "D106")]
    assert "120%" in result.rejected[0].errors[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_cells(rs, tmp_path, fmt):
    """Every empty cell of a row is reported (D101), an empty unit name as D201; blank rows are skipped."""
    b = with_cell("Huyện B", "online", None)
    b[SMALL_HEADER.index("discipline")] = "   " if fmt == "csv" else None
    nameless = with_cell("", "received", 7)
    nameless[0] = None
    rows = [SMALL_HEADER, good("Huyện A"), None, b, nameless, good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 6)]
    assert errors_of(result) == [
        ("Huyện B", 4, "online", "D101"),
        ("Huyện B", 4, "discipline", "D101"),
        (None, 5, "unit", "D201"),
        (None, 5, "on_time", "D108"),  # every problem of the row: 1000 on time of 7 received too
    ]
    assert result.data.rows_read == 4  # the blank row 3 is not a unit


@pytest.mark.parametrize("fmt", FORMATS)
def test_duplicate_unit_names(rs, tmp_path, fmt):
    """The second row of a name (also written in NFD, with spaces around it) is D202 naming the first row."""
    import unicodedata

    rows = [
        SMALL_HEADER,
        good("Huyện A"),
        good("Huyện B"),
        good(" " + unicodedata.normalize("NFD", "Huyện A") + " "),
        good("Huyện C"),
    ]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2), ("Huyện B", 3), ("Huyện C", 5)]
    assert errors_of(result) == [("Huyện A", 4, "unit", "D202")]
    assert "duplicate of row 2" in result.rejected[0].errors[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_formula_left_as_text(rs, tmp_path, fmt):
    """`=SUM(B2)` stored as text (CSV, or an XLSX text cell) is D104 saying it is a formula."""
    rows = [SMALL_HEADER, good("Huyện A"), with_cell("Huyện B", "on_time", "=SUM(B2)"), good("Huyện C")]
    result = run(rs, write(tmp_path, fmt, rows, text_cells=["C3"] if fmt == "xlsx" else []))
    assert scored(result) == [("Huyện A", 2), ("Huyện C", 4)]
    assert errors_of(result) == [("Huyện B", 3, "on_time", "D104")]
    assert "formula '=SUM(B2)'" in result.rejected[0].errors[0].message


@pytest.mark.parametrize("leading_blank_rows", [0, 2])
def test_xlsx_formula_never_computed(rs, tmp_path, leading_blank_rows):
    """A real formula saved without a cached value (openpyxl, not Excel, wrote it) is D104, not "empty",
    also when the header is not on row 1."""
    rows: list[Any] = [None] * leading_blank_rows
    rows += [SMALL_HEADER, good("Huyện A"), None, with_cell("Huyện B", "p_1_4", "=0.2*2"), good("Huyện C")]
    result = run(rs, write(tmp_path, "xlsx", rows))
    first = leading_blank_rows + 2
    assert scored(result) == [("Huyện A", first), ("Huyện C", first + 3)]
    assert errors_of(result) == [("Huyện B", first + 2, "p_1_4", "D104")]
    assert "no computed value" in result.rejected[0].errors[0].message


# ---------------------------------------------------------------- all cases in one batch, through the CLI


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_file_with_every_case_through_the_cli(rs, tmp_path, fmt, capsys):
    rows: list[Any] = [
        SMALL_HEADER,
        good("Huyện A"),
        good("Huyện B")[:6],
        [*good("Huyện C"), None, "4"],
        with_cell("Huyện D", "received", "abc"),
        with_cell("Huyện E", "late_tasks", -1),
        with_cell("Huyện F", "on_time", 1051),
        with_cell("Huyện G", "online", "100,5%"),
        with_cell("Huyện H", "rank_budget", None),
        good("Huyện A"),
        with_cell("Huyện I", "p_1_4", "=SUM(A1)"),
        good("Huyện K"),
    ]
    path = write(tmp_path, fmt, rows, text_cells=["I11"] if fmt == "xlsx" else [])
    out = tmp_path / "out.json"
    assert main(["score", str(DATA / "small.par"), str(path), "--format", "json", "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.rstrip().endswith("rows read 11 = scored 2 + rejected 9")
    expected = {
        3: ("Huyện B", "late_tasks", "D101"),
        4: ("Huyện C", "K", "D203"),
        5: ("Huyện D", "received", "D104"),
        6: ("Huyện E", "late_tasks", "D105"),
        7: ("Huyện F", "on_time", "D108"),
        8: ("Huyện G", "online", "D106"),
        9: ("Huyện H", "rank_budget", "D101"),
        10: ("Huyện A", "unit", "D202"),
        11: ("Huyện I", "p_1_4", "D104"),
    }
    for row, (unit, column, code) in expected.items():
        assert f"row {row} (unit {unit!r}) rejected:" in err
        assert f"{code}: unit {unit!r}, row {row}" in err
        if column in ("K", "unit"):
            assert f"column {column!r}" in err
    import json

    assert sorted(u["unit"] for u in json.loads(out.read_text(encoding="utf-8"))) == ["Huyện A", "Huyện K"]
    result = run(rs, path)
    assert [(r.row, *[(e.unit, e.column, e.code) for e in r.errors][:1]) for r in result.rejected] == [
        (row, (unit, column, code)) for row, (unit, column, code) in expected.items()
    ]
    assert result.cards[0].scores == rs.evaluate(result.data.units[0].inputs).scores
    assert result.data.units[0].inputs["received"] == Decimal(1050)



@pytest.mark.parametrize("fmt", FORMATS)
def test_a_column_with_no_vietnamese_numbers_is_read_with_a_decimal_point(rs, tmp_path, fmt):
    """Issue 4: plain "84.41" is read when the column cannot be read otherwise, and says so."""
    rows = [SMALL_HEADER, good("Huyện A"), with_cell("Huyện B", "online", "84.41"), good("Huyện C")]
    path = write(tmp_path, fmt, rows)
    data = data_io.read_data(path, rs)
    assert [u.inputs["online"] for u in data.units] == [Decimal(98), Decimal("84.41"), Decimal(98)]
    assert any("'online' is read with a decimal point" in w for w in data.warnings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_column_mixing_both_styles_is_an_error_not_a_guess(rs, tmp_path, fmt):
    """'1.050' is only Vietnamese (1050); beside it, '84.41' cannot be read as the column is: D104."""
    rows = [SMALL_HEADER, with_cell("Huyện A", "received", "1.050"), with_cell("Huyện B", "received", "84.41")]
    result = run(rs, write(tmp_path, fmt, rows))
    assert scored(result) == [("Huyện A", 2)]
    assert errors_of(result) == [("Huyện B", 3, "received", "D104")]


# ---------------------------------------------------------------- issue 8, class 6: a percent column of fractions


def online_rows(values: Sequence[Any]) -> list[Any]:
    return [SMALL_HEADER, *(with_cell(f"Huyện {i}", "online", v) for i, v in enumerate(values))]


FRACTIONS = {"csv": ["0,8441", "0,95", "1", "0"], "xlsx": [0.8441, 0.95, 1, 0]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_percent_column_of_fractions_is_not_scored_as_tiny_percents(rs, tmp_path, fmt):
    """0,8441 typed for 84.41 % (an Excel cell in General format) would score 0.84 %: every
    row whose value is not 0 is rejected (D211) and a warning names the column and the fix,
    until --fractions (read 84.41 %) or --no-fractions (read as written) says which it is."""
    path = write(tmp_path, fmt, online_rows(FRACTIONS[fmt]))
    data = data_io.read_data(path, rs)
    (warning,) = [w for w in data.warnings if "'online'" in w]
    assert "fractions" in warning and "84,41" in warning and "format the cells as %" in warning
    assert [u.unit for u in data.units] == ["Huyện 3"]  # 0 is 0 either way
    assert [(r.row, [(e.column, e.code) for e in r.errors]) for r in data.rejected] == [
        (2, [("online", "D211")]),
        (3, [("online", "D211")]),
        (4, [("online", "D211")]),
    ]
    assert "84.41 %?" in data.rejected[0].errors[0].message
    as_fractions = data_io.read_data(path, rs, fractions=True)
    assert not as_fractions.rejected
    assert [u.inputs["online"] for u in as_fractions.units] == [Decimal("84.41"), 95, 100, 0]
    as_written = data_io.read_data(path, rs, fractions=False)
    assert [u.inputs["online"] for u in as_written.units] == [Decimal("0.8441"), Decimal("0.95"), 1, 0]
    assert not any("'online'" in w for w in as_fractions.warnings + as_written.warnings)


def test_the_fractions_flags_through_the_cli(rs, tmp_path, capsys):
    path = write(tmp_path, "csv", online_rows(FRACTIONS["csv"]))
    assert main(["score", str(DATA / "small.par"), str(path), "--format", "json", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "--fractions" in err and "D211" in err and "rows read 4 = scored 1 + rejected 3" in err
    assert main(["score", str(DATA / "small.par"), str(path), "--format", "json", "--fractions"]) == 0
    by_unit = {r["unit"]: r for r in json.loads(capsys.readouterr().out)}
    assert len(by_unit) == 4


def test_percent_cells_formatted_as_percent_are_not_fractions(rs, tmp_path):
    """An XLSX cell formatted as % stores 84.41 % as 0.8441: it reads 84.41 with no warning."""
    path = write(tmp_path, "xlsx", online_rows([0.8441, 0.95]))
    wb = openpyxl.load_workbook(path)
    for ref in ("D2", "D3"):
        wb.active[ref].number_format = "0.00%"
    wb.save(path)
    data = data_io.read_data(path, rs)
    assert [u.inputs["online"] for u in data.units] == [Decimal("84.41"), 95]
    assert not data.rejected and not any("'online'" in w for w in data.warnings)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "values",
    [
        {"csv": ["0,5", "85", "0,2"], "xlsx": [0.5, 85, 0.2]},  # small percents beside large ones
        {"csv": ["0,5%", "0,95", "0,2"], "xlsx": ["0,5%", 0.95, 0.2]},  # a % written says how
        {"csv": ["0", "0"], "xlsx": [0, 0]},  # 0 is 0 either way
    ],
)
def test_percent_columns_that_are_no_fractions_are_read_as_written(rs, tmp_path, fmt, values):
    data = data_io.read_data(write(tmp_path, fmt, online_rows(values[fmt])), rs)
    assert not data.rejected and not any("'online'" in w for w in data.warnings)
    expected = [data_io.parse_number(str(v).rstrip("%"), "comma") for v in values["csv"]]
    assert [u.inputs["online"] for u in data.units] == expected


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fractions=st.lists(st.decimals(min_value=0, max_value=1, places=4), min_size=1, max_size=6).filter(any),
    spelling=st.sampled_from(["comma", "dot", "json"]),
)
def test_fractions_in_any_spelling_are_never_scored_as_tiny_percents(rs, tmp_path, fractions, spelling):
    """0..1 values in a percent column, written the Vietnamese way, with a decimal point, or
    as JSON numbers: each row not 0 is rejected (D211) until told; --fractions reads x100."""
    names = [f"Huyện {i}" for i in range(len(fractions))]
    if spelling == "json":
        records = [dict(zip(SMALL_HEADER, good(n), strict=True)) | {"online": float(v)} for n, v in zip(names, fractions, strict=True)]
        path = tmp_path / "d.json"
        path.write_text(json.dumps(records), encoding="utf-8")
    else:
        text = [format(v, "f").replace(".", ",") if spelling == "comma" else format(v, "f") for v in fractions]
        rows = [SMALL_HEADER, *(with_cell(n, "online", t) for n, t in zip(names, text, strict=True))]
        rows = [[str(c).replace("None", "") for c in row] for row in rows]
        if spelling == "dot":  # the other columns in the dot style too
            rows = [[c if i != 8 else "0.0" for i, c in enumerate(row)] if k else row for k, row in enumerate(rows)]
        path = write(tmp_path, "csv", rows)
    decimal = "dot" if spelling == "dot" else "comma"
    data = data_io.read_data(path, rs, decimal=decimal)
    rejected = {r.row for r in data.rejected}
    assert all([e.code for e in r.errors] == ["D211"] for r in data.rejected), [r.render() for r in data.rejected]
    first = 1 if spelling == "json" else 2  # JSON rows are records, CSV rows are lines under the header
    assert {u.row for u in data.units} | rejected == set(range(first, first + len(names)))
    assert all(u.inputs["online"] == 0 for u in data.units)  # only the zeros are scored
    scaled = data_io.read_data(path, rs, decimal=decimal, fractions=True)
    assert [u.inputs["online"] for u in scaled.units] == [v * 100 for v in fractions]
