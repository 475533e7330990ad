"""Workbooks (XLSX): the results a province publishes, and the template a unit fills in.

The presentation layer's spreadsheet view, beside report (text, CSV, JSON, Markdown)
and report_html: the core and ``parrules.io`` (which only *reads* workbooks) import
nothing from here.

``write_results`` writes the result of a scoring as a workbook fit to hand over as it
is: a ranking sheet, a sheet of every node's points for every unit, the points lost,
the rejected rows (unit, input, row, message) and the run details (ruleset, version,
file hashes, date, rounding policy).  Each sheet opens with title rows (the ruleset's
title, level and year), keeps its header row frozen on screen and repeated on every
printed page, has an autofilter, and prints on A4 fitted to the page width.  Numbers
stay numbers, shown with the places the ruleset declares (``0.0000``: a Vietnamese
Excel shows 10,0000 with its own decimal comma, an English one 10.0000).

``write_template`` writes the empty data file a unit fills: the header row of input
names ``parrules.io`` reads, a description row (Vietnamese description, unit, range,
the node's maximum for points), and on every input column an input prompt and a data
validation from the checker's declared ranges (percents 0..100, counts whole and not
negative, points 0..the node's max); a choice is a dropdown of its Vietnamese labels,
which ``io.convert_cell`` reads back as the option codes.

Every text cell goes through ``safe_text.for_xlsx`` (data type ``s``, Excel's quote
prefix on a formula-looking text): a title ``=1+1`` stays text.  ``save_workbook``
fixes the times openpyxl stamps so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import safe_text
from .charts import LEVEL_UNITS
from .context import in_library_context
from .schema import input_bounds  # the bounds the inputs' JSON schema gives: one copy of the rule

if TYPE_CHECKING:  # pragma: no cover
    from . import nodes as n
    from .aggregate import Standing
    from .evaluate import Scorecard
    from .io import Rejected
    from .report import Table
    from .ruleset import Ruleset

TEMPLATE_SHEET = "Dữ liệu"
TEMPLATE_ROWS = 1000
"""How many data rows of a template carry the validations (rows 3..1002)."""

HEADER_FILL = "DDE7F3"
TITLE_ROWS = 3  # title, level and year, blank: the header is row 4

WORDS = {
    "vi": {
        "ranking": "Xếp hạng",
        "nodes": "Điểm chi tiết",
        "lost": "Điểm bị trừ",
        "rejected": "Dòng bị loại",
        "details": "Thông tin",
        "code": "Mã",
        "title": "Tiêu chí",
        "max": "Điểm tối đa",
        "unit": "Đơn vị",
        "score": "Điểm đạt",
        "points_lost": "Điểm bị trừ",
        "agency": "Cơ quan chịu trách nhiệm",
        "row": "Dòng",
        "input": "Chỉ tiêu",
        "error": "Mã lỗi",
        "message": "Lý do",
        "item": "Mục",
        "value": "Giá trị",
        "na": "không áp dụng",
        "year": "năm {year}",
        "page": "Trang &P/&N",
        "none_rejected": "Không có dòng nào bị loại",
        "none_lost": "Không đơn vị nào bị trừ điểm",
        "ruleset": "Bộ tiêu chí",
        "ruleset_file": "Tệp bộ tiêu chí",
        "ruleset_sha": "SHA-256 bộ tiêu chí",
        "level": "Cấp đánh giá",
        "year_item": "Năm đánh giá",
        "scale": "Thang điểm",
        "rounding": "Làm tròn",
        "rounding_text": "{mode}, {places} chữ số thập phân; chỉ số {index} chữ số",
        "data_file": "Tệp dữ liệu",
        "data_sha": "SHA-256 dữ liệu",
        "date": "Ngày chấm điểm",
        "version": "Phiên bản parrules",
        "scored": "Số đơn vị được chấm",
        "rejected_count": "Số dòng bị loại",
    },
    "en": {
        "ranking": "Ranking",
        "nodes": "Node points",
        "lost": "Points lost",
        "rejected": "Rejected rows",
        "details": "Run details",
        "code": "Code",
        "title": "Criterion",
        "max": "Max",
        "unit": "Unit",
        "score": "Score",
        "points_lost": "Points lost",
        "agency": "Responsible agency",
        "row": "Row",
        "input": "Input",
        "error": "Error code",
        "message": "Reason",
        "item": "Item",
        "value": "Value",
        "na": "n/a",
        "year": "{year}",
        "page": "Page &P of &N",
        "none_rejected": "No row was rejected",
        "none_lost": "No unit lost points",
        "ruleset": "Ruleset",
        "ruleset_file": "Ruleset file",
        "ruleset_sha": "Ruleset SHA-256",
        "level": "Level",
        "year_item": "Year",
        "scale": "Scale",
        "rounding": "Rounding",
        "rounding_text": "{mode}, {places} decimal places; index {index} places",
        "data_file": "Data file",
        "data_sha": "Data SHA-256",
        "date": "Scored on",
        "version": "parrules version",
        "scored": "Units scored",
        "rejected_count": "Rows rejected",
    },
}

# how the published reports name the units of a level (seed 002:157 "... của các sở, ban, ngành
# năm 2022"): the words of the charts' titles
LEVELS = LEVEL_UNITS


# ---------------------------------------------------------------- cells


def put(ws: Any, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """Write one cell: a number (Decimal, int) as a number, anything else as text, never a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Decimal):
        cell.value = float(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    elif value is not None:
        text, quoted = safe_text.for_xlsx(str(value))
        cell.value = text
        cell.data_type = "s"
        if quoted:
            cell.quotePrefix = True
    if number_format is not None:
        cell.number_format = number_format
    return cell


def append_row(ws: Any, values: Sequence[Any]) -> None:
    """Append a row to an openpyxl worksheet, every text cell written as text.

    openpyxl makes any string that begins with ``=`` a formula and raises on
    control characters; here a number (Decimal, int) is a number, and any other
    value is text through ``safe_text.for_xlsx``: data type ``s`` and, when it
    looks like a formula, Excel's quote prefix.  Used by every workbook writer.
    """
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value)


