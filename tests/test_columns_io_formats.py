"""XLSX and JSON data through the column reader, and every streamed output format, against the rows' path.

The rows' path is ``io.read_data`` + ``io.score_data`` + ``report.render(standings_table(...), fmt)``;
``stream.score_file`` reads the same file as columns a chunk at a time and must write the same
text (csv, json, md, table) and tell the same warnings, rejected rows (codes and messages,
naming row and column), summary and counts.  Differential tests: the shipped examples written
as XLSX and JSON, a battery of bad cells in each format, a generated file of a few hundred
units, and a ruleset that breaks ties and downgrades.
"""

from __future__ import annotations

import datetime
import io
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parrules
from parrules import io as data_io
from parrules import report
from parrules.aggregate import standings
from parrules.cli import main
from parrules.columnar import Scaled
from parrules.columns_io import ColumnReader, scaled_texts
from parrules.stream import score_file
from parrules.testing import units

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SMALL = Path(__file__).parent / "data" / "small.par"
FORMATS = ("csv", "json", "md", "table")
WIDTH = 100  # a terminal's width for the plain table (it wraps its text columns to fit)


def row_path(rs: parrules.Ruleset, path: Path, fmt: str, lang: str, **options: Any) -> tuple[Any, ...]:
    data = data_io.read_data(path, rs, **options)
    run = data_io.score_data(rs, data)
    text = report.render(report.standings_table(rs, standings(rs, run.cards), lang), fmt, lang, rs, WIDTH)
    tell = (data.warnings, [r.render() for r in run.rejected], run.summary(lang))
    return text, tell, (data.rows_read, data.skipped, data.description_row)


def streamed(rs: parrules.Ruleset, path: Path, fmt: str, lang: str, chunk_rows: int, **options: Any) -> tuple[Any, ...]:
    buffer = io.StringIO()
    run = score_file(rs, path, buffer, fmt=fmt, lang=lang, columns=WIDTH, chunk_rows=chunk_rows, **options)
    data = run.data
    tell = (data.warnings, [r.render() for r in run.rejected], run.summary(lang))
    return buffer.getvalue(), tell, (data.rows_read, data.skipped, data.description_row)


def same(rs: parrules.Ruleset, path: Path, chunk_rows: int = 3, formats: tuple[str, ...] = FORMATS, **options: Any) -> None:
    for fmt in formats:
        for lang in ("vi", "en"):
            assert streamed(rs, path, fmt, lang, chunk_rows, **options) == row_path(rs, path, fmt, lang, **options), (
                fmt,
                lang,
            )


# ---------------------------------------------------------------- writing a table as XLSX and JSON


def csv_cells(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [list(row) for row in csv.reader(fh)]


def typed(rs: parrules.Ruleset, header: list[str], rows: list[list[Any]], rng: random.Random) -> list[list[Any]]:
    """Cells as a spreadsheet holds them: a numeric text cell sometimes as a number (a percent
    as its fraction, formatted %), a yes/no word sometimes as 1/0; the rest as the text."""
    out = []
    for row in rows:
        cells: list[Any] = []
        for name, text in zip(header, row, strict=False):
            decl = rs.inputs.get(name)
            value: Any = text
            if decl is not None and text and row[0] != data_io.DESCRIPTION_MARKER and rng.random() < 0.6:
                if decl.type == "yesno":
                    value = 1 if data_io.convert_cell(text, decl) else 0
                elif decl.type not in ("choice",):
                    try:
                        number = data_io.convert_cell(text, decl)
                    except ValueError:
                        number = None
                    if number is not None:
                        if decl.type == "percent" and text.strip().endswith("%"):
                            value = ("%", number / 100)
                        else:
                            value = int(number) if number == int(number) else number
            cells.append(value)
        out.append(cells)
    return out


def write_xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, tuple):  # a percent cell: the fraction, formatted %
                cell = ws.cell(row=number, column=column, value=float(value[1]))
                cell.number_format = "0.00%"
            elif isinstance(value, Decimal):
                ws.cell(row=number, column=column, value=float(value))
            elif value is not None and value != "":
                ws.cell(row=number, column=column, value=value)
    wb.save(path)


