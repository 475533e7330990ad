"""Tables analysts read: the ranked standings, the points lost, a scorecard as HTML.

A table is built once as headers and raw values (Decimal, int, str, None) and
then written as text or Markdown (tabulate), CSV, JSON or XLSX.  Vietnamese is
the default language: Vietnamese headers and numbers with a decimal comma
(``89,75``); ``lang="en"`` gives English headers and a decimal point.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from babel.numbers import format_decimal
from tabulate import tabulate

if TYPE_CHECKING:  # pragma: no cover
    from .aggregate import Standing
    from .evaluate import Scorecard
    from .ruleset import Ruleset

LANGS = ("vi", "en")
FORMATS = ("table", "csv", "json", "md", "xlsx")

HEADERS = {
    "vi": {
        "rank": "Xếp hạng",
        "unit": "Đơn vị",
        "total": "Tổng điểm",
        "index": "Chỉ số (%)",
        "class": "Xếp loại",
        "note": "Ghi chú",
        "row": "Dòng",
        "code": "Mã",
        "title": "Tiêu chí",
        "lost": "Điểm bị trừ",
        "max": "Điểm tối đa",
        "score": "Điểm đạt",
        "agency": "Cơ quan chịu trách nhiệm",
    },
    "en": {
        "rank": "Rank",
        "unit": "Unit",
        "total": "Total",
        "index": "Index (%)",
        "class": "Class",
        "note": "Note",
        "row": "Row",
        "code": "Code",
        "title": "Criterion",
        "lost": "Points lost",
        "max": "Max",
        "score": "Score",
        "agency": "Responsible agency",
    },
}


class Table:
    """Headers, raw rows, and which columns are numbers with how many places to show (None: as is)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], keys: Sequence[str]):
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.keys = list(keys)  # machine names for JSON


def number_text(value: Any, lang: str = "vi", places: int | None = None) -> str:
    """A number as the language writes it: 89,75 (vi) or 89.75 (en); '' for None."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        else:
            return str(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
        pattern = "#,##0" + ("." + "0" * places if places else "")
    else:
        value = value.normalize() if value != 0 else Decimal(0)
        decimals = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if lang == "vi":
        return format_decimal(value, format=pattern, locale="vi", decimal_quantization=False)
    return f"{value:f}"


def standings_table(ruleset: Ruleset, standings: Sequence[Standing], lang: str = "vi") -> Table:
    """Rank, unit, total, index %, class, then each field's points (header: the field's code)."""
    h = HEADERS[lang]
    fields = [f.code for f in ruleset.ast.fields]
    has_class = ruleset.ast.classes is not None
    has_note = any(s.note for s in standings)
    headers = [h["rank"], h["unit"], h["total"], h["index"]]
    keys = ["rank", "unit", "total", "index"]
    if has_class:
        headers.append(h["class"])
        keys.append("class")
    headers += fields
    keys += fields
    if has_note:
        headers.append(h["note"])
        keys.append("note")
    rows = []
    for s in standings:
        card = s.card
        row: list[Any] = [s.rank, card.unit, card.total, card.index]
        if has_class:
            row.append(s.klass or "")
        row += [card[code].score for code in fields]
        if has_note:
            row.append(s.note)
        rows.append(row)
    return Table(headers, rows, keys)


def lost_table(card: Scorecard, lang: str = "vi") -> Table:
    """Leaves that lost points, largest loss first, with the responsible agency."""
    h = HEADERS[lang]
    rows = [[r.code, r.title, r.lost, r.score, r.applicable_max, r.agency] for r in card.lost_points()]
    return Table(
        [h["code"], h["title"], h["lost"], h["score"], h["max"], h["agency"]],
        rows,
        ["code", "title", "lost", "score", "max", "agency"],
    )


def _display(table: Table, lang: str, ruleset: Ruleset | None = None) -> list[list[str]]:
    out = []
    for row in table.rows:
        cells = []
        for key, value in zip(table.keys, row, strict=True):
            places = None
            if ruleset is not None and isinstance(value, Decimal):
                places = ruleset.header.index_places if key == "index" else ruleset.header.rounding_places
            cells.append(number_text(value, lang, places) if isinstance(value, Decimal | int) else str(value or ""))
        out.append(cells)
    return out


def _aligns(table: Table) -> list[str]:
    aligns = []
    for i, _ in enumerate(table.headers):
        numeric = any(isinstance(r[i], Decimal | int) and not isinstance(r[i], bool) for r in table.rows)
        aligns.append("right" if numeric else "left")
    return aligns


def render_text(table: Table, fmt: str = "table", lang: str = "vi", ruleset: Ruleset | None = None) -> str:
    """A plain-text (``table``) or Markdown (``md``) table."""
    style = "pipe" if fmt == "md" else "simple"
    body = _display(table, lang, ruleset)
    if not body:
        return tabulate([], headers=table.headers, tablefmt=style)
    return tabulate(body, headers=table.headers, tablefmt=style, disable_numparse=True, colalign=_aligns(table))


def write_csv(table: Table, fh: TextIO, lang: str = "vi", ruleset: Ruleset | None = None) -> None:
    """CSV with the language's number format (a decimal comma for vi, quoted by the writer)."""
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(table.headers)
    for row in _display(table, lang, ruleset):
        w.writerow(row)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    return value


def to_json(table: Table) -> str:
    """A list of objects with machine keys; numbers as JSON numbers."""
    records = [{k: _json_value(v) for k, v in zip(table.keys, row, strict=True)} for row in table.rows]
    return json.dumps(records, ensure_ascii=False, indent=2)


def write_xlsx(table: Table, path: str | Path, sheet: str = "Xếp hạng") -> None:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(table.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    ws.freeze_panes = "C2"
    for i, header in enumerate(table.headers, start=1):
        width = max([len(str(header))] + [len(str(r[i - 1] or "")) for r in table.rows])
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 50)
    wb.save(path)


def scorecard_html(card: Scorecard) -> str:
    """A unit's tree as an HTML table (for notebooks)."""
    esc = html.escape
    who = esc(card.unit or "")
    index = "" if card.index is None else f"{card.index}%"
    rows = []
    for r in card:
        depth = r.code.count(".")
        shown = "n/a" if not r.applicable else f"{number_text(r.score, 'en')} / {number_text(r.applicable_max, 'en')}"
        rows.append(
            f"<tr><td style='padding-left:{depth * 1.5}em'>{esc(r.code)}</td><td>{esc(r.title)}</td>"
            f"<td style='text-align:right'>{shown}</td><td>{esc(r.agency)}</td></tr>"
        )
    return (
        f"<div><b>{who}</b> total {number_text(card.total, 'en')} / {number_text(card.applicable_scale, 'en')}"
        f" &mdash; index {index}<table><tr><th>Code</th><th>Title</th><th>Score</th><th>Agency</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )
