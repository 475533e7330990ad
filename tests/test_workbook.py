"""The workbooks a province publishes and the template a unit fills (parrules.workbook), and
the choice labels of the language that the template's dropdowns show and read back (issue 10).

Opened with openpyxl as Excel would: sheets, number formats with the ruleset's places,
frozen headers, autofilters, A4 print setup, title rows, text cells, validations, prompts.
Expected numbers come from seed 004 (/work/shared/seeds/004_a9628b018f78c503.txt, "004:N"
is its line N) or from the CSV path over the same data; nothing is copied from this output.
"""

from __future__ import annotations

import ast
import hashlib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from parrules import io as data_io
from parrules import workbook
from parrules.cli import main
from parrules.errors import RulesetError
from parrules.ruleset import load, loads

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small.par"
SMALL_UNITS = ROOT / "examples" / "small-units.csv"
HA_GIANG = ROOT / "examples" / "ha-giang-2022.csv"
D = Decimal

LABELLED = """ruleset "Nhãn" year 2023 level department scale 10 rounding half_up 4
input discipline: choice { none label "Không vi phạm", leader label "Lãnh đạo sở, huyện", staff }
field 1 "Kỷ luật" max 10 { score choice discipline { none: 10  leader: 5  staff: 2.5 } }
"""


@pytest.fixture(scope="module")
def small() -> Any:
    return load(SMALL)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, small: Any) -> tuple[Path, Any]:
    """score --format xlsx of the example units, one of them copied with a bad cell (a rejected row)."""
    tmp = tmp_path_factory.mktemp("results")
    text = SMALL_UNITS.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    lines.append('Huyện Lỗi (hư cấu),abc,1.032,"84,41%",12,có,0,none,"0,45"')  # received is no number
    data = tmp / "units.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp / "r.xlsx"
    code = main(["score", str(SMALL), str(data), "--format", "xlsx", "-o", str(out), "--lang", "vi"])
    assert code == 1  # a row was rejected; the others are scored and written
    run = data_io.score_data(small, data_io.read_data(data, small))
    return out, run


def sheet_rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


# ---------------------------------------------------------------- the results workbook


def test_the_results_workbook_has_its_five_sheets(results: tuple[Path, Any]) -> None:
    wb = openpyxl.load_workbook(results[0])
    assert wb.sheetnames == ["Xếp hạng", "Điểm chi tiết", "Điểm bị trừ", "Dòng bị loại", "Thông tin"]
    for ws in wb.worksheets:
        assert ws["A1"].value == "Thử nghiệm" and ws["A1"].font.b  # the ruleset's title
        # its level and year as the seeds write them (002:157 "... của các sở, ban, ngành năm 2022")
        assert ws["A2"].value == f"{ws.title} — các tỉnh, thành phố năm 2022"
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("5")  # title rows and header stay
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A4:")
        assert ws.page_setup.paperSize == 9  # A4 (OOXML paper size 9)
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$4:$4"  # the header repeats on every printed page
        assert all(ws.column_dimensions[c].width and ws.column_dimensions[c].width >= 8 for c in "AB")


def test_numbers_stay_numbers_shown_with_the_declared_places(results: tuple[Path, Any], small: Any) -> None:
    """rounding half_up 4 (small.par line 1): 10 is shown 10.0000 (10,0000 in a Vietnamese Excel)."""
    ws = openpyxl.load_workbook(results[0])["Xếp hạng"]
    header = [c.value for c in ws[4]]
    assert header[:5] == ["Xếp hạng", "Đơn vị", "Tổng điểm", "Chỉ số (%)", "Xếp loại"]
    assert header[5:7] == ["1. Lĩnh vực một", "2. Lĩnh vực hai"]  # a field's name, not only its code
    assert small.header.rounding_places == 4 and small.header.index_places == 2
    total, index, field = ws.cell(5, 3), ws.cell(5, 4), ws.cell(5, 6)
    assert total.data_type == "n" and total.number_format == "#,##0.0000"
    assert index.data_type == "n" and index.number_format == "#,##0.00"
    assert field.number_format == "#,##0.0000" and ws.cell(5, 1).number_format == "0"
    assert workbook.places_format(0) == "#,##0" and workbook.places_format(2) == "#,##0.00"


def test_the_ranking_sheet_holds_the_csv_paths_numbers(results: tuple[Path, Any], small: Any) -> None:
    from parrules.aggregate import standings

    path, run = results
    ws = openpyxl.load_workbook(path)["Xếp hạng"]
    ranked = standings(small, run.cards)
    body = sheet_rows(ws)[4:]
    assert len(body) == len(ranked) == 6
    for row, s in zip(body, ranked, strict=True):
        assert row[:5] == [s.rank, s.card.unit, float(s.card.total), float(s.card.index), s.klass]


def test_the_node_sheet_has_every_node_for_every_unit(results: tuple[Path, Any], small: Any) -> None:
    from parrules.aggregate import standings

    path, run = results
    ws = openpyxl.load_workbook(path)["Điểm chi tiết"]
    rows = sheet_rows(ws)
    ranked = standings(small, run.cards)
    assert rows[3] == ["Mã", "Tiêu chí", "Điểm tối đa", *[s.card.unit for s in ranked]]
    assert [r[0] for r in rows[4:]] == list(small.codes)  # every node, in tree order
    for row in rows[4:]:
        code = row[0]
        assert row[2] == float(small.node(code).max)
        for value, s in zip(row[3:], ranked, strict=True):
            result = s.card[code]
            assert value == (float(result.score) if result.applicable else "không áp dụng")
    assert ws["C7"].number_format == "#,##0.0"  # 1.1.1's max 1.5 with its own one place
    assert ws["A5"].font.b and not ws["A6"].font.b  # fields bold


def test_the_lost_points_sheet_lists_every_loss(results: tuple[Path, Any], small: Any) -> None:
    from parrules.aggregate import standings

    path, run = results
    rows = sheet_rows(openpyxl.load_workbook(path)["Điểm bị trừ"])
    expected = [
        [s.card.unit, r.code, r.title, float(r.lost), float(r.score), float(r.applicable_max), r.agency or None]
        for s in standings(small, run.cards)
        for r in s.card.lost_points()
    ]
    assert rows[3][:4] == ["Đơn vị", "Mã", "Tiêu chí", "Điểm bị trừ"]
    assert rows[4:] == expected and len(expected) > 5


def test_the_rejected_sheet_names_unit_row_input_and_reason(results: tuple[Path, Any]) -> None:
    path, run = results
    rows = sheet_rows(openpyxl.load_workbook(path)["Dòng bị loại"])
    assert rows[3] == ["Đơn vị", "Dòng", "Chỉ tiêu", "Mã lỗi", "Lý do"]
    (rejected,) = run.rejected
    assert rows[4][:4] == ["Huyện Lỗi (hư cấu)", rejected.row, "received", rejected.errors[0].code]
    assert rows[4][4] == rejected.errors[0].text("vi") != rejected.errors[0].message  # the workbook's language
    assert rows[4][4].startswith("'abc' không phải một số")


