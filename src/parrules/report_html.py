"""The HTML report of a scoring: one self-contained page a home-affairs office can publish as it is.

Laid out after the provinces' own reports (seed 000:145-215, seed 002:49-352): a ranked
table with a column per field headed by the field's name, the scale (Thang điểm) of
each unit, the appraisal and survey points apart when the ruleset says where points
come from, the class; a chart per field ("Biểu đồ N. Chỉ số thành phần ... của các
sở, ban, ngành năm 2022"); the points lost; the rejected rows, in the page's language.

Made to be read where it is read: on a 400 px phone (the wide table scrolls inside
its own box, chart text keeps its size) and on paper (an A4 print stylesheet: the
ranking on landscape pages, every folded section open, rows and charts never split,
background colours printed).  A province's letterhead ("UBND TỈNH ... / SỞ NỘI VỤ")
is a list of lines given to ``html_report`` (``parrules report --letterhead``).

At commune scale (hundreds to ten thousand units) the page stays small and quick:
charts show the distribution and the top and bottom units instead of a bar per
unit (``charts.BAR_LIMIT``), the ranking is cut into pages of ``PAGE_ROWS`` rows
that open one at a time, and the points lost are detailed for the lowest units only.

No external resource: CSS inline; every text from a ruleset or a data file through
``safe_text.for_html``.  The same arguments give the same bytes.  An inline script
(report_page) makes the ranking sortable and filterable and explains any node of any
unit in the browser; without it the page reads and prints as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date as _date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .context import in_library_context
from .report import HEADERS, LANGS, number_text
from .safe_text import for_html

if TYPE_CHECKING:  # pragma: no cover
    from .aggregate import Standing
    from .errors import InputError
    from .evaluate import Scorecard
    from .io import Rejected
    from .ruleset import Ruleset

PAGE_ROWS = 100
"""Above 2 x PAGE_ROWS units the ranking is cut into pages of this many rows, each folded but the first."""
TALL_ROWS = 30
"""A table of more rows than this scrolls inside a box of at most 75 % of the screen's height (not in print)."""
LOST_DETAIL_LIMIT = 60
"""Up to this many units every unit's points lost are detailed; above it, the lowest-ranked ``charts.TOP``."""

LEVELS = {
    "vi": {"province": "tỉnh", "department": "sở", "district": "huyện", "commune": "xã", "ministry": "bộ"},
    "en": {
        "province": "provinces",
        "department": "departments",
        "district": "districts",
        "commune": "communes",
        "ministry": "ministries",
    },
}

SOURCES = ("appraisal", "survey", "self")
SOURCE_WORDS = {
    "vi": {"appraisal": "Điểm thẩm định", "survey": "Điểm điều tra XHH", "self": "Điểm tự đánh giá"},
    "en": {"appraisal": "Appraisal points", "survey": "Survey points", "self": "Self-assessed points"},
}