def save_workbook(wb: Any, path: str | Path) -> None:
    """Save an openpyxl workbook so the same content gives the same bytes.

    openpyxl stamps the save time into docProps/core.xml and every zip entry; a
    published table recomputed next month must not differ for that.
    """
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    fixed = datetime.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))


def places_format(places: int) -> str:
    """The number format that shows ``places`` decimals: ``0.0000`` for 4 (Excel localises the point)."""
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def _own_format(value: Decimal) -> str:
    """A format showing a declared number (a max, a scale) with its own decimals: 1.5 as 1,5, 10 as 10."""
    exponent = value.normalize().as_tuple().exponent
    return places_format(max(0, -exponent) if isinstance(exponent, int) else 0)


# ---------------------------------------------------------------- sheets


def _title_lines(ruleset: Ruleset, lang: str) -> tuple[str, str]:
    """The ruleset's title, and its level and year as the seeds write them ("các sở, ban, ngành năm 2022")."""
    header = ruleset.header
    parts = []
    if header.level:
        parts.append(LEVELS[lang].get(header.level, header.level))
    if header.year is not None:
        parts.append(WORDS[lang]["year"].format(year=header.year))
    return ruleset.title, " ".join(parts)


def _sheet(wb: Any, title: str, ruleset: Ruleset, lang: str, caption: str, first: bool = False) -> Any:
    """A sheet with its title rows (title, level and year) and A4 print setup; the header goes in row 4."""
    from openpyxl.styles import Font

    ws = wb.active if first else wb.create_sheet()
    ws.title = safe_text.sheet_title(title)
    name, level = _title_lines(ruleset, lang)
    put(ws, 1, 1, name).font = Font(bold=True, size=14)
    put(ws, 2, 1, " — ".join(x for x in (caption, level) if x)).font = Font(italic=True, size=11)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = WORDS[lang]["page"]
    ws.oddHeader.right.text = safe_text.visible(name)[:200].replace("&", "&&")
    return ws