def json_value(value: Any) -> str:
    if isinstance(value, tuple):
        return json.dumps(f"{value[1] * 100:f}%".replace(".", ","))  # 84,41% as a Vietnamese text cell
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)  # a JSON number of the exact digits
    return json.dumps(value if value != "" else None, ensure_ascii=False)


def write_json(path: Path, header: list[str], rows: list[list[Any]], shape: str = "list") -> None:
    """The shapes io.read_data accepts: a list of records, {"units": [...]}, {name: {inputs}}."""
    records = []
    for row in rows:
        pairs = [(h, json_value(v)) for h, v in zip(header, row, strict=False)]
        records.append(pairs)
    if shape == "object":
        text = "{" + ",\n".join(
            json.dumps(dict(pairs)[header[0]] and json.loads(dict(pairs)[header[0]]), ensure_ascii=False)
            + ": {" + ", ".join(f"{json.dumps(h, ensure_ascii=False)}: {v}" for h, v in pairs[1:]) + "}"
            for pairs in records
        ) + "}"
    else:
        body = "[\n" + ",\n".join(
            "{" + ", ".join(f"{json.dumps(h, ensure_ascii=False)}: {v}" for h, v in pairs) + "}" for pairs in records
        ) + "\n]"
        text = '{"units": ' + body + "}" if shape == "units" else body
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the shipped examples


@pytest.mark.parametrize(("ruleset", "name"), [("national-2022", "ha-giang-2022.csv"), (str(SMALL), "small-units.csv")])
def test_the_examples_in_every_format_stream_to_the_same_output(ruleset: str, name: str, tmp_path: Path) -> None:
    rs = parrules.load(ruleset)
    same(rs, EXAMPLES / name, chunk_rows=2)
    header, *rows = csv_cells(EXAMPLES / name)
    for seed in range(2):
        cells = typed(rs, header, rows, random.Random(seed))
        write_xlsx(tmp_path / "data.xlsx", header, cells)
        same(rs, tmp_path / "data.xlsx", chunk_rows=2)
        for shape in ("list", "units"):
            write_json(tmp_path / "data.json", header, [r for r in cells if r[0] != data_io.DESCRIPTION_MARKER], shape)
            same(rs, tmp_path / "data.json", chunk_rows=2)


# ---------------------------------------------------------------- bad cells


SMALL_RS = parrules.load(SMALL)
HEADER = ["Đơn vị", "received", "on_time", "online", "rank_budget", "has_plan", "late_tasks", "discipline", "p_1_4"]
GOOD = [100, 90, ("%", Decimal("0.9")), 5, "có", 0, "none", Decimal("0.45")]


def battery() -> list[list[Any]]:
    """One unit a row, each with one kind of cell the reader takes or refuses."""
    rows: list[list[Any]] = []

    def unit(name: str, **changes: Any) -> None:
        row = [name, *GOOD]
        for key, value in changes.items():
            row[HEADER.index(key)] = value
        rows.append(row)

    unit("good")
    unit("text numbers", received="1.050", on_time="1.032", online="84,41%", rank_budget="12", p_1_4="0,45")
    unit("dot number in text", online="84.41")
    unit("empty count", received=None)
    unit("blank text", late_tasks="   ")
    unit("word in percent", online="abc")
    unit("true in count", late_tasks=True)
    unit("date in count", received=datetime.datetime(2022, 1, 1))
    unit("rank not whole", rank_budget=Decimal("1.5"))
    unit("rank too big", rank_budget=64)
    unit("negative count", late_tasks=-3)
    unit("yes as one", has_plan=1)
    unit("yes as two", has_plan=2)
    unit("no as word", has_plan="không")
    unit("choice as number", discipline=3)
    unit("choice in capitals", discipline="Dept_Leader")
    unit("percent over 100", online=150)
    unit("percent plain", online=Decimal("62.5"))
    unit("many digits", p_1_4=Decimal("0.123456789012345678"))
    unit("points too big", p_1_4=Decimal("0.75"))
    unit("constraint", received=10, on_time=11)
    unit("good")  # a duplicate name (D202)
    unit("zero received", received=0, on_time=0)
    unit("formula text", received="=B2+1")
    rows.append([12345, *GOOD])  # a unit named by a number
    rows.append([None, *GOOD])  # no unit name (D201)
    rows.append([None] * len(HEADER))  # a blank row
    rows.append(["huge", 10**20, 10**20, *GOOD[2:]])  # beyond int64
    return rows