WORDS = {
    "vi": {
        "ruleset": "Bộ tiêu chí",
        "year": "Năm",
        "level": "Cấp",
        "basis": "Căn cứ",
        "scale": "Thang điểm",
        "date": "Ngày lập báo cáo",
        "data": "Dữ liệu",
        "rows": "Số dòng",
        "ranking": "Bảng xếp hạng",
        "fields": "Kết quả theo lĩnh vực",
        "field": "Lĩnh vực",
        "max_of": "tối đa {max}",
        "field_index": "Chỉ số thành phần (%)",
        "field_points": "Điểm theo lĩnh vực",
        "charts": "Biểu đồ",
        "lost": "Phân tích điểm bị trừ",
        "lost_all": "Các tiêu chí bị trừ nhiều điểm nhất (cộng tất cả đơn vị)",
        "lost_unit": "Điểm bị trừ của từng đơn vị",
        "lost_lowest": "Điểm bị trừ của {n} đơn vị xếp cuối (các đơn vị khác: xem bảng tổng hợp ở trên)",
        "lost_sum": "Tổng điểm bị trừ",
        "units_lost": "Số đơn vị bị trừ",
        "no_lost": "không bị trừ điểm",
        "lost_of": "bị trừ {lost} điểm",
        "rank_of": "hạng {rank}",
        "rejected": "Dòng dữ liệu bị loại",
        "rejected_none": "Không có dòng nào bị loại.",
        "error": "Mã lỗi",
        "column": "Cột",
        "reason": "Lý do",
        "no_units": "Không có đơn vị nào được chấm điểm.",
        "left_out": "Không áp dụng cho {n} đơn vị (không vẽ).",
        "field_note": "Chỉ số thành phần: điểm của lĩnh vực tính theo % điểm tối đa áp dụng cho đơn vị.",
        "notes": "Ghi chú",
        "note_all": "Ghi chú (mọi đơn vị): {note}",
        "rows_page": "Đơn vị thứ {first}–{last}",
        "made_by": "Lập bằng parrules",
    },
    "en": {
        "ruleset": "Ruleset",
        "year": "Year",
        "level": "Level",
        "basis": "Basis",
        "scale": "Scale",
        "date": "Report date",
        "data": "Data",
        "rows": "Rows",
        "ranking": "Ranking",
        "fields": "Results by field",
        "field": "Field",
        "max_of": "max {max}",
        "field_index": "Component index (%)",
        "field_points": "Points by field",
        "charts": "Charts",
        "lost": "Points lost",
        "lost_all": "Criteria that lost the most points (all units together)",
        "lost_unit": "Points lost by each unit",
        "lost_lowest": "Points lost by the {n} lowest-ranked units (the others: see the summary above)",
        "lost_sum": "Points lost in total",
        "units_lost": "Units that lost points",
        "no_lost": "no points lost",
        "lost_of": "lost {lost} points",
        "rank_of": "rank {rank}",
        "rejected": "Rejected data rows",
        "rejected_none": "No row was rejected.",
        "error": "Error",
        "column": "Column",
        "reason": "Reason",
        "no_units": "No unit was scored.",
        "left_out": "Does not apply to {n} unit(s) (not drawn).",
        "field_note": "Component index: a field's points as a percent of the field's maximum that applies to the unit.",
        "notes": "Notes",
        "note_all": "Note (every unit): {note}",
        "rows_page": "Units {first}–{last}",
        "made_by": "Made with parrules",
    },
}

# Why a data row was rejected, in Vietnamese, by error code (docs/errors.md); {value} is the
# cell as read, {detail} the range or condition where the message gives one.  The page is for
# readers of the report, not for the person at the command line: no option names here.
REASONS_VI = {
    "D101": "ô trống: thiếu số liệu",
    "D104": "giá trị {value} không hợp lệ",
    "D105": "giá trị {value} phải là số nguyên không âm",
    "D106": "giá trị {value} nằm ngoài khoảng cho phép {detail}",
    "D107": "không có mức nào áp dụng cho giá trị {value}",
    "D108": "số liệu không thỏa mãn điều kiện {detail}",
    "D110": "không tính được điểm với số liệu của đơn vị này",
    "D111": "số liệu của đơn vị không đúng dạng",
    "D201": "tên đơn vị để trống",
    "D202": "tên đơn vị trùng với một dòng khác ({detail})",
    "D203": "có giá trị ở cột không có tiêu đề",
    "D204": "dấu ngoặc kép mở mà không đóng",
    "D205": "số ô của dòng khác số cột của dòng tiêu đề",
    "D206": "dòng không đọc được",
    "D207": "dòng hoặc ô quá dài",
    "D208": "số quá dài",
    "D209": "bản ghi không đúng dạng",
    "D210": "bản ghi có một tên cột hai lần",
    "D211": "giá trị {value} trong cột tỷ lệ phần trăm có vẻ là phân số (0..1); cần ghi theo phần trăm",
}
_QUOTED = re.compile(r"""(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")""")
_RANGE = re.compile(r"is outside (\S+)")
_CONSTRAINT = re.compile(r"constraint (.+?) does not hold(?: \((.*)\))?")
_DUPLICATE = re.compile(r"duplicate of row (\d+)")


