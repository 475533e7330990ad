"""Tables analysts read: the ranked standings, the points lost, a scorecard as HTML.

A table is built once as headers and raw values (Decimal, int, str, None) and
then written as text or Markdown (tabulate), CSV, JSON or XLSX.  Vietnamese is
the default language: Vietnamese headers and numbers with a decimal comma
(``89,75``); ``lang="en"`` gives English headers and a decimal point.

``html_report`` writes the whole result of a scoring as one self-contained HTML
page (``parrules.report_html``: the ranked table, the component-index charts of
``parrules.charts``, the points lost, the rejected rows); ``rows`` and ``to_dataframe`` give the same
results as records for other tools.  Every text cell of every format goes through
the format's neutraliser in ``parrules.safe_text`` (no formula in a spreadsheet, no
control character on a terminal, no markup in Markdown or HTML); numbers are
written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import safe_text
from .context import in_library_context
from .render import number_text  # the one formatter of numbers, used by every view
from .safe_text import for_html

if TYPE_CHECKING:  # pragma: no cover
    from .aggregate import Standing
    from .evaluate import Scorecard
    from .io import Rejected
    from .ruleset import Ruleset

LANGS = ("vi", "en")
FORMATS = ("table", "csv", "json", "md", "xlsx", "html")

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

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        keys: Sequence[str],
        places: dict[str, int] | None = None,
    ):
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.keys = list(keys)  # machine names for JSON
        # decimals shown per column key when no ruleset says (compare: as many as the files print)
        self.places = dict(places or {})


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


def _display(
    table: Table, lang: str, ruleset: Ruleset | None, text: Callable[[str], str]
) -> list[list[str]]:
    """Every cell as the language writes it: numbers formatted, text cells through the format's ``text``."""
    out = []
    for row in table.rows:
        cells = []
        for key, value in zip(table.keys, row, strict=True):
            places = table.places.get(key) if isinstance(value, Decimal) else None
            if ruleset is not None and isinstance(value, Decimal):
                places = ruleset.header.index_places if key == "index" else ruleset.header.rounding_places
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                cells.append(number_text(value, lang, places))
            else:
                cells.append(text(str(value or "")))
        out.append(cells)
    return out


def _aligns(table: Table) -> list[str]:
    aligns = []
    for i, _ in enumerate(table.headers):
        numeric = any(isinstance(r[i], Decimal | int) and not isinstance(r[i], bool) for r in table.rows)
        aligns.append("right" if numeric else "left")
    return aligns


def render(table: Table, fmt: str, lang: str = "vi", ruleset: Ruleset | None = None, columns: int | None = None) -> str:
    """A table as the text of one of the text formats: table, md, csv or json (``columns``: ``render_text``'s)."""
    if fmt in ("table", "md"):
        return render_text(table, fmt, lang, ruleset, columns) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        write_csv(table, buffer, lang, ruleset)
        return buffer.getvalue()
    if fmt == "json":
        return to_json(table) + "\n"
    raise ValueError(f"{fmt!r} is not a text format")


def render_text(
    table: Table, fmt: str = "table", lang: str = "vi", ruleset: Ruleset | None = None, columns: int | None = None
) -> str:
    """A plain-text (``table``) or Markdown (``md``) table.

    ``columns``: the terminal's width; a plain table wider than that wraps its text
    columns (a title, an agency) inside their cells, so every row stays a row."""
    from tabulate import tabulate  # imported on first use (it reads package metadata as it loads)

    style = "pipe" if fmt == "md" else "simple"
    text = safe_text.for_markdown if fmt == "md" else safe_text.for_terminal
    headers = [text(h) for h in table.headers]
    body = _display(table, lang, ruleset, text)
    if not body:
        return tabulate([], headers=headers, tablefmt=style)
    aligns = _aligns(table)
    limits = None
    if columns is not None and fmt == "table":
        from .cli_help import column_widths, header_widths

        # tabulate pads a header by 2 (MIN_PADDING): a column is at least that wide
        widths = [max(len(column[0]) + 2, *map(len, column)) for column in zip(headers, *body, strict=True)]
        wrappable = [a == "left" for a in aligns]
        limits = column_widths(widths, wrappable, columns)
        data = [max(map(len, column)) for column in zip(*body, strict=True)]
        heads = header_widths(headers, data, limits, wrappable, columns)
    else:
        heads = None
    return tabulate(
        body, headers=headers, tablefmt=style, disable_numparse=True, colalign=aligns, maxcolwidths=limits,
        maxheadercolwidths=heads,
    )


def write_csv(table: Table, fh: TextIO, lang: str = "vi", ruleset: Ruleset | None = None) -> None:
    """CSV with the language's number format (a decimal comma for vi, quoted by the writer).

    Text cells go through ``safe_text.for_csv`` (OWASP: a formula-looking cell gets a leading ``'``).
    """
    w = csv.writer(fh, lineterminator="\n")
    w.writerow([safe_text.for_csv(h) for h in table.headers])
    for row in _display(table, lang, ruleset, safe_text.for_csv):
        w.writerow(row)