def _header(ws: Any, headers: Sequence[str], freeze_column: int = 1, wrap: bool = False) -> int:
    """The header row (row 4): bold on a fill, frozen, repeated on every printed page, filtered."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    row = TITLE_ROWS + 1
    thin = Side(style="thin", color="999999")
    for column, text in enumerate(headers, start=1):
        cell = put(ws, row, column, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(bottom=thin, top=thin)
    ws.freeze_panes = f"{get_column_letter(freeze_column + 1)}{row + 1}"
    ws.print_title_rows = f"{row}:{row}"
    if wrap:
        longest = max((len(h) for h in headers), default=10)
        ws.row_dimensions[row].height = min(15 * (1 + longest // 14), 120)
    return row


def _finish_sheet(ws: Any, header_row: int, widths: dict[int, float], landscape: bool) -> None:
    """Autofilter over the header and the data, column widths, orientation."""
    from openpyxl.utils import get_column_letter

    last_column = max(ws.max_column, 1)
    last_row = max(ws.max_row, header_row)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last_column)}{last_row}"
    for column in range(1, last_column + 1):
        letter = get_column_letter(column)
        if column in widths:
            ws.column_dimensions[letter].width = widths[column]
            continue
        longest = 0
        for row in range(header_row + 1, last_row + 1):
            value = ws.cell(row=row, column=column).value
            longest = max(longest, len(str(value)) if value is not None else 0)
        ws.column_dimensions[letter].width = min(max(longest + 2, 9), 60)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"


def _width(texts: Sequence[Any], low: float = 8, high: float = 60) -> float:
    return min(max(max((len(str(t)) for t in texts if t is not None), default=0) + 2, low), high)


def write_table(table: Table, path: str | Path, sheet: str = "Xếp hạng", ruleset: Ruleset | None = None) -> None:
    """One table as a one-sheet workbook (``report.write_xlsx``): numbers as numbers, texts as text.

    With the ruleset, scores show its declared places and the index its index places.
    """
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = safe_text.sheet_title(sheet)
    append_row(ws, table.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        append_row(ws, row)
    if ruleset is not None:
        for column, key in enumerate(table.keys, start=1):
            if key == "rank":
                continue
            places = ruleset.header.index_places if key == "index" else ruleset.header.rounding_places
            for r, values in enumerate(table.rows, start=2):
                if isinstance(values[column - 1], Decimal):
                    ws.cell(row=r, column=column).number_format = places_format(places)
    ws.freeze_panes = "C2"
    for i, column in enumerate(ws.iter_cols(), start=1):
        width = max(len(str(cell.value if cell.value is not None else "")) for cell in column)
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 50)
    save_workbook(wb, path)


def _sha256(path: str | Path | None) -> str:
    if path is None:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


@in_library_context
def write_results(
    ruleset: Ruleset,
    cards: Sequence[Scorecard],
    path: str | Path,
    rejected: Sequence[Rejected] = (),
    *,
    lang: str = "vi",
    date: datetime.date | None = None,
    source: str | Path | None = None,
) -> None:
    """The result of a scoring as a workbook to publish: ranking, node points, points lost,
    rejected rows and run details (see the module's docstring).

    ``cards`` are the scored units (ranked and classified here as the ruleset declares);
    ``source`` the data file, named and hashed on the run-details sheet; ``date`` the day
    of the scoring written there (the caller's, so that a rerun gives the same bytes).
    """
    import openpyxl

    from .aggregate import standings

    ranked = standings(ruleset, list(cards))
    wb = openpyxl.Workbook()
    _ranking_sheet(wb, ruleset, ranked, lang)
    _nodes_sheet(wb, ruleset, ranked, lang)
    _lost_sheet(wb, ruleset, ranked, lang)
    _rejected_sheet(wb, ruleset, rejected, lang)
    _details_sheet(wb, ruleset, len(ranked), len(rejected), lang, date, source)
    wb.active = 0
    save_workbook(wb, path)


def _ranking_sheet(wb: Any, ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> None:
    """Rank, unit, total, index, class, each field's points (headed by code and title), note."""
    from .report import standings_table

    words = WORDS[lang]
    table = standings_table(ruleset, ranked, lang)
    fields = {f.code: f for f in ruleset.ast.fields}
    headers = [
        f"{key}. {fields[key].title}" if key in fields else header
        for key, header in zip(table.keys, table.headers, strict=True)
    ]
    ws = _sheet(wb, words["ranking"], ruleset, lang, words["ranking"], first=True)
    row = _header(ws, headers, freeze_column=2, wrap=True)
    score = places_format(ruleset.header.rounding_places)
    index = places_format(ruleset.header.index_places)
    for values in table.rows:
        row += 1
        for column, (key, value) in enumerate(zip(table.keys, values, strict=True), start=1):
            fmt = None
            if isinstance(value, Decimal):
                fmt = index if key == "index" else score
            elif key == "rank":
                fmt = "0"
            put(ws, row, column, value, fmt)
    widths: dict[int, float] = {}
    for column, key in enumerate(table.keys, start=1):
        if key in fields:
            widths[column] = 14
        elif key == "unit":
            widths[column] = _width([r[column - 1] for r in table.rows], 24, 45)
        elif key in ("rank", "total", "index"):
            widths[column] = 11
    _finish_sheet(ws, TITLE_ROWS + 1, widths, landscape=True)
    from openpyxl.styles import Alignment

    unit_column = table.keys.index("unit") + 1
    for r in range(TITLE_ROWS + 2, ws.max_row + 1):
        ws.cell(row=r, column=unit_column).alignment = Alignment(wrap_text=True, vertical="top")


def _nodes_sheet(wb: Any, ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> None:
    """Every node (code, title, max) down, every unit across (in rank order): unit × node points."""
    from openpyxl.styles import Alignment, Font

    words = WORDS[lang]
    ws = _sheet(wb, words["nodes"], ruleset, lang, words["nodes"])
    units = [s.card.unit or "" for s in ranked]
    row = _header(ws, [words["code"], words["title"], words["max"], *units], freeze_column=3, wrap=True)
    score = places_format(ruleset.header.rounding_places)
    for node in ruleset.ast.nodes():
        row += 1
        depth = node.code.count(".")
        put(ws, row, 1, node.code)
        title = put(ws, row, 2, node.title)
        title.alignment = Alignment(indent=depth, wrap_text=True, vertical="top")
        put(ws, row, 3, node.max, _own_format(node.max))
        for column, standing in enumerate(ranked, start=4):
            result = standing.card[node.code]
            if result.applicable:
                put(ws, row, column, result.score, score)
            else:
                put(ws, row, column, words["na"]).alignment = Alignment(horizontal="right")
        if depth == 0:
            for column in range(1, 4 + len(ranked)):
                ws.cell(row=row, column=column).font = Font(bold=True)
    widths = {1: 9.0, 2: 55.0, 3: 11.0}
    for column in range(4, 4 + len(ranked)):
        widths[column] = 13.0
    _finish_sheet(ws, TITLE_ROWS + 1, widths, landscape=len(ranked) > 4)


def _lost_sheet(wb: Any, ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> None:
    """Every leaf that lost points, unit by unit in rank order, largest loss first, with its agency."""
    from openpyxl.styles import Alignment

    words = WORDS[lang]
    ws = _sheet(wb, words["lost"], ruleset, lang, words["lost"])
    headers = [words["unit"], words["code"], words["title"], words["points_lost"], words["score"], words["max"]]
    has_agency = any(r.agency for s in ranked for r in s.card.lost_points())
    if has_agency:
        headers.append(words["agency"])
    row = _header(ws, headers, freeze_column=2)
    score = places_format(ruleset.header.rounding_places)
    for standing in ranked:
        for r in standing.card.lost_points():
            row += 1
            put(ws, row, 1, standing.card.unit or "")
            put(ws, row, 2, r.code)
            put(ws, row, 3, r.title).alignment = Alignment(wrap_text=True, vertical="top")
            put(ws, row, 4, r.lost, score)
            put(ws, row, 5, r.score, score)
            put(ws, row, 6, r.applicable_max, _own_format(r.applicable_max))
            if has_agency:
                put(ws, row, 7, r.agency)
    if row == TITLE_ROWS + 1:
        put(ws, row + 1, 1, words["none_lost"])
    units = [s.card.unit for s in ranked]
    widths = {1: _width(units, 20, 40), 2: 9.0, 3: 60.0, 4: 12.0, 5: 12.0, 6: 11.0}
    _finish_sheet(ws, TITLE_ROWS + 1, widths, landscape=True)


def _rejected_sheet(wb: Any, ruleset: Ruleset, rejected: Sequence[Rejected], lang: str) -> None:
    """One line per reason a row was refused: unit, row, input, code, message."""
    from openpyxl.styles import Alignment

    words = WORDS[lang]
    ws = _sheet(wb, words["rejected"], ruleset, lang, words["rejected"])
    row = _header(ws, [words["unit"], words["row"], words["input"], words["error"], words["message"]], 2)
    for item in rejected:
        for error in item.errors:
            row += 1
            put(ws, row, 1, item.unit or error.unit or "")
            put(ws, row, 2, item.row, "0")
            put(ws, row, 3, error.input or error.column or "")
            put(ws, row, 4, error.code)
            put(ws, row, 5, error.text(lang)).alignment = Alignment(wrap_text=True, vertical="top")
    if row == TITLE_ROWS + 1:
        put(ws, row + 1, 1, words["none_rejected"])
    units = [r.unit for r in rejected]
    _finish_sheet(ws, TITLE_ROWS + 1, {1: _width(units, 20, 40), 2: 8.0, 3: 22.0, 4: 9.0, 5: 80.0}, landscape=True)


def _details_sheet(
    wb: Any,
    ruleset: Ruleset,
    scored: int,
    rejected: int,
    lang: str,
    date: datetime.date | None,
    source: str | Path | None,
) -> None:
    """What a reader needs to trust and reproduce the numbers: ruleset, hashes, date, rounding, version."""
    from . import __version__

    words = WORDS[lang]
    header = ruleset.header
    ws = _sheet(wb, words["details"], ruleset, lang, words["details"])
    row = _header(ws, [words["item"], words["value"]])
    rounding = words["rounding_text"].format(
        mode=header.rounding_mode, places=header.rounding_places, index=header.index_places
    )
    items: list[tuple[str, Any, str | None]] = [
        (words["ruleset"], ruleset.title, None),
        (words["ruleset_file"], Path(ruleset.path).name if ruleset.path else "", None),
        (words["ruleset_sha"], hashlib.sha256(ruleset.text.encode("utf-8")).hexdigest(), None),
        (words["level"], LEVELS[lang].get(header.level or "", header.level or ""), None),
        (words["year_item"], header.year, "0"),
        (words["scale"], ruleset.scale, None),
        (words["rounding"], rounding, None),
    ]
    if source is not None:
        items.append((words["data_file"], Path(source).name, None))
        items.append((words["data_sha"], _sha256(source), None))
    items += [
        (words["date"], date.isoformat() if date is not None else "", None),
        (words["scored"], scored, "0"),
        (words["rejected_count"], rejected, "0"),
        (words["version"], __version__, None),
    ]
    for label, value, fmt in items:
        row += 1
        put(ws, row, 1, label)
        if isinstance(value, Decimal) and fmt is None:
            fmt = _own_format(value)
        put(ws, row, 2, value, fmt)
    _finish_sheet(ws, TITLE_ROWS + 1, {1: 26.0, 2: 70.0}, landscape=False)


# ---------------------------------------------------------------- the template


def _plain(value: Decimal) -> str:
    """A bound as a validation formula writes it (no exponent, a decimal point)."""
    return f"{value.normalize():f}" if value != 0 else "0"


def _vi(value: Decimal) -> str:
    """A bound as a Vietnamese prompt writes it: 1,5 and 100."""
    return _plain(value).replace(".", ",")


def range_text(ruleset: Ruleset, decl: n.InputDecl) -> str:
    """The range an analyst reads in the template's prompt: "từ 0 đến 100", "tối đa 1,5 điểm"."""
    low, high = input_bounds(ruleset, decl)
    if decl.type == "points" and high is not None:
        return f"từ {_vi(low or Decimal(0))} đến tối đa {_vi(high)} điểm"
    if low is not None and high is not None:
        return f"từ {_vi(low)} đến {_vi(high)}"
    if low is not None:
        return f"không nhỏ hơn {_vi(low)}"
    if high is not None:
        return f"không lớn hơn {_vi(high)}"
    return ""


def prompt_text(ruleset: Ruleset, decl: n.InputDecl) -> str:
    """An input's prompt: description, unit, the kind of value and its range (at most 255 characters)."""
    parts = [safe_text.visible(decl.description or decl.name)]
    if decl.implicit_for:
        parts.append(f"Điểm tiêu chí {decl.implicit_for}.")
    kind = {
        "count": "Số nguyên",
        "money": "Số tiền",
        "percent": "Tỷ lệ phần trăm (%)",
        "ratio": "Tỷ số",
        "number": "Số",
        "points": "Số điểm",
        "rank": "Thứ hạng (số nguyên)",
        "yesno": "Chọn có hoặc không",
        "choice": "Chọn trong danh sách",
    }[decl.type]
    if decl.unit and decl.type not in ("percent", "points"):  # a percent says %, points say điểm
        kind += f", đơn vị: {decl.unit}"
    span = range_text(ruleset, decl)
    parts.append(safe_text.visible(kind + (f", {span}" if span else "") + "."))
    text = "\n".join(parts)  # the description, then what to type on a line of its own
    return text if len(text) <= 255 else text[:254] + "…"  # Excel's limit for a prompt


def template_description(ruleset: Ruleset, decl: n.InputDecl) -> str:
    """The description row's text for an input: ``io.description_text`` and the accepted range
    (the node's maximum for points).  The row is told apart by its unit cell, "Mô tả"."""
    from .io import description_text

    text = description_text(decl)
    if decl.type in ("yesno", "choice", "rank"):
        return text  # the options or the ranks are already written
    span = range_text(ruleset, decl)
    return f"{text} [{span}]" if span else text


def write_template(ruleset: Ruleset, path: str | Path) -> None:
    """An empty data file for a ruleset: the header, a description row; an XLSX adds prompts,
    validations and dropdowns (see the module's docstring).

    The descriptions are ruleset text: written through ``safe_text`` like every other output,
    so none is a formula.
    """
    import csv

    from .io import DataError, template_columns
    from .safe_text import for_csv
    from .wording import sentence

    p = Path(path)
    cols = template_columns(ruleset)[:1]
    for name, decl in ruleset.inputs.items():
        cols.append((name, template_description(ruleset, decl)))
    suffix = p.suffix.lower()
    if suffix == ".csv":
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([for_csv(c[0]) for c in cols])
            w.writerow([for_csv(c[1]) for c in cols])
        return
    if suffix != ".xlsx":
        raise DataError(
            sentence("{path}: a template is written as .xlsx or .csv, not {suffix}", path=p, suffix=repr(suffix))
            if suffix
            else sentence("{path}: a template is written as .xlsx or .csv; the name has no suffix", path=p)
        )
    _xlsx_template(ruleset, cols, p)


def _validation(ruleset: Ruleset, decl: n.InputDecl, lists: dict[str, str]) -> Any:
    """The data validation of one input's column: its type, its range and its prompt."""
    from openpyxl.worksheet.datavalidation import DataValidation

    low, high = input_bounds(ruleset, decl)
    kind = decl.type
    error = ""
    if kind == "yesno":
        dv = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
        error = "Nhập có hoặc không"
    elif kind == "choice":
        dv = DataValidation(type="list", formula1=lists[decl.name], allow_blank=True)
        error = "Chọn một mục trong danh sách"
    elif low is None and high is None:
        dv = DataValidation(allow_blank=True)  # any value: the prompt only (the reader checks it is a number)
    else:
        whole = kind in ("count", "rank")
        number = "whole" if whole else "decimal"
        if low is not None and high is not None:
            dv = DataValidation(
                type=number, operator="between", formula1=_plain(low), formula2=_plain(high), allow_blank=True
            )
        elif low is not None:
            dv = DataValidation(type=number, operator="greaterThanOrEqual", formula1=_plain(low), allow_blank=True)
        else:
            assert high is not None
            dv = DataValidation(type=number, operator="lessThanOrEqual", formula1=_plain(high), allow_blank=True)
        error = ("Nhập số nguyên " if whole else "Nhập số ") + range_text(ruleset, decl)
    if error:
        dv.error = safe_text.visible(error)[:255]
        dv.errorTitle = "Giá trị không hợp lệ"
        dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.promptTitle = safe_text.visible(decl.name)[:32]  # Excel's limit for a prompt's title
    dv.prompt = prompt_text(ruleset, decl)
    return dv


def _xlsx_template(ruleset: Ruleset, cols: list[tuple[str, str]], p: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = TEMPLATE_SHEET
    append_row(ws, [c[0] for c in cols])
    append_row(ws, [c[1] for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    for cell in ws[2]:
        cell.font = Font(italic=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # the description row tall enough for the longest description at its column's width
    lines = max((len(text) // max(16, min(40, len(name) + 4)) + 1 for name, text in cols[1:]), default=1)
    ws.row_dimensions[2].height = min(15 * lines, 240)
    ws.freeze_panes = "B3"
    ws.column_dimensions["A"].width = 30
    ws.print_title_rows = "1:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"

    choices = [decl for decl in ruleset.inputs.values() if decl.type == "choice"]
    lists: dict[str, str] = {}
    if choices:  # one column per choice input: its labels, the dropdown's source (no 255-character limit)
        from .io import LISTS_SHEET

        sheet = wb.create_sheet(LISTS_SHEET)
        for column, decl in enumerate(choices, start=1):
            put(sheet, 1, column, decl.name).font = Font(bold=True)
            for row, option in enumerate(decl.options, start=2):
                put(sheet, row, column, decl.label(option))
            letter = get_column_letter(column)
            lists[decl.name] = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${len(decl.options) + 1}"
            sheet.column_dimensions[letter].width = _width([decl.label(o) for o in decl.options], 12, 60)
        sheet.sheet_state = "hidden"  # the reader reads the first sheet; this one only feeds the dropdowns

    last = TEMPLATE_ROWS + 2
    for column, (name, decl) in enumerate(ruleset.inputs.items(), start=2):
        letter = get_column_letter(column)
        ws.column_dimensions[letter].width = max(16, min(40, len(name) + 4))
        dv = _validation(ruleset, decl, lists)
        dv.add(f"{letter}3:{letter}{last}")
        ws.add_data_validation(dv)
        if decl.type == "percent":  # 98,3 typed is the percent 98.3, never a 0.983 percent cell
            ws.column_dimensions[letter].number_format = "0.00"
    save_workbook(wb, p)