def reason_text(error: InputError, lang: str) -> str:
    """Why a row was rejected, in the page's language; Vietnamese from the code, English as the message says."""
    if lang != "vi":
        return re.sub(r";? ?use --\S+(?: \S+)? for [^)]*", "", error.message)
    template = REASONS_VI.get(error.code)
    if template is None:
        return f"số liệu không hợp lệ ({error.code})"
    quoted = _QUOTED.search(error.message)
    value = f"“{(quoted.group(1) or quoted.group(2) or '')}”" if quoted else ""
    detail = ""
    if error.code == "D106":
        m = _RANGE.search(error.message)
        detail = m.group(1) if m else ""
        if not value:
            number = re.search(r"= (\S+?)%? is outside", error.message)
            value = number.group(1) if number else ""
    elif error.code == "D108":
        m = _CONSTRAINT.search(error.message)
        detail = (m.group(1) + (f" ({m.group(2)})" if m.group(2) else "")) if m else error.message
    elif error.code == "D202":
        m = _DUPLICATE.search(error.message)
        detail = f"dòng {m.group(1)}" if m else ""
    elif error.code in ("D104", "D105") and not value:
        m = re.search(r"not (\S+)$", error.message)
        value = m.group(1) if m else ""
    text = template.format(value=value, detail=detail).replace("  ", " ").replace(" ()", "")
    if error.code == "D104":
        if "decimal comma" in error.message:
            text += "; số thập phân viết với dấu phẩy, ví dụ 84,41"
        elif "decimal point" in error.message:
            text += "; số thập phân viết với dấu chấm, ví dụ 84.41"
        elif "yes/no" in error.message:
            text += "; cần ghi có hoặc không"
        elif "is not one of" in error.message:
            options = error.message.rsplit("is not one of", 1)[1].strip()
            text += f"; cần là một trong: {options}"
    return text[:1].upper() + text[1:]


