"""Reading units' data (CSV, XLSX, JSON) and writing data templates.

One row per unit: a unit-name column and one column per declared input, the
column header being the input's name.  A second header row holding the
Vietnamese descriptions (as ``parrules template`` writes it) is recognised and
skipped.  Numbers are read in Vietnamese format by default (``1.050`` is one
thousand and fifty, ``84,41`` is 84.41, ``98,3%`` is 98.3 for a percent input)
with Babel's strict parser; ``decimal="dot"`` reads ``84.41`` instead.  A cell
that is ambiguous under the declared format is an error naming the row and the
column, never a guess.

Every bad cell becomes an ``InputError`` naming the unit, the spreadsheet row
and the column; the row is rejected and the other rows are still read, so that
``rows_read == len(units) + len(rejected)`` always holds.

``rows_read`` counts lines, not records: a CSV file is read one physical line
at a time (a line ends at CR LF, CR or LF), so no quote can make one record of
several lines.  A line that leaves a quote open (D204), that the csv module
cannot read (D206), that is too long (D207) or whose number of fields differs
from the header's (D205) is rejected by its line number and the next line is
read on its own.  Every line after the header is therefore a unit scored, a
row rejected, the description row, or a blank line (``DataSet.skipped``, stated
in the summary): no line can vanish.  A cell whose text spans lines is never
accepted; a unit name or a number has no line break in it.

Units are matched by ``unit_key`` (NFC, every Unicode space as one space,
invisible format characters removed): two rows whose names differ only so are
duplicates (D202), and ``--unit`` and ``compare`` match by the same key.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from . import safe_text
from .context import in_library_context
from .errors import InputError, ParrulesError, did_you_mean_said
from .limits import MAX_NUMBER_DIGITS
from .system_words import codec_reason, csv_reason, json_reason, workbook_reason
from .wording import Sentence, listed, sentence

if TYPE_CHECKING:  # pragma: no cover
    from . import nodes as n
    from .evaluate import Scorecard
    from .ruleset import Ruleset

UNIT_HEADERS = ("unit", "đơn vị", "ten_don_vi", "tên đơn vị")
"""Headers accepted for the unit-name column (compared case-insensitively, NFC)."""

DESCRIPTION_MARKER = "Mô tả"
LISTS_SHEET = "Danh mục"
"""The hidden sheet of a template (parrules.workbook) that lists its choices' labels for the dropdowns."""
"""What the template writes in the unit column of its second (description) row."""

YES = frozenset({"có", "x", "yes", "true", "1", "y", "đúng"})
NO = frozenset({"không", "no", "false", "0", "n", "sai"})
NUMERIC_TYPES = frozenset({"count", "money", "percent", "ratio", "number", "points", "rank"})
DECIMAL_STYLES = ("comma", "dot")

# a single separator followed by exactly three digits, integer part not starting with 0:
# "1.050" is 1050 in Vietnamese writing and 1.05 in English writing.
_GROUP_DOT = re.compile(r"^[-+]?[1-9]\d{0,2}\.\d{3}$")
_GROUP_COMMA = re.compile(r"^[-+]?[1-9]\d{0,2},\d{3}$")
_PROGRAM = re.compile(r"^[-+]?\d+(\.\d+)?$")  # a number as a program writes it: no grouping