def test_bad_xlsx_cells_are_refused_as_the_rows_path_refuses_them(tmp_path: Path) -> None:
    rows = battery()
    path = tmp_path / "bad.xlsx"
    write_xlsx(path, HEADER, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(row=len(rows) + 2, column=1, value="formula without value")
    for column, value in enumerate(GOOD, start=2):
        ws.cell(row=len(rows) + 2, column=column, value=float(value[1]) if isinstance(value, tuple) else value)
    ws.cell(row=len(rows) + 2, column=2, value="=SUM(B2:B3)")  # no cached value: D104 naming the formula
    ws.cell(row=len(rows) + 3, column=1, value="extra cell")
    for column, value in enumerate([*GOOD, "7"], start=2):  # a value past the header (D203)
        ws.cell(row=len(rows) + 3, column=column, value=float(value[1]) if isinstance(value, tuple) else value)
    ws.cell(row=len(rows) + 4, column=1, value="long text")
    for column, value in enumerate(GOOD, start=2):
        ws.cell(row=len(rows) + 4, column=column, value=float(value[1]) if isinstance(value, tuple) else value)
    ws.cell(row=len(rows) + 4, column=8, value="x" * 32_767)  # D207
    other = wb.create_sheet("Khác")
    other.append(["unit", "x"])  # a second sheet with data: the warning
    wb.save(path)
    expected = row_path(SMALL_RS, path, "csv", "en")
    codes = {e.split(":")[0].strip() for r in expected[1][1] for e in r.splitlines()[1:]}
    assert {"D101", "D104", "D202", "D201", "D203", "D207"} <= codes  # the battery reaches each
    for chunk in (1, 4, 64):
        same(SMALL_RS, path, chunk_rows=chunk)
    same(SMALL_RS, path, sheet="Sheet", formats=("csv",))


def test_bad_json_cells_are_refused_as_the_rows_path_refuses_them(tmp_path: Path) -> None:
    rows = [r for r in battery() if not any(isinstance(v, datetime.datetime) for v in r)]
    body = [
        "{" + ", ".join(f"{json.dumps(h, ensure_ascii=False)}: {json_value(v)}" for h, v in zip(HEADER, row, strict=True)) + "}"
        for row in rows
        if any(v is not None for v in row)
    ]
    good = ", ".join(f'"{h}": {json_value(v)}' for h, v in zip(HEADER[1:], GOOD, strict=True))
    body += [
        '{"Đơn vị": "nested", ' + good.replace('"late_tasks": 0', '"late_tasks": [1]') + "}",
        '{"Đơn vị": "object", ' + good.replace('"late_tasks": 0', '"late_tasks": {"a": 1}') + "}",
        '{"Đơn vị": "huge literal", ' + good.replace('"late_tasks": 0', '"late_tasks": 1' + "0" * 200) + "}",
        '{"Đơn vị": "exponent", ' + good.replace('"received": 100', '"received": 1E+3') + "}",
        '{"Đơn vị": "small exponent", ' + good.replace('"p_1_4": 0.45', '"p_1_4": 45e-2') + "}",
        '{"Đơn vị": "trailing zeros", ' + good.replace('"p_1_4": 0.45', '"p_1_4": 0.4500') + "}",
        '{"Đơn vị": "minus zero", ' + good.replace('"late_tasks": 0', '"late_tasks": -0') + "}",
        '{"Đơn vị": "whole float", ' + good.replace('"rank_budget": 5', '"rank_budget": 5.0') + "}",
        '{"Đơn vị": "missing key", ' + good.replace('"late_tasks": 0, ', "") + "}",
        '{"Đơn vị": "twice", "received": 1, ' + good + "}",
        '{"Đơn vị": "not an input", "extra": 1, ' + good + "}",
        '{"Đơn vị": 42, ' + good + "}",
        '"a string record"',
        "[1, 2]",
    ]
    path = tmp_path / "bad.json"
    path.write_text("[\n" + ",\n".join(body) + "\n]", encoding="utf-8")
    expected = row_path(SMALL_RS, path, "csv", "en")
    codes = {e.split(":")[0].strip() for r in expected[1][1] for e in r.splitlines()[1:]}
    assert {"D101", "D104", "D202", "D201", "D208", "D209", "D210"} <= codes
    for chunk in (1, 5, 64):
        same(SMALL_RS, path, chunk_rows=chunk)


def test_json_of_unit_name_to_inputs(tmp_path: Path) -> None:
    header, *rows = csv_cells(EXAMPLES / "small-units.csv")
    cells = typed(SMALL_RS, header, rows[1:], random.Random(3))
    write_json(tmp_path / "units.json", header, cells, "object")
    same(SMALL_RS, tmp_path / "units.json", chunk_rows=2)


def test_unreadable_xlsx_and_json_files_are_refused_as_the_rows_path_refuses_them(tmp_path: Path) -> None:
    files = {
        "bad.xlsx": b"not a zip",
        "deep.json": b"[" * 40,
        "broken.json": b'[{"unit": "a",}]',
        "scalar.json": b"3",
        "data.xls": b"x",
        "data.ods": b"x",
    }
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(data_io.DataError) as old:
            data_io.read_data(path, SMALL_RS)
        with pytest.raises(data_io.DataError) as new:
            score_file(SMALL_RS, path, io.StringIO())
        assert str(new.value) == str(old.value), name
    path = tmp_path / "data.xlsx"
    write_xlsx(path, HEADER, [["a", *GOOD]])
    with pytest.raises(data_io.DataError, match="no sheet 'Nope'"):
        score_file(SMALL_RS, path, io.StringIO(), sheet="Nope")


# ---------------------------------------------------------------- a few hundred units


def small_units(rng: random.Random, count: int) -> list[list[Any]]:
    """Units of tests/data/small.par drawn at random, some equal (ties), as typed cells."""
    rows: list[list[Any]] = []
    for k in range(count):
        if rows and rng.random() < 0.1:
            rows.append([f"Xã {k}", *rows[rng.randrange(len(rows))][1:]])  # the same inputs: a tie
            continue
        received = rng.choice([0, rng.randrange(1, 300_000)])
        on_time = rng.randint(0, received)
        online = Decimal(rng.randint(0, 10_000)).scaleb(-2)
        rows.append(
            [
                f"Xã {k}",
                received,
                on_time,
                ("%", online / 100) if rng.random() < 0.5 else online,
                rng.randint(1, 63),
                rng.choice(["có", "không", "x", 1, 0]),
                rng.randint(0, 8),
                rng.choice(["none", "dept_leader"]),
                Decimal(rng.randint(0, 50)).scaleb(-2),
            ]
        )
    return rows


def test_a_few_hundred_units_in_every_format(tmp_path: Path) -> None:
    rows = small_units(random.Random(9), 300)
    write_xlsx(tmp_path / "units.xlsx", HEADER, rows)
    write_json(tmp_path / "units.json", HEADER, rows)
    with (tmp_path / "units.csv").open("w", encoding="utf-8") as fh:
        fh.write(",".join(HEADER) + "\n")
        for row in rows:
            fh.write(",".join(f"{v[1] * 100:f}%" if isinstance(v, tuple) else str(v) for v in row) + "\n")
    for name in ("units.csv", "units.xlsx", "units.json"):
        options = {"decimal": "dot"} if name == "units.csv" else {}
        same(SMALL_RS, tmp_path / name, chunk_rows=64, **options)
        reader = ColumnReader(tmp_path / name, SMALL_RS, chunk_rows=64, **options)
        chunks = list(reader.chunks())
        reader.close()
        # the column path took the file (not io's per-row reader): every row but the first, which
        # RowReader reads to tell whether it is the description row
        # (and the rows refused at reading: in the dot-style CSV, a percent of three places such as
        # 28.300 is ambiguous, D104, as io refuses it)
        rejected = reader.data.rejected
        assert sum(len(c.rows) for c in chunks) + len(rejected) == 299, name
        assert sum(len(c.others) for c in chunks) == 1, name
        assert all("ambiguous" in r.render() for r in rejected) and (name == "units.csv" or not rejected)


NATIONAL = parrules.load("national-2022")


@settings(
    max_examples=3,
    suppress_health_check=[HealthCheck.large_base_example, HealthCheck.data_too_large, HealthCheck.too_slow],
)
@given(st.lists(units(NATIONAL), min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_generated_national_units_as_xlsx_and_json(pool: list[dict[str, Any]], rng: random.Random) -> None:
    """National 2022 units (drawn from the ruleset's own declarations) typed into a workbook and
    a JSON file, with some cells as text and a few made bad."""
    import tempfile

    names = list(NATIONAL.inputs)
    rows = []
    for k in range(rng.randint(5, 25)):
        unit = rng.choice(pool)
        row: list[Any] = [f"Xã {k % 9 if rng.random() < 0.1 else k}"]
        for name in names:
            decl, value = NATIONAL.inputs[name], unit[name]
            if decl.type == "yesno":
                row.append(rng.choice(["có", "không"]) if rng.random() < 0.3 else ("có" if value else "không"))
            elif decl.type == "choice":
                row.append(value)
            elif rng.random() < 0.2:
                row.append(str(value).replace(".", ","))  # as a Vietnamese text cell
            else:
                number = Decimal(value)
                row.append(int(number) if number == int(number) else number)
        if rng.random() < 0.15:
            row[rng.randrange(1, len(row))] = rng.choice([None, "abc", -1])
        rows.append(row)
    with tempfile.TemporaryDirectory() as folder:
        for name, write in (("units.xlsx", write_xlsx), ("units.json", write_json)):
            path = Path(folder) / name
            write(path, ["unit", *names], rows)
            same(NATIONAL, path, chunk_rows=rng.randint(1, 9), formats=("csv", "json"))


# ---------------------------------------------------------------- ties and downgrade


TIES = """ruleset "Hòa điểm" year 2022 level district scale 10 rounding half_up 2

input a: count "A"
input b: count "B"
input c: count "C"

field 1 "Một" max 5 { score min(a, 5) }
field 2 "Hai" max 3 { score min(b, 3) }
field 3 "Ba" max 2 { score min(c, 2) }
classes by total { "Tốt": from 8  "Khá": from 5 below 8  "Yếu": below 5 }
ranking by total descending tie_break 2, 3
downgrade when share of communes at class or better below 2/3
"""


def test_ties_broken_by_fields_and_a_downgrade_rule_rank_as_the_rows_path(tmp_path: Path) -> None:
    """Equal totals ordered by field 2, then field 3; units equal in both share a rank (file
    order among them).  Hand-derived from the ruleset: P 5+2+1, Q 5+3+0, R 4+3+1, T 4+3+1 all
    total 8; among them R and T (field 2 = 3, field 3 = 1) share rank 1, Q (3, 0) is 3rd, P (2)
    4th; S 3+2+1 and U 4+1+1 total 6, S's field 2 (2) above U's (1)."""
    (tmp_path / "ties.par").write_text(TIES, encoding="utf-8")
    rs = parrules.load(tmp_path / "ties.par")
    lines = ["unit,a,b,c", "P,5,2,1", "Q,5,3,0", "R,4,3,1", "S,3,2,1", "T,4,3,1", "U,4,1,1"]
    path = tmp_path / "ties.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    same(rs, path, chunk_rows=2)
    text = streamed(rs, path, "csv", "en", 2)[0]
    ranked = [line.split(",")[:3] for line in text.splitlines()[1:]]
    assert ranked == [
        ["1", "R", "8.00"],
        ["1", "T", "8.00"],
        ["3", "Q", "8.00"],
        ["4", "P", "8.00"],
        ["5", "S", "6.00"],
        ["6", "U", "6.00"],
    ]
    rows = [[line.split(",")[0], *map(int, line.split(",")[1:])] for line in lines[1:]]
    write_xlsx(tmp_path / "ties.xlsx", ["unit", "a", "b", "c"], rows)
    same(rs, tmp_path / "ties.xlsx", chunk_rows=4)


# ---------------------------------------------------------------- the pieces


def test_scaled_texts_by_hand() -> None:
    whole = scaled_texts(["12", "-1050", "0", "-0"])
    assert isinstance(whole, np.ndarray) and whole.tolist() == [12, -1050, 0, 0]
    mixed = scaled_texts(["84.41", "-0.5", "7", "0.125"])
    assert isinstance(mixed, Scaled) and mixed.scale == 3 and mixed.ints.tolist() == [84410, -500, 7000, 125]
    zeros = scaled_texts(["109.8280", "2.50", "-0.100"])  # trailing zeros: 3 places are enough
    assert isinstance(zeros, Scaled) and zeros.scale == 3 and zeros.ints.tolist() == [109828, 2500, -100]
    assert scaled_texts(["1.00", "-2.0"]).tolist() == [1, -2]  # type: ignore[union-attr]
    assert list(mixed) == [Decimal("84.410"), Decimal("-0.500"), Decimal("7.000"), Decimal("0.125")]
    assert scaled_texts(["123456789012345678"]).tolist() == [123456789012345678]  # type: ignore[union-attr]
    assert scaled_texts(["1234567890123456789"]) is None  # 19 digits: the Decimals' path
    assert scaled_texts(["1.5", "0.000000000000000001"]) is None  # 1 whole digit + 18 places > 18 digits
    assert scaled_texts(["1.5", "0.00000000000000001"]).ints.tolist() == [15 * 10**16, 1]  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="outside"):
        Scaled(np.zeros(1, dtype=np.int64), 19)


@given(
    st.lists(
        st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=30,
    )
)
def test_scaled_texts_are_the_decimals_digits(numbers: list[Decimal]) -> None:
    """Every column of plain numbers is read as the exact Decimals its texts write, or refused
    (None, then the Decimals' path) when one needs more than 18 digits at the column's scale as
    written (trailing zeros count: 0.0000000309483800 has 16 places)."""
    texts = [format(d, "f") for d in numbers]
    read = scaled_texts(texts)
    if read is None:
        places = max(len(t.partition(".")[2]) for t in texts)
        assert max(len(t.partition(".")[0].lstrip("-")) for t in texts) + places > 18
        return
    ints, scale = (read.ints, read.scale) if isinstance(read, Scaled) else (read, 0)
    assert [Decimal(int(i)).scaleb(-scale) for i in ints] == [Decimal(t) for t in texts]
    assert scale == 0 or any(int(i) % 10 for i in ints)  # the fewest places


def test_a_scaled_column_scores_as_its_decimals() -> None:
    """score_table takes a Scaled column as the Decimals it stands for (hand-made: 84.41 % online)."""
    from parrules.columnar import score_table

    base = {"received": [100], "on_time": [90], "rank_budget": [5], "has_plan": [True], "late_tasks": [0],
            "discipline": ["none"], "p_1_4": [Decimal("0.45")], "unit": ["a"]}  # fmt: skip
    scaled = score_table(SMALL_RS, {**base, "online": Scaled(np.array([8441]), 2)})
    exact = score_table(SMALL_RS, {**base, "online": [Decimal("84.41")]})
    assert scaled.total.tolist() == exact.total.tolist() and scaled.total_scale == exact.total_scale
    card = SMALL_RS.evaluate({k: v[0] for k, v in base.items() if k != "unit"} | {"online": Decimal("84.41")})
    assert Decimal(int(scaled.total[0])).scaleb(-scaled.total_scale) == card.total


def test_the_command_streams_xlsx_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``parrules score DATA.xlsx --format json|md|csv -o FILE`` streamed (a file of any size: the
    bound below which a table, md or json output takes the rows' path set to 0) writes the rows'
    path's bytes."""
    from parrules import limits, stream

    calls: list[str] = []
    real = stream.score_file
    monkeypatch.setattr(limits, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(stream, "score_file", lambda *a, **k: calls.append(k["fmt"]) or real(*a, **k))
    header, *rows = csv_cells(EXAMPLES / "small-units.csv")
    cells = typed(SMALL_RS, header, rows, random.Random(1))
    write_xlsx(tmp_path / "data.xlsx", header, cells)
    for fmt in ("json", "md", "csv"):
        out = tmp_path / f"out.{fmt}"
        code = main(["score", str(SMALL), str(tmp_path / "data.xlsx"), "--format", fmt, "-o", str(out), "--lang", "en"])
        text = row_path(SMALL_RS, tmp_path / "data.xlsx", fmt, "en")[0]
        assert code == 0
        assert out.read_bytes() == text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    assert calls == ["json", "md", "csv"]
    capsys.readouterr()