_CSS = """
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0 auto;max-width:1200px;
padding:1em 1.2em;color:#222;line-height:1.4;font-size:16px}
.letterhead{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5em 2em;text-align:center;margin-bottom:1em}
.letterhead p{margin:0}.letterhead .org{font-weight:bold}
h1{font-size:1.4em;margin:.3em 0 .4em;text-align:center}
h2{font-size:1.2em;border-bottom:2px solid #1f6fb2;padding-bottom:.2em;margin-top:1.8em}
h3{font-size:1.05em}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2em 1em;margin:0}
dl.meta dt{font-weight:bold}dl.meta dd{margin:0;overflow-wrap:anywhere}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll.tall{max-height:75vh;overflow-y:auto;border-bottom:1px solid #c8c8c8}
.table-scroll.tall thead th{position:sticky;top:0;z-index:1}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}
th,td{border:1px solid #c8c8c8;padding:.25em .45em;vertical-align:top}
th{background:#eef3f8;font-weight:600;text-align:center;vertical-align:bottom}
th.field{font-weight:normal;min-width:7.5em;max-width:11em}
th small,td small{display:block;font-weight:normal;color:#555}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.unit{min-width:14em;max-width:22em}
td.klass{font-weight:bold;white-space:nowrap}
td.name{min-width:15em}
td .parent{display:block;color:#666;font-size:.88em}
tbody tr:nth-child(even){background:#f7f9fb}
.note,.footnotes{font-size:.9em;color:#444}.footnotes p{margin:.2em 0}
details{margin:.3em 0}summary{cursor:pointer}
details.rows-page>summary{font-weight:bold;padding:.2em 0}
figure.chart{margin:1em 0 1.8em}
figure.chart figcaption{font-weight:bold;margin-bottom:.5em}
.chart-sub{margin:.6em 0 .2em;font-style:italic}
.bars{display:grid;grid-template-columns:minmax(6em,16em) minmax(5em,1fr) 4.6em;column-gap:.5em;row-gap:3px;
font-size:.88em;max-width:60em}
.bars.histogram{grid-template-columns:minmax(6em,9em) minmax(5em,1fr) 6.5em}
.bar-row,.bar-axis{display:contents}.bar-row>span,.bar-axis>span{grid-row:var(--r)}
.bar-name{grid-column:1;text-align:right;align-self:center;line-height:1.2;overflow-wrap:anywhere}
.bar-track{grid-column:2;position:relative;z-index:1;min-height:1.25em}
.bar{position:absolute;left:0;top:50%;height:.95em;max-height:76%;transform:translateY(-50%)}
.bar-value{grid-column:3;align-self:center;white-space:nowrap;font-variant-numeric:tabular-nums}
.bar-lines,.bar-over{grid-column:2;position:relative;pointer-events:none}
.bar-lines{z-index:0}.bar-over{z-index:2}
.grid-line,.mark-line,.mean-line{position:absolute;top:0;bottom:0}
.grid-line{border-left:1px solid #e0e0e0}.mark-line{border-left:1px dotted #666}
.mean-line{border-left:2px dashed #d32f2f}
.bar-ticks{grid-column:2;position:relative;height:1.3em;font-size:.9em;color:#555}
.tick{position:absolute;top:0;transform:translateX(-50%);white-space:nowrap}
.axis-label,.chart-legend{grid-column:1 / -1;margin:.1em 0;font-size:.92em;color:#444;text-align:center}
.chart-legend{text-align:left}
.mean-key{display:inline-block;width:1.6em;border-top:2px dashed #d32f2f;vertical-align:middle}
.class-key{margin-right:1em;white-space:nowrap}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
footer{margin-top:2em}
@media (max-width:600px){
body{padding:.6em;font-size:15px}
.bars{grid-template-columns:minmax(5em,8.5em) minmax(3em,1fr) 3.9em;font-size:.85em}
.bars.histogram{grid-template-columns:minmax(5em,7em) minmax(3em,1fr) 5.6em}
td.unit{min-width:9.5em}
td.name{min-width:12em}
}
@page{size:A4;margin:14mm 12mm}
@page wide{size:A4 landscape;margin:12mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;padding:0;font-size:10pt}
#ranking{page:wide}
.table-scroll,.table-scroll.tall{overflow:visible;max-height:none}
.table-scroll.tall thead th{position:static}
table{font-size:8pt}
#ranking table{font-size:7.5pt}
th.field{min-width:5.5em}
td.unit{white-space:nowrap;max-width:none}
thead{display:table-header-group}
tr,figure.chart,.bar-row,dl.meta,p.lost-unit{break-inside:avoid}
td .parent{display:inline;font-size:1em}td .parent::before{content:" — "}
table.lost,table.lost-total{font-size:7.5pt}
h2,h3,figcaption,summary,.chart-sub{break-after:avoid}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}summary::-webkit-details-marker{display:none}
figure.chart{margin:.6em 0 1em}
.bars{font-size:8pt;row-gap:1px;grid-template-columns:minmax(13em,18em) minmax(5em,1fr) 4em}
.bar-track{min-height:1.05em}
}
""".strip()


def _cell(value: Any, lang: str, places: int | None = None, css: str = "num") -> str:
    """A number cell: the language's text, and the exact value in data-value."""
    if value is None:
        return "<td></td>"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        raw = value if places is None or not isinstance(value, Decimal) else value.quantize(Decimal(1).scaleb(-places))
        text = number_text(value, lang, places if isinstance(value, Decimal) else None)
        return f'<td class="{css}" data-value="{for_html(str(raw))}">{for_html(text)}</td>'
    return f"<td>{for_html(str(value))}</td>"


def _table(head: str, body: Sequence[str], css: str) -> str:
    """A table in a box that scrolls sideways when the table is wider than the screen.

    A long table (more than ``TALL_ROWS`` rows) also scrolls down inside its box, its
    header kept in view, so that the rest of the page is a screen away, not a hundred.
    """
    box = "table-scroll tall" if len(body) > TALL_ROWS else "table-scroll"
    return (
        f'<div class="{box}"><table class="{css}"><thead>{head}</thead><tbody>'
        + "".join(body)
        + "</tbody></table></div>"
    )


def _head(cells: Sequence[str]) -> str:
    return "<tr>" + "".join(f"<th>{for_html(c)}</th>" for c in cells) + "</tr>"