# Bounds on a data file.  Real files are far below them (a province's file is a few
# hundred rows of a few hundred short cells); each bound fails with a located error.
MAX_DATA_BYTES = 64 * 1024 * 1024
"""A data file larger than this is refused before it is read (a DataError)."""
MAX_LINE_CHARS = 65_536
"""A CSV line longer than this is rejected (D207) without being parsed.  It is half of
the csv module's default field limit (131,072), so that limit, which is global to the
process and left alone here, is never reached on a line we parse."""
MAX_CELL_CHARS = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit); a cell this long or longer is
D207 (openpyxl cuts a longer XLSX cell to this length, so reaching it means text was lost)."""
MAX_NUMBER_CHARS = 2 * MAX_NUMBER_DIGITS + 10
"""A JSON number literal longer than this is D208 (a 5,000-digit integer is no score input)."""
MAX_JSON_DEPTH = 16
"""Brackets inside one another in a JSON data file; its data needs 3 ({"units": [{...}]})."""


class DataError(ParrulesError):
    """The data file as a whole cannot be read (not UTF-8, no header, missing columns ...)."""


class SourceRow(NamedTuple):
    """One line (CSV), row (XLSX) or record (JSON) as a reader gives it to ``read_table``.

    ``problem`` is set when the line cannot be read as cells at all (a quote left open,
    a line too long, a JSON record that is no object); the line is then rejected by its
    number, with the start of its text, and the others are still read."""

    number: int
    values: Sequence[Any]
    formats: Sequence[str] = ()
    problem: tuple[str, str | Sentence] | None = None  # (code, message)


class _Unreadable(NamedTuple):
    """A cell value a reader could not take (code, message), reported at its column."""

    code: str
    message: str | Sentence


class UnitRow(NamedTuple):
    unit: str
    inputs: dict[str, Any]
    row: int


@attrs.define
class Rejected:
    """A row that cannot be scored, with every reason found."""

    unit: str | None
    row: int
    errors: list[InputError]

    def render(self, lang: str = "en") -> str:
        """The row and its reasons, in ``lang`` (parrules.wording)."""
        if self.unit:
            who = sentence("unit {unit!r}", unit=self.unit)
        else:  # a line that could not be read as cells has a unit, but not one read
            who = sentence("no unit name") if any(e.code == "D201" for e in self.errors) else sentence("unit not read")
        reasons = "\n".join("  " + e.render(lang) for e in self.errors)
        return sentence("row {row} ({who}) rejected:", row=self.row, who=who).say(lang) + "\n" + reasons


@attrs.define
class DataSet:
    """What a data file gave: the rows read, the units parsed, the rows rejected, warnings.

    ``rows_read`` counts the lines (rows, records) after the header that are neither
    blank (listed in ``skipped``) nor the description row (the header's second line).
    Header line, description row, skipped lines, units' rows and rejected rows together
    are every line of the file from the header on, each exactly once.
    """

    path: str
    rows_read: int = 0
    units: list[UnitRow] = attrs.Factory(list)
    rejected: list[Rejected] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)  # each a wording.Said text: said in the run's language
    header_row: int = 0
    skipped: list[int] = attrs.Factory(list)
    description_row: int | None = None

    def find(self, name: str) -> UnitRow | None:
        key = unit_key(name)
        for unit in self.units:
            if unit_key(unit.unit) == key:
                return unit
        folded = key.casefold()
        matches = [u for u in self.units if unit_key(u.unit).casefold() == folded]
        return matches[0] if len(matches) == 1 else None

    def rejected_unit(self, name: str) -> Rejected | None:
        key = unit_key(name).casefold()
        for r in self.rejected:
            if r.unit is not None and unit_key(r.unit).casefold() == key:
                return r
        return None

    def summary(self, scored: int | None = None, rejected: int | None = None, lang: str = "en") -> str:
        """The batch identity every run states: rows read = rows scored + rows rejected.

        Blank lines after the header are not counted and are stated after it, so the
        identity accounts for every line of the file after the header (and its
        description row)."""
        s = len(self.units) if scored is None else scored
        r = len(self.rejected) if rejected is None else rejected
        blank = len(self.skipped)
        if lang == "vi":
            tail = f" (không tính {blank} dòng trống)" if blank else ""
            return f"đọc {self.rows_read} dòng = {s} dòng được chấm điểm + {r} dòng bị loại{tail}"
        tail = f" (not counted: {blank} blank line{'s' if blank != 1 else ''})" if blank else ""
        return f"rows read {self.rows_read} = scored {s} + rejected {r}{tail}"


@attrs.define
class ScoreRun:
    """The result of scoring a DataSet: cards in file order, and every rejected row."""

    data: DataSet
    cards: list[Scorecard]
    rows: dict[int, int]  # id(card) -> spreadsheet row
    rejected: list[Rejected]

    def summary(self, lang: str = "en") -> str:
        return self.data.summary(len(self.cards), len(self.rejected), lang)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


# Unicode's Default_Ignorable_Code_Point ranges that are not in category Cf (those are
# caught by category): combining grapheme joiner, Hangul fillers, variation selectors ...
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def _invisible(ch: str) -> bool:
    """A character that shows nothing: a format character (zero-width space, joiners, BOM,
    soft hyphen, bidi marks), another default-ignorable one, or a control that is no space."""
    category = unicodedata.category(ch)
    return category == "Cf" or (category == "Cc" and not ch.isspace()) or bool(_IGNORABLE.match(ch))


def unit_key(name: str) -> str:
    """The key units are matched by: two names with the same key are the same unit.

    Names that look alike are one unit: invisible characters (zero-width space, BOM,
    soft hyphen, joiners) removed, then NFC, then every run of Unicode spaces (no-break,
    thin, ideographic, tab, line separator ...) one space, stripped.  Case is kept: a
    name in other capitals is visibly different (``DataSet.find`` still falls back to
    it).  The displayed name is the name as written; only matching uses the key.
    Duplicate rows (D202), ``--unit`` and ``compare`` all match by this one function.
    """
    text = "".join(ch for ch in name if not _invisible(ch))
    return " ".join(unicodedata.normalize("NFC", text).split())


# ---------------------------------------------------------------- cells


# CLDR's number symbols (decimal, group, minus) of the two locales the reader reads numbers in
# (``comma``: vi, ``dot``: en), as babel.numbers gives them.  Constants, so reading a file of plain
# numbers never loads babel nor its locale data (a sixth of a small command's start-up:
# docs/performance.md); tests/test_startup.py compares them with babel's for each locale.
LOCALE_SYMBOLS: dict[str, tuple[str, str, str]] = {"vi": (",", ".", "-"), "en": (".", ",", "-")}


class PlainNumbers(NamedTuple):
    """A decimal style's plain numbers: the patterns of one cell and of a column, and the
    translation of such a number into Python's notation."""

    cell: re.Pattern[str]
    column: re.Pattern[str]
    python: dict[int, str | None]


@functools.cache
def plain_numbers(decimal: str) -> PlainNumbers:
    """The numbers of a style that need no locale parse: an optional minus, digits without
    leading zeros and, in the Vietnamese style only, groups of three (``1.050``), then an
    optional decimal part (``84,41``; ``84.41``).  Built from the locale's symbols
    (``LOCALE_SYMBOLS``, CLDR's as Babel gives them).  Babel's strict parser reads each of them as this translation
    does (tests/test_columns_io.py compares them); in the dot style a number that is
    ambiguous (``1.050``) is excluded, as ``parse_number`` refuses it."""
    point, group, minus = LOCALE_SYMBOLS["vi" if decimal == "comma" else "en"]
    whole = r"0|[1-9]\d*"
    if decimal == "comma":
        whole += rf"|[1-9]\d{{0,2}}(?:{re.escape(group)}\d{{3}})+"
    ambiguous = "" if decimal == "comma" else r"(?![-+]?[1-9]\d{0,2}[.,]\d{3}(?:\n|\Z))"
    cell = rf"{ambiguous}{re.escape(minus)}?(?:{whole})(?:{re.escape(point)}\d+)?"
    python: dict[int, str | None] = {ord(group): None, ord(point): ".", ord(minus): "-"}
    return PlainNumbers(re.compile(cell), re.compile(rf"(?:{cell}\n)*{cell}"), python)


_NUMBER_TYPES = frozenset(("count", "money", "percent", "ratio", "number", "points", "rank"))
"""The input types whose cells are numbers (convert_cell reads a plain one with parse_number)."""


def plain_number(text: str, decimal: str) -> str | None:
    """``text`` in Python's notation when it is a plain number of the style, else None.

    The one routine both ``parse_number`` (cell by cell) and ``parrules.columns_io`` (a whole
    column at once, ``plain_column``) read plain numbers with."""
    plain = plain_numbers(decimal)
    return text.translate(plain.python) if plain.cell.fullmatch(text) else None


def plain_column(texts: Sequence[str], decimal: str) -> list[str] | None:
    """Every text of a column in Python's notation when each is a plain number of the style
    (one regular-expression pass over the column), else None: then ``plain_number`` cell by cell."""
    if not texts:
        return []
    plain = plain_numbers(decimal)
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1 or not plain.column.fullmatch(joined):
        return None
    return joined.translate(plain.python).split("\n")


@in_library_context
def parse_number(text: str, decimal: str = "comma") -> Decimal:
    """A number written in the declared style; raises ValueError with the reason.

    Styles: ``comma`` (84,41; the Vietnamese way), ``dot`` (84.41), and ``program``: a
    number as a program writes it (``str(Decimal)``, a JSON number, ``score --lang en``),
    where digits with one point and no grouping are plain ("95.476" is 95.476, not the
    ambiguous ninety-five thousand of ``dot``) and anything else is read as ``dot``.
    """
    text = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if decimal == "program":
        if _PROGRAM.match(text):
            return Decimal(text)
        decimal = "dot"
    if decimal == "dot":
        if _GROUP_DOT.match(text) or _GROUP_COMMA.match(text):
            raise ValueError(
                sentence(
                    "{text!r} is ambiguous: with a decimal point it reads {plain}, but written the Vietnamese way "
                    "it means something else; write it without a thousands separator",
                    text=text,
                    plain=text.replace(",", ""),
                )
            )
        locale = "en"
    elif decimal == "comma":
        # In the Vietnamese style a comma is always the decimal mark: "1,179" is 1.179 (the
        # seeds print survey points so: "2,052"), and "1.050" is 1050.
        locale = "vi"
    else:  # pragma: no cover - guarded by the callers
        raise ValueError(f"unknown decimal style {decimal!r}")
    plain = plain_number(text, decimal)
    if plain is not None:  # the common case, without Babel's per-call parse of the locale
        return Decimal(plain)
    from babel.numbers import NumberFormatError, parse_decimal  # the rest: babel, loaded when first needed

    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError as exc:
        hint = sentence(" (the file is read with a decimal comma: 84,41; use --decimal dot for 84.41)")
        if decimal == "dot":
            hint = sentence(" (the file is read with a decimal point: 84.41)")
        suggestions = getattr(exc, "suggestions", None)
        if suggestions:
            raise ValueError(
                sentence(
                    "{text!r} is not a number in the declared format{hint}; did you mean {options}?",
                    text=text,
                    hint=hint,
                    options=" or ".join(suggestions),
                )
            ) from None
        raise ValueError(sentence("{text!r} is not a number{hint}", text=text, hint=hint)) from None
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(sentence("{text!r} is not a finite number", text=text))
    return value


@in_library_context
def convert_cell(value: Any, decl: n.InputDecl, decimal: str = "comma", number_format: str = "") -> Any:
    """One cell's raw value (str, int, float, Decimal, bool) as the input's Python value.

    Raises ValueError with the reason; ``None`` or blank raises LookupError (missing).
    """
    kind = decl.type
    if value is None or (isinstance(value, str) and not value.strip()):
        raise LookupError("empty")
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        if text.startswith("="):
            raise ValueError(sentence("the cell holds the formula {text!r} as text, not its value", text=text))
        if kind == "yesno":
            key = text.casefold()
            if key in YES:
                return True
            if key in NO:
                return False
            raise ValueError(sentence("{text!r} is not yes/no (write có/không, x, yes/no, true/false or 1/0)", text=text))
        if kind == "choice":
            if text in decl.options:
                return text
            folded = {o.casefold(): o for o in decl.options}
            if text.casefold() in folded:
                return folded[text.casefold()]
            labelled = {nfc(decl.label(o)).casefold(): o for o in decl.options}  # the dropdown's words
            if text.casefold() in labelled:
                return labelled[text.casefold()]
            raise ValueError(sentence("{text!r} is not one of {options}", text=text, options=", ".join(decl.options)))
        if text.endswith("%"):
            if kind != "percent":
                raise ValueError(sentence("{text!r}: a percent sign is only allowed for a percent input", text=text))
            text = text[:-1].rstrip()
        return parse_number(text, decimal)
    if isinstance(value, bool):
        if kind == "yesno":
            return value
        raise ValueError(sentence("{value} is yes/no, but the input is a {kind}", value=repr(value), kind=kind))
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(sentence("{value} is not a finite number", value=repr(value)))
            number = Decimal(repr(value))
        else:
            number = Decimal(value)
        if kind == "yesno":
            if number in (0, 1):
                return bool(number)
            raise ValueError(sentence("{value} is not yes/no (1 or 0)", value=repr(value)))
        if kind == "choice":
            raise ValueError(sentence("{value} is not one of {options}", value=repr(value), options=", ".join(decl.options)))
        if kind == "percent" and "%" in number_format:
            number = number * 100  # a spreadsheet percent cell stores 98.3% as 0.983
        # 10.0 (a float cell) is the count 10, not 1E+1 as normalize() would write it
        return number.to_integral_value() if number == number.to_integral_value() else number
    raise ValueError(sentence("a {kind} value ({value}) is not allowed here", kind=type(value).__name__, value=repr(value)))


# ---------------------------------------------------------------- tables


def _header_key(text: Any) -> str:
    return nfc(str(text)) if text is not None else ""


# a number with a decimal point that is not Vietnamese: 84.41, 0.5, 12.3456% (but not 1.050)
_DOT_ONLY = re.compile(r"^-?\d+\.\d+%?$")
_VI_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+%?$")


def _column_styles(
    body: Sequence[tuple[int, Sequence[Any], Sequence[str]]],
    columns: dict[str, int],
    decls: dict[str, n.InputDecl],
    decimal: str,
    path: str,
    warnings: list[str],
) -> dict[str, str]:
    """The decimal style of each column: the file's, unless a column cannot be read so.

    A column read with a decimal comma whose cells include "84.41" (which no
    Vietnamese number is), and none that only the Vietnamese style reads ("84,41",
    "1.050"), is read with a decimal point.  A column holding both kinds keeps the
    file's style, so its "84.41" cells are errors naming row and column: never a guess.
    """
    styles = dict.fromkeys(columns, decimal)
    if decimal != "comma":
        return styles
    for name, i in columns.items():
        if decls[name].type in ("yesno", "choice"):
            continue
        dot_only = vietnamese = None
        for _number, values, _formats in body:
            value = values[i] if i < len(values) else None
            text = value.strip().replace(" ", "") if isinstance(value, str) else ""
            if _DOT_ONLY.match(text) and not _VI_GROUPED.match(text):
                dot_only = dot_only or text
            elif "," in text or _VI_GROUPED.match(text):
                vietnamese = text
                break  # the column keeps the file's style, whatever its other cells hold
        if dot_only and not vietnamese:
            styles[name] = "dot"
            warnings.append(
                sentence(
                    "{path}: column {column!r} is read with a decimal point: its cells such as {example!r} "
                    "are not numbers in the Vietnamese style",
                    path=path,
                    column=name,
                    example=dot_only,
                ).text()
            )
    return styles


def _fraction_columns(
    body: Sequence[SourceRow],
    columns: dict[str, int],
    decls: dict[str, n.InputDecl],
    styles: dict[str, str],
) -> dict[str, tuple[int, Any]]:
    """The percent columns that hold fractions: every value within 0..1, one above 0.

    ``0,8441`` in a percent column is almost surely 84.41 % typed as a fraction (an
    Excel cell in General format, or a value copied from a ratio); read as written it
    would score 0.84 %.  A column with one ``%`` written or a cell formatted as percent
    says how it is written, and a column declared ``in 0..1`` expects such values; those
    are not suspected.  Returns column -> (row, text) of its first value above 0.
    """
    found: dict[str, tuple[int, Any]] = {}
    for name, i in columns.items():
        decl = decls[name]
        if decl.type != "percent" or (decl.high is not None and decl.high <= 1):
            continue
        first: tuple[int, Any] | None = None
        fractions = True
        for row in body:
            if row.problem is not None or i >= len(row.values):
                continue
            value = row.values[i]
            fmt = row.formats[i] if i < len(row.formats) else ""
            if (isinstance(value, str) and value.strip().endswith("%")) or "%" in (fmt or ""):
                fractions = False
                break
            if isinstance(value, str) and not any(ch.isdigit() for ch in value):
                continue  # words (a description row): no number, and no need to ask babel so
            try:
                number = convert_cell(value, decl, styles[name], fmt or "")
            except (LookupError, ValueError, InvalidOperation, TypeError):
                continue
            if not isinstance(number, Decimal) or not 0 <= number <= 1:
                fractions = False
                break
            if number > 0 and first is None:
                first = (row.number, value)
        if fractions and first is not None:
            found[name] = first
    return found


@in_library_context
def read_table(
    rows: Iterable[tuple[Any, ...]],
    ruleset: Ruleset,
    *,
    path: str = "<data>",
    unit_column: str | None = None,
    decimal: str = "comma",
    same_width: bool = False,
    fractions: bool | None = None,
) -> DataSet:
    """Rows of cells (row number, values, number formats[, problem]), the first being the header.

    ``same_width`` (CSV): a row with more or fewer fields than the header is rejected
    (D205); a delimiter typed or lost shifts every value after it.  ``fractions`` says
    what a percent column holding only values within 0..1 is (see ``_fraction_columns``):
    None rejects its cells (D211) until told, True reads 0,8441 as 84.41 %, False reads
    the values as written (0,8441 %).
    """
    data = DataSet(path)
    iterator = (SourceRow(*item) for item in rows)
    head = read_header(iterator, ruleset, data, unit_column=unit_column, decimal=decimal)
    body = list(iterator)
    styles = _column_styles(
        [(r.number, r.values, r.formats) for r in body if r.problem is None],
        head.columns,
        ruleset.inputs,
        decimal,
        path,
        data.warnings,
    )
    suspects = _fraction_columns(body, head.columns, ruleset.inputs, styles)
    warn_fractions(data, suspects, fractions)
    reader = RowReader(ruleset, data, head, styles, suspects, fractions=fractions, same_width=same_width)
    for row in body:
        reader.read(row)
    return data


class Header(NamedTuple):
    """The header row of a data file: its cells, where the unit names are, each input's column."""

    row: SourceRow
    headers: list[str]
    unit_index: int
    columns: dict[str, int]


def read_header(
    rows: Iterator[SourceRow], ruleset: Ruleset, data: DataSet, *, unit_column: str | None, decimal: str
) -> Header:
    """The first row with a header cell, read from ``rows`` (the rows after it are left there):
    the unit column found and every input's column, or a DataError naming what is missing."""
    path = data.path
    if decimal not in DECIMAL_STYLES:
        raise DataError(sentence("unknown decimal style {decimal!r}; use comma (84,41) or dot (84.41)", decimal=decimal))
    decls = ruleset.inputs
    header: SourceRow | None = None
    for row in rows:
        if row.problem is not None:
            raise DataError(
                sentence("{path}: line {line}, before or at the header: {why}", path=path, line=row.number, why=row.problem[1])
            )
        if any(_header_key(v) for v in row.values):
            header = row
            break
    if header is None:
        raise DataError(sentence("{path}: the file has no header row", path=path))
    header_row = header.values
    data.header_row = header.number
    headers = [_header_key(v) for v in header_row]

    wanted = [nfc(unit_column)] if unit_column else list(UNIT_HEADERS)
    unit_index = None
    for i, h in enumerate(headers):
        if h.casefold() in {w.casefold() for w in wanted}:
            unit_index = i
            break
    if unit_index is None:
        accepted = ", ".join(repr(w) for w in wanted)
        raise DataError(sentence("{path}: no unit-name column (a header named {accepted})", path=path, accepted=accepted))

    columns: dict[str, int] = {}
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        if i == unit_index or not h:
            continue
        if h in seen:
            raise DataError(sentence("{path}: the column {column!r} appears twice", path=path, column=h))
        seen[h] = i
        if h in decls:
            columns[h] = i
        else:
            data.warnings.append(
                sentence("{path}: column {column!r} is not an input of this ruleset and was ignored", path=path, column=h).text()
            )
    missing = [name for name in decls if name not in columns]
    if missing:
        unknown = [h for h in seen if h not in decls]
        named = listed([sentence("{name}{hint}", name=name, hint=did_you_mean_said(name, unknown)) for name in missing])
        raise DataError(
            sentence(
                "{path}: no column for the input(s) {named}; "
                "`parrules template RULESET -o FILE` writes a file with every column",
                path=path,
                named=named,
            )
        )
    return Header(header, headers, unit_index, columns)


def warn_fractions(data: DataSet, suspects: dict[str, tuple[int, Any]], fractions: bool | None) -> None:
    """The warning for each percent column that looks like fractions, when not told what they are."""
    for name, (row_number, text) in suspects.items():
        if fractions is None:
            data.warnings.append(
                sentence(
                    "{path}: column {column!r} (percent) holds only values from 0 to 1, such as {shown} in row "
                    "{row}: these look like fractions, which would score as {text} %. Type percents "
                    "(84,41 for 84.41 %) or format the cells as % in Excel; or pass --fractions to read 0,8441 "
                    "as 84.41 %, or --no-fractions if the values are percents as written; its cells are rejected (D211)",
                    path=data.path,
                    column=name,
                    shown=repr(text),
                    text=text,
                    row=row_number,
                ).text()
            )


class RowReader:
    """Reads the rows after the header one at a time into a DataSet: a unit, a row rejected
    (every reason found), a blank line or the description row.  Holds what spans rows: the
    units seen (D202) and whether the first data row is still to come (the description row)."""

    def __init__(
        self,
        ruleset: Ruleset,
        data: DataSet,
        head: Header,
        styles: dict[str, str],
        suspects: dict[str, tuple[int, Any]],
        *,
        fractions: bool | None,
        same_width: bool,
    ):
        self.ruleset = ruleset
        self.data = data
        self.head = head
        self.styles = styles
        self.suspects = suspects
        self.fractions = fractions
        self.same_width = same_width
        self.first_data = True
        self.units_seen: dict[str, tuple[int, str]] = {}

    @in_library_context
    def read(self, row: SourceRow) -> None:
        data, decls, head = self.data, self.ruleset.inputs, self.head
        headers, header_row, unit_index, columns = head.headers, head.row.values, head.unit_index, head.columns
        styles, suspects, fractions, units_seen = self.styles, self.suspects, self.fractions, self.units_seen

        def cell(values: Sequence[Any], i: int) -> Any:
            return values[i] if i < len(values) else None

        number, values, formats = row.number, row.values, row.formats
        if row.problem is not None:
            data.rows_read += 1
            code, message = row.problem
            data.rejected.append(Rejected(None, number, [InputError(message, code=code, row=number)]))
            self.first_data = False
            return
        if not any(v is not None and str(v).strip() for v in values):
            data.skipped.append(number)
            return  # a blank row
        unit_raw = cell(values, unit_index)
        errors: list[InputError] = []
        if isinstance(unit_raw, _Unreadable) or (isinstance(unit_raw, str) and len(unit_raw) >= MAX_CELL_CHARS):
            unit = ""
        else:
            unit = nfc(str(unit_raw)) if unit_raw is not None else ""
        if self.first_data:
            self.first_data = False
            if unit.casefold() == DESCRIPTION_MARKER.casefold() or _is_description_row(values, columns, decls):
                data.description_row = number
                return
        data.rows_read += 1
        width_error: InputError | None = None
        if self.same_width and len(values) != len(header_row):
            width_error = InputError(
                sentence(
                    "the line has {fields} fields but the header (line {line}) has {width}: "
                    "a delimiter was typed or lost, and the values after it would be read under the wrong columns "
                    '(a decimal comma in a comma-separated file needs quotes: "0,4")',
                    fields=len(values),
                    line=head.row.number,
                    width=len(header_row),
                ),
                code="D205",
                unit=unit or None,
                row=number,
            )
        key = unit_key(unit)
        if isinstance(unit_raw, _Unreadable) or (isinstance(unit_raw, str) and len(unit_raw) >= MAX_CELL_CHARS):
            errors.append(_unreadable_error(unit_raw, None, number, headers[unit_index]))
        elif not key:
            errors.append(InputError(sentence("the unit name is empty"), code="D201", row=number, column=headers[unit_index]))
        elif key in units_seen:
            first_row, first_name = units_seen[key]
            alike: str | Sentence = ""
            if first_name != unit:
                alike = sentence(
                    " ({first!r} and {unit!r} differ only by invisible characters, spaces or "
                    "Unicode form, and are matched as one unit)",
                    first=first_name,
                    unit=unit,
                )
            errors.append(
                InputError(
                    sentence("the unit name is a duplicate of row {row}{alike}", row=first_row, alike=alike),
                    code="D202",
                    unit=unit,
                    row=number,
                    column=headers[unit_index],
                )
            )
        else:
            units_seen[key] = (number, unit)
        for i, v in enumerate(values):
            if (i >= len(headers) or not headers[i]) and v is not None and str(v).strip():
                # e.g. 0,4 unquoted in a comma-separated file: the 4 would be dropped silently
                errors.append(
                    InputError(
                        sentence(
                            "the cell holds {value!r} but its column has no header; delete it or name the column "
                            '(in a CSV file, a decimal comma needs quotes: "0,4")',
                            value=_short(v),
                        ),
                        code="D203",
                        unit=unit or None,
                        row=number,
                        column=_column_letter(i),
                    )
                )

        def cell_error(message: str | Sentence, code: str, name: str, unit: str = unit, row: int = number) -> InputError:
            """A problem of one input's cell in this row: unit, row and column named."""
            return InputError(message, code=code, input=name, unit=unit or None, row=row, column=name)

        mapping: dict[str, Any] = {}
        for name, i in columns.items():
            fmt = formats[i] if i < len(formats) else ""
            raw = cell(values, i)
            if isinstance(raw, _Unreadable) or (isinstance(raw, str) and len(raw) >= MAX_CELL_CHARS):
                errors.append(_unreadable_error(raw, unit or None, number, name, name))
                continue
            try:
                # a plain number of the column's style (most cells) read by parse_number's own plain-number
                # routine, without convert_cell's wrapping; anything else (percent signs, spaces, words) by it
                plain = (
                    plain_number(raw, styles[name])
                    if type(raw) is str and styles[name] != "program" and decls[name].type in _NUMBER_TYPES
                    else None
                )
                value = Decimal(plain) if plain is not None else convert_cell(raw, decls[name], styles[name], fmt or "")
            except LookupError:
                errors.append(cell_error(sentence("the cell is empty ({what})", what=_describe(decls[name])), "D101", name))
                continue
            except (ValueError, InvalidOperation) as exc:
                errors.append(cell_error(exc.args[0] if exc.args and isinstance(exc.args[0], Sentence) else str(exc), "D104", name))
                continue
            if name in suspects and not (isinstance(raw, str) and raw.strip().endswith("%")) and "%" not in fmt:
                if fractions is None:
                    if value != 0:
                        errors.append(
                            cell_error(
                                sentence(
                                    "{value!r} in a column of values all within 0..1 looks like a fraction "
                                    "({percent} %?); type the percent, or pass --fractions or --no-fractions",
                                    value=_short(raw),
                                    percent=(value * 100).normalize(),
                                ),
                                "D211",
                                name,
                            )
                        )
                    mapping[name] = value
                    continue
                if fractions:
                    value = value * 100
                    value = value.to_integral_value() if value == value.to_integral_value() else value
            mapping[name] = value
        if width_error is not None and not any(e.code == "D203" for e in errors):
            errors.append(width_error)  # after the cells' errors, which name their columns
        if errors and width_error is None and not any(e.code == "D203" for e in errors):
            errors.extend(_more_problems(self.ruleset, mapping, errors, unit, number))
        if errors:
            data.rejected.append(Rejected(unit or None, number, errors))
        else:
            data.units.append(UnitRow(unit, mapping, number))


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f") if number else "0"


def _short(value: Any, limit: int = 60) -> str:
    """A cell's text cut for a message (a 100 KB cell is named, not printed).  The cut is marked
    "..." only: a count of characters in words would be English inside a Vietnamese sentence
    (the messages that cut a text for its length give the length themselves)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _unreadable_error(raw: Any, unit: str | None, row: int, column: str, input: str | None = None) -> InputError:
    if isinstance(raw, _Unreadable):
        return InputError(raw.message, code=raw.code, input=input, unit=unit, row=row, column=column)
    return InputError(
        sentence(
            "the cell holds {length} characters, the {limit} a spreadsheet cell holds or more "
            "(a longer text is cut there when read): {start!r}",
            length=len(raw),
            limit=MAX_CELL_CHARS,
            start=_short(raw, 40),
        ),
        code="D207",
        input=input,
        unit=unit,
        row=row,
        column=column,
    )


def _column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: A, B, ..., Z, AA, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _describe(decl: n.InputDecl) -> str:
    text = decl.description or decl.name
    return f"{decl.type}: {text}"


def _is_description_row(values: Sequence[Any], columns: dict[str, int], decls: dict[str, n.InputDecl]) -> bool:
    """True when every input cell holds that input's template description."""
    hits = 0
    for name, i in columns.items():
        v = values[i] if i < len(values) else None
        if v is None or not str(v).strip():
            continue
        text = description_text(decls[name])  # as written, or as the template's writers neutralised it
        if nfc(str(v)) not in {nfc(text), nfc(safe_text.visible(text)), nfc(safe_text.for_csv(text))}:
            return False
        hits += 1
    return hits > 0


def description_text(decl: n.InputDecl) -> str:
    """The second-row text the template writes for an input: description and unit."""
    parts = [decl.description or decl.name]
    if decl.implicit_for:
        parts.append(f"[điểm tiêu chí {decl.implicit_for}]")
    if decl.type == "percent":
        parts.append("(%)")
    elif decl.unit:
        parts.append(f"({decl.unit})")
    if decl.type == "yesno":
        parts.append("[có/không]")
    elif decl.type == "choice":
        parts.append("[" + " / ".join(decl.label(o) for o in decl.options) + "]")  # the words a unit picks
    elif decl.type == "rank" and decl.low is not None and decl.high is not None:
        parts.append(f"[hạng {decl.low}..{decl.high}]")
    return " ".join(parts)


# ---------------------------------------------------------------- formats


def _read_text(path: Path) -> str:
    """The file's text: UTF-8, with or without a BOM.

    Anything else is refused with the fix, naming what the file looks like: UTF-16 (what
    Excel saves as "Unicode Text"), a binary file (a NUL byte), a file too large.  One
    encoding is read so that one file cannot mean two things.
    """
    size = path.stat().st_size
    if size > MAX_DATA_BYTES:
        raise DataError(
            sentence(
                "{path}: the file has {size} bytes, more than the {limit} a data file may have; is it the right file?",
                path=path,
                size=size,
                limit=MAX_DATA_BYTES,
            )
        )
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            sentence("{path}: the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8; save it as 'CSV UTF-8'", path=path)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            sentence(
                "{path}: the file is not UTF-8 text ({why} at byte {start}); save it as 'CSV UTF-8'",
                path=path,
                why=codec_reason(exc.reason),
                start=exc.start,
            )
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError(
            sentence("{path}: line {line} holds a NUL character: this is a binary file, not text", path=path, line=line)
        )
    return text


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def physical_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them: each ends at CR LF, CR or LF (not kept)."""
    return [m.group(0).rstrip("\r\n") for m in _LINE.finditer(text)]


def _csv_rows(path: Path, delimiter: str | None) -> Iterator[tuple[int, list[Any], list[str]]]:
    """(line, cells, formats) for the readers of other tables (results, published, aliases).

    The lines are read as ``_csv_lines`` reads them; a line that cannot be read stops the
    reading with a DataError naming it, as such a table has no row to reject it from."""
    for row in _csv_lines(path, delimiter):
        if row.problem is not None:
            raise DataError(
                sentence("{path}: line {line}: {code}: {why}", path=path, line=row.number, code=row.problem[0], why=row.problem[1])
            )
        yield row.number, list(row.values), []


def _csv_lines(path: Path, delimiter: str | None) -> Iterator[SourceRow]:
    """One row per physical line, each line parsed on its own by the csv module (strict).

    A line is never joined to the next: a quote left open on a line would otherwise
    swallow the lines after it into one cell (one "unit" rejected, a hundred lost).
    """
    text = _read_text(path)
    lines = physical_lines(text)
    if delimiter is None:
        delimiter = _guess_delimiter(text)
    yield from csv_line_rows(lines, delimiter, lambda number, _line, opened: _open_quote_message(lines, number, opened))


def csv_line_rows(
    lines: Iterable[str], delimiter: str, open_quote: Callable[[int, str, int | None], Sentence]
) -> Iterator[SourceRow]:
    """The rows of a CSV file's physical lines, each parsed on its own (strict): a line too long
    is D207, one with an odd number of quotes D204 (``open_quote(number, line, opened)`` says
    why: ``opened`` is the line whose quote it would close), one the csv module refuses D206;
    a blank cell is None.  The one reading of CSV lines, for the whole-file reader above and
    ``parrules.columns_io``, which reads a file a chunk at a time."""
    opened: int | None = None  # the line whose open quote a spreadsheet would carry on
    for number, line in enumerate(lines, start=1):
        quotes = line.count('"') % 2
        if len(line) > MAX_LINE_CHARS:
            yield SourceRow(
                number,
                [],
                [],
                (
                    "D207",
                    sentence(
                        "line {number} has {length} characters, more than the {limit} a data line may have; "
                        "it is not read ({start!r})",
                        number=number,
                        length=len(line),
                        limit=MAX_LINE_CHARS,
                        start=_short(line, 40),
                    ),
                ),
            )
        elif quotes:
            yield SourceRow(number, [], [], ("D204", open_quote(number, line, opened)))
        else:
            try:
                fields = next(csv.reader([line], delimiter=delimiter, strict=True), [])
            except csv.Error as exc:
                yield SourceRow(
                    number,
                    [],
                    [],
                    (
                        "D206",
                        sentence(
                            "the line is not well-formed CSV ({why}): {start!r}",
                            why=csv_reason(exc),
                            start=_short(line, 60),
                        ),
                    ),
                )
            else:
                if "" in fields or not all(map(str.strip, fields)):
                    yield SourceRow(number, [v if v.strip() else None for v in fields], [])
                else:  # no blank cell (most lines): the fields as they are
                    yield SourceRow(number, fields, [])
        if quotes:
            opened = None if opened is not None else number


def _open_quote_message(lines: list[str], number: int, opened: int | None) -> Sentence:
    """Why a line with an odd number of quotes is rejected, and what a spreadsheet would do."""
    line = lines[number - 1]
    if opened is not None:
        return sentence(
            "line {number} closes a quote left open in line {opened}; a cell cannot span lines, so the line "
            "is rejected and the lines between were read on their own ({start!r})",
            number=number,
            opened=opened,
            start=_short(line, 60),
        )
    end = next((k for k in range(number + 1, len(lines) + 1) if lines[k - 1].count('"') % 2), len(lines))
    if number == len(lines):
        swallowed = sentence("nothing (it is the last line)")
    else:
        swallowed = (
            sentence("line {line}", line=number + 1)
            if end == number + 1
            else sentence("lines {first}..{last}", first=number + 1, last=end)
        )
    return sentence(
        "a quote opened in line {number} is not closed on that line ({start!r}); a cell cannot span "
        "lines, so the line is rejected and the next ones are read on their own (a spreadsheet would join "
        '{swallowed} to it). Delete the stray " or close it; a quote inside a cell is written ""',
        number=number,
        start=_short(line, 60),
        swallowed=swallowed,
    )


def _guess_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most fields (',' ';' or tab)."""
    first = next((line for line in physical_lines(text) if line.strip()), "")[:MAX_LINE_CHARS]
    best, width = ",", 0
    for d in (",", ";", "\t"):
        try:
            fields = next(csv.reader([first], delimiter=d), [])
        except csv.Error:  # e.g. a field over the process's csv.field_size_limit
            continue
        if len(fields) > width:
            best, width = d, len(fields)
    return best


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[Any], list[str]]]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, zipfile.BadZipFile) as exc:  # a .xlsx that is no zip too
        why = workbook_reason(exc)
        raise DataError(sentence("{path}: not a readable .xlsx workbook ({why})", path=path, why=why)) from None

    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise DataError(
                    sentence("{path}: no sheet {sheet!r}; sheets: {sheets}", path=path, sheet=sheet, sheets=", ".join(wb.sheetnames))
                )
            ws = wb[sheet]
        else:
            ws = wb.worksheets[0]
        ws.reset_dimensions()
        number = 0
        for row in ws.iter_rows():
            number += 1
            real = [c for c in row if getattr(c, "row", None) is not None]
            if real:
                number = real[0].row
            values = [c.value for c in row]
            values = [v if not (isinstance(v, str) and not v.strip()) else None for v in values]
            formats = [getattr(c, "number_format", "") or "" for c in row]
            yield number, values, formats
    except zipfile.BadZipFile as exc:  # pragma: no cover - caught at load in practice
        raise DataError(sentence("{path}: not a readable .xlsx workbook ({why})", path=path, why=workbook_reason(exc))) from None
    finally:
        wb.close()