def _json_value(value: Any) -> Any:
    """A Decimal as its exact text (``"84.4094"``, ``"90.10"``): a JSON number is a float to most
    readers, which would turn 84.4094 into 84.40939999... and drop the declared precision."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value


@in_library_context  # the quantize of a column's places follows the library's context, never the caller's
def to_json(table: Table) -> str:
    """A list of objects with machine keys; decimals as strings of their exact digits, counts (a
    rank) as JSON integers; controls and bidi characters as ``\\uXXXX``."""
    def exact(key: str, value: Any) -> Any:
        places = table.places.get(key)
        if isinstance(value, Decimal) and places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))  # more digits only: no rounding happens
        return _json_value(value)

    import json  # here: only the JSON format needs it (start-up, docs/performance.md)

    records = [{k: exact(k, v) for k, v in zip(table.keys, row, strict=True)} for row in table.rows]
    return safe_text.for_json(json.dumps(records, ensure_ascii=False, indent=2))


def write_xlsx(table: Table, path: str | Path, sheet: str = "Xếp hạng", ruleset: Ruleset | None = None) -> None:
    """The table as a one-sheet workbook (``parrules.workbook.write_table``); ``parrules score
    --format xlsx`` writes the whole result instead (``parrules.workbook.write_results``)."""
    from .workbook import write_table

    write_table(table, path, sheet, ruleset)


# ---------------------------------------------------------------- a scorecard in a notebook


def scorecard_html(card: Scorecard) -> str:
    """A unit's tree as an HTML table (``Scorecard._repr_html_``): code, title, score / max, rate, agency.

    The header names the unit, the total of the applicable scale, the index and the class.
    Every text from the ruleset or the data is escaped.
    """
    from .aggregate import classify

    esc = for_html
    places = card.ruleset.header.rounding_places
    who = esc(card.unit or "")
    index = "" if card.index is None else f"{number_text(card.index, 'en', card.ruleset.header.index_places)}%"
    klass = classify(card.ruleset, card)
    rows = []
    for r in card:
        depth = r.code.count(".")
        weight = "font-weight:bold;" if depth == 0 else ""
        if not r.applicable:
            shown, rate = "n/a", ""
        else:
            shown = f"{number_text(r.score, 'en', places)} / {number_text(r.applicable_max, 'en')}"
            rate = "" if r.rate is None else f"{number_text(r.rate, 'en', 2)}%"
        rows.append(
            f"<tr style='{weight}'><td style='padding-left:{depth * 1.5}em;white-space:nowrap'>{esc(r.code)}</td>"
            f"<td style='text-align:left'>{esc(r.title)}</td>"
            f"<td style='text-align:right;white-space:nowrap'>{shown}</td>"
            f"<td style='text-align:right'>{rate}</td><td style='text-align:left'>{esc(r.agency)}</td></tr>"
        )
    class_text = f" &mdash; class {esc(klass)}" if klass else ""
    return (
        f"<div class='parrules-scorecard'><p><b>{who}</b> {esc(card.ruleset.title)}: total "
        f"{number_text(card.total, 'en', places)} / {number_text(card.applicable_scale, 'en')}"
        f" &mdash; index {index}{class_text}</p>"
        "<table><thead><tr><th>Code</th><th>Title</th><th>Score / max</th><th>Rate</th><th>Agency</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></div>"
    )


def _register_notebook_view() -> None:
    """A scorecard in a notebook shows itself as ``scorecard_html`` (the core only holds the hook)."""
    from .evaluate import Scorecard

    Scorecard.html_view = scorecard_html


_register_notebook_view()


# ---------------------------------------------------------------- records for other tools


def _placed(items: Iterable[Standing | Scorecard]) -> list[Standing]:
    from .aggregate import Standing, standings
    from .evaluate import Scorecard

    listed = list(items)
    if all(isinstance(x, Standing) for x in listed):
        return listed  # type: ignore[return-value]
    if not all(isinstance(x, Scorecard) for x in listed):
        raise TypeError("rows() takes standings (parrules.aggregate.standings) or scorecards, not a mixture")
    cards: list[Scorecard] = listed  # type: ignore[assignment]
    if len({id(c.ruleset) for c in cards}) > 1:
        raise ValueError("rows() of scorecards from different rulesets: rank each ruleset's cards apart")
    ranked = standings(cards[0].ruleset, cards)
    by_card = {id(s.card): s for s in ranked}
    return [by_card[id(c)] for c in cards]


ROW_KEYS = ("unit", "rank", "class", "note", "total", "index")


def rows(items: Iterable[Standing | Scorecard]) -> list[dict[str, Any]]:
    """One record per unit: unit, rank, class, note, total, index, then every node's score by code.

    Given standings, their ranks, classes and notes, in their order.  Given scorecards
    (of one ruleset), they are ranked and classified as the ruleset declares and kept
    in the order given.  Numbers are exact ``Decimal``; ``index`` is None for a unit
    with nothing applicable, ``class`` None when unclassified.
    """
    out = []
    for s in _placed(items):
        card = s.card
        record: dict[str, Any] = {
            "unit": card.unit,
            "rank": s.rank,
            "class": s.klass,
            "note": s.note,
            "total": card.total,
            "index": card.index,
        }
        for code, score in zip(card.ruleset.codes, card.scores, strict=True):
            record[code] = score
        out.append(record)
    return out


def to_dataframe(items: Iterable[Standing | Scorecard], exact: bool = False) -> Any:
    """``rows(items)`` as a pandas DataFrame (needs the ``frames`` extra: ``pip install 'parrules[frames]'``).

    Numbers become floats (``exact=True`` keeps the ``Decimal`` objects, in object columns).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(
            "parrules.report.to_dataframe needs pandas, which is not installed: "
            "pip install 'parrules[frames]' (or pip install pandas)"
        ) from exc
    records = rows(items)
    if not exact:
        records = [{k: float(v) if isinstance(v, Decimal) else v for k, v in r.items()} for r in records]
    columns = list(records[0]) if records else list(ROW_KEYS)
    return pd.DataFrame.from_records(records, columns=columns)


# ---------------------------------------------------------------- the HTML report


def html_report(ruleset: Ruleset, cards: Sequence[Scorecard], rejected: Sequence[Rejected] = (), **options: Any) -> str:
    """The self-contained HTML page of a scoring (``parrules.report_html.html_report``, which documents it)."""
    from .report_html import html_report as page

    return page(ruleset, cards, rejected, **options)