def test_the_run_details_sheet(results: tuple[Path, Any], small: Any) -> None:
    path, _ = results
    details = {r[0]: r[1] for r in sheet_rows(openpyxl.load_workbook(path)["Thông tin"])[4:]}
    assert details["Bộ tiêu chí"] == "Thử nghiệm" and details["Tệp bộ tiêu chí"] == "small.par"
    assert details["SHA-256 bộ tiêu chí"] == hashlib.sha256(SMALL.read_text(encoding="utf-8").encode()).hexdigest()
    data = path.parent / "units.csv"
    assert details["Tệp dữ liệu"] == "units.csv"
    assert details["SHA-256 dữ liệu"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert details["Làm tròn"] == "half_up, 4 chữ số thập phân; chỉ số 2 chữ số"
    assert details["Năm đánh giá"] == 2022 and details["Thang điểm"] == 10
    assert details["Số đơn vị được chấm"] == 6 and details["Số dòng bị loại"] == 1
    assert details["Phiên bản parrules"] == __import__("parrules").__version__
    assert len(details["Ngày chấm điểm"]) == 10  # YYYY-MM-DD


def test_an_english_workbook_and_a_fixed_date(tmp_path: Path, small: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 UTC
    out = tmp_path / "en.xlsx"
    assert main(["score", str(SMALL), str(SMALL_UNITS), "--format", "xlsx", "-o", str(out), "--lang", "en"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ranking", "Node points", "Points lost", "Rejected rows", "Run details"]
    assert wb["Ranking"]["A2"].value == "Ranking — the provinces 2022"
    details = {r[0]: r[1] for r in sheet_rows(wb["Run details"])[4:]}
    assert details["Scored on"] == "2023-11-14"
    assert sheet_rows(wb["Rejected rows"])[4][0] == "No row was rejected"


def test_every_text_is_written_as_text(tmp_path: Path) -> None:
    """A title "=1+1", a unit "=SUM(A1)" and a label "-x": data type 's', never a formula."""
    rs = loads(
        'ruleset "=1+1" year 2022 level department scale 100\n'
        'input d: choice { a label "@x", b label "-1" }\n'
        'field 1 "=HYPERLINK(\\"http://x\\")" max 100 { score choice d { a: 100  b: 0 } }\n'
    )
    card = rs.evaluate({"d": "b"}, unit="=SUM(A1)")
    out = tmp_path / "hostile.xlsx"
    workbook.write_results(rs, [card], out)
    wb = openpyxl.load_workbook(out)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"=1+1", "=SUM(A1)", '1. =HYPERLINK("http://x")'} <= {c.value for c in texts}
    assert all(c.data_type == "s" for c in texts)
    assert all(c.quotePrefix for c in texts if c.value.startswith("="))
    template = tmp_path / "t.xlsx"
    workbook.write_template(rs, template)
    lists = openpyxl.load_workbook(template)[data_io.LISTS_SHEET]
    assert [lists["A2"].value, lists["A3"].value] == ["@x", "-1"]
    assert lists["A2"].data_type == lists["A3"].data_type == "s" and lists["A3"].quotePrefix


# ---------------------------------------------------------------- the template


def validations(ws: Any) -> dict[str, Any]:
    """Each validated column's header -> its DataValidation."""
    header = {c.column_letter: c.value for c in ws[1]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            letter = "".join(ch for ch in rng.coord.split(":")[0] if ch.isalpha())
            assert rng.coord == f"{letter}3:{letter}1002"
            out[header[letter]] = dv
    return out


def test_the_template_carries_each_inputs_range_prompt_and_dropdown(tmp_path: Path, small: Any) -> None:
    out = tmp_path / "t.xlsx"
    workbook.write_template(small, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Dữ liệu"]
    assert wb.sheetnames == ["Dữ liệu", "Danh mục"] and wb["Danh mục"].sheet_state == "hidden"
    dvs = validations(ws)
    assert set(dvs) == set(small.inputs)  # every input column has its prompt
    # small.par: received/on_time/late_tasks count; online percent; rank_budget rank 1..63; has_plan yesno;
    # discipline choice; p_1_4 the points of node 1.4 (max 0.5)
    assert (dvs["received"].type, dvs["received"].operator, dvs["received"].formula1) == (
        "whole", "greaterThanOrEqual", "0")  # fmt: skip
    assert (dvs["online"].type, dvs["online"].formula1, dvs["online"].formula2) == ("decimal", "0", "100")
    assert (dvs["rank_budget"].type, dvs["rank_budget"].formula1, dvs["rank_budget"].formula2) == ("whole", "1", "63")
    points = next(name for name, decl in small.inputs.items() if decl.implicit_for is not None)
    node_max = small.node(small.inputs[points].implicit_for).max
    assert (dvs[points].type, dvs[points].formula1, dvs[points].formula2) == ("decimal", "0", str(node_max))
    assert dvs["has_plan"].type == "list" and dvs["has_plan"].formula1 == '"có,không"'
    assert dvs["discipline"].type == "list" and dvs["discipline"].formula1 == "'Danh mục'!$A$2:$A$3"
    for name, dv in dvs.items():
        assert dv.showInputMessage and dv.promptTitle == name
        assert dv.prompt.startswith(small.inputs[name].description or name)
        assert dv.allow_blank
    assert dvs["received"].prompt == "Hồ sơ tiếp nhận\nSố nguyên, đơn vị: hồ sơ, không nhỏ hơn 0."
    assert dvs["online"].prompt == "Tỷ lệ hồ sơ trực tuyến\nTỷ lệ phần trăm (%), từ 0 đến 100."
    assert f"tối đa {str(node_max).replace('.', ',')} điểm" in dvs[points].prompt
    assert dvs["online"].showErrorMessage and dvs["online"].error == "Nhập số từ 0 đến 100"
    # the description row says the range too, and the percent column is not a percent-formatted cell
    descriptions = {ws.cell(1, c).value: ws.cell(2, c).value for c in range(1, ws.max_column + 1)}
    assert descriptions["Đơn vị"] == "Mô tả"
    assert descriptions["online"] == "Tỷ lệ hồ sơ trực tuyến (%) [từ 0 đến 100]"
    assert descriptions[points].endswith(f"[từ 0 đến tối đa {str(node_max).replace('.', ',')} điểm]")
    letter = next(c.column_letter for c in ws[1] if c.value == "online")
    assert ws.column_dimensions[letter].number_format == "0.00"
    assert ws.freeze_panes == "B3" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.paperSize == 9  # A4 (OOXML paper size 9)


def test_declared_bounds_and_unbounded_numbers(tmp_path: Path) -> None:
    rs = loads(
        'ruleset "B" year 2022 level department scale 10\n'
        'input share: percent "Tỷ lệ" in 10..50%\n'
        'input delta: number "Chênh lệch"\n'
        'input cap: money "Vốn" unit "triệu đồng" in 0..1000\n'
        'field 1 "A" max 10 { score if share >= 20% and delta >= 0 and cap >= 0 then 10 else 0 }\n'
    )
    out = tmp_path / "t.xlsx"
    workbook.write_template(rs, out)
    dvs = validations(openpyxl.load_workbook(out).active)
    assert (dvs["share"].formula1, dvs["share"].formula2) == ("10", "50")  # in its own unit, percents
    assert dvs["delta"].type is None and dvs["delta"].prompt == "Chênh lệch\nSố."  # any number: a prompt only
    assert (dvs["cap"].type, dvs["cap"].formula1, dvs["cap"].formula2) == ("decimal", "0", "1000")
    assert dvs["cap"].prompt == "Vốn\nSố tiền, đơn vị: triệu đồng, từ 0 đến 1000."


def test_the_dropdown_shows_labels_and_reading_maps_them_to_codes(tmp_path: Path) -> None:
    rs = loads(LABELLED)
    out = tmp_path / "t.xlsx"
    workbook.write_template(rs, out)
    wb = openpyxl.load_workbook(out)
    lists = wb[data_io.LISTS_SHEET]
    assert [c.value for c in lists["A"]] == ["discipline", "Không vi phạm", "Lãnh đạo sở, huyện", "staff"]
    assert wb["Dữ liệu"]["B2"].value == "discipline [Không vi phạm / Lãnh đạo sở, huyện / staff]"
    ws = wb["Dữ liệu"]
    for row, (unit, value) in enumerate(
        [("A", "Lãnh đạo sở, huyện"), ("B", "không vi phạm"), ("C", "staff"), ("D", "leader"), ("E", "Khác")],
        start=3,
    ):
        ws.cell(row, 1).value, ws.cell(row, 2).value = unit, value
    wb.save(out)
    data = data_io.read_data(out, rs)
    assert {u.unit: u.inputs["discipline"] for u in data.units} == {
        "A": "leader", "B": "none", "C": "staff", "D": "leader"}  # fmt: skip
    (rejected,) = data.rejected
    assert rejected.unit == "E" and "'Khác' is not one of" in rejected.errors[0].message
    assert not data.warnings  # the hidden list sheet is the template's, not units left unread
    run = data_io.score_data(rs, data)
    assert [c.total for c in run.cards] == [D(5), D(10), D("2.5"), D(5)]


def test_a_hidden_sheet_of_another_name_is_still_warned_about(tmp_path: Path, small: Any) -> None:
    out = tmp_path / "t.xlsx"
    workbook.write_template(small, out)
    wb = openpyxl.load_workbook(out)
    wb[data_io.LISTS_SHEET].title = "Other"
    wb.save(out)
    data = data_io.read_data(out, small)
    assert any("'Other' also hold data" in w for w in data.warnings)


def test_template_filled_with_labels_scores_as_the_csv(tmp_path: Path) -> None:
    """Hà Giang 2022 typed into the template (numbers as numbers, the choice by its label) scores
    every node as the CSV does; 5.4 is 0.5 (004:348, "lãnh đạo cấp sở, huyện ... bị xử lý kỷ luật"),
    field 1 is 8.6183 (004:266) and the index 84.41 % (004:53)."""
    rs = load("national-2022")
    csv_data = data_io.read_data(HA_GIANG, rs)
    (unit,) = csv_data.units
    out = tmp_path / "t.xlsx"
    assert main(["template", "national-2022", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    headers = {c.value: c.column for c in ws[1]}
    ws.cell(3, 1).value = unit.unit
    for name, value in unit.inputs.items():
        decl = rs.inputs[name]
        if decl.type == "choice":
            value = decl.label(value)
        elif decl.type == "yesno":
            value = "có" if value else "không"
        elif isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        ws.cell(3, headers[name]).value = value
    assert ws.cell(3, headers["discipline"]).value == "Lãnh đạo cấp sở, huyện bị xử lý kỷ luật"
    wb.save(out)
    filled = data_io.read_data(out, rs)
    assert not filled.rejected and not filled.warnings and filled.units[0].inputs == unit.inputs
    card = data_io.score_data(rs, filled).cards[0]
    expected = data_io.score_data(rs, csv_data).cards[0]
    assert card.scores == expected.scores
    assert card["5.4"].score == D("0.5") and card["1"].score == D("8.6183") and card.index == D("84.41")


def test_a_csv_template_has_the_same_description_row(tmp_path: Path) -> None:
    rs = loads(LABELLED)
    out = tmp_path / "t.csv"
    workbook.write_template(rs, out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["Đơn vị,discipline", 'Mô tả,"discipline [Không vi phạm / Lãnh đạo sở, huyện / staff]"']


def test_a_template_needs_xlsx_or_csv(tmp_path: Path, small: Any) -> None:
    with pytest.raises(data_io.DataError, match=r"not '\.ods'"):
        workbook.write_template(small, tmp_path / "t.ods")


def test_io_imports_nothing_of_the_presentation_layer() -> None:
    """io reads data; writing workbooks is the presentation layer's (issue 10, point 1)."""
    tree = ast.parse((ROOT / "src" / "parrules" / "io.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported.add(node.module or "")
            imported.update(alias.name for alias in node.names if not node.module)
    assert imported and not imported & {"report", "render", "charts", "cli", "workbook", "report_html"}


# ---------------------------------------------------------------- the language: choice labels


def test_labels_parse_into_the_frozen_ast() -> None:
    rs = loads(LABELLED)
    decl = rs.inputs["discipline"]
    assert decl.options == ("none", "leader", "staff")
    assert decl.labels == ("Không vi phạm", "Lãnh đạo sở, huyện", "")
    assert [decl.label(o) for o in decl.options] == ["Không vi phạm", "Lãnh đạo sở, huyện", "staff"]
    assert decl.label("other") == "other"
    assert [w.code for w in rs.warnings] == ["W217"]  # staff has none
    assert "labels some options but not staff" in rs.warnings[0].message
    with pytest.raises(AttributeError):
        decl.labels = ()  # type: ignore[misc]


def test_a_choice_without_labels_has_the_ast_it_had() -> None:
    rs = loads(LABELLED.replace(' label "Không vi phạm"', "").replace(' label "Lãnh đạo sở, huyện"', ""))
    decl = rs.inputs["discipline"]
    assert decl.labels == () and decl.label("none") == "none" and not rs.warnings


def test_fmt_writes_labels_back(tmp_path: Path) -> None:
    from parrules.render import input_decl

    decl = loads(LABELLED).inputs["discipline"]
    assert input_decl(decl) == (
        'input discipline: choice { none label "Không vi phạm", leader label "Lãnh đạo sở, huyện", staff }'
    )
    assert loads(LABELLED.replace('"Không vi phạm"', '"Nói \\"không\\""')).inputs["discipline"].labels[0] == (
        'Nói "không"'
    )


@pytest.mark.parametrize(
    ("options", "code", "words"),
    [
        ('none label "Không", leader label "không"', "E166", "none and leader of d have the same label"),
        ('none label "Không", leader label " KHÔNG "', "E166", "the same label"),
        ('none label "leader", leader label "Lãnh đạo"', "E167", "is 'leader', the code of option leader"),
        ('none label "  ", leader label "Lãnh đạo"', "E168", "option none of d has the label '  '"),
        ('none label "=1+1", leader label "Lãnh đạo"', "E168", "beginning with '='"),
    ],
)
def test_labels_that_could_not_be_read_back_are_errors(options: str, code: str, words: str) -> None:
    text = f'ruleset "E" year 2022 level department scale 1\ninput d: choice {{ {options} }}\nfield 1 "A" max 1 {{ score choice d {{ none: 1  leader: 0 }} }}\n'
    with pytest.raises(RulesetError) as caught:
        loads(text)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == code and words in diagnostic.message and diagnostic.loc.line == 2


def test_labels_compare_in_nfc_like_every_text() -> None:
    """The same words typed composed (NFC) and decomposed (NFD) are the same label (E166)."""
    composed, decomposed = "Không", unicodedata.normalize("NFD", "Không")
    assert composed != decomposed
    text = (
        f'ruleset "E" year 2022 level department scale 1\ninput d: choice {{ none label "{composed}", '
        f'leader label "{decomposed}" }}\nfield 1 "A" max 1 {{ score choice d {{ none: 1  leader: 0 }} }}\n'
    )
    with pytest.raises(RulesetError) as caught:
        loads(text)
    assert [d.code for d in caught.value.diagnostics] == ["E166"]


def test_a_decomposed_or_padded_label_is_read_back() -> None:
    rs = loads(LABELLED.replace('"Không vi phạm"', '"' + unicodedata.normalize("NFD", "Không vi phạm") + ' "'))
    decl = rs.inputs["discipline"]
    assert data_io.convert_cell("Không vi phạm", decl) == "none"  # the cell NFC and trimmed, the label too (io.nfc)
    assert decl.labels[0] != "Không vi phạm"  # as written: decomposed, a space after


def test_a_label_equal_to_its_own_code_is_fine() -> None:
    rs = loads(LABELLED.replace('"Không vi phạm"', '"None"').replace(', staff', ', staff label "Cán bộ"'))
    assert rs.inputs["discipline"].labels == ("None", "Lãnh đạo sở, huyện", "Cán bộ") and not rs.warnings


def test_label_is_still_a_name_elsewhere() -> None:
    rs = loads('ruleset "L" year 2022 level department scale 1\ninput label: count\nfield 1 "A" max 1 { score min(label, 1) }\n')
    assert "label" in rs.inputs


def test_convert_cell_reads_a_label_as_its_code() -> None:
    decl = loads(LABELLED).inputs["discipline"]
    assert data_io.convert_cell("Lãnh đạo sở, huyện", decl) == "leader"
    assert data_io.convert_cell("  LÃNH ĐẠO SỞ, HUYỆN ", decl) == "leader"  # case and spaces as for codes
    assert data_io.convert_cell("leader", decl) == "leader"  # a code is still read
    assert data_io.convert_cell("STAFF", decl) == "staff"
    with pytest.raises(ValueError, match="is not one of"):
        data_io.convert_cell("Lãnh đạo", decl)


def test_explain_shows_the_label_beside_the_code() -> None:
    rs = loads(LABELLED)
    text = rs.evaluate({"discipline": "leader"}, unit="A").explain("1")
    assert "discipline = leader (Lãnh đạo sở, huyện)" in text
    assert "discipline = staff\n" in rs.evaluate({"discipline": "staff"}, unit="B").explain("1") + "\n"


def test_the_shipped_national_ruleset_labels_its_choice() -> None:
    """Seed 004:348: 'lãnh đạo cấp sở, huyện ... bị xử lý kỷ luật' (5.4 scored 0.5)."""
    decl = load("national-2022").inputs["discipline"]
    assert decl.label("dept_district_leaders") == "Lãnh đạo cấp sở, huyện bị xử lý kỷ luật"
    assert decl.label("none") == "Không có cán bộ, công chức, viên chức bị xử lý kỷ luật"