def _json_number(text: str) -> Decimal | _Unreadable:
    """A JSON number as an exact Decimal; a literal too long to be a score input is reported.

    The default int() refuses 4,300+ digits with a ValueError that names no row; the hook
    keeps the literal at its record and column instead."""
    if len(text) > MAX_NUMBER_CHARS:
        return _Unreadable(
            "D208",
            sentence(
                "the number {start}... has {length} characters, more than the {limit} a value may have",
                start=text[:20],
                length=len(text),
                limit=MAX_NUMBER_CHARS,
            ),
        )
    return Decimal(text)


# A string (skipped whole, closed or running to the end: possessive, so one linear pass
# even over a hostile file of quotes and backslashes), or a bracket.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\Z)|[\[\]{}]', re.S)


def _json_depth_guard(text: str, path: Path) -> None:
    """Refuse brackets nested deeper than MAX_JSON_DEPTH before json.loads recurses into them."""
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group(0)
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                raise DataError(
                    sentence(
                        "{path}:{line}:{column}: the JSON is nested more than {limit} levels deep; "
                        'data is a list of units ([{{"unit": ..., "input": value}}]) or an object of unit -> inputs',
                        path=path,
                        line=line,
                        column=column,
                        limit=MAX_JSON_DEPTH,
                    )
                )
        elif token in "]}":
            depth = max(depth - 1, 0)