def _sources(ruleset: Ruleset, under: Sequence[Any] | None = None) -> list[tuple[str, list[int]]]:
    """(source, positions of the highest nodes wholly of that source), when there is more than self-assessment.

    The points of a source are those of the highest nodes all of whose leaves come from
    it (8.1 "SIPAS" as the tree scores it, 7,78, not its leaves' 7,783): so the columns
    add up to the total as the published tables' do (seed 002:49), whatever rounding
    the ruleset applies above the leaves.  ``under``: the nodes to start from (default:
    the fields).
    """
    positions: dict[str, list[int]] = {}

    def visit(node: Any) -> None:
        source = ruleset.source_of(node.code)
        if source == "mixed":
            for child in node.children:
                visit(child)
        else:
            positions.setdefault(source, []).append(ruleset.position(node.code))

    for node in ruleset.ast.fields if under is None else under:
        visit(node)
    if set(positions) <= {"self"} and under is None:
        return []
    return [(s, positions[s]) for s in SOURCES if s in positions]


def _field_label(field: Any, lang: str) -> str:
    return f"{field.code}. {field.title}"


def _notes(ranked: Sequence[Standing]) -> tuple[dict[str, int], str | None]:
    """Footnote numbers of the notes, or the one note every unit shares (shown once, not in every row)."""
    notes = [s.note for s in ranked]
    distinct = list(dict.fromkeys(n for n in notes if n))
    if len(distinct) == 1 and all(notes):
        return {}, distinct[0]
    return {note: i for i, note in enumerate(distinct, start=1)}, None


def _ranking_rows(
    ruleset: Ruleset,
    ranked: Sequence[Standing],
    lang: str,
    sources: list[tuple[str, list[int]]],
    numbers: dict[str, int],
) -> list[str]:
    from .aggregate import class_order
    from .charts import class_colours

    colours = class_colours(class_order(ruleset))
    has_class = ruleset.ast.classes is not None
    points = ruleset.header.rounding_places
    index_places = ruleset.header.index_places
    field_positions = [ruleset.position(f.code) for f in ruleset.ast.fields] if len(ranked) > 1 else []
    rows = []
    for s in ranked:
        card = s.card
        cells = [_cell(s.rank, lang), f'<td class="unit">{for_html(card.unit or "")}</td>']
        for _, positions in sources:
            cells.append(_cell(sum((card.scores[i] for i in positions), Decimal(0)), lang, points))
        cells.append(_cell(card.total, lang, points))
        cells.append(_cell(card.applicable_scale, lang))
        cells.append(_cell(card.index, lang, index_places))
        if has_class:
            colour = colours.get(s.klass or "", "")
            style = f' style="color:{colour}"' if colour else ""
            mark = f"<sup>{numbers[s.note]}</sup>" if s.note in numbers else ""
            cells.append(f'<td class="klass"{style}>{for_html(s.klass or "")}{mark}</td>')
        elif s.note in numbers:
            cells.append(f'<td class="note"><sup>{numbers[s.note]}</sup></td>')
        for i in field_positions:
            cells.append(_cell(card.scores[i], lang, points))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return rows