class _Record(dict):  # type: ignore[type-arg]
    """A JSON object, with the keys it gave more than once (json.loads keeps the last)."""

    twice: list[str]


def _json_object(pairs: list[tuple[str, Any]]) -> _Record:
    record = _Record(pairs)
    counts: dict[str, int] = {}
    for k, _v in pairs:
        counts[k] = counts.get(k, 0) + 1
    record.twice = [k for k, c in counts.items() if c > 1]
    return record


def _json_rows(path: Path, ruleset: Ruleset, unit_column: str | None) -> Iterator[SourceRow]:
    text = _read_text(path)
    _json_depth_guard(text, path)
    import json  # here: only a JSON data file needs it (start-up, docs/performance.md)

    try:
        doc = json.loads(text, parse_float=_json_number, parse_int=_json_number, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise DataError(
            sentence("{path}:{line}:{column}: not valid JSON: {why}", path=path, line=exc.lineno, column=exc.colno, why=json_reason(exc.msg))
        ) from None
    except RecursionError:  # pragma: no cover - the depth guard refuses such files first
        raise DataError(sentence("{path}: the JSON is nested too deeply", path=path)) from None
    unit_key = unit_column or "unit"
    if isinstance(doc, dict) and "units" in doc and isinstance(doc["units"], list):
        doc = doc["units"]
    if isinstance(doc, dict):
        records = []
        for name, body in doc.items():
            record = _Record({unit_key: name, **(body if isinstance(body, dict) else {})})
            record.twice = list(getattr(body, "twice", [])) + ([name] if name in getattr(doc, "twice", []) else [])
            records.append(record if isinstance(body, dict) else body)
    elif isinstance(doc, list):
        records = doc
    else:
        raise DataError(
            sentence("{path}: expected a list of units (objects) or an object of unit name -> inputs", path=path)
        )
    names: list[str] = []
    for record in records:
        if isinstance(record, dict):
            for k in record:
                if k not in names:
                    names.append(k)
    if unit_key not in names:
        for k in names:
            if nfc(k).casefold() in UNIT_HEADERS:
                unit_key = k
                break
    if unit_key in names:
        names.remove(unit_key)
    header = [unit_key, *names]
    yield SourceRow(0, header, [])
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            yield SourceRow(
                number,
                [],
                [],
                (
                    "D209",
                    sentence(
                        "record {number} is not an object of input name -> value but {start!r}",
                        number=number,
                        start=_short(record, 40),
                    ),
                ),
            )
            continue
        twice = getattr(record, "twice", [])
        if twice:
            yield SourceRow(
                number,
                [],
                [],
                (
                    "D210",
                    sentence(
                        "record {number} ({unit!r}) gives {names} more than once; which value is meant cannot be known",
                        number=number,
                        unit=_short(record.get(unit_key), 40),
                        names=", ".join(map(repr, twice)),
                    ),
                ),
            )
            continue
        values = []
        for k in header:
            v = record.get(k)
            if k == unit_key and isinstance(v, Decimal | int) and not isinstance(v, bool):
                v = str(v)
            values.append(v)
        yield SourceRow(number, values, [])


@in_library_context
def read_data(
    path: str | Path,
    ruleset: Ruleset,
    *,
    unit_column: str | None = None,
    decimal: str = "comma",
    sheet: str | None = None,
    delimiter: str | None = None,
    fractions: bool | None = None,
) -> DataSet:
    """Read a CSV, XLSX or JSON data file (chosen by its suffix) against a ruleset's inputs.

    Row numbers are those a spreadsheet shows (the header is row 1); for CSV, the
    physical line; for JSON, the record's position in the list (1-based).
    ``fractions``: see ``read_table``.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise DataError(sentence("no data file {path!r}", path=str(p)))
    if p.is_dir():
        raise DataError(sentence("{path!r} is a folder, not a data file", path=str(p)))
    if suffix in (".xlsx", ".xlsm"):
        rows: Iterable[tuple[Any, ...]] = _xlsx_rows(p, sheet)
    elif suffix == ".json":
        rows = _json_rows(p, ruleset, unit_column)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _csv_lines(p, "\t" if suffix == ".tsv" and delimiter is None else delimiter)
    elif suffix == ".xls":
        raise DataError(sentence("{path}: old .xls workbooks are not read; save it as .xlsx or CSV UTF-8", path=p))
    else:
        raise DataError(
            sentence("{path}: unknown data format {suffix!r}; use .csv, .xlsx or .json", path=p, suffix=suffix or "(no suffix)")
        )
    data = read_table(
        rows,
        ruleset,
        path=str(p),
        unit_column=unit_column,
        decimal=decimal,
        same_width=suffix in (".csv", ".txt", ".tsv"),
        fractions=fractions,
    )
    if suffix in (".xlsx", ".xlsm") and any(e.code == "D101" for r in data.rejected for e in r.errors):
        _explain_uncomputed_formulas(p, sheet, data)
    if suffix in (".xlsx", ".xlsm") and sheet is None:
        _warn_other_sheets(p, data)
    return data


def _warn_other_sheets(path: Path, data: DataSet) -> None:
    """Units on a second sheet are not read: say so, rather than let them vanish unnoticed."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        others = [
            ws.title
            for ws in wb.worksheets[1:]
            if (ws.title, ws.sheet_state) != (LISTS_SHEET, "hidden")  # a template's dropdowns, not units
            and any(v is not None and str(v).strip() for row in ws.iter_rows(max_row=100, values_only=True) for v in row)
        ]
    finally:
        wb.close()
    if others:
        data.warnings.append(
            sentence(
                "{path}: only the first sheet {first!r} was read; the sheet(s) {others} also hold data "
                "(use --sheet NAME to read one)",
                path=path,
                first=wb.sheetnames[0],
                others=", ".join(map(repr, others)),
            ).text()
        )