def _ranking_html(ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> str:
    h, w = HEADERS[lang], WORDS[lang]
    sources = _sources(ruleset)
    numbers, shared = _notes(ranked)
    has_class = ruleset.ast.classes is not None
    head = [f"<th>{for_html(h['rank'])}</th>", f"<th>{for_html(h['unit'])}</th>"]
    head += [f"<th>{for_html(SOURCE_WORDS[lang][s])}</th>" for s, _ in sources]
    head += [f"<th>{for_html(x)}</th>" for x in (h["total"], w["scale"], h["index"])]
    if has_class:
        head.append(f"<th>{for_html(h['class'])}</th>")
    elif numbers:
        head.append(f"<th>{for_html(h['note'])}</th>")
    if len(ranked) > 1:
        for f in ruleset.ast.fields:
            head.append(
                f'<th class="field" data-code="{for_html(f.code)}">{for_html(_field_label(f, lang))}'
                f"<small>({for_html(w['max_of'].format(max=number_text(f.max, lang)))})</small></th>"
            )
    head_html = "<tr>" + "".join(head) + "</tr>"
    rows = _ranking_rows(ruleset, ranked, lang, sources, numbers)
    if len(rows) <= 2 * PAGE_ROWS:
        parts = [_table(head_html, rows, "ranking")]
    else:  # commune scale: pages of PAGE_ROWS rows, the first open, each opened when wanted
        parts = []
        for start in range(0, len(rows), PAGE_ROWS):
            chunk = rows[start : start + PAGE_ROWS]
            label = w["rows_page"].format(first=start + 1, last=start + len(chunk))
            parts.append(
                f'<details class="rows-page"{" open" if start == 0 else ""}><summary>{for_html(label)}</summary>'
                + _table(head_html, chunk, "ranking")
                + "</details>"
            )
    foot = []
    if shared:
        foot.append(f"<p>{for_html(w['note_all'].format(note=shared))}</p>")
    for note, k in numbers.items():
        foot.append(f"<p><sup>{k}</sup> {for_html(note)}</p>")
    if foot:
        parts.append('<div class="footnotes">' + "".join(foot) + "</div>")
    return "".join(parts)


def _fields_html(ruleset: Ruleset, card: Scorecard, lang: str) -> str:
    """One unit's fields as rows (a report of one unit): max, points by source, points, component index, lost."""
    w, h = WORDS[lang], HEADERS[lang]
    points = ruleset.header.rounding_places
    sources = _sources(ruleset)
    head = [w["field"], h["max"]] + [SOURCE_WORDS[lang][s] for s, _ in sources]
    head += [h["score"], w["field_index"], h["lost"]]
    body = []
    for field in ruleset.ast.fields:
        position = ruleset.position(field.code)
        top = card.applicable_maxima[position]
        score = card.scores[position]
        cells = [f'<td class="name">{for_html(_field_label(field, lang))}</td>', _cell(top, lang)]
        own = dict(_sources(ruleset, [field]))
        for source, _ in sources:
            inside = own.get(source)  # a field with no node of this source: an empty cell, not 0
            cells.append(
                _cell(sum((card.scores[i] for i in inside), Decimal(0)), lang, points) if inside else "<td></td>"
            )
        cells.append(_cell(score, lang, points))
        cells.append(_cell(score * 100 / top if top > 0 else None, lang, 2))
        cells.append(_cell(top - score, lang, points))
        body.append(f'<tr data-code="{for_html(field.code)}">' + "".join(cells) + "</tr>")
    return _table(_head(head), body, "fields")


def _parent_line(ruleset: Ruleset, code: str) -> str:
    """The node above a leaf ("7.3. Cung cấp dịch vụ công trực tuyến"), so that equal titles can be told apart."""
    if "." not in code:
        return ""
    parent = code.rsplit(".", 1)[0]
    try:
        node = ruleset.node(parent)
    except Exception:  # a code that is not dotted by the tree: no parent line
        return ""
    return f'<span class="parent">{for_html(f"{node.code}. {node.title}")}</span>'


def _lost_across(ruleset: Ruleset, cards: Sequence[Scorecard], lang: str) -> str:
    h, w = HEADERS[lang], WORDS[lang]
    leaves = [(code, ruleset.position(code)) for code in ruleset.leaf_codes]
    lost: dict[str, Decimal] = {}
    losers: dict[str, int] = {}
    applies: dict[str, int] = {}
    for card in cards:
        maxima, scores = card.applicable_maxima, card.scores
        for code, i in leaves:
            top = maxima[i]
            if top > 0:
                applies[code] = applies.get(code, 0) + 1
                gone = top - scores[i]
                if gone > 0:
                    lost[code] = lost.get(code, Decimal(0)) + gone
                    losers[code] = losers.get(code, 0) + 1
    if not lost:
        return ""
    order = {code: i for i, code in enumerate(ruleset.codes)}
    places = ruleset.header.rounding_places
    with_agency = any(ruleset.agency_of(code) for code in lost)
    body = []
    for code in sorted(lost, key=lambda c: (-lost[c], order[c])):
        node = ruleset.node(code)
        agency = f"<td>{for_html(ruleset.agency_of(code))}</td>" if with_agency else ""
        body.append(
            f'<tr data-code="{for_html(code)}"><td>{for_html(code)}</td>'
            f'<td class="name">{for_html(node.title)}{_parent_line(ruleset, code)}</td>'
            + _cell(lost[code], lang, places)
            + f'<td class="num">{losers[code]} / {applies.get(code, 0)}</td>'
            + _cell(node.max, lang)
            + agency
            + "</tr>"
        )
    headers = [h["code"], h["title"], w["lost_sum"], w["units_lost"], h["max"]] + ([h["agency"]] if with_agency else [])
    return f"<h3>{for_html(w['lost_all'])}</h3>" + _table(_head(headers), body, "lost-total")


def _lost_table(ruleset: Ruleset, card: Scorecard, lang: str) -> str:
    w = WORDS[lang] | HEADERS[lang]  # "lost" is the column's header here, not the section's
    places = ruleset.header.rounding_places
    lost = card.lost_points()
    with_agency = any(r.agency for r in lost)
    body = []
    for r in lost:
        agency = f"<td>{for_html(r.agency)}</td>" if with_agency else ""
        body.append(
            f'<tr data-code="{for_html(r.code)}"><td>{for_html(r.code)}</td>'
            f'<td class="name">{for_html(r.title)}{_parent_line(ruleset, r.code)}</td>'
            + _cell(r.lost, lang, places)
            + _cell(r.score, lang, places)
            + _cell(r.applicable_max, lang)
            + agency
            + "</tr>"
        )
    headers = [w["code"], w["title"], w["lost"], w["score"], w["max"]] + ([w["agency"]] if with_agency else [])
    return _table(_head(headers), body, "lost")


def _lost_by_unit(ruleset: Ruleset, ranked: Sequence[Standing], lang: str) -> str:
    from .charts import TOP

    w = HEADERS[lang] | WORDS[lang]
    places = ruleset.header.rounding_places
    if len(ranked) > LOST_DETAIL_LIMIT:
        shown = list(ranked[-TOP:])
        parts = [f"<h3>{for_html(w['lost_lowest'].format(n=len(shown)))}</h3>"]
    else:
        shown = list(ranked)
        parts = [f"<h3>{for_html(w['lost_unit'])}</h3>"]
    open_all = len(shown) <= 10
    for s in shown:
        card = s.card
        total_lost = card.applicable_scale - card.total
        who = for_html(card.unit or "")
        rank = for_html(w["rank_of"].format(rank=s.rank))
        if total_lost <= 0:
            parts.append(f'<p class="lost-unit" data-unit="{who}"><b>{who}</b> ({rank}): {for_html(w["no_lost"])}</p>')
            continue
        summary = for_html(w["lost_of"].format(lost=number_text(total_lost, lang, places)))
        parts.append(
            f'<details class="lost-unit" data-unit="{who}"{" open" if open_all else ""}>'
            f"<summary><b>{who}</b> ({rank}): {summary}</summary>" + _lost_table(ruleset, card, lang) + "</details>"
        )
    return "".join(parts)


def _rejected_html(ruleset: Ruleset, rejected: Sequence[Rejected], lang: str) -> str:
    w = HEADERS[lang] | WORDS[lang]
    if not rejected:
        return f"<p>{for_html(w['rejected_none'])}</p>"
    titles = {name: d.description for name, d in ruleset.inputs.items() if d.description}
    body = []
    for r in rejected:
        for e in r.errors:
            column = str(e.column if e.column is not None else (e.input or ""))
            about = titles.get(e.input or column, "")
            described = (
                f"{for_html(column)}<small>{for_html(about)}</small>" if about and about != column else for_html(column)
            )
            body.append(
                f'<tr class="rejected-row"><td class="num">{r.row}</td><td>{for_html(r.unit or "")}</td>'
                f"<td>{for_html(e.code)}</td><td>{described}</td>"
                f"<td>{for_html(reason_text(e, lang))}</td></tr>"
            )
    return _table(_head([w["row"], w["unit"], w["error"], w["column"], w["reason"]]), body, "rejected")


def _date_text(when: _date | str | None, lang: str) -> str:
    if when is None:
        when = _date.today()
    if isinstance(when, str):
        return when
    return when.strftime("%d/%m/%Y") if lang == "vi" else when.isoformat()


@in_library_context  # sums of points and percents: never in the caller's decimal context
def html_report(
    ruleset: Ruleset,
    cards: Sequence[Scorecard],
    rejected: Sequence[Rejected] = (),
    *,
    lang: str = "vi",
    title: str | None = None,
    date: _date | str | None = None,
    source: str | None = None,
    summary: str | None = None,
    letterhead: Sequence[str] = (),
) -> str:
    """One self-contained HTML page of a scoring: header, ranked table, charts, points lost, rejected rows.

    ``title`` replaces the ruleset's title as the page heading; ``date`` (default: today)
    is printed as the report's date; ``source`` names the data file and ``summary`` the
    rows read (``ScoreRun.summary()``); ``letterhead`` lines are printed above the heading
    (the issuing body: "UBND TỈNH BẮC KẠN", "SỞ NỘI VỤ"; the last line in bold).  No
    external resources: CSS inline, charts as HTML.  The same arguments give the same bytes.
    """
    from . import __version__, charts
    from .aggregate import standings

    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    esc = for_html
    w = HEADERS[lang] | WORDS[lang]
    header = ruleset.header
    heading = title if title else ruleset.title
    level = LEVELS[lang].get(header.level or "", header.level or "")
    meta = [(w["ruleset"], ruleset.title)]
    if header.year is not None:
        meta.append((w["year"], str(header.year)))
    if header.level:
        meta.append((w["level"], level))
    if header.basis:
        meta.append((w["basis"], header.basis))
    meta.append((w["scale"], number_text(ruleset.scale, lang)))
    meta.append((w["date"], _date_text(date, lang)))
    if source:
        meta.append((w["data"], source))
    if summary:
        meta.append((w["rows"], summary))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(heading)}</title><style>{_CSS}</style></head><body>",
        "<header>",
    ]
    if letterhead:
        last = len(letterhead) - 1
        lines = "".join(
            ('<p class="org">' if i == last else "<p>") + esc(line) + "</p>" for i, line in enumerate(letterhead)
        )
        parts.append(f'<div class="letterhead"><div>{lines}</div></div>')
    parts += [
        f'<h1>{esc(heading)}</h1><dl class="meta">',
        "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in meta),
        "</dl></header>",
    ]
    ranked = standings(ruleset, cards)
    ranking_title = w["ranking"] + (f" cấp {level}" if lang == "vi" and level else f" ({level})" if level else "")
    parts.append(f'<section id="ranking"><h2>{esc(ranking_title)}</h2>')
    parts.append(_ranking_html(ruleset, ranked, lang) if ranked else f"<p>{esc(w['no_units'])}</p>")
    parts.append("</section>")
    if len(ranked) == 1:
        parts.append(f'<section id="fields"><h2>{esc(w["fields"])}</h2>')
        parts.append(_fields_html(ruleset, ranked[0].card, lang))
        parts.append("</section>")
    if ranked:
        parts.append(f'<section id="charts"><h2>{esc(w["charts"])}</h2><p class="note">{esc(w["field_note"])}</p>')
        if len(ranked) == 1:
            parts.append(charts.unit_chart(ruleset, ranked[0].card, 1, lang)[1])
        else:
            number = 0
            for field in ruleset.ast.fields:
                number += 1
                _title, chart, left_out = charts.field_chart(ruleset, cards, field.code, number, lang)
                if left_out:
                    chart = chart.replace(
                        "</figure>", f'<p class="note">{esc(w["left_out"].format(n=left_out))}</p></figure>'
                    )
                parts.append(chart)
            parts.append(charts.index_chart(ruleset, ranked, number + 1, lang)[1])
        parts.append("</section>")
        parts.append(f'<section id="lost"><h2>{esc(w["lost"])}</h2>')
        if len(ranked) > 1:
            parts.append(_lost_across(ruleset, cards, lang))
        parts.append(_lost_by_unit(ruleset, ranked, lang))
        parts.append("</section>")
    parts.append(f'<section id="rejected"><h2>{esc(w["rejected"])} ({len(rejected)})</h2>')
    parts.append(_rejected_html(ruleset, rejected, lang))
    parts.append("</section>")
    parts.append(f'<footer class="note"><p>{esc(w["made_by"])} {esc(__version__)}</p></footer>')
    if ranked:  # the interactive page: sort, filter, open a unit, expand a node (report_page)
        from .report_page import page_html

        parts.append(page_html(ruleset, ranked, lang))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