def _explain_uncomputed_formulas(path: Path, sheet: str | None, data: DataSet) -> None:
    """An empty cell that holds a formula whose value was never stored: say so, not just "empty"."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        ws.reset_dimensions()
        where: dict[str, int] | None = None
        formulas: dict[tuple[int, str], str] = {}
        wanted = {(e.row, e.column) for r in data.rejected for e in r.errors if e.code == "D101"}
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if where is None:  # the header is the first row with a value, as read_table reads it
                if any(_header_key(h) for h in values):
                    where = {_header_key(h): i for i, h in enumerate(values)}
                continue
            for row, column in wanted:
                if row == number and column in where and where[column] < len(values):
                    v = values[where[column]]
                    if isinstance(v, str) and v.startswith("="):
                        formulas[(row, column)] = v
    finally:
        wb.close()
    for r in data.rejected:
        for k, e in enumerate(r.errors):
            f = formulas.get((e.row, e.column))  # type: ignore[arg-type]
            if e.code == "D101" and f:
                r.errors[k] = InputError(
                    sentence(
                        "the cell holds the formula {formula!r} but no computed value; "
                        "open and save the file in Excel (or paste values) first",
                        formula=f,
                    ),
                    code="D104",
                    input=e.input,
                    unit=e.unit,
                    row=e.row,
                    column=e.column,
                )


@in_library_context
def _more_problems(ruleset: Ruleset, mapping: dict[str, Any], errors: list[InputError], unit: str, row: int) -> list[InputError]:
    """The problems of a rejected row's readable cells too (out of range, a constraint ...), so
    one reading names every mistake of the row; the cells already reported are not checked again."""
    from .problems import every_problem

    known = {e.input for e in errors if e.input is not None}
    found = every_problem(ruleset, {k: v for k, v in mapping.items() if k not in known}, known=known)
    return [_located(e, unit, row) for e in found if e.input not in known or e.code == "D108"]


def _located(exc: InputError, unit: str, row: int) -> InputError:
    return InputError(
        exc.message,
        code=exc.code,
        input=exc.input,
        node=exc.node,
        unit=unit or None,
        row=row,
        column=exc.column if exc.column is not None else exc.input,
        said=exc.sentence,
    )


def score_data(
    ruleset: Ruleset,
    data: DataSet,
    progress: Callable[[Iterable[UnitRow]], Iterable[UnitRow]] | None = None,
) -> ScoreRun:
    """Score every unit read; a unit the evaluator rejects joins the rows rejected at reading.

    ``progress`` wraps the units iterated (the command line passes a tqdm bar).
    """
    cards: list[Scorecard] = []
    rows: dict[int, int] = {}
    rejected = list(data.rejected)
    for unit, inputs, row in progress(data.units) if progress is not None else data.units:
        try:
            card = ruleset.evaluate(inputs, unit=unit)
        except InputError as exc:
            from .problems import every_problem  # the evaluator names one problem: find the others

            found = every_problem(ruleset, inputs, first=exc)
            rejected.append(Rejected(unit, row, [_located(e, unit, row) for e in found]))
            continue
        cards.append(card)
        rows[id(card)] = row
    rejected.sort(key=lambda r: r.row)
    return ScoreRun(data, cards, rows, rejected)


# ---------------------------------------------------------------- templates


def template_columns(ruleset: Ruleset) -> list[tuple[str, str]]:
    """(header, description) for the unit column and each input."""
    cols = [("Đơn vị", DESCRIPTION_MARKER)]
    for name, decl in ruleset.inputs.items():
        cols.append((name, description_text(decl)))
    return cols
